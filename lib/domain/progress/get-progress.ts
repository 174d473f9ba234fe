import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { todayIn } from "@/lib/domain/schedule/dates";
import { progressFromRows, type Progress } from "./from-rows";
import { refusedRecord } from "@/lib/audit/refused-access";

export type { Change, PainPoint, Progress, ScorePoint } from "./from-rows";

type ProgressPlan = { id: string; startDate: Date; createdAt: Date; activatedAt: Date | null; reviewDate: Date | null; plannedSessions: number };

/**
 * Computes progress for one patient, for a caller that already checked access. In SQL, five
 * statements: the overview runs it once and the clinician dashboard once per patient, and as
 * Prisma calls each of the five cost 1–4 ms of CPU (a query plan compiled per call).
 */
export async function computeProgress(tx: Tx, clinicId: string, patientId: string, timeZone: string): Promise<Progress> {
  const today = todayIn(timeZone);
  // The plan in force: active before on hold (the enum's order), then the latest.
  const [plan] = await tx.$queryRaw<ProgressPlan[]>`
    SELECT t."id", t."startDate", t."createdAt", t."activatedAt", t."reviewDate", t."plannedSessions" FROM "TreatmentPlan" t
     WHERE t."clinicId" = ${clinicId} AND t."patientId" = ${patientId} AND t."status" IN ('ACTIVE', 'ON_HOLD')
     ORDER BY t."status" ASC, t."startDate" DESC
     LIMIT 1`;
  const planActivities = plan
    ? await tx.$queryRaw<{ id: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }[]>`
        SELECT a."id", a."daysPerWeek", a."timesPerDay", a."createdAt" FROM "PlanActivity" a
         WHERE a."clinicId" = ${clinicId} AND a."planId" = ${plan.id} AND a."status" = 'ACTIVE' AND a."setting" IN ('HOME', 'BOTH')`
    : [];
  const sessions = await tx.$queryRaw<{ startsAt: Date; painBefore: number | null; painAfter: number | null }[]>`
    SELECT s."startsAt", s."painBefore", s."painAfter" FROM "Session" s
     WHERE s."clinicId" = ${clinicId} AND s."patientId" = ${patientId} AND s."status" = 'COMPLETED'
       ${plan ? Prisma.sql`AND s."planId" = ${plan.id}` : Prisma.empty}
     ORDER BY s."startsAt"`;
  const logs = await tx.$queryRaw<{ planActivityId: string; date: Date; done: boolean; painDuring: number | null }[]>`
    SELECT h."planActivityId", h."date", h."done", h."painDuring" FROM "HomeLog" h
      ${plan ? Prisma.sql`JOIN "PlanActivity" a ON a."id" = h."planActivityId" AND a."planId" = ${plan.id}` : Prisma.empty}
     WHERE h."clinicId" = ${clinicId} AND h."patientId" = ${patientId}
     ORDER BY h."date"`;
  // Each score with the label of the definition version it was scored by (issue 16): "ODI, adapted
  // wording" until the clinic loads licensed wording; rows without a stored version are the shipped one's.
  const outcomes = await tx.$queryRaw<{ instrument: "NPRS" | "ODI"; context: string; score: number; recordedAt: Date; label: string | null }[]>`
    SELECT o."instrument"::text AS "instrument", o."context"::text AS "context", o."score", o."recordedAt", d."label" FROM "OutcomeResponse" o
      LEFT JOIN "InstrumentDefinition" d ON d."clinicId" = o."clinicId" AND d."code" = o."instrument" AND d."version" = o."definitionVersion"
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ${patientId} AND o."instrument" IN ('NPRS', 'ODI')
     ORDER BY o."recordedAt"`;

  return progressFromRows({ patientId, timeZone, today, plan, planActivities, sessions, logs, outcomes });
}

/** Progress with whose it is, for a page that names the patient. */
export type PatientProgress = Progress & { patientName: string };

/**
 * A patient's progress for the care team or the patient: pain over time, ODI, adherence, alerts.
 * Audited once everything was read (a failed read leaves no event; no transaction needed).
 */
export async function getProgress(actor: Actor, patientId: string): Promise<PatientProgress> {
  const patient = patientScope(actor, "outcome:read");
  const found = await db().patient.findFirst({ where: { ...patient, id: patientId }, select: { id: true, firstName: true, lastName: true } });
  if (!found) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
  const progress = await computeProgress(db(), actor.clinicId, found.id, actor.timeZone);
  await recordAuditEvent(db(), { actor, action: "progress.read", entityType: "Patient", entityId: found.id, patientId: found.id });
  return { ...progress, patientName: `${found.firstName} ${found.lastName}` };
}

