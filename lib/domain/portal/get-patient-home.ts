import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { queryFirst, queryRows } from "@/lib/db/run";
import { homeActivities, homeNextSession, homePainToday, homePlan } from "@/lib/db/statements/portal";
import { toActivityDto, type ActivityDto } from "@/lib/domain/plans/dto";
import { addDays, todayIn, toIsoDate, utcToZoned, zonedToUtc, type IsoDate } from "@/lib/domain/schedule/dates";
import { countsFrom } from "@/lib/domain/progress/rules";
import { plannedOccurrences } from "@/lib/domain/schedule/rules";
import { LOG_DAYS_BACK } from "./log-home-activity";
import { ownPatient } from "./own-patient";

export type DayLog = { done: boolean; painDuring: number | null; difficulty: number | null; note: string | null };
/**
 * timesOnDay: the doses planned that day. log: the first (for a once-a-day activity the only) log
 * of the day. slotsDone: how many of the day's slots are logged as done; lastSlot: the highest slot
 * logged (0: none), so "Log the next one" logs lastSlot + 1 and "Undo the last" takes back lastSlot.
 */
export type DueActivity = ActivityDto & { timesOnDay: number; log: DayLog | null; slotsDone: number; lastSlot: number };


export type PatientHome = {
  firstName: string;
  today: IsoDate;
  /** The day shown: today unless the patient picked one of the past 7 days. */
  day: IsoDate;
  /** The days that can be logged, newest first (today … 7 days back). */
  loggableDays: IsoDate[];
  plan: {
    id: string;
    title: string;
    goals: string;
    status: string;
    clinicianName: string;
    due: DueActivity[];
    notDue: ActivityDto[];
    inClinic: ActivityDto[];
    /** When the clinician asked for an ODI from home and it is still open. */
    odiRequestedAt: string | null;
  } | null;
  /** The pain the patient reported for today (NPRS), if any. */
  painToday: number | null;
  nextSession: { startsAt: string; clinicianName: string; durationMin: number } | null;
};

/** Home activities carry no clinician-only fields to the patient (override reasons stay in the clinic). */
export function forPatient(activity: ActivityDto): ActivityDto {
  return { ...activity, override: null, guidelineOverride: null };
}

/**
 * The signed-in patient's Today page: the active plan's home activities due on the chosen day
 * (today or up to 7 days back) with what was logged for them, today's self-reported pain and an
 * open ODI request. Audited as one read of the patient's record, written after the reads succeeded
 * (no transaction needed for that).
 */
export async function getPatientHome(actor: Actor, requestedDay?: IsoDate): Promise<PatientHome> {
  const patient = await ownPatient(db(), actor, "homelog:write");
  const today = todayIn(patient.timeZone);
  const loggableDays = Array.from({ length: LOG_DAYS_BACK + 1 }, (_, back) => addDays(today, -back));
  const day = requestedDay && loggableDays.includes(requestedDay) ? requestedDay : today;
  // In SQL, four statements after the patient's own record: the page every patient opens first,
  // and Prisma compiled each of its calls to a query plan (~2–4 ms of CPU each).
  const ofPatient = { clinicId: actor.clinicId, patientId: patient.id };
  const plan = await queryFirst(db(), homePlan(ofPatient));
  // The plan's activities in force, each with what was logged for it on the chosen day.
  const activities = plan ? await queryRows(db(), homeActivities({ clinicId: actor.clinicId, planId: plan.id, day })) : [];
  const next = await queryFirst(db(), homeNextSession({ ...ofPatient, now: new Date() }));
  const dayStart = zonedToUtc(today, "00:00", patient.timeZone);
  const pain = await queryFirst(db(), homePainToday({ ...ofPatient, userId: actor.userId, since: dayStart }));
  await recordAuditEvent(db(), { actor, action: "portal.home.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });

  let planDto: PatientHome["plan"] = null;
  if (plan) {
    const start = toIsoDate(plan.startDate);
    const due: DueActivity[] = [];
    const notDue: ActivityDto[] = [];
    for (const activity of activities.filter((a) => a.setting !== "IN_CLINIC")) {
      // An activity added after the chosen day was not part of the routine then (the same rule as adherence).
      const from = countsFrom(start, plan.createdAt, activity.createdAt, utcToZoned(activity.createdAt, patient.timeZone).date);
      const times = from <= day ? plannedOccurrences(activity, day, start) : 0;
      const log: DayLog | null =
        activity.logDone === null ? null : { done: activity.logDone, painDuring: activity.logPainDuring, difficulty: activity.logDifficulty, note: activity.logNote };
      if (times > 0 || log) due.push({ ...forPatient(toActivityDto(activity)), timesOnDay: Math.max(times, 1), log, slotsDone: activity.slotsDone, lastSlot: activity.lastSlot });
      else notDue.push(forPatient(toActivityDto(activity)));
    }
    planDto = {
      id: plan.id,
      title: plan.title,
      goals: plan.goals,
      status: plan.status,
      clinicianName: plan.clinicianName,
      due,
      notDue,
      inClinic: activities.filter((a) => a.setting === "IN_CLINIC").map((a) => forPatient(toActivityDto(a))),
      odiRequestedAt: plan.odiRequestedAt?.toISOString() ?? null,
    };
  }
  return {
    firstName: patient.firstName,
    today,
    day,
    loggableDays,
    plan: planDto,
    painToday: pain ? pain.score : null,
    nextSession: next ? { startsAt: next.startsAt.toISOString(), clinicianName: next.clinicianName, durationMin: next.durationMin } : null,
  };
}
