// Message delivery against the real database, the real job queue (pg-boss) and a real SMTP server
// (the embedded sink) (decisions 032, 033): a message queued in a transaction that rolls back does
// not exist and is never sent; a committed one arrives once, with a plain-text and an HTML part,
// the clinic's contact details, its Message-ID and (reminders) the RFC 8058 headers; the same
// dedupe key twice writes one message; a mail server answering 451 leaves the message RETRYING
// ("failed, retrying", visible with its reason) and it arrives exactly once when the server
// recovers; an invitation's link token is kept sealed and erased once sent.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { queueMessage } from "@/lib/messaging/outbox";
import { startMailSink, type MailSink } from "@/lib/messaging/sink";
import { readUnsubscribeToken } from "@/lib/messaging/unsubscribe";
import { readSinkMessages } from "../fixtures/mail";
import { createClinic, createUser, testDb, truncateAll } from "../fixtures/db";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
process.env.MESSAGE_RETRY_DELAY_SECONDS = "1";

let dir: string;
let sink: MailSink;
let refusing = false;
let refusals = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mail-sink-"));
  sink = await startMailSink({
    dir,
    refuse: () => {
      if (refusing) refusals += 1;
      return refusing;
    },
  });
  process.env.SMTP_URL = sink.url;
  process.env.APP_URL = "https://plans.riverside.test";
  await startWorkers();
});
afterAll(async () => {
  await stopBoss();
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(truncateAll);
afterEach(() => {
  refusing = false;
  refusals = 0;
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function world() {
  const clinic = await testDb().clinic.update({
    where: { id: (await createClinic("Riverside Physio")).id },
    data: { phone: "020 7946 0321", address: "14 Mill Lane, Riverside RV1 2AB" },
  });
  const user = await createUser(clinic.id, "PATIENT", "Alex Example");
  return { clinic, user };
}

const messagesTo = async (address: string) => (await readSinkMessages(dir)).filter((m) => m.to.includes(address));
const status = (id: string) => testDb().outboundMessage.findUniqueOrThrow({ where: { id } });

describe("message delivery", () => {
  it("sends a committed message once, with both parts, the clinic's contact and the unsubscribe headers", async () => {
    const { clinic, user } = await world();
    const queued = await testDb().$transaction((tx) =>
      queueMessage(tx, {
        clinicId: clinic.id,
        userId: user.id,
        channel: "EMAIL",
        kind: "daily_reminder",
        recipient: user.email,
        dedupeKey: `daily:${user.id}:2026-12-05:email`,
        data: { recipientName: "Alex", dayLabel: "Saturday 5 December" },
      }),
    );
    expect(queued).not.toBeNull();
    const sent = await until(() => status(queued!.id), (m) => m.status === "SENT");
    expect(sent.attempts).toBe(1);
    const [message, ...more] = await until(() => messagesTo(user.email), (list) => list.length > 0);
    expect(more).toHaveLength(0);
    expect(message!.subject).toBe("A reminder for today's home routine");
    expect(message!.text).toContain("Saturday 5 December");
    expect(message!.text).toContain("020 7946 0321");
    expect(message!.html).toContain("14 Mill Lane, Riverside RV1 2AB");
    expect(message!.from).toContain("Riverside Physio");
    expect(message!.messageId).toBe(sent.messageIdHeader);
    expect(message!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const header = message!.raw.match(/^List-Unsubscribe:\s*<([^>]+)>/m)?.[1] ?? "";
    expect(header).toMatch(/^https:\/\/plans\.riverside\.test\/api\/v1\/unsubscribe\//);
    expect(readUnsubscribeToken(header.split("/").pop()!)).toEqual({ userId: user.id, topic: "daily" });
  });

  it("writes nothing for a rolled-back transaction and one message for a repeated dedupe key", async () => {
    const { clinic, user } = await world();
    const input = {
      clinicId: clinic.id,
      userId: user.id,
      channel: "EMAIL" as const,
      kind: "questionnaire_requested" as const,
      recipient: user.email,
      dedupeKey: `odi:${user.id}:1`,
      data: { recipientName: "Alex" },
    };
    await expect(
      testDb().$transaction(async (tx) => {
        await queueMessage(tx, input);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await testDb().outboundMessage.count()).toBe(0);

    const first = await testDb().$transaction((tx) => queueMessage(tx, input));
    const second = await testDb().$transaction((tx) => queueMessage(tx, input));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    await until(() => status(first!.id), (m) => m.status === "SENT");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await messagesTo(user.email)).toHaveLength(1);
  });

  it("keeps retrying while the mail server answers 451, shows why, and sends exactly once when it recovers", async () => {
    const { clinic, user } = await world();
    refusing = true;
    const queued = await testDb().$transaction((tx) =>
      queueMessage(tx, {
        clinicId: clinic.id,
        userId: user.id,
        channel: "EMAIL",
        kind: "appointment_reminder",
        recipient: user.email,
        dedupeKey: `appt24:${user.id}:x`,
        data: { recipientName: "Alex", whenLabel: "Tuesday 8 December at 10:00" },
      }),
    );
    const retrying = await until(() => status(queued!.id), (m) => m.status === "RETRYING" && m.attempts >= 2);
    expect(retrying.lastError).toContain("SMTP 451");
    expect(retrying.nextAttemptAt).not.toBeNull();
    expect(await messagesTo(user.email)).toHaveLength(0);
    refusing = false;
    const sent = await until(() => status(queued!.id), (m) => m.status === "SENT");
    expect(sent.lastError).toBeNull();
    expect(refusals).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await messagesTo(user.email)).toHaveLength(1);
  });

  it("seals an invitation's link token, sends the link, then erases the token", async () => {
    const { clinic, user } = await world();
    const token = "tok_" + "a".repeat(40);
    const queued = await testDb().$transaction((tx) =>
      queueMessage(tx, {
        clinicId: clinic.id,
        userId: user.id,
        channel: "EMAIL",
        kind: "account_invitation",
        recipient: user.email,
        dedupeKey: `invite:${user.id}:1`,
        data: { recipientName: "Alex", role: "PATIENT" },
        secret: token,
      }),
    );
    const row = await testDb().outboundMessage.findUniqueOrThrow({ where: { id: queued!.id } });
    expect(row.secretEnc).not.toBeNull();
    expect(row.secretEnc).not.toContain(token);
    expect(JSON.stringify(row.data)).not.toContain(token);
    const sent = await until(() => status(queued!.id), (m) => m.status === "SENT");
    expect(sent.secretEnc).toBeNull();
    const [message] = await messagesTo(user.email);
    expect(message!.text).toContain(`https://plans.riverside.test/sign-in/welcome?token=${token}`);
    expect(message!.headers.has("list-unsubscribe")).toBe(false);
  });

  it("keeps a message queued while no worker runs and delivers it when one starts again (an app restart)", async () => {
    const { clinic, user } = await world();
    await stopBoss();
    try {
      // Queued by a process that only sends jobs (as a page's server action would while workers are down).
      const queued = await testDb().$transaction((tx) =>
        queueMessage(tx, {
          clinicId: clinic.id,
          userId: user.id,
          channel: "EMAIL",
          kind: "appointment_cancelled",
          recipient: user.email,
          dedupeKey: `cancel:${user.id}:restart`,
          data: { recipientName: "Alex", whenLabel: "Tuesday 8 December at 10:00" },
        }),
      );
      await stopBoss();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await status(queued!.id)).status).toBe("QUEUED");
      expect(await messagesTo(user.email)).toHaveLength(0);
      await startWorkers();
      await until(() => status(queued!.id), (m) => m.status === "SENT");
      expect(await messagesTo(user.email)).toHaveLength(1);
    } finally {
      await startWorkers();
    }
  });
});
