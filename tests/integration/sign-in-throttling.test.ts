// Brute-force protection against the real database: the per-account lock-out (10 failures lock for
// 15 minutes) and the per-address limit (30 attempts per 15 minutes), including concurrent attempts.
// The clock is injected. Every attempt that gets past the address limit costs a scrypt check
// (~0.3 s), so sequences the other tests already walk through are set up directly in the table.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS } from "@/lib/auth/account-lockout";
import { IP_ATTEMPT_LIMIT, IP_BLOCK_MS, pruneLoginThrottle } from "@/lib/auth/login-throttle";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword, type SignInOutcome } from "@/lib/auth/sign-in";
import { createClinic, testDb, truncateAll } from "../fixtures/db";

const PASSWORD = "lumbar-support-2026";
const T0 = new Date("2026-11-20T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
}, 30_000);
beforeEach(truncateAll);

let counter = 0;
async function account() {
  const clinic = await createClinic();
  counter += 1;
  return testDb().user.create({
    data: { clinicId: clinic.id, role: "CLINICIAN", name: `Locky ${counter}`, email: `locky.${counter}.${Date.now()}@test.example`, passwordHash },
  });
}

const attempt = (email: string, password: string, ip: string, now: Date) => signInWithPassword({ email, password }, { ip, now });
const reasons = (outcomes: SignInOutcome[]) => outcomes.map((o) => (o.ok ? "ok" : o.reason));
const userRow = (id: string) => testDb().user.findUniqueOrThrow({ where: { id }, select: { failedLoginCount: true, lockedUntil: true, lastLoginAt: true } });

async function failTimes(email: string, times: number, ip: string, start: Date) {
  const out: SignInOutcome[] = [];
  for (let i = 0; i < times; i++) out.push(await attempt(email, `wrong-${i}`, ip, new Date(start.getTime() + i * 1000)));
  return out;
}

describe("account lock-out", () => {
  it(`locks after ${MAX_FAILED_SIGN_INS} failures; the right password is then refused like a wrong one`, async () => {
    expect(MAX_FAILED_SIGN_INS).toBe(10);
    const user = await account();
    expect(reasons(await failTimes(user.email, 9, "198.51.100.1", T0))).toEqual(Array(9).fill("invalid"));
    expect(await userRow(user.id)).toMatchObject({ failedLoginCount: 9, lockedUntil: null });

    expect(reasons([await attempt(user.email, "wrong-10", "198.51.100.1", at(9_000))])).toEqual(["invalid"]);
    const locked = await userRow(user.id);
    expect(locked.failedLoginCount).toBe(10);
    expect(locked.lockedUntil?.toISOString()).toBe(at(9_000 + LOCKOUT_MS).toISOString());

    const eleventh = await attempt(user.email, PASSWORD, "198.51.100.1", at(10_000));
    expect(eleventh).toEqual({ ok: false, reason: "locked" });
    expect((await userRow(user.id)).lastLoginAt).toBeNull();
    // A different address makes no difference: the lock is on the account. Failures while locked
    // neither count nor extend the lock.
    expect(await attempt(user.email, PASSWORD, "203.0.113.50", at(11_000))).toEqual({ ok: false, reason: "locked" });
    expect(await attempt(user.email, "wrong-12", "203.0.113.50", at(12_000))).toEqual({ ok: false, reason: "locked" });
    expect(await userRow(user.id)).toMatchObject({ failedLoginCount: 10, lockedUntil: locked.lockedUntil });

    // One auth.lockout event naming the account, without credentials.
    const events = await testDb().auditEvent.findMany({ where: { action: "auth.lockout" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ clinicId: user.clinicId, actorId: null, entityType: "User", entityId: user.id, origin: "198.51.100.1" });
    const serialized = JSON.stringify(events);
    for (const secret of [PASSWORD, "wrong-", user.email, passwordHash]) expect(serialized).not.toContain(secret);
    expect(await testDb().auditEvent.count({ where: { action: "auth.sign_in" } })).toBe(0);
  }, 60_000);

  it("a correct password resets the count", async () => {
    const user = await account();
    await testDb().user.update({ where: { id: user.id }, data: { failedLoginCount: 9 } });
    const ok = await attempt(user.email, PASSWORD, "198.51.100.3", T0);
    expect(ok.ok).toBe(true);
    expect(await userRow(user.id)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    expect(await testDb().auditEvent.count({ where: { action: "auth.sign_in", actorId: user.id, origin: "198.51.100.3" } })).toBe(1);
    // The next failure is the first again, not the tenth.
    expect(await attempt(user.email, "not-it", "198.51.100.3", at(MINUTE))).toEqual({ ok: false, reason: "invalid" });
    expect(await userRow(user.id)).toMatchObject({ failedLoginCount: 1, lockedUntil: null });
  }, 60_000);

  it("unlocks 15 minutes after locking, and counts from one again", async () => {
    expect(LOCKOUT_MS).toBe(15 * MINUTE);
    const user = await account();
    const until = at(LOCKOUT_MS);
    await testDb().user.update({ where: { id: user.id }, data: { failedLoginCount: 10, lockedUntil: until } });
    expect(await attempt(user.email, PASSWORD, "198.51.100.4", new Date(until.getTime() - 1))).toEqual({ ok: false, reason: "locked" });

    // One failure after the lock ran out counts as the first, not the eleventh.
    expect(await attempt(user.email, "still-wrong", "198.51.100.4", until)).toEqual({ ok: false, reason: "invalid" });
    expect(await userRow(user.id)).toMatchObject({ failedLoginCount: 1, lockedUntil: null });

    const ok = await attempt(user.email, PASSWORD, "198.51.100.4", new Date(until.getTime() + 1000));
    expect(ok.ok).toBe(true);
    expect(await userRow(user.id)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  }, 60_000);

  it("answers an unknown email, a wrong password and a deactivated account alike, and counts nothing for an unknown email", async () => {
    const user = await account();
    const inactive = await account();
    await testDb().user.update({ where: { id: inactive.id }, data: { active: false } });
    const outcomes = [
      await attempt("nobody@test.example", PASSWORD, "198.51.100.5", T0),
      await attempt(user.email, "not-it", "198.51.100.5", T0),
      await attempt(inactive.email, PASSWORD, "198.51.100.5", T0),
    ];
    expect(reasons(outcomes)).toEqual(["invalid", "invalid", "invalid"]);
    expect((await userRow(user.id)).failedLoginCount).toBe(1);
    expect(await testDb().user.count({ where: { email: "nobody@test.example" } })).toBe(0);
  }, 60_000);

  it("counts concurrent failures exactly: eight at once make eight, fifteen at once lock once at ten", async () => {
    const a = await account();
    await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(a.email, `wrong-${i}`, "198.51.100.6", T0)));
    expect(await userRow(a.id)).toMatchObject({ failedLoginCount: 8, lockedUntil: null });

    const b = await account();
    const outcomes = await Promise.all(Array.from({ length: 15 }, (_, i) => attempt(b.email, `wrong-${i}`, "198.51.100.7", T0)));
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    const row = await userRow(b.id);
    expect(row.failedLoginCount).toBe(10);
    expect(row.lockedUntil?.toISOString()).toBe(at(LOCKOUT_MS).toISOString());
    expect(await testDb().auditEvent.count({ where: { action: "auth.lockout", entityId: b.id } })).toBe(1);
  }, 60_000);
});

describe("per-address limit", () => {
  const throttleRow = (key: string) => testDb().loginThrottle.findUnique({ where: { key } });
  const usedUp = (key: string, attempts: number, windowStartAt: Date) => testDb().loginThrottle.create({ data: { key, attempts, windowStartAt } });

  it("lets exactly 30 of 40 concurrent attempts from one address through, then refuses even the right password", async () => {
    expect(IP_ATTEMPT_LIMIT).toBe(30);
    const user = await account();
    // Forty addresses of one IPv6 /64 count as one address.
    const ip = (i: number) => `2001:db8:7:7::${(i + 1).toString(16)}`;
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`swarm.${i}@test.example`, "guess", ip(i), T0)));
    const counts = reasons(outcomes).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});
    expect(counts).toEqual({ invalid: 30, throttled: 10 });
    expect(await throttleRow("ip6:2001:0db8:0007:0007::/64")).toMatchObject({ attempts: 31 });

    expect(await attempt(user.email, PASSWORD, ip(99), at(MINUTE))).toEqual({ ok: false, reason: "throttled" });
    // The refused attempt never reached the account; another address signs in.
    expect((await userRow(user.id)).failedLoginCount).toBe(0);
    expect(await attempt(user.email, PASSWORD, "203.0.113.7", at(MINUTE))).toMatchObject({ ok: true });
    // The block's start (unknown emails: not attached to any clinic) and the refused attempt on the
    // known account (attached to its clinic); the other refused unknown emails are not recorded.
    const throttled = await testDb().auditEvent.findMany({ where: { action: "auth.sign_in_throttled" }, orderBy: { at: "asc" } });
    expect(throttled.map((e) => [e.clinicId, e.entityId])).toEqual([
      [null, null],
      [user.clinicId, user.id],
    ]);
  }, 120_000);

  it("blocks at the 31st attempt in a window for 15 minutes, audited against the known account", async () => {
    const user = await account();
    await usedUp("ip4:198.51.100.20", 29, T0);
    expect(await attempt(user.email, PASSWORD, "198.51.100.20", at(MINUTE))).toMatchObject({ ok: true });
    await attempt("ghost@test.example", "guess", "198.51.100.20", at(2 * MINUTE));
    expect(await throttleRow("ip4:198.51.100.20")).toMatchObject({ attempts: 30, blockedUntil: null });

    const blockedAt = at(10 * MINUTE);
    expect(await attempt(user.email, PASSWORD, "198.51.100.20", blockedAt)).toEqual({ ok: false, reason: "throttled" });
    expect((await throttleRow("ip4:198.51.100.20"))?.blockedUntil?.toISOString()).toBe(new Date(blockedAt.getTime() + IP_BLOCK_MS).toISOString());
    // Still refused just before the block ends, allowed from then on.
    expect(await attempt(user.email, PASSWORD, "198.51.100.20", new Date(blockedAt.getTime() + IP_BLOCK_MS - 1))).toEqual({ ok: false, reason: "throttled" });
    expect(await attempt(user.email, PASSWORD, "198.51.100.20", new Date(blockedAt.getTime() + IP_BLOCK_MS))).toMatchObject({ ok: true });

    // The block's start and each refused attempt on the known account, attached to its clinic.
    const events = await testDb().auditEvent.findMany({ where: { action: "auth.sign_in_throttled" } });
    expect(events).toHaveLength(2);
    for (const event of events) expect(event).toMatchObject({ clinicId: user.clinicId, actorId: null, entityType: "User", entityId: user.id, origin: "198.51.100.20" });
  }, 60_000);

  it("starts a new window after 15 minutes, and successful sign-ins do not use up the allowance", async () => {
    const user = await account();
    await usedUp("ip4:198.51.100.21", 25, T0);
    // A whole clinic behind one address signing in: successes give their place back (attempts in
    // flight hold one, so four at a time fit in the five left).
    for (let batch = 0; batch < 2; batch++) {
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => attempt(user.email, PASSWORD, "198.51.100.21", at(MINUTE))));
      expect(reasons(outcomes)).toEqual(["ok", "ok", "ok", "ok"]);
    }
    expect((await throttleRow("ip4:198.51.100.21"))?.attempts).toBe(25);
    // 15 minutes after the window opened the count starts again.
    await attempt("ghost@test.example", "guess", "198.51.100.21", at(15 * MINUTE));
    expect(await throttleRow("ip4:198.51.100.21")).toMatchObject({ attempts: 1, windowStartAt: at(15 * MINUTE) });
  }, 60_000);

  it("prunes windows that are over and block nothing", async () => {
    const db = testDb();
    await db.loginThrottle.createMany({
      data: [
        { key: "ip4:192.0.2.1", attempts: 3, windowStartAt: at(-20 * MINUTE) },
        { key: "ip4:192.0.2.2", attempts: 3, windowStartAt: at(-5 * MINUTE) },
        { key: "ip4:192.0.2.3", attempts: 31, windowStartAt: at(-20 * MINUTE), blockedUntil: at(MINUTE) },
      ],
    });
    expect(await pruneLoginThrottle(T0)).toBe(1);
    expect((await db.loginThrottle.findMany({ orderBy: { key: "asc" } })).map((r) => r.key)).toEqual(["ip4:192.0.2.2", "ip4:192.0.2.3"]);
  });
});
