import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { OdiBand } from "@/lib/domain/outcomes/rules";
import { scoreByDefinition } from "@/lib/domain/outcomes/record-outcome";
import { todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZSelfReportOdi, ZSelfReportPain, ZSelfReportQuestionnaire, type TSelfReportOdi, type TSelfReportPain, type TSelfReportQuestionnaire } from "@/lib/validation/portal";
import { claimAsk } from "./asked-measures";
import { ownPatient } from "./own-patient";

/**
 * The patient reports today's pain (NPRS 0–10). One self-report per day: reporting again the
 * same day corrects it (a per-patient lock makes a double tap one row). Stored as an INTERIM
 * NPRS recorded by the patient, on the active plan when there is one.
 */
export async function selfReportPain(actor: Actor, input: TSelfReportPain): Promise<{ id: string; pain: number; updated: boolean }> {
  const data = parseInput(ZSelfReportPain, input);
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "outcome:self-report");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`nprs-self:${patient.id}`}))`;
    const dayStart = zonedToUtc(todayIn(patient.timeZone), "00:00", patient.timeZone);
    const existing = await tx.outcomeResponse.findFirst({
      where: { clinicId: actor.clinicId, patientId: patient.id, instrument: "NPRS", recordedById: actor.userId, recordedAt: { gte: dayStart } },
      orderBy: { recordedAt: "desc" },
      select: { id: true },
    });
    // Scored by the clinic's NPRS definition like every measure (the score is the pain itself).
    const scored = await scoreByDefinition(tx, actor.clinicId, "NPRS", { pain: data.pain }, (reason) => `Pain cannot be recorded: ${reason}.`);
    let id: string;
    if (existing) {
      await tx.outcomeResponse.update({ where: { id: existing.id }, data: { score: scored.score, answers: { pain: data.pain }, recordedAt: new Date(), definitionVersion: scored.version } });
      id = existing.id;
    } else {
      const plan = await tx.treatmentPlan.findFirst({
        where: { clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE" },
        orderBy: { startDate: "desc" },
        select: { id: true },
      });
      const row = await tx.outcomeResponse.create({
        data: { clinicId: actor.clinicId, patientId: patient.id, planId: plan?.id ?? null, instrument: "NPRS", context: "INTERIM", answers: { pain: data.pain }, score: scored.score, recordedById: actor.userId, definitionVersion: scored.version },
        select: { id: true },
      });
      id = row.id;
    }
    await recordAuditEvent(tx, { actor, action: existing ? "outcome.self_report.nprs.update" : "outcome.self_report.nprs", entityType: "OutcomeResponse", entityId: id, patientId: patient.id });
    return { id, pain: data.pain, updated: Boolean(existing) };
  });
}

/**
 * The patient answers a questionnaire (ODI, RMDQ or PSFS) their active plan asks for, scored by
 * the clinic's current definition (the same rule as in the clinic). The answer claims the plan's
 * open ask in the same transaction (lib/domain/portal/asked-measures): with no open ask it is
 * refused (CONFLICT) and nothing is stored, so a second submission is never stored twice.
 */
export async function selfReportQuestionnaire(actor: Actor, input: TSelfReportQuestionnaire): Promise<{ id: string; score: number; band: string | null; label: string }> {
  const data = parseInput(ZSelfReportQuestionnaire, input);
  const answers: Prisma.InputJsonValue =
    data.instrument === "ODI" ? data.sections : data.instrument === "RMDQ" ? { items: data.answers } : { activities: data.activities.map((a) => ({ activity: a.activity, rating: a.rating })) };
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "outcome:self-report");
    const plan = await tx.treatmentPlan.findFirst({
      where: { id: data.planId, clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE" },
      select: { id: true },
    });
    if (!plan) throw notFound("Plan");
    const scored = await scoreByDefinition(tx, actor.clinicId, data.instrument, answers, (reason) =>
      data.instrument === "ODI" ? `Please answer at least nine of the ten questions (${reason}). Nothing was sent.` : `Your answers cannot be scored yet (${reason}). Nothing was sent.`,
    );
    // Closing the ask and storing the answers happen together; of two racing submissions one closes it.
    if (!(await claimAsk(tx, plan.id, data.instrument, new Date()))) throw new AppError("CONFLICT", "This questionnaire has already been sent, or your clinician withdrew it.");
    const row = await tx.outcomeResponse.create({
      data: { clinicId: actor.clinicId, patientId: patient.id, planId: plan.id, instrument: data.instrument, context: "INTERIM", answers, score: scored.score, band: scored.band, recordedById: actor.userId, definitionVersion: scored.version },
      select: { id: true },
    });
    await recordAuditEvent(tx, { actor, action: SELF_REPORT_ACTION[data.instrument], entityType: "OutcomeResponse", entityId: row.id, patientId: patient.id });
    return { id: row.id, score: scored.score, band: scored.band, label: scored.definition.label };
  });
}

const SELF_REPORT_ACTION = { ODI: "outcome.self_report.odi", RMDQ: "outcome.self_report.rmdq", PSFS: "outcome.self_report.psfs" } as const;

/** The ODI the plan asked for, answered by the patient: selfReportQuestionnaire for the ODI. */
export async function selfReportOdi(actor: Actor, input: TSelfReportOdi): Promise<{ id: string; score: number; band: OdiBand; label: string }> {
  const data = parseInput(ZSelfReportOdi, input);
  const result = await selfReportQuestionnaire(actor, { instrument: "ODI", planId: data.planId, sections: data.sections });
  return { ...result, band: result.band as OdiBand };
}

export type OdiRequest = { planId: string; requestedAt: string; clinicianName: string } | null;

/** The ODI the patient's active plan asks for, if any. Audited as a read of the patient's record. */
export async function getOdiRequest(actor: Actor): Promise<OdiRequest> {
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "outcome:self-report");
    const plan = await tx.treatmentPlan.findFirst({
      where: { clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE", odiRequestedAt: { not: null } },
      orderBy: { odiRequestedAt: "desc" },
      select: { id: true, odiRequestedAt: true, clinician: { select: { name: true } } },
    });
    await recordAuditEvent(tx, { actor, action: "portal.questionnaire.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return plan ? { planId: plan.id, requestedAt: plan.odiRequestedAt!.toISOString(), clinicianName: plan.clinician.name } : null;
  });
}
