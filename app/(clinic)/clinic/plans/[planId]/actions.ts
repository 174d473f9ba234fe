"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { BodyRegion } from "@/lib/enums";
import { getCatalogItem } from "@/lib/domain/catalog/get-catalog-item";
import { listCatalogItems, type CatalogItemRow } from "@/lib/domain/catalog/list-catalog-items";
import { addPlanActivity, changePlanActivityStatus, movePlanActivity, movePlanActivityTo, updatePlanActivity } from "@/lib/domain/plans/plan-activities";
import { copyPlan } from "@/lib/domain/plans/copy-plan";
import { saveAsTemplate } from "@/lib/domain/templates/own-templates";
import { changePlanStatus, updatePlanDetails } from "@/lib/domain/plans/update-plan";
import { moveActivityMedia, removeActivityMedia, updateActivityMedia } from "@/lib/domain/media/manage-media";
import { authedAction } from "@/lib/server/with-route";
import { ZMoveMedia, ZRemoveMedia, ZUpdateMedia } from "@/lib/validation/media";
import { ZId } from "@/lib/validation/common";
import { searchText } from "@/lib/validation/fields";
import { ZActivityStatusChange, ZAddActivity, ZChangePlanStatus, ZMoveActivity, ZMoveActivityTo, ZUpdateActivity, ZUpdatePlanDetails } from "@/lib/validation/plans";
import { ZCopyPlan } from "@/lib/validation/plans";
import { ZSaveAsTemplate } from "@/lib/validation/templates";

function revalidatePlan(planId: string) {
  revalidatePath(`/clinic/plans/${planId}`);
  revalidatePath(`/clinic/plans/${planId}/print`);
}

export const updatePlanDetailsAction = authedAction(ZUpdatePlanDetails, async (actor, input) => {
  const saved = await updatePlanDetails(actor, input);
  revalidatePlan(input.planId);
  return saved;
});

export const changePlanStatusAction = authedAction(ZChangePlanStatus, async (actor, input) => {
  const changed = await changePlanStatus(actor, input);
  revalidatePlan(input.planId);
  return changed;
});

export const addPlanActivityAction = authedAction(ZAddActivity, async (actor, input) => {
  const added = await addPlanActivity(actor, input);
  revalidatePlan(input.planId);
  return added;
});

export const updatePlanActivityAction = authedAction(ZUpdateActivity, async (actor, input) => {
  const saved = await updatePlanActivity(actor, input);
  revalidatePlan(input.planId);
  return saved;
});

export const changePlanActivityStatusAction = authedAction(ZActivityStatusChange, async (actor, input) => {
  const changed = await changePlanActivityStatus(actor, input);
  revalidatePlan(input.planId);
  return changed;
});

export const movePlanActivityAction = authedAction(ZMoveActivity, async (actor, input) => {
  const moved = await movePlanActivity(actor, input);
  revalidatePlan(input.planId);
  return moved;
});

// Drag and drop, or its keyboard equivalent: the activity's new place in the order (ADR 040).
export const movePlanActivityToAction = authedAction(ZMoveActivityTo, async (actor, input) => {
  const moved = await movePlanActivityTo(actor, input);
  revalidatePlan(input.planId);
  return moved;
});

export type CatalogSearchResult = Pick<CatalogItemRow, "id" | "name" | "kind" | "setting" | "contraindications" | "bodyRegions" | "tags">;

/**
 * Search-as-you-type over the treatments a clinician may assign (ACTIVE only, enforced by the
 * domain): by name, description, a condition or tag, and/or a body region (decision 040).
 */
export const searchCatalogAction = authedAction(
  z
    .object({ q: searchText(), region: z.enum(BodyRegion).optional() })
    .refine((v) => v.q !== "" || v.region !== undefined, { path: ["q"], error: "Type a search or choose a body region" }),
  async (actor, input): Promise<CatalogSearchResult[]> => {
    const { rows } = await listCatalogItems(actor, { q: input.q || undefined, region: input.region });
    return rows.map(({ id, name, kind, setting, contraindications, bodyRegions, tags }) => ({ id, name, kind, setting, contraindications, bodyRegions, tags }));
  },
);

/** The chosen treatment's defaults, to pre-fill the activity form. */
export const getCatalogItemAction = authedAction(z.object({ id: ZId }), async (actor, input) => {
  const item = await getCatalogItem(actor, input.id);
  return { id: item.id, name: item.name, kind: item.kind, setting: item.setting, dose: item.dose, contraindications: item.contraindications };
});

// Pictures and videos the care team attached to one of the patient's activities (decision 029);
// uploads go to /api/v1/uploads/activities/<id>. The editor refreshes its page after each change.
export const moveActivityMediaAction = authedAction(ZMoveMedia, (actor, input) => moveActivityMedia(actor, input));

export const updateActivityMediaAction = authedAction(ZUpdateMedia, (actor, input) => updateActivityMedia(actor, input));

// The client sends `confirm: true` only after the confirmation dialog.
export const removeActivityMediaAction = authedAction(ZRemoveMedia, (actor, input) => removeActivityMedia(actor, input));

// Copying a plan (decision 039): the target patient is re-checked for contraindications.
export const copyPlanAction = authedAction(ZCopyPlan, async (actor, input) => {
  const copied = await copyPlan(actor, input);
  revalidatePath("/clinic");
  revalidatePath(`/clinic/patients/${input.patientId}`);
  return copied;
});

// "Save as protocol" (decision 039): the clinician's own, or proposed to the clinic's protocols.
export const saveAsTemplateAction = authedAction(ZSaveAsTemplate, async (actor, input) => {
  const saved = await saveAsTemplate(actor, input);
  revalidatePath("/clinic/protocols");
  revalidatePath("/admin/templates");
  return saved;
});
