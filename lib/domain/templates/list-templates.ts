import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { TTemplateFilters } from "@/lib/validation/templates";
import type { TemplateRow } from "./dto";

export const TEMPLATE_PAGE_SIZE = 25;

/**
 * The clinic's protocol templates, searched by name, condition, ICD-10 code or a whole tag, and
 * filtered by body region and tag (decision 040). Admins see every
 * status; clinicians only ACTIVE templates, and count only the items whose treatment is ACTIVE.
 */
export async function listTemplates(
  actor: Actor,
  filters: Partial<TTemplateFilters> = {},
): Promise<{ rows: TemplateRow[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "template:read");
  const manage = can(actor.role, "template:manage") !== null;
  const page = Math.max(1, filters.page ?? 1);
  const q = filters.q?.trim();
  const where: Prisma.PlanTemplateWhereInput = {
    clinicId: actor.clinicId,
    // The clinic's protocols; a clinician also sees their own (decision 039), nobody else's.
    AND: [manage ? { ownerId: null } : { OR: [{ ownerId: null }, { ownerId: actor.userId }] }],
    status: manage ? filters.status : "ACTIVE",
    ...(filters.region ? { bodyRegions: { has: filters.region } } : {}),
    ...(filters.tag ? { tags: { has: filters.tag } } : {}),
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { condition: { contains: q, mode: "insensitive" } },
            { icd10Code: { startsWith: q, mode: "insensitive" } },
            { tags: { has: q.toLowerCase() } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().planTemplate.findMany({
      where,
      orderBy: { name: "asc" },
      take: TEMPLATE_PAGE_SIZE,
      skip: (page - 1) * TEMPLATE_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        condition: true,
        icd10Code: true,
        status: true,
        updatedAt: true,
        bodyRegions: true,
        tags: true,
        ownerId: true,
        proposalStatus: true,
        proposalNote: true,
        _count: { select: { items: manage ? true : { where: { catalogItem: { status: "ACTIVE" } } } } },
      },
    }),
    db().planTemplate.count({ where }),
  ]);
  return {
    rows: rows.map(({ _count, updatedAt, ownerId, ...row }) => ({ ...row, mine: ownerId !== null, itemCount: _count.items, updatedAt: updatedAt.toISOString() })),
    total,
    page,
    pageSize: TEMPLATE_PAGE_SIZE,
  };
}
