// lib/domain/progress/get-progress.ts computeProgress(): the same five statements (plan, its home
// activities, completed sessions, home logs, NPRS/ODI scores) and the same pure rules.
import { progressActivities, progressLogs, progressOutcomes, progressPlan, progressSessions } from "../../../lib/db/statements/progress";
import { progressFromRows } from "../../../lib/domain/progress/from-rows";
import { todayIn } from "../../../lib/domain/schedule/dates";
import { first, rows, type Client } from "./db";

export async function computeProgress(client: Client, clinicId: string, patientId: string, timeZone: string) {
  const today = todayIn(timeZone);
  const ofPatient = { clinicId, patientId };
  const plan = await first(client, progressPlan(ofPatient));
  const activities = plan ? await rows(client, progressActivities({ clinicId, planId: plan.id })) : [];
  const sessions = await rows(client, progressSessions({ ...ofPatient, planId: plan?.id ?? null }));
  const logs = await rows(client, progressLogs({ ...ofPatient, planId: plan?.id ?? null }));
  const outcomes = await rows(client, progressOutcomes(ofPatient));
  return progressFromRows({ patientId, timeZone, today, plan, planActivities: activities, sessions, logs, outcomes });
}
