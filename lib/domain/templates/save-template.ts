import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound, type FieldErrors } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZTemplateInput, ZTemplateUpdate, type TTemplateInput, type TTemplateItemInput, type TTemplateUpdate } from "@/lib/validation/templates";
import { isUniqueViolation, staleVersion } from "../conflict";
import { templateItemRows } from "./dto";
import { catalogItemProblem, settingProblem } from "./rules";

const INVALID = "Please correct the highlighted fields. Nothing was saved.";

const duplicateName = () => new AppError("VALIDATION", INVALID, { name: ["A template with this name already exists in this clinic."] });

/**
 * Refuses items whose treatment is not in the actor's clinic, is a draft or retired (unless the
 * template already held it), or whose setting the treatment does not allow. One field error per
 * item, on `items.N.catalogItemId` or `items.N.setting`, naming the treatment and the reason.
 */
async function assertAssignable(tx: Tx, clinicId: string, items: TTemplateItemInput[], retained: Set<string>): Promise<void> {
  const found = await tx.catalogItem.findMany({
    where: { clinicId, id: { in: [...new Set(items.map((i) => i.catalogItemId))] } },
    select: { id: true, name: true, status: true, setting: true },
  });
  const byId = new Map(found.map((f) => [f.id, f]));
  const errors: FieldErrors = {};
  items.forEach((item, index) => {
    const candidate = byId.get(item.catalogItemId);
    const problem = catalogItemProblem(index, candidate, retained.has(item.catalogItemId));
    if (problem) errors[`items.${index}.catalogItemId`] = [problem];
    else if (candidate) {
      const wrongSetting = settingProblem(index, candidate, item.setting);
      if (wrongSetting) errors[`items.${index}.setting`] = [wrongSetting];
    }
  });
  // A treatment retired by another admin after this check is in the same state as one retired
  // after it was added: kept, and hidden from clinicians until reinstated.
  if (Object.keys(errors).length > 0) throw new AppError("VALIDATION", INVALID, errors);
}

function templateColumns(input: TTemplateInput) {
  return {
    name: input.name,
    condition: input.condition,
    icd10Code: input.icd10Code,
    description: input.description,
    // Facets only when sent: an update without them keeps the stored ones (decision 040).
    ...(input.bodyRegions !== undefined ? { bodyRegions: input.bodyRegions } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
  };
}

/** Creates an ACTIVE template with its ordered items. A duplicate name in the clinic is a field error. */
export async function createTemplate(actor: Actor, input: TTemplateInput): Promise<{ id: string; version: number }> {
  assertCan(actor, "template:manage");
  const data = parseInput(ZTemplateInput, input);
  try {
    return await db().$transaction(async (tx) => {
      await assertAssignable(tx, actor.clinicId, data.items, new Set());
      const template = await tx.planTemplate.create({
        data: {
          clinicId: actor.clinicId,
          status: "ACTIVE",
          ...templateColumns(data),
          items: { createMany: { data: templateItemRows(actor.clinicId, data.items) } },
        },
        select: { id: true, version: true },
      });
      await recordAuditEvent(tx, { actor, action: "template.create", entityType: "PlanTemplate", entityId: template.id });
      return template;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

/**
 * Saves an edit made from `version`: the template's fields and its whole item list are replaced in
 * one transaction with the audit event, and the version is bumped. A stale version changes nothing
 * (CONFLICT). Plans already started from the template keep their own activities.
 */
export async function updateTemplate(actor: Actor, input: TTemplateUpdate): Promise<{ id: string; version: number }> {
  assertCan(actor, "template:manage");
  const { id, version, ...fields } = parseInput(ZTemplateUpdate, input);
  const clinicId = actor.clinicId;
  try {
    return await db().$transaction(async (tx) => {
      const current = await tx.planTemplate.findFirst({
        // A clinician's own protocol is not the admin's to edit (decision 039).
        where: { id, clinicId, ownerId: null },
        select: { version: true, items: { select: { catalogItemId: true } } },
      });
      if (!current) throw notFound("Template");
      if (current.version !== version) throw staleVersion("template");
      await assertAssignable(tx, clinicId, fields.items, new Set(current.items.map((i) => i.catalogItemId)));
      // The version in the where clause makes a concurrent save that got here first win.
      const { count } = await tx.planTemplate.updateMany({
        where: { id, clinicId, version },
        data: { ...templateColumns(fields), version: { increment: 1 } },
      });
      if (count === 0) throw staleVersion("template");
      await tx.planTemplateItem.deleteMany({ where: { templateId: id, clinicId } });
      await tx.planTemplateItem.createMany({ data: templateItemRows(clinicId, fields.items).map((row) => ({ ...row, templateId: id })) });
      await recordAuditEvent(tx, { actor, action: "template.update", entityType: "PlanTemplate", entityId: id });
      return { id, version: version + 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}
