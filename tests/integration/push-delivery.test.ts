// Push delivery end to end (issue 14, decision 036), with a local HTTPS receiver standing in for
// the browser's push service (tests/fixtures/push-receiver.ts). A patient's browser subscription
// is made here from a P-256 key pair and a 16-byte auth secret; messages go through queueMessage,
// the real job queue (pg-boss) and web-push. The receiver checks the VAPID authorization (ES256
// JWT under the server's public key, aud = the endpoint's origin, exp within 24 h, sub set),
// Content-Encoding aes128gcm and TTL, decrypts the body with the subscription's private key and
// auth secret (RFC 8291, node:crypto only), and the payload holds no seeded health data. Then a
// 410 deletes the subscription and is not retried; 500 and 429 are retried until accepted.
import { Agent } from "node:https";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import type { MessageData, MessageKind } from "@/lib/messaging/kinds";
import { queueMessage } from "@/lib/messaging/outbox";
import { getPushPublicKey } from "@/lib/domain/push/get-push-key";
import { subscribePush } from "@/lib/domain/push/subscribe-push";
import { setPushAgentForTests } from "@/lib/push/send";
import { actorFor, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";
import { decryptAes128gcm, startPushReceiver, testSubscription, verifyVapidAuthorization, type PushReceiver, type TestSubscription } from "../fixtures/push-receiver";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
process.env.MESSAGE_RETRY_DELAY_SECONDS = "1";

let receiver: PushReceiver;

beforeAll(async () => {
  receiver = await startPushReceiver();
  // Our certificate, trusted for push deliveries only; the receiver's origin, allowed as a push service.
  setPushAgentForTests(new Agent({ ca: receiver.cert }));
  process.env.PUSH_ALLOWED_ORIGINS = receiver.origin;
  process.env.APP_URL = "https://plans.riverside.test";
  await startWorkers();
});
afterAll(async () => {
  await stopBoss();
  setPushAgentForTests(undefined);
  delete process.env.PUSH_ALLOWED_ORIGINS;
  await receiver.close();
});
/** Forgets this process's copy of the VAPID keys, as a restarted process would not have it. */
const forgetVapidKeysInMemory = () => {
  (globalThis as unknown as { __riversideVapid?: unknown }).__riversideVapid = undefined;
};

beforeEach(async () => {
  await truncateAll();
  // The truncation removed the VapidKeys row made at start: each test starts as a first start.
  forgetVapidKeysInMemory();
  receiver.received.length = 0;
  receiver.answer(201);
});
afterEach(() => receiver.answer(201));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const CONDITION = "Lumbar muscle spasm with sciatica";
const GOALS = "Lift the grandchildren without back pain";
const ODI_SCORE = 46;

/** A patient with a plan, a treatment, a contraindication and a score: the data no push may carry. */
async function world() {
  const clinic = await createClinic("Riverside Physio");
  const clinician = await createUser(clinic.id, "CLINICIAN", "Maya Chen");
  const { patient, portal } = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinician.id, isPrimary: true }], flags: ["ANTICOAGULANTS"] });
  const plan = await createPlan(clinic.id, patient.id, clinician.id);
  await testDb().treatmentPlan.update({ where: { id: plan.id }, data: { condition: CONDITION, goals: GOALS, icd10Code: "M62.830" } });
  await testDb().outcomeResponse.create({
    data: { clinicId: clinic.id, patientId: patient.id, planId: plan.id, instrument: "ODI", context: "BASELINE", answers: {}, score: ODI_SCORE, band: "SEVERE", recordedById: clinician.id },
  });
  const activity = plan.activities[0]!;
  const phi = [CONDITION, GOALS, "M62.830", activity.nameSnapshot, activity.instructionsSnapshot, "ANTICOAGULANTS", "anticoagulant", "spasm", "sciatica", "Oswestry", "ODI", "SEVERE"];
  return { clinic, patient, user: portal!, actor: actorFor(portal!, patient.id), phi };
}

/** The patient's browser subscribes through the same domain function the API calls. */
async function subscribe(actor: ReturnType<typeof actorFor>, name: string): Promise<{ sub: TestSubscription; id: string }> {
  const sub = testSubscription(`${receiver.origin}/push/${name}`);
  const { id } = await subscribePush(actor, { endpoint: sub.endpoint, expirationTime: null, keys: sub.keys });
  return { sub, id };
}

async function queuePush(w: Awaited<ReturnType<typeof world>>, subscriptionId: string, kind: MessageKind, data: MessageData, key: string) {
  const queued = await testDb().$transaction((tx) =>
    queueMessage(tx, { clinicId: w.clinic.id, userId: w.user.id, channel: "PUSH", kind, recipient: subscriptionId, dedupeKey: `${key}:push:${subscriptionId}`, data }),
  );
  expect(queued).not.toBeNull();
  return queued!.id;
}

const message = (id: string) => testDb().outboundMessage.findUniqueOrThrow({ where: { id } });
const requestsTo = (sub: TestSubscription) => receiver.received.filter((r) => `${receiver.origin}${r.path}` === sub.endpoint);

describe("push delivery through a local push service", () => {
  it("signs with the server's VAPID key, encrypts aes128gcm to the subscription, and carries no health data", async () => {
    const w = await world();
    const { sub, id } = await subscribe(w.actor, "device-1");
    const kinds: [MessageKind, MessageData, string][] = [
      ["daily_reminder", { recipientName: "Jordan", dayLabel: "Saturday 5 December" }, "/my"],
      ["appointment_reminder", { recipientName: "Jordan", whenLabel: "Tuesday 8 December at 10:00" }, "/my/sessions"],
      ["appointment_changed", { recipientName: "Jordan", whenLabel: "Wednesday 9 December at 11:30", previousWhenLabel: "Tuesday 8 December at 10:00" }, "/my/sessions"],
      ["appointment_cancelled", { recipientName: "Jordan", whenLabel: "Wednesday 9 December at 11:30" }, "/my/sessions"],
      ["questionnaire_requested", { recipientName: "Jordan" }, "/my"],
    ];
    // Made on first use and kept in the database, the private key sealed: a restarted process
    // (no copy in memory) signs with the same key, so browsers' subscriptions stay valid.
    const { publicKey } = await getPushPublicKey(w.actor);
    const stored = await testDb().vapidKeys.findUniqueOrThrow({ where: { id: 1 } });
    expect(publicKey).toBe(stored.publicKey);
    expect(stored.privateKeyEnc).not.toMatch(/^[A-Za-z0-9_-]{43}$/);
    forgetVapidKeysInMemory();
    expect((await getPushPublicKey(w.actor)).publicKey).toBe(publicKey);

    for (const [kind, data, path] of kinds) {
      const sentBefore = requestsTo(sub).length;
      const messageId = await queuePush(w, id, kind, data, kind);
      const sent = await until(() => message(messageId), (m) => m.status === "SENT");
      expect(sent.attempts, kind).toBe(1);
      const requests = requestsTo(sub);
      expect(requests.length, kind).toBe(sentBefore + 1);
      const request = requests.at(-1)!;

      // RFC 8292: vapid t=<ES256 JWT>, k=<the server's public key>; the JWT is for this push service.
      const vapid = verifyVapidAuthorization(request.headers.authorization as string);
      expect(vapid.publicKey, kind).toBe(publicKey);
      expect(vapid.claims.aud, kind).toBe(receiver.origin);
      const now = Date.now() / 1000;
      expect(vapid.claims.exp, kind).toBeGreaterThan(now);
      expect(vapid.claims.exp, kind).toBeLessThanOrEqual(now + 24 * 3600);
      expect(vapid.claims.sub, kind).toMatch(/^(mailto:.+@.+|https:\/\/.+)$/);
      // RFC 8030 / 8291: TTL set, the body aes128gcm.
      expect(request.headers["content-encoding"], kind).toBe("aes128gcm");
      expect(Number(request.headers.ttl), kind).toBeGreaterThan(0);

      const payload = JSON.parse(decryptAes128gcm(request.body, sub).toString("utf8")) as Record<string, string>;
      expect(Object.keys(payload).sort(), kind).toEqual(["body", "tag", "title", "url"]);
      expect(payload.url, kind).toBe(path);
      expect(payload.tag, kind).toBe(kind);
      expect(payload.title?.length, kind).toBeGreaterThan(0);
      const text = JSON.stringify(payload);
      for (const secret of w.phi) expect(text.toLowerCase(), `${kind} carries "${secret}"`).not.toContain(secret.toLowerCase());
      expect(text, `${kind} carries the ODI score`).not.toMatch(new RegExp(`\\b${ODI_SCORE}\\b`));
    }
    const row = await testDb().pushSubscription.findUniqueOrThrow({ where: { id } });
    expect(row.lastSuccessAt).not.toBeNull();
  });

  it("deletes a subscription the push service answers 410 for, and does not retry the message", async () => {
    const w = await world();
    const { sub, id } = await subscribe(w.actor, "gone");
    const { sub: other, id: otherId } = await subscribe(w.actor, "still-here");
    receiver.answer(410);
    const messageId = await queuePush(w, id, "daily_reminder", { recipientName: "Jordan", dayLabel: "Saturday 5 December" }, "daily:gone");
    const failed = await until(() => message(messageId), (m) => m.status === "FAILED");
    expect(failed.lastError).toMatch(/410/);
    expect(await testDb().pushSubscription.findUnique({ where: { id } })).toBeNull();
    expect(await testDb().pushSubscription.findUnique({ where: { id: otherId } })).not.toBeNull();
    // Past two retry delays, still one request: a gone subscription is not tried again.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(requestsTo(sub)).toHaveLength(1);
    expect((await message(messageId)).attempts).toBe(1);
    expect(requestsTo(other)).toHaveLength(0);
  });

  for (const status of [500, 429]) {
    it(`retries while the push service answers ${status}, and delivers once when it recovers`, async () => {
      const w = await world();
      const { sub, id } = await subscribe(w.actor, `busy-${status}`);
      receiver.answer(status);
      const messageId = await queuePush(w, id, "questionnaire_requested", { recipientName: "Jordan" }, `odi:${status}`);
      const retrying = await until(() => message(messageId), (m) => m.status === "RETRYING" && m.attempts >= 2);
      expect(retrying.lastError).toContain(String(status));
      expect(await testDb().pushSubscription.findUnique({ where: { id } })).not.toBeNull();
      receiver.answer(201);
      const sent = await until(() => message(messageId), (m) => m.status === "SENT");
      const attempts = requestsTo(sub);
      expect(attempts.length).toBe(sent.attempts);
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      const payload = JSON.parse(decryptAes128gcm(attempts.at(-1)!.body, sub).toString("utf8")) as { url: string };
      expect(payload.url).toBe("/my");
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(requestsTo(sub).length).toBe(sent.attempts);
    });
  }
});
