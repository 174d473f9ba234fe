import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { CatalogCategory, CatalogKind, CatalogStatus, Contraindication, Setting } from "@/lib/db/generated/enums";

export type CatalogItemRow = {
  id: string;
  name: string;
  kind: CatalogKind;
  category: CatalogCategory;
  setting: Setting;
  status: CatalogStatus;
  contraindications: Contraindication[];
  version: number;
};

export const CATALOG_PAGE_SIZE = 25;

/** The clinic's treatment catalog. Admins see every status; clinicians only ACTIVE items. */
export async function listCatalogItems(
  actor: Actor,
  options: { page?: number; q?: string } = {},
): Promise<{ rows: CatalogItemRow[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "catalog:read");
  const manage = actor.role === "ADMIN";
  const page = Math.max(1, options.page ?? 1);
  const where = {
    clinicId: actor.clinicId,
    ...(manage ? {} : { status: "ACTIVE" as const }),
    ...(options.q
      ? { OR: [{ name: { contains: options.q, mode: "insensitive" as const } }, { description: { contains: options.q, mode: "insensitive" as const } }] }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().catalogItem.findMany({
      where,
      orderBy: { name: "asc" },
      take: CATALOG_PAGE_SIZE,
      skip: (page - 1) * CATALOG_PAGE_SIZE,
      select: { id: true, name: true, kind: true, category: true, setting: true, status: true, contraindications: true, version: true },
    }),
    db().catalogItem.count({ where }),
  ]);
  return { rows, total, page, pageSize: CATALOG_PAGE_SIZE };
}
