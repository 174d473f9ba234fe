import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { ZCatalogItemInput, ZCatalogItemUpdate, type TCatalogItemInput, type TCatalogItemUpdate } from "@/lib/validation/catalog";
import { parseInput } from "@/lib/validation/parse";
import { isUniqueViolation, staleVersion } from "../conflict";
import { catalogColumns } from "./dto";

const duplicateName = () =>
  new AppError("VALIDATION", "Please correct the highlighted fields.", { name: ["An item with this name already exists in the catalog."] });

/** Creates a catalog item as DRAFT. A duplicate name in the clinic is a field error. */
export async function createCatalogItem(actor: Actor, input: TCatalogItemInput): Promise<{ id: string }> {
  assertCan(actor, "catalog:manage");
  const data = parseInput(ZCatalogItemInput, input);
  try {
    return await db().$transaction(async (tx) => {
      const item = await tx.catalogItem.create({ data: { clinicId: actor.clinicId, status: "DRAFT", ...catalogColumns(data) }, select: { id: true } });
      await recordAuditEvent(tx, { actor, action: "catalog.create", entityType: "CatalogItem", entityId: item.id });
      return item;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

/**
 * Saves an edit made from `version`; bumps the version. Plans keep the snapshot they were given,
 * so an edit never rewrites a patient's plan. A stale version changes nothing (CONFLICT).
 */
export async function updateCatalogItem(actor: Actor, input: TCatalogItemUpdate): Promise<{ id: string; version: number }> {
  assertCan(actor, "catalog:manage");
  const { id, version, ...fields } = parseInput(ZCatalogItemUpdate, input);
  try {
    return await db().$transaction(async (tx) => {
      const { count } = await tx.catalogItem.updateMany({
        where: { id, clinicId: actor.clinicId, version },
        data: { ...catalogColumns(fields), version: { increment: 1 } },
      });
      if (count === 0) {
        const exists = await tx.catalogItem.findFirst({ where: { id, clinicId: actor.clinicId }, select: { id: true } });
        throw exists ? staleVersion("treatment") : notFound("Catalog item");
      }
      await recordAuditEvent(tx, { actor, action: "catalog.update", entityType: "CatalogItem", entityId: id });
      return { id, version: version + 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}
