// lib/domain/progress/get-progress.ts computeProgress(): the same five statements (plan, its home
// activities, completed sessions, home logs, NPRS/ODI scores) and the same pure rules.
import { progressFromRows } from "../../../lib/domain/progress/from-rows";
import { todayIn } from "../../../lib/domain/schedule/dates";
import { rows, type Client } from "./db";

type Plan = { id: string; startDate: Date; createdAt: Date; activatedAt: Date | null; reviewDate: Date | null; plannedSessions: number };

export async function computeProgress(client: Client, clinicId: string, patientId: string, timeZone: string) {
  const today = todayIn(timeZone);
  const [plan] = await rows<Plan>(
    client,
    `SELECT t."id", t."startDate", t."createdAt", t."activatedAt", t."reviewDate", t."plannedSessions" FROM "TreatmentPlan" t
      WHERE t."clinicId" = $1 AND t."patientId" = $2 AND t."status" IN ('ACTIVE', 'ON_HOLD')
      ORDER BY t."status" ASC, t."startDate" DESC LIMIT 1`,
    [clinicId, patientId],
  );
  const activities = plan
    ? await rows<{ id: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }>(
        client,
        `SELECT a."id", a."daysPerWeek", a."timesPerDay", a."createdAt" FROM "PlanActivity" a
          WHERE a."clinicId" = $1 AND a."planId" = $2 AND a."status" = 'ACTIVE' AND a."setting" IN ('HOME', 'BOTH')`,
        [clinicId, plan.id],
      )
    : [];
  const sessions = await rows<{ startsAt: Date; painBefore: number | null; painAfter: number | null }>(
    client,
    `SELECT s."startsAt", s."painBefore", s."painAfter" FROM "Session" s
      WHERE s."clinicId" = $1 AND s."patientId" = $2 AND s."status" = 'COMPLETED' ${plan ? `AND s."planId" = $3` : ""} ORDER BY s."startsAt"`,
    plan ? [clinicId, patientId, plan.id] : [clinicId, patientId],
  );
  const logs = await rows<{ planActivityId: string; date: Date; done: boolean; painDuring: number | null }>(
    client,
    `SELECT h."planActivityId", h."date", h."done", h."painDuring" FROM "HomeLog" h
       ${plan ? `JOIN "PlanActivity" a ON a."id" = h."planActivityId" AND a."planId" = $3` : ""}
      WHERE h."clinicId" = $1 AND h."patientId" = $2 ORDER BY h."date"`,
    plan ? [clinicId, patientId, plan.id] : [clinicId, patientId],
  );
  const outcomes = await rows<{ instrument: string; context: string; score: number; recordedAt: Date }>(
    client,
    `SELECT o."instrument"::text AS "instrument", o."context"::text AS "context", o."score", o."recordedAt" FROM "OutcomeResponse" o
      WHERE o."clinicId" = $1 AND o."patientId" = $2 AND o."instrument" IN ('NPRS', 'ODI') ORDER BY o."recordedAt"`,
    [clinicId, patientId],
  );

  return progressFromRows({ patientId, timeZone, today, plan, planActivities: activities, sessions, logs, outcomes });
}
