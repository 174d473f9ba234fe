import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import type { Contraindication } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { ZCreatePlan, type TCreatePlan } from "@/lib/validation/plans";
import { parseInput } from "@/lib/validation/parse";
import { fromIsoDate } from "@/lib/domain/schedule/dates";
import { loadStatementsFor } from "@/lib/domain/guidelines/list-guideline-statements";
import { checkGuidelineChoice, doNotOfferStatements, matchConditions, orderStatements } from "@/lib/domain/guidelines/rules";
import type { GuidelineStatementDto } from "@/lib/domain/guidelines/dto";
import { checkAssignment, contraindicationConflicts } from "./rules";
import { activityColumns } from "./snapshot";

export type TemplateItemPreview = {
  templateItemId: string;
  name: string;
  setting: string;
  phase: string;
  conflicts: Contraindication[];
  /** Current "do not offer" statements for the plan's condition (decision 044), when one was given. */
  doNotOffer?: GuidelineStatementDto[];
  /** Every statement on the treatment for that condition, in display order. */
  stances?: GuidelineStatementDto[];
};

async function loadTemplate(tx: Tx, actor: Actor, templateId: string) {
  const template = await tx.planTemplate.findFirst({
    // A clinic protocol or the actor's own (decision 039); another clinician's own is NOT_FOUND.
    where: { id: templateId, clinicId: actor.clinicId, status: "ACTIVE", OR: [{ ownerId: null }, { ownerId: actor.userId }] },
    include: { items: { orderBy: { position: "asc" }, include: { catalogItem: true } } },
  });
  if (!template) throw notFound("Protocol");
  // A treatment retired since the protocol was written is not offered any more.
  return { ...template, items: template.items.filter((i) => i.catalogItem.status === "ACTIVE") };
}

/** What a protocol would put in this patient's plan, with the contraindications of each item. */
export async function previewPlanFromTemplate(actor: Actor, input: { patientId: string; templateId: string; condition?: string | null; icd10Code?: string | null }): Promise<TemplateItemPreview[]> {
  const scope = patientScope(actor, "plan:write");
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({ where: { ...scope, id: input.patientId }, select: { id: true, contraindications: true } });
    if (!patient) throw notFound("Patient");
    const template = await loadTemplate(tx, actor, input.templateId);
    // Reads the patient's contraindication flags against the protocol: a read of the clinical record.
    await recordAuditEvent(tx, { actor, action: "plan.template_preview", entityType: "PlanTemplate", entityId: template.id, patientId: patient.id });
    // The plan's condition as typed so far, else the protocol's own (decision 044).
    const conditions = matchConditions({ condition: input.condition?.trim() || template.condition, icd10Code: input.condition?.trim() ? input.icd10Code : template.icd10Code });
    const statements = await loadStatementsFor(tx, actor.clinicId, conditions, template.items.map((i) => i.catalogItemId));
    return template.items.map((item) => ({
      doNotOffer: doNotOfferStatements(statements.filter((s) => s.catalogItemId === item.catalogItemId), conditions),
      stances: orderStatements(statements.filter((s) => s.catalogItemId === item.catalogItemId)),
      templateItemId: item.id,
      name: item.catalogItem.name,
      setting: item.setting,
      phase: item.phase,
      conflicts: contraindicationConflicts(patient.contraindications, item.catalogItem.contraindications),
    }));
  });
}

/**
 * Creates a DRAFT plan for a care-team patient, blank or from a protocol. Every protocol item
 * goes through the same contraindication check as a single assignment: a conflicting item must
 * be skipped or overridden with a written reason, or nothing is created.
 */
export async function createPlan(actor: Actor, input: TCreatePlan): Promise<{ id: string; version: number }> {
  const scope = patientScope(actor, "plan:write");
  const data = parseInput(ZCreatePlan, input);
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({ where: { ...scope, id: data.patientId }, select: { id: true, contraindications: true } });
    if (!patient) throw notFound("Patient");

    const activities: ReturnType<typeof activityColumns>[] = [];
    if (data.templateId) {
      const template = await loadTemplate(tx, actor, data.templateId);
      const conditions = matchConditions({ condition: data.condition, icd10Code: data.icd10Code });
      const statements = await loadStatementsFor(tx, actor.clinicId, conditions, template.items.map((i) => i.catalogItemId));
      const fieldErrors: Record<string, string[]> = {};
      for (const item of template.items) {
        const decision = data.decisions.find((d) => d.templateItemId === item.id);
        if (decision?.action === "skip") continue;
        const check = checkAssignment({
          treatmentName: item.catalogItem.name,
          patientFlags: patient.contraindications,
          treatmentFlags: item.catalogItem.contraindications,
          overrideReason: decision?.action === "override" ? decision.reason : null,
        });
        const guideline = checkGuidelineChoice({
          treatmentName: item.catalogItem.name,
          statements: statements.filter((s) => s.catalogItemId === item.catalogItemId),
          conditions,
          reason: data.guidelineReasons.find((r) => r.templateItemId === item.id)?.reason,
        });
        if (!check.ok) fieldErrors[`decisions.${item.id}`] = [check.message];
        if (!guideline.ok) fieldErrors[`guidelineReasons.${item.id}`] = [guideline.message];
        if (!check.ok || !guideline.ok) continue;
        activities.push(
          activityColumns({
            clinicId: actor.clinicId,
            item: item.catalogItem,
            setting: item.setting,
            phase: item.phase,
            position: activities.length,
            dose: { durationMin: item.durationMin, sets: item.sets, reps: item.reps, holdSec: item.holdSec, timesPerDay: item.timesPerDay, daysPerWeek: item.daysPerWeek },
            override: { flags: check.overriddenFlags, reason: check.overrideReason, by: actor.userId },
            guideline: { statementIds: guideline.statementIds, reason: guideline.reason, by: actor.userId },
          }),
        );
      }
      if (Object.keys(fieldErrors).length > 0) {
        throw new AppError("VALIDATION", "Some treatments in this protocol are contraindicated for this patient or advised against for this condition: skip them or give a reason for each.", fieldErrors);
      }
    }

    const plan = await tx.treatmentPlan.create({
      data: {
        clinicId: actor.clinicId,
        patientId: patient.id,
        clinicianId: actor.userId,
        createdById: actor.userId,
        templateId: data.templateId,
        title: data.title,
        condition: data.condition,
        icd10Code: data.icd10Code,
        goals: data.goals,
        startDate: fromIsoDate(data.startDate),
        reviewDate: data.reviewDate ? fromIsoDate(data.reviewDate) : null,
        plannedSessions: data.plannedSessions,
        status: "DRAFT",
        activities: { create: activities },
      },
      select: { id: true, version: true, activities: { where: { OR: [{ overrideReason: { not: null } }, { guidelineOverrideReason: { not: null } }] }, select: { id: true, overrideReason: true, guidelineOverrideReason: true } } },
    });
    await recordAuditEvent(tx, { actor, action: "plan.create", entityType: "TreatmentPlan", entityId: plan.id, patientId: patient.id });
    // Overrides are safety decisions: each gets its own event.
    for (const activity of plan.activities) {
      if (activity.overrideReason !== null) await recordAuditEvent(tx, { actor, action: "plan.activity.override", entityType: "PlanActivity", entityId: activity.id, patientId: patient.id });
      if (activity.guidelineOverrideReason !== null) {
        await recordAuditEvent(tx, { actor, action: "plan.activity.guideline_override", entityType: "PlanActivity", entityId: activity.id, patientId: patient.id });
      }
    }
    return { id: plan.id, version: plan.version };
  });
}
