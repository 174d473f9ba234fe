import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { ZId } from "@/lib/validation/common";
import { TEMPLATE_ITEM_CATALOG_SELECT, toTemplateDto, toTemplateItemDto, type TemplateDto } from "./dto";
import { isVisibleToClinicians } from "./rules";
import { refusedRecord } from "@/lib/audit/refused-access";

/**
 * One protocol template with its items joined to their catalog treatments. Admins see every
 * template and item; clinicians only ACTIVE templates and the items whose treatment is ACTIVE.
 * Anything outside the actor's clinic is NOT_FOUND.
 */
export async function getTemplate(actor: Actor, id: string): Promise<TemplateDto> {
  assertCan(actor, "template:read");
  const manage = can(actor.role, "template:manage") !== null;
  // An id that cannot exist answers like one that does not exist.
  if (!ZId.safeParse(id).success) throw notFound("Template");
  const template = await db().planTemplate.findFirst({
    // The clinic's protocols; a clinician also sees their own (decision 039), nobody else's.
    where: { id, clinicId: actor.clinicId, ...(manage ? { ownerId: null } : { status: "ACTIVE" as const, OR: [{ ownerId: null }, { ownerId: actor.userId }] }) },
    include: {
      items: { orderBy: { position: "asc" }, include: { catalogItem: { select: TEMPLATE_ITEM_CATALOG_SELECT } } },
      _count: { select: { plans: true } },
    },
  });
  if (!template) throw await refusedRecord(actor, { entityType: "PlanTemplate", entityId: id, what: "Template" });
  const items = template.items.map(toTemplateItemDto);
  return toTemplateDto(template, manage ? items : items.filter(isVisibleToClinicians), manage ? template._count.plans : 0);
}
