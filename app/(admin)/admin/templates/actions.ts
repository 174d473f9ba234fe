"use server";

import { revalidatePath } from "next/cache";
import { changeTemplateStatus } from "@/lib/domain/templates/change-template-status";
import { createTemplate, updateTemplate } from "@/lib/domain/templates/save-template";
import { reviewTemplateProposal } from "@/lib/domain/templates/own-templates";
import { authedAction } from "@/lib/server/with-route";
import { ZTemplateInput, ZTemplateStatusChange, ZTemplateUpdate } from "@/lib/validation/templates";
import { ZReviewProposal } from "@/lib/validation/templates";

function revalidateTemplates() {
  revalidatePath("/admin/templates");
  revalidatePath("/clinic/protocols");
}

export const createTemplateAction = authedAction(ZTemplateInput, async (actor, input) => {
  const created = await createTemplate(actor, input);
  revalidateTemplates();
  return created;
});

export const updateTemplateAction = authedAction(ZTemplateUpdate, async (actor, input) => {
  const saved = await updateTemplate(actor, input);
  revalidateTemplates();
  return saved;
});

export const changeTemplateStatusAction = authedAction(ZTemplateStatusChange, async (actor, input) => {
  const changed = await changeTemplateStatus(actor, input);
  revalidateTemplates();
  return changed;
});

// Proposals from clinicians (decision 039): approve into the clinic's protocols, or decline with a reason.
export const reviewTemplateProposalAction = authedAction(ZReviewProposal, async (actor, input) => {
  const reviewed = await reviewTemplateProposal(actor, input);
  revalidateTemplates();
  return reviewed;
});
