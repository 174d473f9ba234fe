import "server-only";
import type { Resource } from "@medplum/fhirtypes";
import { db } from "@/lib/db";
import { toFhirOrganization, toFhirPractitioner, toFhirPractitionerRole } from "@/lib/fhir/administrative";
import { toFhirActivityDefinition, toFhirPlanDefinition } from "@/lib/fhir/definitions";
import { loadClinicRows, loadClinicRowsFor, loadPatientRecords } from "@/lib/fhir/load-records";
import { QUESTIONNAIRE_INSTRUMENTS, toFhirQuestionnaire } from "@/lib/fhir/outcomes";
import { mapPatientRecord } from "@/lib/fhir/patient-record";
import type { FhirPatientRecordRows } from "@/lib/fhir/rows";

// Where the export's resources come from (decision 050): the FHIR mappers of lib/fhir (ADR 049)
// over the rows its loaders read, in batches. The clinic's own resources (Organization, every
// staff member, the whole catalog, the clinic's protocols, the questionnaires) are written once,
// first; each batch of patients then adds their records. Definitional resources a record points
// at that the clinic part did not hold (a clinician's own protocol) are added once, on first use.

export type ExportResource = Resource & { id?: string; meta?: { lastUpdated?: string } };

export type ExportSource = {
  clinicResources(clinicId: string, types: Set<string>): Promise<ExportResource[]>;
  /**
   * The records of these patients (all of the clinic), yielded patient by patient as they are mapped
   * so the caller writes them out before the next patient's are made; `seen` carries definitional
   * ids already written.
   */
  patientResources(clinicId: string, patientIds: string[], types: Set<string>, seen: Set<string>): AsyncIterable<ExportResource>;
};

/** Types the clinic part writes in full: a patient batch never writes them again. */
const CLINIC_LEVEL = new Set(["Organization", "Practitioner", "PractitionerRole", "Questionnaire"]);
/** Types the clinic part writes in part (shared protocols, the catalog): a batch adds the rest, once. */
const DEFINITIONAL = new Set(["ActivityDefinition", "PlanDefinition"]);

/** The batch's rows cut into one record per patient, in one pass (mapPatientRecord then reads only that patient's rows). */
function perPatient(rows: FhirPatientRecordRows): Map<string, FhirPatientRecordRows> {
  const out = new Map<string, FhirPatientRecordRows>();
  const empty = (): FhirPatientRecordRows => ({ patients: [], careTeam: [], plans: [], activities: [], sessions: [], addenda: [], performed: [], outcomes: [] });
  const of = (patientId: string | undefined) => {
    if (!patientId) return null;
    let record = out.get(patientId);
    if (!record) out.set(patientId, (record = empty()));
    return record;
  };
  const planPatient = new Map(rows.plans.map((p) => [p.id, p.patientId]));
  const sessionPatient = new Map(rows.sessions.map((s) => [s.id, s.patientId]));
  for (const p of rows.patients) of(p.id)?.patients.push(p);
  for (const m of rows.careTeam) of(m.patientId)?.careTeam.push(m);
  for (const p of rows.plans) of(p.patientId)?.plans.push(p);
  for (const a of rows.activities) of(planPatient.get(a.planId))?.activities.push(a);
  for (const s of rows.sessions) of(s.patientId)?.sessions.push(s);
  for (const a of rows.addenda) of(sessionPatient.get(a.sessionId))?.addenda.push(a);
  for (const p of rows.performed) of(sessionPatient.get(p.sessionId))?.performed.push(p);
  for (const o of rows.outcomes) of(o.patientId)?.outcomes.push(o);
  return out;
}

export const fhirExportSource: ExportSource = {
  async clinicResources(clinicId, types) {
    const clinic = await loadClinicRows(db(), clinicId, {});
    const out: ExportResource[] = [];
    if (types.has("Organization")) out.push(toFhirOrganization(clinic.clinic));
    for (const user of clinic.users) {
      if (types.has("Practitioner")) out.push(toFhirPractitioner(user));
      if (types.has("PractitionerRole")) out.push(toFhirPractitionerRole(user));
    }
    if (types.has("ActivityDefinition")) for (const item of clinic.catalogItems) out.push(toFhirActivityDefinition(item));
    if (types.has("PlanDefinition")) {
      const catalog = new Map(clinic.catalogItems.map((c) => [c.id, c]));
      for (const t of clinic.templates) out.push(toFhirPlanDefinition(t, t.items.flatMap((i) => catalog.get(i.catalogItemId) ?? [])));
    }
    if (types.has("Questionnaire")) for (const instrument of QUESTIONNAIRE_INSTRUMENTS) out.push(toFhirQuestionnaire(clinicId, instrument));
    return out;
  },

  async *patientResources(clinicId, patientIds, types, seen) {
    let rows: FhirPatientRecordRows | null = await loadPatientRecords(db(), clinicId, patientIds);
    const clinic = await loadClinicRowsFor(db(), clinicId, rows);
    const records = perPatient(rows);
    // From here each patient's rows are held by their record only, and dropped once it is mapped.
    rows = null;
    for (const [patientId, record] of records) {
      records.delete(patientId);
      for (const resource of mapPatientRecord(clinic, record, patientId) as ExportResource[]) {
        if (!types.has(resource.resourceType) || CLINIC_LEVEL.has(resource.resourceType)) continue;
        if (DEFINITIONAL.has(resource.resourceType)) {
          const key = `${resource.resourceType}/${resource.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        yield resource;
      }
    }
  },
};
