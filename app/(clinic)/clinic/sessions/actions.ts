"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { recordOutcome } from "@/lib/domain/outcomes/record-outcome";
import { changeSessionStatus, rescheduleSession, scheduleSession } from "@/lib/domain/sessions/scheduling";
import { copyForwardNote } from "@/lib/domain/sessions/copy-forward";
import { previewSessionSeries, scheduleSessionSeries } from "@/lib/domain/sessions/series";
import { addSessionAddendum, saveSessionNote, signSessionNote } from "@/lib/domain/sessions/session-note";
import { authedAction } from "@/lib/server/with-route";
import { ZAddendum, ZCopyForward, ZRecordOutcome, ZRescheduleSession, ZScheduleSession, ZSessionNote, ZSessionSeries, ZSessionStatusChange, ZSignSession } from "@/lib/validation/sessions";

// Sessions show up on the week view, the dashboard, the patient overview and the plan: refresh the clinic area.
const refreshClinic = () => revalidatePath("/clinic", "layout");

export const scheduleSessionAction = authedAction(ZScheduleSession, async (actor, input) => {
  const booked = await scheduleSession(actor, input);
  refreshClinic();
  return booked;
});

export const rescheduleSessionAction = authedAction(ZRescheduleSession, async (actor, input) => {
  const moved = await rescheduleSession(actor, input);
  refreshClinic();
  return moved;
});

// Cancelling and marking a no-show cannot be undone: the client sends `confirm: true` only from its dialog.
export const changeSessionStatusAction = authedAction(ZSessionStatusChange.extend({ confirm: z.literal(true) }), async (actor, input) => {
  const changed = await changeSessionStatus(actor, { sessionId: input.sessionId, version: input.version, status: input.status, reason: input.reason });
  refreshClinic();
  return changed;
});

export const saveSessionNoteAction = authedAction(ZSessionNote, async (actor, input) => {
  const saved = await saveSessionNote(actor, input);
  refreshClinic();
  return saved;
});

// Signing locks the note for good: only from the confirmation dialog.
export const signSessionNoteAction = authedAction(ZSignSession.extend({ confirm: z.literal(true) }), async (actor, input) => {
  const signed = await signSessionNote(actor, { sessionId: input.sessionId, version: input.version });
  refreshClinic();
  return signed;
});

export const addSessionAddendumAction = authedAction(ZAddendum, async (actor, input) => {
  const added = await addSessionAddendum(actor, input);
  refreshClinic();
  return added;
});

export const recordOutcomeAction = authedAction(ZRecordOutcome, async (actor, input) => {
  const recorded = await recordOutcome(actor, input);
  refreshClinic();
  return recorded;
});

// A read of the last signed note (audited); the draft changes only when it is saved.
export const copyForwardNoteAction = authedAction(ZCopyForward, async (actor, input) => copyForwardNote(actor, input));

// A series (decision 038): the preview saves nothing; booking writes every occurrence not skipped, or none.
export const previewSessionSeriesAction = authedAction(ZSessionSeries, async (actor, input) => previewSessionSeries(actor, input));

export const scheduleSessionSeriesAction = authedAction(ZSessionSeries, async (actor, input) => {
  const booked = await scheduleSessionSeries(actor, input);
  refreshClinic();
  return booked;
});
