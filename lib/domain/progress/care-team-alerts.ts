import "server-only";
import type { Tx } from "@/lib/db";
import { queryRows } from "@/lib/db/run";
import { alertActivities, alertLogs, alertPlans, alertScores } from "@/lib/db/statements/progress";
import { addDays, todayIn } from "@/lib/domain/schedule/dates";
import { alertsFromRows } from "./from-rows";
import type { Alert } from "./rules";

/**
 * The progress alerts (rules.ts: alertsFor over adherence) of many patients at once, each for the
 * plan computeProgress would pick (the newest ACTIVE, else ON_HOLD, plan): the same inputs,
 * loaded by a fixed number of set-based queries instead of five per patient. Only what the rules
 * look at is loaded: home logs of the last 7 days, completed-session counts, and the baseline and
 * latest NPRS/ODI scores. Four SQL statements (lib/db/statements/progress.ts; one when none of the patients has an open plan),
 * each a single query plan rather than a Prisma call compiled per request. Patients without an
 * open plan get no alerts. The caller has already checked that the actor may see these patients.
 */
export async function alertsForPatients(tx: Tx, clinicId: string, patientIds: string[], timeZone: string): Promise<Map<string, Alert[]>> {
  if (patientIds.length === 0) return new Map();
  const today = todayIn(timeZone);
  const weekAgo = addDays(today, -6);

  const plans = await queryRows(tx, alertPlans({ clinicId, patientIds }));
  if (plans.length === 0) return new Map();
  const planIds = plans.map((p) => p.id);
  const activities = await queryRows(tx, alertActivities({ clinicId, planIds }));
  const logs = await queryRows(tx, alertLogs({ clinicId, patientIds, planIds, since: weekAgo }));
  const scores = await queryRows(tx, alertScores({ clinicId, patientIds }));

  return alertsFromRows({ timeZone, today, plans, activities, logs, scores });
}
