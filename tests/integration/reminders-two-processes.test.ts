// Exactly once with two app processes on one database (issue 14, decision 035). Two child processes
// each run the app's workers (pg-boss + registerWorkers, as instrumentation.ts starts them) against
// the integration database and one SMTP sink of this test's own; both run the reminder tick for the
// same minute, three times each and at the same moment, while pg-boss's own schedule ticks too. Every
// reminder due (three patients' daily reminders, one appointment 24 h ahead) must arrive in the sink
// exactly once, and the List-Unsubscribe link it carries must turn off that reminder only.
import { fork, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utcToZoned } from "@/lib/domain/schedule/dates";
import { startMailSink, type MailSink } from "@/lib/messaging/sink";
import { POST as oneClick } from "@/app/api/v1/unsubscribe/[token]/route";
import { readSinkMessages, type SinkMessage } from "../fixtures/mail";
import { createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
const APP_URL = "https://plans.riverside.test";

let dir: string;
let sink: MailSink;
const children: ChildProcess[] = [];

function startChild(): Promise<ChildProcess> {
  const child = fork(path.resolve("tests/fixtures/reminder-worker.ts"), [], {
    execPath: path.resolve("node_modules/.bin/tsx"),
    execArgv: ["--conditions=react-server"],
    env: { ...process.env, SMTP_URL: sink.url, APP_URL, NEXTAUTH_URL: APP_URL, MESSAGE_RETRY_DELAY_SECONDS: "1", MAIL_SINK_DIR: "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
    child.once("message", () => resolve(child));
  });
}

function tick(child: ChildProcess, now: Date, times: number): Promise<{ ticked?: { messages: number; failed: number }[]; error?: string }> {
  return new Promise((resolve) => {
    child.once("message", (answer) => resolve(answer as never));
    child.send({ tick: now.toISOString(), times });
  });
}

async function sinkUntil(count: number, timeoutMs = 60_000): Promise<SinkMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await readSinkMessages(dir);
    if (messages.length >= count || Date.now() > deadline) return messages;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "reminders-two-"));
  sink = await startMailSink({ dir });
}, 60_000);

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.send({ stop: true });
        }),
    ),
  );
  await sink.close();
  await rm(dir, { recursive: true, force: true });
  // The children made the VAPID keys on start (decision 036): leave no row for the next file.
  await truncateAll();
}, 60_000);

describe("two app processes on one database", () => {
  it("send each reminder exactly once", async () => {
    await truncateAll();
    const now = new Date();
    // The reminder time is this very minute in the clinic's zone, so the pg-boss schedule's own
    // ticks (real time) find the same reminders, with the same dedupe keys, as the forced ones.
    const { time } = utcToZoned(now, "Europe/London");
    const clinic = await createClinic("Riverside Physio");
    const clinician = await createUser(clinic.id, "CLINICIAN");
    const patients = [];
    for (let i = 0; i < 3; i++) {
      const { patient, portal } = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinician.id, isPrimary: true }] });
      const plan = await createPlan(clinic.id, patient.id, clinician.id);
      await testDb().notificationPreference.create({ data: { userId: portal!.id, clinicId: clinic.id, dailyReminderTime: time } });
      patients.push({ patient, user: portal!, plan });
    }
    const first = patients[0]!;
    await testDb().session.create({
      data: { clinicId: clinic.id, planId: first.plan.id, patientId: first.patient.id, clinicianId: clinician.id, startsAt: new Date(now.getTime() + 23.5 * 3_600_000), durationMin: 45 },
    });

    const [a, b] = await Promise.all([startChild(), startChild()]);
    const answers = await Promise.all([tick(a!, now, 3), tick(b!, now, 3)]);
    for (const answer of answers) expect(answer.error).toBeUndefined();
    const expected = 4;
    // Six forced ticks for one minute queued each message at most once between them (pg-boss's own
    // tick of that minute, in either process, may have queued some of them first).
    const queued = answers.flatMap((answer) => answer.ticked!).reduce((sum, r) => sum + r.messages, 0);
    expect(queued).toBeLessThanOrEqual(expected);
    const arrived = await sinkUntil(expected);
    // Give a duplicate every chance to show up: the sweep, retries and the schedule keep running.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const all = await readSinkMessages(dir);
    expect(arrived.length).toBeGreaterThanOrEqual(expected);
    const byKind = (kind: string) => all.filter((m) => m.headers.get("x-riverside-message") === kind);
    expect(byKind("daily_reminder").map((m) => m.to[0]).sort()).toEqual(patients.map((p) => p.user.email.toLowerCase()).sort());
    expect(byKind("appointment_reminder").map((m) => m.to[0])).toEqual([first.user.email.toLowerCase()]);
    expect(all).toHaveLength(expected);
    const rows = await testDb().outboundMessage.findMany({ select: { status: true, dedupeKey: true } });
    expect(rows).toHaveLength(expected);
    expect(rows.every((r) => r.status === "SENT")).toBe(true);

    // The one-click link of the first patient's daily reminder turns off daily reminders only.
    const daily = byKind("daily_reminder").find((m) => m.to[0] === first.user.email.toLowerCase())!;
    expect(daily.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const link = daily.raw.match(/^List-Unsubscribe:\s*<([^>]+)>/m)?.[1] ?? "";
    expect(link.startsWith(`${APP_URL}/api/v1/unsubscribe/`)).toBe(true);
    const token = link.slice(`${APP_URL}/api/v1/unsubscribe/`.length);
    const response = await oneClick(
      new Request(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }),
      { params: Promise.resolve({ token }) },
    );
    expect(response.status).toBe(200);
    expect(await testDb().notificationPreference.findUnique({ where: { userId: first.user.id } })).toMatchObject({
      dailyReminder: false,
      appointmentReminders: true,
      questionnaireReminders: true,
    });
  }, 150_000);
});
