import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { CatalogStatus } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { ZCatalogDelete, ZCatalogStatusChange } from "@/lib/validation/catalog";
import { parseInput } from "@/lib/validation/parse";
import { staleVersion } from "../conflict";
import { canChangeCatalogStatus } from "./rules";
import { loadCatalogItemUsage } from "./usage";

/**
 * Activates, retires or reinstates an item. Clinicians only ever pick ACTIVE items. Retiring takes
 * the fingerprint of the usage the admin confirmed (getCatalogItemUsage): when a protocol or an
 * active plan started or stopped using the item since, nothing changes (CONFLICT). Protocols keep
 * a retired item, marked retired and hidden from clinicians; plans keep their activities (ADR 040).
 */
export async function changeCatalogItemStatus(
  actor: Actor,
  input: { id: string; version: number; status: CatalogStatus; usage?: string },
): Promise<{ version: number }> {
  assertCan(actor, "catalog:manage");
  const { id, version, status, usage } = parseInput(ZCatalogStatusChange, input);
  return db().$transaction(async (tx) => {
    const item = await tx.catalogItem.findFirst({ where: { id, clinicId: actor.clinicId }, select: { status: true, version: true } });
    if (!item) throw notFound("Catalog item");
    if (item.version !== version) throw staleVersion("treatment");
    if (!canChangeCatalogStatus(item.status, status)) {
      throw new AppError("VALIDATION", `A ${item.status.toLowerCase()} item cannot become ${status.toLowerCase()}.`);
    }
    if (status === "RETIRED" && (await loadCatalogItemUsage(tx, actor.clinicId, id)).fingerprint !== usage) {
      throw new AppError("CONFLICT", "The protocols or active plans using this treatment changed since you were shown them. Nothing was retired: review the new list and confirm again.");
    }
    const { count } = await tx.catalogItem.updateMany({
      where: { id, clinicId: actor.clinicId, version },
      data: { status, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion("treatment");
    await recordAuditEvent(tx, { actor, action: `catalog.${status === "RETIRED" ? "retire" : "activate"}`, entityType: "CatalogItem", entityId: id });
    return { version: version + 1 };
  });
}

/** Deletes an unused DRAFT. Anything a plan or template uses can only be retired. */
export async function deleteCatalogItem(actor: Actor, input: { id: string; version: number }): Promise<void> {
  assertCan(actor, "catalog:manage");
  const { id, version } = parseInput(ZCatalogDelete, input);
  await db().$transaction(async (tx) => {
    const item = await tx.catalogItem.findFirst({
      where: { id, clinicId: actor.clinicId },
      select: { status: true, version: true, _count: { select: { activities: true, templateItems: true, performed: true } } },
    });
    if (!item) throw notFound("Catalog item");
    if (item.version !== version) throw staleVersion("treatment");
    if (item.status !== "DRAFT") throw new AppError("VALIDATION", "Only a draft can be deleted; retire an active item instead.");
    if (item._count.activities + item._count.performed > 0) throw new AppError("VALIDATION", "This item is used by a plan: retire it instead.");
    if (item._count.templateItems > 0) throw new AppError("VALIDATION", "This item is used by a protocol template: remove it there first.");
    // Its guideline statements and their history go with it (decision 044): they describe only this draft.
    await tx.guidelineStatementRevision.deleteMany({ where: { clinicId: actor.clinicId, statement: { catalogItemId: id } } });
    await tx.guidelineStatement.deleteMany({ where: { clinicId: actor.clinicId, catalogItemId: id } });
    await tx.catalogItem.deleteMany({ where: { id, clinicId: actor.clinicId, version } });
    await recordAuditEvent(tx, { actor, action: "catalog.delete", entityType: "CatalogItem", entityId: id });
  });
}
