"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { changeCatalogItemStatus, deleteCatalogItem } from "@/lib/domain/catalog/change-catalog-item-status";
import { createCatalogItem, updateCatalogItem } from "@/lib/domain/catalog/save-catalog-item";
import { moveCatalogMedia, updateCatalogMedia } from "@/lib/domain/media/manage-media";
import { authedAction } from "@/lib/server/with-route";
import { ZMoveMedia, ZUpdateMedia } from "@/lib/validation/media";
import { ZCatalogDelete, ZCatalogItemInput, ZCatalogItemUpdate, ZCatalogStatusChange } from "@/lib/validation/catalog";
import { createGuidelineStatement, setGuidelineStatementRetired, updateGuidelineStatement } from "@/lib/domain/guidelines/save-guideline-statement";
import { ZGuidelineStatementCreate, ZGuidelineStatementRetire, ZGuidelineStatementUpdate } from "@/lib/validation/guidelines";

export const createCatalogItemAction = authedAction(ZCatalogItemInput, async (actor, input) => {
  const created = await createCatalogItem(actor, input);
  revalidatePath("/admin/catalog");
  return created;
});

export const updateCatalogItemAction = authedAction(ZCatalogItemUpdate, async (actor, input) => {
  const saved = await updateCatalogItem(actor, input);
  revalidatePath("/admin/catalog");
  return saved;
});

export const changeCatalogItemStatusAction = authedAction(ZCatalogStatusChange, async (actor, input) => {
  const changed = await changeCatalogItemStatus(actor, input);
  revalidatePath("/admin/catalog");
  return changed;
});

// The client sends `confirm: true` only from the confirmation dialog.
export const deleteCatalogItemAction = authedAction(ZCatalogDelete.extend({ confirm: z.literal(true) }), async (actor, input) => {
  await deleteCatalogItem(actor, { id: input.id, version: input.version });
  revalidatePath("/admin/catalog");
  return { deleted: true };
});

// Pictures and videos of a treatment: the editor refreshes its page after each change.
export const moveCatalogMediaAction = authedAction(ZMoveMedia, (actor, input) => moveCatalogMedia(actor, input));

export const updateCatalogMediaAction = authedAction(ZUpdateMedia, (actor, input) => updateCatalogMedia(actor, input));

// Guideline statements on a treatment (issue 16, decision 044): the editor refreshes its page.
export const createGuidelineStatementAction = authedAction(ZGuidelineStatementCreate, (actor, input) => createGuidelineStatement(actor, input));

export const updateGuidelineStatementAction = authedAction(ZGuidelineStatementUpdate, (actor, input) => updateGuidelineStatement(actor, input));

export const setGuidelineStatementRetiredAction = authedAction(ZGuidelineStatementRetire, (actor, input) => setGuidelineStatementRetired(actor, input));
