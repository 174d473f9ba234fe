// lib/domain/progress/care-team-alerts.ts alertsForPatients(): the same four statements (the plan
// in force per patient with its completed sessions, their home activities, the week's home logs,
// baseline and latest NPRS/ODI scores) and the same pure rules.
import { alertActivities, alertLogs, alertPlans, alertScores } from "../../../lib/db/statements/progress";
import { alertsFromRows } from "../../../lib/domain/progress/from-rows";
import type { Alert } from "../../../lib/domain/progress/rules";
import { addDays, todayIn } from "../../../lib/domain/schedule/dates";
import { rows, type Client } from "./db";

export async function alertsForPatients(client: Client, clinicId: string, patientIds: string[], timeZone: string): Promise<Map<string, Alert[]>> {
  if (patientIds.length === 0) return new Map();
  const today = todayIn(timeZone);
  const plans = await rows(client, alertPlans({ clinicId, patientIds }));
  if (plans.length === 0) return new Map();
  const planIds = plans.map((p) => p.id);
  const activities = await rows(client, alertActivities({ clinicId, planIds }));
  const logs = await rows(client, alertLogs({ clinicId, patientIds, planIds, since: addDays(today, -6) }));
  const scores = await rows(client, alertScores({ clinicId, patientIds }));
  return alertsFromRows({ timeZone, today, plans, activities, logs, scores });
}
