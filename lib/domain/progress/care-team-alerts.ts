import "server-only";
import type { Tx } from "@/lib/db";
import { addDays, todayIn } from "@/lib/domain/schedule/dates";
import { alertsFromRows } from "./from-rows";
import type { Alert } from "./rules";

type PlanRef = { id: string; startDate: Date; createdAt: Date; activatedAt: Date | null; reviewDate: Date | null };

type Score = { patientId: string; instrument: "NPRS" | "ODI"; id: string; score: number };

/**
 * The progress alerts (rules.ts: alertsFor over adherence) of many patients at once, each for the
 * plan computeProgress would pick (the newest ACTIVE, else ON_HOLD, plan): the same inputs,
 * loaded by a fixed number of set-based queries instead of five per patient. Only what the rules
 * look at is loaded: home logs of the last 7 days, completed-session counts, and the baseline and
 * latest NPRS/ODI scores. Four SQL statements (one when none of the patients has an open plan),
 * each a single query plan rather than a Prisma call compiled per request. Patients without an
 * open plan get no alerts. The caller has already checked that the actor may see these patients.
 */
export async function alertsForPatients(tx: Tx, clinicId: string, patientIds: string[], timeZone: string): Promise<Map<string, Alert[]>> {
  if (patientIds.length === 0) return new Map();
  const today = todayIn(timeZone);
  const weekAgo = addDays(today, -6);

  // computeProgress's choice: status ACTIVE before ON_HOLD (enum order), then the latest start;
  // with its completed sessions (those of this plan and patient), counted for the chosen plan only.
  const plans = await tx.$queryRaw<(PlanRef & { patientId: string; completedSessions: number })[]>`
    SELECT c.id, c."patientId", c."startDate", c."createdAt", c."activatedAt", c."reviewDate", (SELECT count(*)::int FROM "Session" s
                  WHERE s."clinicId" = ${clinicId} AND s."planId" = c.id AND s."patientId" = c."patientId" AND s.status = 'COMPLETED') AS "completedSessions"
    FROM (SELECT DISTINCT ON (t."patientId") t.id, t."patientId", t."startDate", t."createdAt", t."activatedAt", t."reviewDate"
          FROM "TreatmentPlan" t
          WHERE t."clinicId" = ${clinicId} AND t."patientId" = ANY(${patientIds}) AND t.status IN ('ACTIVE', 'ON_HOLD')
          ORDER BY t."patientId", t.status, t."startDate" DESC, t.id) c`;
  if (plans.length === 0) return new Map();
  const planIds = plans.map((p) => p.id);

  const activities = await tx.$queryRaw<{ id: string; planId: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }[]>`
    SELECT a.id, a."planId", a."daysPerWeek", a."timesPerDay", a."createdAt" FROM "PlanActivity" a
    WHERE a."clinicId" = ${clinicId} AND a."planId" = ANY(${planIds}) AND a.status = 'ACTIVE' AND a.setting IN ('HOME', 'BOTH')`;
  // Every log of the plan's activities (paused ones too) from a week ago on, as computeProgress reads them.
  const logs = await tx.$queryRaw<{ patientId: string; planId: string; planActivityId: string; date: Date; done: boolean; painDuring: number | null }[]>`
    SELECT h."patientId", a."planId", h."planActivityId", h.date, h.done, h."painDuring"
    FROM "HomeLog" h JOIN "PlanActivity" a ON a.id = h."planActivityId"
    WHERE h."clinicId" = ${clinicId} AND h."patientId" = ANY(${patientIds}) AND a."planId" = ANY(${planIds})
      AND h.date >= ${weekAgo}::date`;
  // Per patient and instrument: the first baseline and the latest score (computeProgress's change()).
  const scores = await tx.$queryRaw<(Score & { kind: "baseline" | "latest" })[]>`
    (SELECT DISTINCT ON (o."patientId", o.instrument) 'baseline' AS kind, o."patientId", o.instrument::text AS instrument, o.id, o.score
     FROM "OutcomeResponse" o
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ANY(${patientIds}) AND o.instrument IN ('NPRS', 'ODI') AND o.context = 'BASELINE'
     ORDER BY o."patientId", o.instrument, o."recordedAt", o.id)
    UNION ALL
    (SELECT DISTINCT ON (o."patientId", o.instrument) 'latest' AS kind, o."patientId", o.instrument::text AS instrument, o.id, o.score
     FROM "OutcomeResponse" o
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ANY(${patientIds}) AND o.instrument IN ('NPRS', 'ODI')
     ORDER BY o."patientId", o.instrument, o."recordedAt" DESC, o.id DESC)`;

  return alertsFromRows({ timeZone, today, plans, activities, logs, scores });
}
