import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { queryFirst, queryRows } from "@/lib/db/run";
import { scopedPatientName } from "@/lib/db/statements/patients";
import { progressActivities, progressLogs, progressOutcomes, progressPlan, progressSessions } from "@/lib/db/statements/progress";
import { todayIn } from "@/lib/domain/schedule/dates";
import { progressFromRows, type Progress } from "./from-rows";
import { refusedRecord } from "@/lib/audit/refused-access";

export type { Change, PainPoint, Progress, ScorePoint } from "./from-rows";


/**
 * Computes progress for one patient, for a caller that already checked access. In SQL, five
 * statements (lib/db/statements/progress.ts): the overview runs it once and the clinician dashboard once per patient, and as
 * Prisma calls each of the five cost 1–4 ms of CPU (a query plan compiled per call).
 */
export async function computeProgress(tx: Tx, clinicId: string, patientId: string, timeZone: string): Promise<Progress> {
  const today = todayIn(timeZone);
  const ofPatient = { clinicId, patientId };
  const plan = await queryFirst(tx, progressPlan(ofPatient));
  const planActivities = plan ? await queryRows(tx, progressActivities({ clinicId, planId: plan.id })) : [];
  const sessions = await queryRows(tx, progressSessions({ ...ofPatient, planId: plan?.id ?? null }));
  const logs = await queryRows(tx, progressLogs({ ...ofPatient, planId: plan?.id ?? null }));
  const outcomes = await queryRows(tx, progressOutcomes(ofPatient));

  return progressFromRows({ patientId, timeZone, today, plan, planActivities, sessions, logs, outcomes });
}

/** Progress with whose it is, for a page that names the patient. */
export type PatientProgress = Progress & { patientName: string };

/**
 * A patient's progress for the care team or the patient: pain over time, ODI, adherence, alerts.
 * Audited once everything was read (a failed read leaves no event; no transaction needed).
 */
export async function getProgress(actor: Actor, patientId: string): Promise<PatientProgress> {
  const found = await queryFirst(db(), scopedPatientName({ patientId, actor, scope: assertCan(actor, "outcome:read") }));
  if (!found) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
  const progress = await computeProgress(db(), actor.clinicId, found.id, actor.timeZone);
  await recordAuditEvent(db(), { actor, action: "progress.read", entityType: "Patient", entityId: found.id, patientId: found.id });
  return { ...progress, patientName: `${found.firstName} ${found.lastName}` };
}

