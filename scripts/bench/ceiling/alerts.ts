// lib/domain/progress/care-team-alerts.ts alertsForPatients(): the same four statements (the plan
// in force per patient with its completed sessions, their home activities, the week's home logs,
// baseline and latest NPRS/ODI scores) and the same pure rules.
import { alertsFromRows } from "../../../lib/domain/progress/from-rows";
import type { Alert } from "../../../lib/domain/progress/rules";
import { addDays, todayIn } from "../../../lib/domain/schedule/dates";
import { rows, type Client } from "./db";

type Plan = { id: string; patientId: string; startDate: Date; createdAt: Date; activatedAt: Date | null; reviewDate: Date | null; completedSessions: number };
type Log = { patientId: string; planId: string; planActivityId: string; date: Date; done: boolean; painDuring: number | null };
type Score = { kind: "baseline" | "latest"; patientId: string; instrument: "NPRS" | "ODI"; id: string; score: number };

export async function alertsForPatients(client: Client, clinicId: string, patientIds: string[], timeZone: string): Promise<Map<string, Alert[]>> {
  if (patientIds.length === 0) return new Map();
  const today = todayIn(timeZone);
  const weekAgo = addDays(today, -6);
  const plans = await rows<Plan>(
    client,
    `SELECT c.id, c."patientId", c."startDate", c."createdAt", c."activatedAt", c."reviewDate", (SELECT count(*)::int FROM "Session" s
                  WHERE s."clinicId" = $1 AND s."planId" = c.id AND s."patientId" = c."patientId" AND s.status = 'COMPLETED') AS "completedSessions"
    FROM (SELECT DISTINCT ON (t."patientId") t.id, t."patientId", t."startDate", t."createdAt", t."activatedAt", t."reviewDate"
          FROM "TreatmentPlan" t
          WHERE t."clinicId" = $1 AND t."patientId" = ANY($2) AND t.status IN ('ACTIVE', 'ON_HOLD')
          ORDER BY t."patientId", t.status, t."startDate" DESC, t.id) c`,
    [clinicId, patientIds],
  );
  if (plans.length === 0) return new Map();
  const planIds = plans.map((p) => p.id);
  const activities = await rows<{ id: string; planId: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }>(
    client,
    `SELECT a.id, a."planId", a."daysPerWeek", a."timesPerDay", a."createdAt" FROM "PlanActivity" a
    WHERE a."clinicId" = $1 AND a."planId" = ANY($2) AND a.status = 'ACTIVE' AND a.setting IN ('HOME', 'BOTH')`,
    [clinicId, planIds],
  );
  const logs = await rows<Log>(
    client,
    `SELECT h."patientId", a."planId", h."planActivityId", h.date, h.done, h."painDuring"
    FROM "HomeLog" h JOIN "PlanActivity" a ON a.id = h."planActivityId"
    WHERE h."clinicId" = $1 AND h."patientId" = ANY($2) AND a."planId" = ANY($3)
      AND h.date >= $4::date`,
    [clinicId, patientIds, planIds, weekAgo],
  );
  const scores = await rows<Score>(
    client,
    `(SELECT DISTINCT ON (o."patientId", o.instrument) 'baseline' AS kind, o."patientId", o.instrument::text AS instrument, o.id, o.score
     FROM "OutcomeResponse" o
     WHERE o."clinicId" = $1 AND o."patientId" = ANY($2) AND o.instrument IN ('NPRS', 'ODI') AND o.context = 'BASELINE'
     ORDER BY o."patientId", o.instrument, o."recordedAt", o.id)
    UNION ALL
    (SELECT DISTINCT ON (o."patientId", o.instrument) 'latest' AS kind, o."patientId", o.instrument::text AS instrument, o.id, o.score
     FROM "OutcomeResponse" o
     WHERE o."clinicId" = $1 AND o."patientId" = ANY($2) AND o.instrument IN ('NPRS', 'ODI')
     ORDER BY o."patientId", o.instrument, o."recordedAt" DESC, o.id DESC)`,
    [clinicId, patientIds],
  );

  return alertsFromRows({ timeZone, today, plans, activities, logs, scores });
}
