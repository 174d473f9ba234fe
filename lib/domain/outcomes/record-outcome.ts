import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { InstrumentCode } from "@/lib/clinical/instruments";
import { scoreAnswers } from "@/lib/clinical/instruments/engine";
import { itemAnswersFromStored } from "@/lib/clinical/instruments/stored-answers";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZRecordOutcome, type TRecordOutcome } from "@/lib/validation/sessions";
import { currentDefinition } from "../instruments/definitions";

type Parsed = ReturnType<typeof ZRecordOutcome.parse>;

/** The answers document stored for a parsed measure (the shapes predate definitions and are kept: lib/clinical/instruments/stored-answers). */
export function storedAnswersOf(data: Parsed): Prisma.InputJsonValue {
  switch (data.instrument) {
    case "NPRS":
      return { pain: data.pain };
    case "ODI":
      return data.sections;
    case "RMDQ":
      return { items: data.answers };
    case "PSFS":
      return { activities: data.activities.map((a) => ({ activity: a.activity, rating: a.rating })) };
  }
}

/**
 * Scores a stored answers document by the clinic's current definition of the instrument, inside the
 * caller's transaction; a refusal is a VALIDATION error naming the rule (nothing is stored).
 */
export async function scoreByDefinition(tx: Tx, clinicId: string, code: InstrumentCode, answers: Prisma.InputJsonValue, refusal: (reason: string) => string) {
  const { version, definition } = await currentDefinition(tx, clinicId, code);
  const result = scoreAnswers(definition, itemAnswersFromStored(code, answers));
  if (!result.ok) {
    const field = code === "ODI" ? "sections" : code === "PSFS" ? "activities" : code === "RMDQ" ? "answers" : "pain";
    throw new AppError("VALIDATION", refusal(result.reason), { [field]: [result.reason] });
  }
  return { version, definition, score: result.score, band: result.band };
}

/** Scores and stores NPRS, ODI (section scores only), RMDQ or PSFS for a care-team patient, by the clinic's definition. */
export async function recordOutcome(actor: Actor, input: TRecordOutcome): Promise<{ id: string; score: number; band: string | null; label: string }> {
  const patient = patientScope(actor, "outcome:write");
  const data = parseInput(ZRecordOutcome, input);
  const answers = storedAnswersOf(data);
  return db().$transaction(async (tx) => {
    const owner = await tx.patient.findFirst({ where: { ...patient, id: data.patientId }, select: { id: true } });
    if (!owner) throw notFound("Patient");
    if (data.planId) {
      const plan = await tx.treatmentPlan.findFirst({ where: { id: data.planId, clinicId: actor.clinicId, patientId: owner.id }, select: { id: true } });
      if (!plan) throw notFound("Plan");
    }
    if (data.sessionId) {
      const session = await tx.session.findFirst({ where: { id: data.sessionId, clinicId: actor.clinicId, patientId: owner.id }, select: { id: true } });
      if (!session) throw notFound("Session");
    }
    const scored = await scoreByDefinition(tx, actor.clinicId, data.instrument, answers, (reason) => `The ${data.instrument} cannot be scored: ${reason}.`);
    const row = await tx.outcomeResponse.create({
      data: {
        clinicId: actor.clinicId,
        patientId: owner.id,
        planId: data.planId,
        sessionId: data.sessionId,
        instrument: data.instrument,
        context: data.context,
        answers,
        score: scored.score,
        band: scored.band,
        recordedById: actor.userId,
        definitionVersion: scored.version,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, { actor, action: `outcome.record.${data.instrument.toLowerCase()}`, entityType: "OutcomeResponse", entityId: row.id, patientId: owner.id });
    return { id: row.id, score: scored.score, band: scored.band, label: scored.definition.label };
  });
}
