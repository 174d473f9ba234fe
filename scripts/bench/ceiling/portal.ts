// The patient's Today page and the home-log write:
//  GET /my  — app/(patient)/my/page.tsx: lib/domain/portal/get-patient-home.ts (own patient
//             record, active plan with its clinician, activities and the day's logs, next session,
//             today's pain, audit event) alongside lib/domain/measures/my-asks.ts (own record, the
//             plan, its home measures, audit event), then the plan's pictures and videos
//             (lib/domain/media/list-plan-pictures.ts);
//  POST /my — logHomeActivityAction: lib/domain/portal/log-home-activity.ts (own record, the
//             activity within the active plan, INSERT … ON CONFLICT upsert, audit event); the
//             action does not revalidate /my, so no page is rendered into its answer (decision 052).
import { newId } from "../../../lib/db/new-id";
import { homeActivities, homeActivityInForce, homeNextSession, homePainToday, homePlan, ownPatientRecord, upsertHomeLog } from "../../../lib/db/statements/portal";
import { toActivityDto, type ActivityDto } from "../../../lib/domain/plans/dto";
import { countsFrom } from "../../../lib/domain/progress/rules";
import { addDays, todayIn, toIsoDate, utcToZoned, zonedToUtc } from "../../../lib/domain/schedule/dates";
import { plannedOccurrences } from "../../../lib/domain/schedule/rules";
import { ZLogHomeActivity } from "../../../lib/validation/portal";
import { myAsksFrom, openAsksOn } from "../../../lib/domain/measures/from-rows";
import type { Actor } from "./actor";
import { audit, direct, first, NotFound, rows, transaction, type Client } from "./db";
import { planMeasures, planMedia } from "./measures";

const LOG_DAYS_BACK = 7;

export class Invalid extends Error {}

const forPatient = (a: ActivityDto): ActivityDto => ({ ...a, override: null, guidelineOverride: null });

/** lib/domain/portal/own-patient.ts: the patient's own record (scope "own") and their clinic, one statement. */
async function ownPatient(client: Client, actor: Actor) {
  if (actor.role !== "PATIENT" || !actor.patientId) throw new NotFound();
  const patient = await first(client, ownPatientRecord({ actor, scope: "own" }));
  if (!patient) throw new NotFound();
  return patient;
}

async function patientHome(actor: Actor, requestedDay?: string) {
  return direct(async (client) => {
    const patient = await ownPatient(client, actor);
    const today = todayIn(patient.timeZone);
    const loggableDays = Array.from({ length: LOG_DAYS_BACK + 1 }, (_, back) => addDays(today, -back));
    const day = requestedDay && loggableDays.includes(requestedDay) ? requestedDay : today;
    const ofPatient = { clinicId: actor.clinicId, patientId: patient.id };
    const plan = await first(client, homePlan(ofPatient));
    const activities = plan ? await rows(client, homeActivities({ clinicId: actor.clinicId, planId: plan.id, day })) : [];
    const next = await first(client, homeNextSession({ ...ofPatient, now: new Date() }));
    const dayStart = zonedToUtc(today, "00:00", patient.timeZone);
    const pain = await first(client, homePainToday({ ...ofPatient, userId: actor.userId, since: dayStart }));
    await audit(client, actor, { action: "portal.home.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });

    let planDto = null;
    if (plan) {
      const start = toIsoDate(plan.startDate);
      const due = [];
      const notDue = [];
      for (const activity of activities.filter((a) => a.setting !== "IN_CLINIC")) {
        const from = countsFrom(start, plan.createdAt, activity.createdAt, utcToZoned(activity.createdAt, patient.timeZone).date);
        const times = from <= day ? plannedOccurrences(activity, day, start) : 0;
        const log = activity.logDone === null ? null : { done: activity.logDone, painDuring: activity.logPainDuring, difficulty: activity.logDifficulty, note: activity.logNote };
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
  });
}

export async function logHomeActivity(actor: Actor, input: unknown) {
  const parsed = ZLogHomeActivity.safeParse(input);
  if (!parsed.success) throw new Invalid();
  const data = parsed.data;
  return transaction(async (client) => {
    const patient = await ownPatient(client, actor);
    const today = todayIn(patient.timeZone);
    if (data.date > today || data.date < addDays(today, -LOG_DAYS_BACK)) throw new Invalid();
    const activity = await first(client, homeActivityInForce({ clinicId: actor.clinicId, patientId: patient.id, planActivityId: data.planActivityId }));
    if (!activity) throw new NotFound();
    if (data.slot > Math.max(1, activity.timesPerDay ?? 1)) throw new Invalid();
    const row = await first(
      client,
      upsertHomeLog({
        id: newId(),
        clinicId: actor.clinicId,
        patientId: patient.id,
        planActivityId: activity.id,
        date: data.date,
        slot: data.slot,
        done: data.done,
        painDuring: data.painDuring,
        difficulty: data.difficulty,
        note: data.note,
      }),
    );
    if (!row) throw new Invalid();
    await audit(client, actor, { action: row.created ? "homelog.create" : "homelog.update", entityType: "HomeLog", entityId: row.id, patientId: patient.id });
    return { id: row.id, date: data.date, slot: data.slot, done: data.done, painDuring: data.painDuring, difficulty: data.difficulty, note: data.note, created: row.created };
  });
}

/** lib/domain/measures/my-asks.ts listMyAsks: what the active plan asks the patient to answer now. */
async function myAsks(client: Client, actor: Actor) {
  const patient = await ownPatient(client, actor);
  const plan = await first(client, homePlan({ clinicId: actor.clinicId, patientId: patient.id }));
  const now = new Date();
  const loaded = plan ? await planMeasures(client, plan.id, now) : null;
  const asks = loaded ? openAsksOn(loaded, now).map(({ instrument, askedAt, reason, dueDate }) => ({ instrument, askedAt, reason, dueDate })) : [];
  await audit(client, actor, { action: "portal.asks.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
  return myAsksFrom(plan, asks, patient.timeZone, now);
}

/** The Today page's reads, as app/(patient)/my/page.tsx runs them: home and asks side by side, then the plan's media. */
export async function todayPage(actor: Actor, requestedDay?: string) {
  const [home, asks] = await Promise.all([patientHome(actor, requestedDay), direct((client) => myAsks(client, actor))]);
  const media = home.plan ? await direct((client) => planMedia(client, actor, home.plan!.id)) : { pictures: {}, videos: {} };
  return { home, asks, ...media };
}
