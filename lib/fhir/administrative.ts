// Organization (the clinic), Practitioner + PractitionerRole (staff), Patient and its
// contraindication Flags. Pure mappers from rows (./rows.ts) to FHIR R4 (ADR 049).
import type { ContactPoint, Flag, Organization, Patient, Practitioner, PractitionerRole } from "@medplum/fhirtypes";
import { coding, compact, fhirDate, humanize, meta, ref } from "./common";
import type { FhirCareTeamRow, FhirClinicRow, FhirPatientRow, FhirUserRow } from "./rows";
import { SYSTEMS, identifier, idPart } from "./systems";

export function toFhirOrganization(clinic: FhirClinicRow): Organization {
  return {
    resourceType: "Organization",
    id: clinic.id,
    meta: meta(clinic.createdAt),
    identifier: [identifier(clinic.id, "organization", clinic.slug)],
    active: true,
    type: [coding(SYSTEMS.organizationType, "prov", "Healthcare Provider")],
    name: clinic.name,
    ...(clinic.phone ? { telecom: [{ system: "phone", value: clinic.phone, use: "work" }] } : {}),
    ...(clinic.address ? { address: [{ use: "work", text: clinic.address }] } : {}),
  };
}

/** A staff account. Only name and work email: nothing about sign-in, roles or second factors. */
export function toFhirPractitioner(user: FhirUserRow): Practitioner {
  return {
    resourceType: "Practitioner",
    id: user.id,
    meta: meta(user.updatedAt),
    identifier: [identifier(user.clinicId, "practitioner", user.id)],
    active: user.active,
    name: [{ text: user.name }],
    telecom: [{ system: "email", value: user.email, use: "work" }],
  };
}

/** The practitioner's role at the clinic; same id as the Practitioner (ids are unique per type). */
export function toFhirPractitionerRole(user: FhirUserRow): PractitionerRole {
  return {
    resourceType: "PractitionerRole",
    id: user.id,
    meta: meta(user.updatedAt),
    active: user.active,
    practitioner: ref("Practitioner", user.id, user.name),
    organization: ref("Organization", user.clinicId),
    code: [coding(SYSTEMS.practitionerRole, idPart(user.role), humanize(user.role))],
  };
}

/**
 * A patient. `active` is false once archived. The primary clinician of the care team is the
 * patient's nominated care provider (R4 Patient.generalPractitioner: "may be … a patient nominated
 * care manager"); each CarePlan names its responsible clinician as well.
 */
export function toFhirPatient(patient: FhirPatientRow, careTeam: FhirCareTeamRow[] = []): Patient {
  const telecom: ContactPoint[] = compact([
    patient.phone ? { system: "phone" as const, value: patient.phone } : null,
    patient.email ? { system: "email" as const, value: patient.email } : null,
  ]);
  const primary = careTeam.find((m) => m.patientId === patient.id && m.isPrimary);
  return {
    resourceType: "Patient",
    id: patient.id,
    meta: meta(patient.updatedAt),
    identifier: [identifier(patient.clinicId, "patient", patient.id)],
    active: patient.archivedAt === null,
    name: [{ use: "official", family: patient.lastName, given: [patient.firstName] }],
    ...(telecom.length ? { telecom } : {}),
    birthDate: fhirDate(patient.dateOfBirth),
    managingOrganization: ref("Organization", patient.clinicId),
    ...(primary ? { generalPractitioner: [ref("Practitioner", primary.clinicianId)] } : {}),
  };
}

/** One Flag per contraindication on the patient's record (what the assignment checks block on). */
export function toFhirContraindicationFlags(patient: FhirPatientRow): Flag[] {
  return patient.contraindications.map((flag) => ({
    resourceType: "Flag",
    id: `${patient.id}-${idPart(flag)}`,
    meta: meta(patient.updatedAt),
    status: patient.archivedAt === null ? "active" : "inactive",
    category: [coding(SYSTEMS.flagCategory, "clinical", "Clinical")],
    code: coding(SYSTEMS.contraindication, flag, humanize(flag)),
    subject: ref("Patient", patient.id),
  }));
}
