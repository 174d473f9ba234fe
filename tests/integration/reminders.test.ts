// Reminders against the real database and job queue (decision 035): the patient's settings (defaults,
// 409 on a stale version, patients only, bad input changes nothing); the minute tick sends a daily
// reminder only when something due today is not logged yet, once, not when turned off, in the
// patient's own zone; appointment reminders 24 h ahead; a moved or cancelled session and a new
// questionnaire request reach the patient in the same transaction; one-click unsubscribe turns off
// only its topic, without signing in, and a bad token changes nothing. Messages are checked as
// OutboundMessage rows (delivery itself: message-delivery.test.ts and reminders-two-processes.test.ts).
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { stopBoss } from "@/lib/jobs/boss";
import { getMyPreferences, updateMyPreferences } from "@/lib/domain/notifications/preferences";
import { runReminderTick } from "@/lib/domain/notifications/reminder-tick";
import { describeUnsubscribe, unsubscribe } from "@/lib/domain/notifications/unsubscribe";
import { requestOdi } from "@/lib/domain/plans/request-odi";
import { changeSessionStatus, rescheduleSession } from "@/lib/domain/sessions/scheduling";
import { AppError } from "@/lib/errors";
import { unsubscribeToken } from "@/lib/messaging/unsubscribe";
import { POST as oneClick } from "@/app/api/v1/unsubscribe/[token]/route";
import { installRecordingDb, recordQueries } from "@/scripts/lib/query-recorder";
import { actorFor, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

afterAll(stopBoss);
beforeEach(truncateAll);

// Saturday 5 December 2026, 18:05 in London (GMT): the default reminder time (18:00) has passed.
const NOW = new Date("2026-12-05T18:05:00.000Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

async function world(options: { timesPerDay?: number } = {}) {
  const clinic = await createClinic("Riverside Physio");
  const clinicianUser = await createUser(clinic.id, "CLINICIAN");
  const clinician: Actor = actorFor(clinicianUser);
  const { patient, portal } = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
  const plan = await createPlan(clinic.id, patient.id, clinicianUser.id);
  const activity = plan.activities[0]!;
  if (options.timesPerDay) await testDb().planActivity.update({ where: { id: activity.id }, data: { timesPerDay: options.timesPerDay } });
  const me = actorFor(portal!, patient.id);
  return { clinic, clinicianUser, clinician, patient, user: portal!, me, plan, activity };
}
type World = Awaited<ReturnType<typeof world>>;

const messages = (userId: string) => testDb().outboundMessage.findMany({ where: { userId }, orderBy: { dedupeKey: "asc" } });
const prefsRow = (userId: string) => testDb().notificationPreference.findUnique({ where: { userId } });
const log = (w: World, date: string, slot = 1, done = true) =>
  testDb().homeLog.create({ data: { clinicId: w.clinic.id, patientId: w.patient.id, planActivityId: w.activity.id, date: new Date(`${date}T00:00:00Z`), slot, done } });
const defaults = (over: Partial<Parameters<typeof updateMyPreferences>[1]> = {}) => ({
  version: 1,
  dailyReminder: true,
  dailyReminderTime: "18:00",
  appointmentReminders: true,
  questionnaireReminders: true,
  emailEnabled: true,
  pushEnabled: true,
  timeZone: null,
  ...over,
});

async function rejects(promise: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}

describe("reminder settings", () => {
  it("start as the defaults (everything on, 18:00, the clinic's zone) and save with a version, audited", async () => {
    const w = await world();
    const before = await getMyPreferences(w.me);
    expect(before).toMatchObject({ ...defaults(), timeZone: null, clinicTimeZone: "Europe/London", email: w.user.email, pushDevices: 0, version: 1 });
    expect(await prefsRow(w.user.id)).toBeNull();

    const saved = await updateMyPreferences(w.me, defaults({ dailyReminderTime: "07:30", emailEnabled: false, timeZone: "America/New_York" }));
    expect(saved).toMatchObject({ dailyReminderTime: "07:30", emailEnabled: false, timeZone: "America/New_York", version: 2 });
    expect(await getMyPreferences(w.me)).toMatchObject({ dailyReminderTime: "07:30", version: 2 });
    const events = await testDb().auditEvent.findMany({ where: { action: "reminders.preferences.update" } });
    expect(events).toMatchObject([{ actorId: w.user.id, patientId: w.patient.id, entityType: "NotificationPreference", entityId: w.user.id }]);
  });

  it("refuse a stale version with CONFLICT and change nothing", async () => {
    const w = await world();
    await updateMyPreferences(w.me, defaults({ dailyReminder: false }));
    const error = await rejects(updateMyPreferences(w.me, defaults({ emailEnabled: false })), "CONFLICT");
    expect(error.status).toBe(409);
    expect(await prefsRow(w.user.id)).toMatchObject({ dailyReminder: false, emailEnabled: true, version: 2 });
  });

  it.each([
    ["a time past 23:59", { dailyReminderTime: "24:00" }, "dailyReminderTime"],
    ["a time without minutes", { dailyReminderTime: "7" }, "dailyReminderTime"],
    ["a zone Intl does not know", { timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    ["a lower-case zone", { timeZone: "europe/london" }, "timeZone"],
    ["a flag that is not a boolean", { emailEnabled: "yes" }, "emailEnabled"],
  ])("refuse %s (VALIDATION) and write nothing", async (_label, bad, field) => {
    const w = await world();
    const error = await rejects(updateMyPreferences(w.me, defaults(bad as never)), "VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    expect(await prefsRow(w.user.id)).toBeNull();
    expect(await testDb().auditEvent.count()).toBe(0);
  });

  it("are the patient's own: staff are refused (FORBIDDEN), a patient whose record is archived gets NOT_FOUND", async () => {
    const w = await world();
    const admin = actorFor(await createUser(w.clinic.id, "ADMIN"));
    for (const staff of [w.clinician, admin]) {
      await rejects(getMyPreferences(staff), "FORBIDDEN");
      await rejects(updateMyPreferences(staff, defaults()), "FORBIDDEN");
    }
    await testDb().patient.update({ where: { id: w.patient.id }, data: { archivedAt: new Date() } });
    await rejects(updateMyPreferences(w.me, defaults()), "NOT_FOUND");
    expect(await testDb().notificationPreference.count()).toBe(0);
  });
});

describe("the daily reminder", () => {
  it("goes when something due today is not logged, once, with the day and the first name and nothing else", async () => {
    const w = await world();
    const result = await runReminderTick(NOW);
    expect(result).toMatchObject({ daily: 1, messages: 1, failed: 0 });
    const [message, ...rest] = await messages(w.user.id);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ kind: "daily_reminder", channel: "EMAIL", recipient: w.user.email, dedupeKey: `daily:${w.user.id}:2026-12-05:email`, status: "QUEUED" });
    expect(message!.data).toEqual({ recipientName: "Test", dayLabel: "Saturday 5 December" });

    // Every later minute of the window finds it sent already.
    expect(await runReminderTick(minutes(1))).toMatchObject({ dailyCandidates: 0, messages: 0 });
    expect(await runReminderTick(minutes(90))).toMatchObject({ messages: 0 });
    expect(await messages(w.user.id)).toHaveLength(1);
  });

  it("does not go before the time, after the catch-up window, or on a day whose activity is logged", async () => {
    const w = await world();
    expect(await runReminderTick(new Date("2026-12-05T17:59:00Z"))).toMatchObject({ dailyCandidates: 0 });
    expect(await runReminderTick(new Date("2026-12-05T21:00:00Z"))).toMatchObject({ dailyCandidates: 0 });
    await log(w, "2026-12-05");
    expect(await runReminderTick(NOW)).toMatchObject({ dailyCandidates: 1, daily: 0, messages: 0 });
    expect(await messages(w.user.id)).toEqual([]);
    // "I didn't do it" is an answer too: no reminder on the next day either once said.
    await log(w, "2026-12-06", 1, false);
    expect(await runReminderTick(new Date("2026-12-06T18:01:00Z"))).toMatchObject({ daily: 0 });
  });

  it("counts an activity dosed twice a day as still to do until both doses are logged", async () => {
    const w = await world({ timesPerDay: 2 });
    await log(w, "2026-12-05", 1);
    expect(await runReminderTick(NOW)).toMatchObject({ daily: 1, messages: 1 });
    const other = await world({ timesPerDay: 2 });
    await log(other, "2026-12-05", 1);
    await log(other, "2026-12-05", 2);
    await testDb().outboundMessage.deleteMany({});
    expect(await runReminderTick(NOW)).toMatchObject({ daily: 1, messages: 1 });
    expect(await messages(other.user.id)).toEqual([]);
  });

  it("does not go when turned off, with no channel, to an inactive account or without an active plan", async () => {
    const off = await world();
    await updateMyPreferences(off.me, defaults({ dailyReminder: false }));
    const noChannel = await world();
    await updateMyPreferences(noChannel.me, defaults({ emailEnabled: false }));
    const inactive = await world();
    await testDb().user.update({ where: { id: inactive.user.id }, data: { active: false } });
    const onHold = await world();
    await testDb().treatmentPlan.update({ where: { id: onHold.plan.id }, data: { status: "ON_HOLD" } });
    expect(await runReminderTick(NOW)).toMatchObject({ messages: 0 });
    expect(await testDb().outboundMessage.count()).toBe(0);
  });

  it("goes by push to each of the patient's devices when push is on (and email off)", async () => {
    const w = await world();
    await updateMyPreferences(w.me, defaults({ emailEnabled: false }));
    for (const n of [1, 2]) {
      await testDb().pushSubscription.create({
        data: { id: `sub${n}${w.user.id}`.slice(0, 30), clinicId: w.clinic.id, userId: w.user.id, endpoint: `https://push.example/${w.user.id}/${n}`, p256dh: "k", auth: "a" },
      });
    }
    expect(await runReminderTick(NOW)).toMatchObject({ messages: 2 });
    const sent = await messages(w.user.id);
    expect(sent.map((m) => m.channel)).toEqual(["PUSH", "PUSH"]);
    expect(sent.map((m) => m.dedupeKey)).toEqual(sent.map((m) => `daily:${w.user.id}:2026-12-05:push:${m.recipient}`));
  });

  it("follows the patient's own time zone and time: 07:30 in New York on both sides of the clocks going back", async () => {
    const w = await world();
    await updateMyPreferences(w.me, defaults({ dailyReminderTime: "07:30", timeZone: "America/New_York" }));
    await testDb().treatmentPlan.update({ where: { id: w.plan.id }, data: { startDate: new Date("2026-10-01T00:00:00Z") } });
    // 31 October 2026 is EDT (UTC−4), 1 November EST (UTC−5).
    expect(await runReminderTick(new Date("2026-10-31T11:29:00Z"))).toMatchObject({ dailyCandidates: 0 });
    expect(await runReminderTick(new Date("2026-10-31T11:30:00Z"))).toMatchObject({ daily: 1, messages: 1 });
    expect(await runReminderTick(new Date("2026-11-01T11:30:00Z"))).toMatchObject({ dailyCandidates: 0 });
    expect(await runReminderTick(new Date("2026-11-01T12:30:00Z"))).toMatchObject({ daily: 1, messages: 1 });
    expect((await messages(w.user.id)).map((m) => m.dedupeKey)).toEqual([`daily:${w.user.id}:2026-10-31:email`, `daily:${w.user.id}:2026-11-01:email`]);
  });
});

describe("appointment reminders", () => {
  const session = (w: World, startsAt: Date, status: "SCHEDULED" | "CANCELLED" = "SCHEDULED") =>
    testDb().session.create({ data: { clinicId: w.clinic.id, planId: w.plan.id, patientId: w.patient.id, clinicianId: w.clinicianUser.id, startsAt, durationMin: 45, status } });

  it("go once for a session starting 23–24 h from now, with its time in the patient's zone", async () => {
    const w = await world();
    await log(w, "2026-12-05"); // no daily reminder in the way
    const due = await session(w, new Date("2026-12-06T17:30:00Z"));
    await session(w, new Date("2026-12-06T19:30:00Z")); // 25 h 25 min: not yet
    await session(w, new Date("2026-12-06T17:00:00Z"), "CANCELLED");
    expect(await runReminderTick(NOW)).toMatchObject({ appointments: 1, messages: 1 });
    expect(await runReminderTick(minutes(1))).toMatchObject({ appointments: 0, messages: 0 });
    const [message, ...rest] = await messages(w.user.id);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ kind: "appointment_reminder", dedupeKey: `appt24:${due.id}:2026-12-06T17:30:00.000Z:email` });
    expect(message!.data).toEqual({ recipientName: "Test", whenLabel: "Sunday 6 December at 17:30" });
  });

  it("do not go when the patient turned them off", async () => {
    const w = await world();
    await log(w, "2026-12-05");
    await updateMyPreferences(w.me, defaults({ appointmentReminders: false }));
    await session(w, new Date("2026-12-06T17:30:00Z"));
    expect(await runReminderTick(NOW)).toMatchObject({ appointments: 1, messages: 0 });
  });

  it("tell the patient when a session is moved (both times) or cancelled, in the same transaction", async () => {
    const w = await world();
    const s = await session(w, new Date("2027-01-05T10:00:00Z"));
    const { version } = await rescheduleSession(w.clinician, { sessionId: s.id, version: s.version, date: "2027-01-12", time: "10:00", durationMin: 45 });
    await changeSessionStatus(w.clinician, { sessionId: s.id, version, status: "CANCELLED", reason: "Clinic closed" });
    const [changed, cancelled] = await testDb().outboundMessage.findMany({ where: { userId: w.user.id }, orderBy: { createdAt: "asc" } });
    expect(changed).toMatchObject({ kind: "appointment_changed", dedupeKey: `apptchg:${s.id}:${version}:email` });
    expect(changed!.data).toEqual({ recipientName: "Test", whenLabel: "Tuesday 12 January at 10:00", previousWhenLabel: "Tuesday 5 January at 10:00" });
    expect(cancelled).toMatchObject({ kind: "appointment_cancelled", dedupeKey: `apptcancel:${s.id}:email` });
    // The reason stays in the clinic.
    expect(cancelled!.data).toEqual({ recipientName: "Test", whenLabel: "Tuesday 12 January at 10:00" });
  });

  it("send nothing when the move is refused (stale version): the transaction rolled back", async () => {
    const w = await world();
    const s = await session(w, new Date("2027-01-05T10:00:00Z"));
    await rejects(rescheduleSession(w.clinician, { sessionId: s.id, version: s.version + 5, date: "2027-01-12", time: "10:00", durationMin: 45 }), "CONFLICT");
    expect(await testDb().outboundMessage.count()).toBe(0);
  });
});

describe("questionnaire requests", () => {
  it("reach the patient once per new request, not when asked again while open, not when turned off", async () => {
    const w = await world();
    await requestOdi(w.clinician, { planId: w.plan.id, requested: true });
    await requestOdi(w.clinician, { planId: w.plan.id, requested: true });
    const sent = await messages(w.user.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: "questionnaire_requested" });
    expect(sent[0]!.data).toEqual({ recipientName: "Test" });

    await requestOdi(w.clinician, { planId: w.plan.id, requested: false });
    await updateMyPreferences(w.me, defaults({ questionnaireReminders: false }));
    await requestOdi(w.clinician, { planId: w.plan.id, requested: true });
    expect(await messages(w.user.id)).toHaveLength(1);
  });
});

describe("one-click unsubscribe", () => {
  it("turns off only its topic, without signing in, bumps the version and is audited without an actor", async () => {
    const w = await world();
    const token = unsubscribeToken(w.user.id, "daily");
    expect(await describeUnsubscribe(token)).toEqual({ topic: "daily", on: true, clinicName: "Riverside Physio" });
    // Reading changes nothing (mail scanners open links).
    expect(await prefsRow(w.user.id)).toBeNull();

    expect(await unsubscribe(token, "203.0.113.9")).toEqual({ topic: "daily", changed: true });
    expect(await prefsRow(w.user.id)).toMatchObject({ dailyReminder: false, appointmentReminders: true, questionnaireReminders: true, emailEnabled: true, pushEnabled: true, version: 2 });
    expect(await describeUnsubscribe(token)).toMatchObject({ on: false });
    const events = await testDb().auditEvent.findMany({ where: { action: "reminders.unsubscribe.daily" } });
    expect(events).toMatchObject([{ actorId: null, clinicId: w.clinic.id, entityId: w.user.id, origin: "203.0.113.9" }]);
    // Again: already off, nothing changes, nothing recorded.
    expect(await unsubscribe(token)).toEqual({ topic: "daily", changed: false });
    expect(await testDb().auditEvent.count({ where: { action: { startsWith: "reminders.unsubscribe" } } })).toBe(1);
    // A settings form opened before meets a conflict instead of turning it back on.
    await rejects(updateMyPreferences(w.me, defaults()), "CONFLICT");
    // The tick then sends no daily reminder.
    expect(await runReminderTick(NOW)).toMatchObject({ messages: 0 });
  });

  it("refuses a tampered, moved or staff token with NOT_FOUND and changes nothing", async () => {
    const w = await world();
    const other = await world();
    const token = unsubscribeToken(w.user.id, "appointments");
    const tampered = [
      token.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      token.replace("appointments", "daily"),
      token.replace(w.user.id, other.user.id),
      "not-a-token",
      unsubscribeToken(w.clinicianUser.id, "daily"),
      unsubscribeToken("c000000000000000000000000", "daily"),
    ];
    for (const bad of tampered) {
      await rejects(describeUnsubscribe(bad), "NOT_FOUND");
      await rejects(unsubscribe(bad), "NOT_FOUND");
    }
    expect(await testDb().notificationPreference.count()).toBe(0);
    expect(await testDb().auditEvent.count()).toBe(0);
  });

  it("answers the RFC 8058 POST (form body, no Origin, no session) and refuses anything else", async () => {
    const w = await world();
    const token = unsubscribeToken(w.user.id, "questionnaires");
    const context = (t: string) => ({ params: Promise.resolve({ token: t }) });
    const post = (t: string, body: string | null, type = "application/x-www-form-urlencoded") =>
      oneClick(new Request(`https://plans.example/api/v1/unsubscribe/${t}`, { method: "POST", headers: body === null ? {} : { "content-type": type }, body }), context(t));

    expect((await post(token, null)).status).toBe(415);
    expect((await post(token, JSON.stringify({ "List-Unsubscribe": "One-Click" }), "application/json")).status).toBe(415);
    expect((await post(token, "List-Unsubscribe=Yes")).status).toBe(422);
    expect((await post(`${token}x`, "List-Unsubscribe=One-Click")).status).toBe(404);
    expect(await prefsRow(w.user.id)).toBeNull();

    const ok = await post(token, "List-Unsubscribe=One-Click");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ topic: "questionnaires", unsubscribed: true });
    expect(await prefsRow(w.user.id)).toMatchObject({ questionnaireReminders: false, dailyReminder: true, appointmentReminders: true });

    // The page's own form is sent back to the page.
    const fromPage = await post(unsubscribeToken(w.user.id, "daily"), "List-Unsubscribe=One-Click&from=page");
    expect(fromPage.status).toBe(303);
    expect(new URL(fromPage.headers.get("location")!).pathname).toBe(`/unsubscribe/${unsubscribeToken(w.user.id, "daily")}`);
    expect(await prefsRow(w.user.id)).toMatchObject({ questionnaireReminders: false, dailyReminder: false, appointmentReminders: true });
  });
});

describe("the tick's cost", () => {
  it("finds everyone due with the same number of statements for 3 and 12 patients (set-based, no query per patient)", async () => {
    const restore = installRecordingDb();
    try {
      const counts: number[] = [];
      for (const n of [3, 12]) {
        await truncateAll();
        for (let i = 0; i < n; i++) {
          const w = await world();
          // Each is a daily candidate with today logged, and has an appointment in the window with
          // appointment reminders off: every selection statement runs, nothing is queued.
          await log(w, "2026-12-05");
          await testDb().notificationPreference.create({ data: { userId: w.user.id, clinicId: w.clinic.id, appointmentReminders: false } });
          await testDb().session.create({
            data: { clinicId: w.clinic.id, planId: w.plan.id, patientId: w.patient.id, clinicianId: w.clinicianUser.id, startsAt: new Date("2026-12-06T17:30:00Z"), durationMin: 45 },
          });
        }
        const { result, recording } = await recordQueries(() => runReminderTick(NOW));
        expect(result).toMatchObject({ dailyCandidates: n, daily: 0, appointments: n, messages: 0 });
        counts.push(recording.statements.length);
      }
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBe(counts[0]);
    } finally {
      await restore();
    }
  });
});
