import "server-only";
// What the clinic's outcome form needs beyond the session (issue 16): the clinic's current
// definitions of the instruments (labels, ODI statements) and the PSFS activities the patient named
// last time, to re-rate them. Reads the patient's outcomes: care team only, audited.
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { INSTRUMENT_CODES, type InstrumentCode } from "@/lib/clinical/instruments";
import type { InstrumentDefinition } from "@/lib/clinical/instruments/definition";
import { psfsActivitiesFromStored } from "@/lib/clinical/instruments/stored-answers";
import { notFound } from "@/lib/errors";
import { currentDefinition } from "../instruments/definitions";

export type OutcomeFormContext = { definitions: Record<InstrumentCode, InstrumentDefinition>; previousPsfsActivities: string[] };

export async function getOutcomeFormContext(actor: Actor, patientId: string): Promise<OutcomeFormContext> {
  const scope = patientScope(actor, "outcome:write");
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({ where: { ...scope, id: patientId }, select: { id: true } });
    if (!patient) throw notFound("Patient");
    const definitions = {} as Record<InstrumentCode, InstrumentDefinition>;
    for (const code of INSTRUMENT_CODES) definitions[code] = (await currentDefinition(tx, actor.clinicId, code)).definition;
    const last = await tx.outcomeResponse.findFirst({ where: { clinicId: actor.clinicId, patientId: patient.id, instrument: "PSFS" }, orderBy: { recordedAt: "desc" }, select: { answers: true } });
    await recordAuditEvent(tx, { actor, action: "outcome.form.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return { definitions, previousPsfsActivities: last ? psfsActivitiesFromStored(last.answers) : [] };
  });
}
