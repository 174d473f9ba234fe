"use server";

import { ZGuidelineStances } from "@/lib/validation/guidelines";
import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { invitePatient } from "@/lib/domain/accounts/invite-patient";
import { locateFlagConflicts } from "@/lib/domain/patients/flag-conflicts";
import { createPatient, updatePatient } from "@/lib/domain/patients/save-patient";
import { createPlan, previewPlanFromTemplate } from "@/lib/domain/plans/create-plan";
import { authedAction } from "@/lib/server/with-route";
import { ZId } from "@/lib/validation/common";
import { ZInvitePatient } from "@/lib/validation/accounts";
import { ZPatientDetails, ZUpdatePatient } from "@/lib/validation/patients";
import { ZCreatePlan } from "@/lib/validation/plans";

export const createPatientAction = authedAction(ZPatientDetails, async (actor, input) => {
  const created = await createPatient(actor, input);
  revalidatePath("/clinic");
  return created;
});

// The edit page itself is not revalidated: the form keeps the saved state (and any conflicts) on screen.
export const updatePatientAction = authedAction(ZUpdatePatient, async (actor, input) => {
  const saved = await updatePatient(actor, input);
  revalidatePath("/clinic");
  revalidatePath(`/clinic/patients/${input.patientId}`);
  return { version: saved.version, conflicts: await locateFlagConflicts(actor, input.patientId, saved.conflicts) };
});

// `condition`/`icd10Code`: the plan's as typed, for the guideline stances (decision 044); else the protocol's.
export const previewPlanFromTemplateAction = authedAction(z.object({ patientId: ZId, templateId: ZId, condition: ZGuidelineStances.shape.condition.optional(), icd10Code: ZGuidelineStances.shape.icd10Code }), (actor, input) =>
  previewPlanFromTemplate(actor, input),
);

export const createPlanAction = authedAction(ZCreatePlan, async (actor, input) => {
  const created = await createPlan(actor, input);
  revalidatePath("/clinic");
  revalidatePath(`/clinic/patients/${input.patientId}`);
  return created;
});

// "Invite to the patient app": an emailed single-use link where the patient chooses a password (decision 034).
export const invitePatientAction = authedAction(ZInvitePatient, async (actor, input) => {
  const sent = await invitePatient(actor, input);
  revalidatePath(`/clinic/patients/${input.patientId}`);
  return sent;
});
