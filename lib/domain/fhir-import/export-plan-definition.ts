import "server-only";
import type { Bundle } from "@medplum/fhirtypes";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { toProtocolBundle } from "@/lib/fhir/import/export-protocol";
import { GUIDELINE_STATEMENT_SELECT } from "@/lib/fhir/load-records";

/**
 * A protocol as a FHIR R4 Bundle (collection): its PlanDefinition and the ActivityDefinitions of
 * its treatments (ADR 051). Staff who may read protocols: the clinic's (ownerId null) and the
 * actor's own; anything else, another clinic's or another clinician's own, is 404. Audited (the
 * protocol leaves the app).
 */
export async function exportPlanDefinition(actor: Actor, templateId: string): Promise<Bundle> {
  assertCan(actor, "template:read");
  return db().$transaction(async (tx) => {
    const template = await tx.planTemplate.findFirst({
      where: { id: templateId, clinicId: actor.clinicId, OR: [{ ownerId: null }, { ownerId: actor.userId }] },
      select: {
        id: true, clinicId: true, name: true, condition: true, icd10Code: true, description: true, status: true, version: true, updatedAt: true, bodyRegions: true, tags: true,
        items: {
          orderBy: { position: "asc" },
          select: {
            id: true, templateId: true, catalogItemId: true, setting: true, phase: true, position: true,
            durationMin: true, sets: true, reps: true, holdSec: true, timesPerDay: true, daysPerWeek: true,
            catalogItem: {
              select: {
                id: true, clinicId: true, name: true, kind: true, category: true, setting: true, description: true, patientInstructions: true,
                defaultDurationMin: true, defaultSets: true, defaultReps: true, defaultHoldSec: true, defaultTimesPerDay: true, defaultDaysPerWeek: true,
                contraindications: true, equipment: true, status: true, version: true, updatedAt: true, bodyRegions: true, conditions: true, tags: true,
                // Cited on each ActivityDefinition: the importing clinic sees what the guidelines say.
                guidelineStatements: { where: { retiredAt: null }, select: GUIDELINE_STATEMENT_SELECT, orderBy: [{ condition: "asc" }, { year: "desc" }, { id: "asc" }] },
              },
            },
          },
        },
      },
    });
    if (!template) throw notFound("Protocol");
    const catalogItems = new Map(template.items.map((i) => [i.catalogItemId, i.catalogItem]));
    const bundle = toProtocolBundle(
      { ...template, items: template.items.map(({ catalogItem, ...item }) => ({ ...item, catalogItemName: catalogItem.name })) },
      [...catalogItems.values()],
    );
    await recordAuditEvent(tx, { actor, action: "template.export_fhir", entityType: "PlanTemplate", entityId: template.id, detail: { items: template.items.length } });
    return bundle;
  });
}
