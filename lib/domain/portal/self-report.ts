import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { scoreOdi, type OdiBand } from "@/lib/domain/outcomes/rules";
import { todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZSelfReportOdi, ZSelfReportPain, type TSelfReportOdi, type TSelfReportPain } from "@/lib/validation/portal";
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
    let id: string;
    if (existing) {
      await tx.outcomeResponse.update({ where: { id: existing.id }, data: { score: data.pain, answers: { pain: data.pain }, recordedAt: new Date() } });
      id = existing.id;
    } else {
      const plan = await tx.treatmentPlan.findFirst({
        where: { clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE" },
        orderBy: { startDate: "desc" },
        select: { id: true },
      });
      const row = await tx.outcomeResponse.create({
        data: { clinicId: actor.clinicId, patientId: patient.id, planId: plan?.id ?? null, instrument: "NPRS", context: "INTERIM", answers: { pain: data.pain }, score: data.pain, recordedById: actor.userId },
        select: { id: true },
      });
      id = row.id;
    }
    await recordAuditEvent(tx, { actor, action: existing ? "outcome.self_report.nprs.update" : "outcome.self_report.nprs", entityType: "OutcomeResponse", entityId: id, patientId: patient.id });
    return { id, pain: data.pain, updated: Boolean(existing) };
  });
}

/**
 * The patient answers the ODI their clinician asked for on their active plan. Scored by the
 * same rule as in the clinic (at most one section unanswered); answering closes the request, so
 * a second submission of the same request is refused (CONFLICT), not stored twice.
 */
export async function selfReportOdi(actor: Actor, input: TSelfReportOdi): Promise<{ id: string; score: number; band: OdiBand }> {
  const data = parseInput(ZSelfReportOdi, input);
  const result = scoreOdi(data.sections);
  if (!result.ok) throw new AppError("VALIDATION", `Please answer at least nine of the ten questions (${result.reason}). Nothing was sent.`, { sections: [result.reason] });
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "outcome:self-report");
    const plan = await tx.treatmentPlan.findFirst({
      where: { id: data.planId, clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE" },
      select: { id: true },
    });
    if (!plan) throw notFound("Plan");
    // Closing the request and storing the answers happen together; of two racing submissions one closes it.
    if (!(await claimAsk(tx, plan.id, "ODI", new Date()))) throw new AppError("CONFLICT", "This questionnaire has already been sent, or your clinician withdrew it.");
    const row = await tx.outcomeResponse.create({
      data: { clinicId: actor.clinicId, patientId: patient.id, planId: plan.id, instrument: "ODI", context: "INTERIM", answers: data.sections, score: result.score, band: result.band, recordedById: actor.userId },
      select: { id: true },
    });
    await recordAuditEvent(tx, { actor, action: "outcome.self_report.odi", entityType: "OutcomeResponse", entityId: row.id, patientId: patient.id });
    return { id: row.id, score: result.score, band: result.band };
  });
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
