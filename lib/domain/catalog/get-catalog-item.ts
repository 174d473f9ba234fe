import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { toCatalogItemDto, type CatalogItemDto } from "./dto";
import { refusedRecord } from "@/lib/audit/refused-access";

/** One catalog item; clinicians only see ACTIVE items. */
export async function getCatalogItem(actor: Actor, id: string): Promise<CatalogItemDto> {
  assertCan(actor, "catalog:read");
  const manage = can(actor.role, "catalog:manage") !== null;
  const item = await db().catalogItem.findFirst({
    where: { id, clinicId: actor.clinicId, ...(manage ? {} : { status: "ACTIVE" as const }) },
    include: { _count: { select: { activities: true, templateItems: true } } },
  });
  if (!item) throw await refusedRecord(actor, { entityType: "CatalogItem", entityId: id, what: "Catalog item" });
  return toCatalogItemDto(item, { plans: item._count.activities, templates: item._count.templateItems });
}
