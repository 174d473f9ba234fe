// One patient's whole record as FHIR resources, from the rows the loaders read (ADR 049). Pure.
// The bulk export calls the per-type mappers itself; $everything calls this.
import type { Resource } from "@medplum/fhirtypes";
import { toFhirContraindicationFlags, toFhirOrganization, toFhirPatient, toFhirPractitioner, toFhirPractitionerRole } from "./administrative";
import { toFhirCarePlan, toFhirOverrideProvenance, toFhirPlanCondition, toFhirPlanGoal } from "./care-plan";
import { toFhirActivityDefinition, toFhirPlanDefinition } from "./definitions";
import { toFhirAddendumDocument, toFhirEncounter, toFhirNoteDocument, toFhirProcedure, toFhirSessionPainObservations, toFhirSignatureProvenance } from "./encounter";
import { hasQuestionnaire, toFhirOutcomeObservation, toFhirQuestionnaire, toFhirQuestionnaireResponse, type QuestionnaireInstrument } from "./outcomes";
import type { FhirClinicRows, FhirPatientRecordRows } from "./rows";
import { compact } from "./common";

/**
 * Every resource of one patient's record, plus the clinic data it points at (Organization, the
 * staff involved, the catalog items and protocols its plans came from, the questionnaires
 * answered), each once. `clinic` must hold every user, catalog item and template the record's
 * rows name (loadClinicRowsFor does).
 */
export function mapPatientRecord(clinic: FhirClinicRows, rows: FhirPatientRecordRows, patientId: string): Resource[] {
  const patient = rows.patients.find((p) => p.id === patientId);
  if (!patient) return [];
  const plans = rows.plans.filter((p) => p.patientId === patientId);
  const planIds = new Set(plans.map((p) => p.id));
  const activities = rows.activities.filter((a) => planIds.has(a.planId));
  const sessions = rows.sessions.filter((s) => s.patientId === patientId);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const performed = rows.performed.filter((p) => sessionById.has(p.sessionId) && activityById.has(p.planActivityId));
  const addenda = rows.addenda.filter((a) => sessionById.has(a.sessionId));
  const outcomes = rows.outcomes.filter((o) => o.patientId === patientId);
  const careTeam = rows.careTeam.filter((m) => m.patientId === patientId);
  const templates = new Map(clinic.templates.map((t) => [t.id, t]));
  const catalog = new Map(clinic.catalogItems.map((c) => [c.id, c]));

  const out: Resource[] = [toFhirOrganization(clinic.clinic), toFhirPatient(patient, careTeam), ...toFhirContraindicationFlags(patient)];
  // Staff: the care team, the plans' clinicians and authors, session clinicians, signers, note
  // authors, override authors, outcome recorders (a patient recording their own is the Patient).
  const staffIds = new Set<string>([
    ...careTeam.map((m) => m.clinicianId),
    ...plans.flatMap((p) => [p.clinicianId, p.createdById]),
    ...sessions.flatMap((s) => compact([s.clinicianId, s.signedById, s.noteStatus === "SIGNED" ? s.noteAuthorId : null])),
    ...addenda.filter((a) => sessionById.get(a.sessionId)?.noteStatus === "SIGNED").map((a) => a.authorId),
    ...activities.flatMap((a) => compact([a.overrideReason ? a.overriddenById : null])),
    ...outcomes.filter((o) => o.recordedById !== patient.userId).map((o) => o.recordedById),
  ]);
  for (const user of clinic.users) if (staffIds.has(user.id)) out.push(toFhirPractitioner(user), toFhirPractitionerRole(user));

  const itemIds = new Set(activities.map((a) => a.catalogItemId));
  const usedTemplates = compact(plans.map((p) => (p.templateId ? templates.get(p.templateId) : undefined)));
  for (const t of usedTemplates) for (const i of t.items) itemIds.add(i.catalogItemId);
  for (const id of itemIds) {
    const item = catalog.get(id);
    if (item) out.push(toFhirActivityDefinition(item));
  }
  for (const t of new Set(usedTemplates)) out.push(toFhirPlanDefinition(t, compact(t.items.map((i) => catalog.get(i.catalogItemId)))));

  for (const plan of plans) {
    const template = plan.templateId ? templates.get(plan.templateId) : undefined;
    out.push(toFhirPlanCondition(plan), toFhirPlanGoal(plan), toFhirCarePlan(plan, activities, performed, template));
    for (const a of activities) if (a.planId === plan.id) out.push(...compact([toFhirOverrideProvenance(plan, a)]));
  }
  for (const s of sessions) {
    out.push(toFhirEncounter(s), ...toFhirSessionPainObservations(s));
    const note = toFhirNoteDocument(s);
    if (note) {
      out.push(note, ...compact([toFhirSignatureProvenance(s)]));
      for (const a of addenda) if (a.sessionId === s.id) out.push(toFhirAddendumDocument(a, s));
    }
  }
  for (const p of performed) out.push(toFhirProcedure(p, sessionById.get(p.sessionId)!, activityById.get(p.planActivityId)!));

  const answered = new Set<QuestionnaireInstrument>();
  for (const o of outcomes) {
    out.push(toFhirOutcomeObservation(o, patient.userId), ...compact([toFhirQuestionnaireResponse(o, patient.userId)]));
    if (hasQuestionnaire(o.instrument)) answered.add(o.instrument);
  }
  for (const instrument of answered) out.push(toFhirQuestionnaire(clinic.clinic.id, instrument));
  return out;
}
