import "server-only";
// Patient/$everything (ADR 049): one patient's record as a FHIR R4 searchset Bundle, for the
// patient's care team, the patient themself (what the portal shows them) and, once API clients
// exist, a client holding the patient-read scope. Anyone else: 404 for a patient they may not
// see, 403 for a role without clinical access (admins: demographics only, DESIGN.md).
import type { Bundle } from "@medplum/fhirtypes";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { toSearchsetBundle } from "@/lib/fhir/bundle";
import { loadClinicRowsFor, loadPatientRecords } from "@/lib/fhir/load-records";
import { mapPatientRecord } from "@/lib/fhir/patient-record";
import { toPatientView } from "./patient-view";

export type EverythingLinks = {
  /** Where the bundle's resources live: `<origin>/api/fhir`; each entry's fullUrl is `<base>/<Type>/<id>`. */
  base: string;
  /** The request's own URL, the Bundle's `self` link. */
  selfUrl: string;
};

/**
 * The patient's record as a Bundle. One consistent snapshot (a repeatable-read transaction): a
 * plan added between two of its queries cannot leave a reference dangling. A fixed number of
 * queries whatever the size of the record (ADR 049). Audited once: `fhir.patient_everything`.
 */
export async function getPatientEverything(actor: Actor, patientId: string, links: EverythingLinks): Promise<Bundle> {
  // The whole clinical record: every one of these, in the same scope.
  for (const permission of ["plan:read", "session:read", "outcome:read"] as const) assertCan(actor, permission);
  const scope = patientScope(actor, "plan:read");
  const result = await db().$transaction(
    async (tx) => {
      // AND, never a spread: the patient's own scope is itself an `id` condition, which a spread would overwrite.
      const patient = await tx.patient.findFirst({ where: { AND: [scope, { id: patientId }] }, select: { id: true } });
      if (!patient) return null;
      const full = await loadPatientRecords(tx, actor.clinicId, [patient.id]);
      const rows = actor.role === "PATIENT" ? toPatientView(full) : full;
      const clinic = await loadClinicRowsFor(tx, actor.clinicId, rows);
      return mapPatientRecord(clinic, rows, patient.id);
    },
    { isolationLevel: "RepeatableRead" },
  );
  if (!result) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
  await recordAuditEvent(db(), {
    actor,
    action: "fhir.patient_everything",
    entityType: "Patient",
    entityId: patientId,
    patientId,
    detail: { resources: result.length },
  });
  return toSearchsetBundle(result, { base: links.base, selfUrl: links.selfUrl });
}
