import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZRecordOutcome, type TRecordOutcome } from "@/lib/validation/sessions";
import { scoreOdi } from "./rules";

/** Scores and stores NPRS, ODI (section scores only) or RMDQ for a care-team patient or oneself. */
export async function recordOutcome(actor: Actor, input: TRecordOutcome): Promise<{ id: string; score: number; band: string | null }> {
  const patient = patientScope(actor, "outcome:write");
  const data = parseInput(ZRecordOutcome, input);
  let score: number;
  let band: string | null = null;
  let answers: Prisma.InputJsonValue;
  if (data.instrument === "NPRS") {
    score = data.pain;
    answers = { pain: data.pain };
  } else if (data.instrument === "ODI") {
    const result = scoreOdi(data.sections);
    if (!result.ok) throw new AppError("VALIDATION", `The ODI cannot be scored: ${result.reason}.`, { sections: [result.reason] });
    score = result.score;
    band = result.band;
    answers = data.sections;
  } else {
    score = data.answers.filter(Boolean).length;
    answers = { items: data.answers };
  }
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
    const row = await tx.outcomeResponse.create({
      data: { clinicId: actor.clinicId, patientId: owner.id, planId: data.planId, sessionId: data.sessionId, instrument: data.instrument, context: data.context, answers, score, band, recordedById: actor.userId },
      select: { id: true },
    });
    await recordAuditEvent(tx, { actor, action: `outcome.record.${data.instrument.toLowerCase()}`, entityType: "OutcomeResponse", entityId: row.id, patientId: owner.id });
    return { id: row.id, score, band };
  });
}
