import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { BodyRegion, CatalogCategory, CatalogKind, CatalogStatus, Contraindication, Setting } from "@/lib/db/generated/enums";
import type { TCatalogFilters } from "@/lib/validation/catalog";

export type CatalogItemRow = {
  id: string;
  name: string;
  kind: CatalogKind;
  category: CatalogCategory;
  setting: Setting;
  status: CatalogStatus;
  contraindications: Contraindication[];
  version: number;
  bodyRegions: BodyRegion[];
  conditions: string[];
  tags: string[];
};

export const CATALOG_PAGE_SIZE = 25;

/**
 * The clinic's treatment catalog, searched and filtered. Admins see every status; clinicians only
 * ACTIVE items. The search text matches a name or description (part of it) or a condition or tag
 * (the whole of it, any case); `region` and `tag` filter on the facets (GIN-indexed, decision 040).
 */
export async function listCatalogItems(
  actor: Actor,
  filters: Partial<TCatalogFilters> = {},
): Promise<{ rows: CatalogItemRow[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "catalog:read");
  const manage = can(actor.role, "catalog:manage") !== null;
  const page = Math.max(1, filters.page ?? 1);
  const where: Prisma.CatalogItemWhereInput = {
    clinicId: actor.clinicId,
    status: manage ? filters.status : "ACTIVE",
    kind: filters.kind,
    category: filters.category,
    setting: filters.setting,
    ...(filters.region ? { bodyRegions: { has: filters.region } } : {}),
    ...(filters.tag ? { tags: { has: filters.tag } } : {}),
    ...(filters.q
      ? {
          OR: [
            { name: { contains: filters.q, mode: "insensitive" } },
            { description: { contains: filters.q, mode: "insensitive" } },
            { conditions: { has: filters.q.toLowerCase() } },
            { tags: { has: filters.q.toLowerCase() } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().catalogItem.findMany({
      where,
      orderBy: { name: "asc" },
      take: CATALOG_PAGE_SIZE,
      skip: (page - 1) * CATALOG_PAGE_SIZE,
      select: { id: true, name: true, kind: true, category: true, setting: true, status: true, contraindications: true, version: true, bodyRegions: true, conditions: true, tags: true },
    }),
    db().catalogItem.count({ where }),
  ]);
  return { rows, total, page, pageSize: CATALOG_PAGE_SIZE };
}
