"use server";

import { revalidatePath } from "next/cache";
import { addMeasureSchedules, askMeasureNow, removeMeasureSchedule } from "@/lib/domain/measures/manage-measures";
import { authedAction } from "@/lib/server/with-route";
import { ZAddMeasureSchedules, ZAskMeasureNow, ZRemoveMeasureSchedule } from "@/lib/validation/measures";

// The plan's measure schedule (issue 16, decision 046).

export const addMeasureSchedulesAction = authedAction(ZAddMeasureSchedules, async (actor, input) => {
  const added = await addMeasureSchedules(actor, input);
  revalidatePath(`/clinic/plans/${input.planId}`);
  return added;
});

// The client sends `confirm: true` only after the confirmation dialog.
export const removeMeasureScheduleAction = authedAction(ZRemoveMeasureSchedule, async (actor, input) => {
  const removed = await removeMeasureSchedule(actor, input);
  revalidatePath(`/clinic/plans/${input.planId}`);
  return removed;
});

export const askMeasureNowAction = authedAction(ZAskMeasureNow, async (actor, input) => {
  const asked = await askMeasureNow(actor, input);
  revalidatePath(`/clinic/plans/${input.planId}`);
  return asked;
});
