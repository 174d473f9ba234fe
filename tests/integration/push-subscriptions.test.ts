// Push subscriptions (decision 036) against the real database: a patient stores this browser's
// PushSubscription (upsert by endpoint), removes only their own, staff are refused, and every
// malformed subscription is a 400 that writes nothing.
import { createECDH, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_PUSH_SUBSCRIPTIONS_PER_USER, subscribePush } from "@/lib/domain/push/subscribe-push";
import { unsubscribePush } from "@/lib/domain/push/unsubscribe-push";
import { AppError } from "@/lib/errors";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

async function rejects(promise: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code, error.message).toBe(code);
    return error;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

function subscription(endpoint = `https://fcm.googleapis.com/fcm/send/${randomBytes(12).toString("base64url")}`) {
  const ecdh = createECDH("prime256v1");
  return { endpoint, expirationTime: null, keys: { p256dh: ecdh.generateKeys().toString("base64url"), auth: randomBytes(16).toString("base64url") } };
}

async function world() {
  const clinic = await createClinic();
  const clinician = await createUser(clinic.id, "CLINICIAN");
  const admin = await createUser(clinic.id, "ADMIN");
  const a = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinician.id }] });
  const b = await createPatient(clinic.id, { withPortal: true });
  return {
    clinic,
    clinician: actorFor(clinician),
    admin: actorFor(admin),
    patientA: actorFor(a.portal!, a.patient.id),
    patientB: actorFor(b.portal!, b.patient.id),
  };
}

const rows = () => testDb().pushSubscription.findMany({ orderBy: { createdAt: "asc" } });

beforeEach(async () => {
  await truncateAll();
});
afterEach(() => {
  delete process.env.PUSH_ALLOWED_ORIGINS;
});

describe("subscribePush", () => {
  it("stores the subscription for the patient, audited, and a second subscribe of the same browser updates its keys", async () => {
    const w = await world();
    const sub = subscription();
    const first = await subscribePush(w.patientA, sub, { userAgent: "Mozilla/5.0 (Linux; Android 15) Chrome/140\u0000" });
    const [row] = await rows();
    expect(row).toMatchObject({ id: first.id, userId: w.patientA.userId, clinicId: w.clinic.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth });
    expect(row!.userAgent).toBe("Mozilla/5.0 (Linux; Android 15) Chrome/140");
    expect(await auditCount({ action: "push.subscribe", actorId: w.patientA.userId, patientId: w.patientA.patientId! })).toBe(1);

    const rotated = { ...sub, keys: subscription().keys };
    const second = await subscribePush(w.patientA, rotated);
    expect(second.id).toBe(first.id);
    const after = await rows();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ p256dh: rotated.keys.p256dh, auth: rotated.keys.auth });
  });

  it("gives a shared phone's browser to the account that subscribed last", async () => {
    const w = await world();
    const sub = subscription();
    await subscribePush(w.patientA, sub);
    const result = await subscribePush(w.patientB, sub);
    expect(result.replaced).toBe(true);
    const after = await rows();
    expect(after.map((r) => r.userId)).toEqual([w.patientB.userId]);
  });

  it(`keeps at most ${MAX_PUSH_SUBSCRIPTIONS_PER_USER} devices per account, dropping the oldest`, async () => {
    const w = await world();
    const endpoints: string[] = [];
    for (let i = 0; i < MAX_PUSH_SUBSCRIPTIONS_PER_USER + 2; i++) {
      const sub = subscription();
      endpoints.push(sub.endpoint);
      await subscribePush(w.patientA, sub);
    }
    const kept = (await rows()).map((r) => r.endpoint).sort();
    expect(kept).toEqual(endpoints.slice(2).sort());
  });

  it("refuses staff (403) whatever they send, and writes nothing", async () => {
    const w = await world();
    for (const actor of [w.clinician, w.admin]) {
      await rejects(subscribePush(actor, subscription()), "FORBIDDEN");
      await rejects(subscribePush(actor, "garbage"), "FORBIDDEN");
    }
    expect(await rows()).toEqual([]);
  });

  it("answers every malformed subscription with a 400 that says what is wrong, and writes nothing", async () => {
    const w = await world();
    const good = subscription();
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString("base64url");
    const cases: [string, unknown, RegExp][] = [
      ["not an object", "endpoint", /not a valid push subscription/],
      ["null", null, /not a valid push subscription/],
      ["no keys", { endpoint: good.endpoint }, /keys/],
      ["http endpoint", { ...good, endpoint: "http://fcm.googleapis.com/fcm/send/x" }, /https/],
      ["not a URL", { ...good, endpoint: "fcm.googleapis.com/fcm/send/x" }, /not a URL/],
      ["credentials in the URL", { ...good, endpoint: "https://user:pw@fcm.googleapis.com/fcm/send/x" }, /credentials/],
      ["an endpoint into the clinic's network", { ...good, endpoint: "https://10.0.0.5/admin" }, /push service/],
      ["a look-alike host", { ...good, endpoint: "https://fcm.googleapis.com.evil.example/x" }, /push service/],
      ["a known service on another port", { ...good, endpoint: "https://fcm.googleapis.com:8443/x" }, /push service/],
      ["a 2 000-character endpoint", { ...good, endpoint: `https://fcm.googleapis.com/${"a".repeat(2000)}` }, /1000/],
      ["p256dh of 64 bytes", { ...good, keys: { ...good.keys, p256dh: randomBytes(64).toString("base64url") } }, /p256dh/],
      ["p256dh compressed", { ...good, keys: { ...good.keys, p256dh: Buffer.concat([Buffer.from([2]), randomBytes(32)]).toString("base64url") } }, /p256dh/],
      ["p256dh off the curve", { ...good, keys: { ...good.keys, p256dh: offCurve } }, /P-256 curve/],
      ["p256dh not base64url", { ...good, keys: { ...good.keys, p256dh: `${good.keys.p256dh.slice(0, -1)}+` } }, /p256dh/],
      ["auth of 8 bytes", { ...good, keys: { ...good.keys, auth: randomBytes(8).toString("base64url") } }, /auth/],
      ["auth a number", { ...good, keys: { ...good.keys, auth: 16 } }, /auth/],
    ];
    for (const [name, input, message] of cases) {
      const error = await rejects(subscribePush(w.patientA, input), "BAD_REQUEST");
      expect(error.status, name).toBe(400);
      expect(error.message, name).toMatch(message);
      expect(error.message, name).toMatch(/Nothing was saved/);
    }
    expect(await rows()).toEqual([]);
    expect(await auditCount({ action: "push.subscribe" })).toBe(0);
  });

  it("accepts a push service an operator allows in PUSH_ALLOWED_ORIGINS, and only that origin", async () => {
    const w = await world();
    process.env.PUSH_ALLOWED_ORIGINS = "https://push.example.org, https://127.0.0.1:8443";
    await subscribePush(w.patientA, subscription("https://127.0.0.1:8443/push/abc"));
    await subscribePush(w.patientA, subscription("https://push.example.org/p/1"));
    await rejects(subscribePush(w.patientA, subscription("https://127.0.0.1:8444/push/abc")), "BAD_REQUEST");
    expect(await rows()).toHaveLength(2);
  });
});

describe("unsubscribePush", () => {
  it("removes the patient's own subscription, audited; another account's or an unknown endpoint is 404 and stays", async () => {
    const w = await world();
    const mine = subscription();
    const theirs = subscription();
    await subscribePush(w.patientA, mine);
    await subscribePush(w.patientB, theirs);

    await rejects(unsubscribePush(w.patientA, { endpoint: theirs.endpoint }), "NOT_FOUND");
    await rejects(unsubscribePush(w.patientA, { endpoint: "https://fcm.googleapis.com/fcm/send/never" }), "NOT_FOUND");
    await rejects(unsubscribePush(w.clinician, { endpoint: mine.endpoint }), "FORBIDDEN");
    await rejects(unsubscribePush(w.patientA, { endpoint: 42 }), "BAD_REQUEST");
    expect(await rows()).toHaveLength(2);
    expect(await auditCount({ action: "push.unsubscribe" })).toBe(0);

    await unsubscribePush(w.patientA, { endpoint: mine.endpoint });
    expect((await rows()).map((r) => r.endpoint)).toEqual([theirs.endpoint]);
    expect(await auditCount({ action: "push.unsubscribe", actorId: w.patientA.userId, patientId: w.patientA.patientId! })).toBe(1);
    await rejects(unsubscribePush(w.patientA, { endpoint: mine.endpoint }), "NOT_FOUND");
  });
});
