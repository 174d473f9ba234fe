// Device cookies (OWASP "slow down online guessing attacks with device cookies") and revocable
// sessions, against the real database with an injected clock. The two attacks of issue 12:
//  1. 30 failures from one address (a clinic's shared network) block everyone behind it;
//  2. anyone who knows an email can lock that account again and again.
// A browser that signed in to the account before (it presents its device cookie) keeps signing in
// through both, while untrusted clients are throttled and locked out as before.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS } from "@/lib/auth/account-lockout";
import { IP_ATTEMPT_LIMIT } from "@/lib/auth/login-throttle";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword, type SignInOutcome } from "@/lib/auth/sign-in";
import { DEVICE_FAILURE_LIMIT, newDeviceToken } from "@/lib/auth/trusted-device";
import { isUserSessionOpen } from "@/lib/auth/user-session";
import { endSignedInSession } from "@/lib/auth/sign-out";
import { endAccountSessions, listOwnSessions, signOutEverywhere } from "@/lib/domain/accounts/end-sessions";
import { actorFor, createClinic, testDb, truncateAll } from "../fixtures/db";

const PASSWORD = "lumbar-support-2026";
const T0 = new Date("2026-11-20T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const OFFICE = "198.51.100.80";

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
}, 30_000);
beforeEach(truncateAll);

let counter = 0;
async function account(role: "CLINICIAN" | "ADMIN" = "CLINICIAN", clinicId?: string) {
  const clinic = clinicId ? { id: clinicId } : await createClinic();
  counter += 1;
  return testDb().user.create({
    data: { clinicId: clinic.id, role, name: `Device ${counter}`, email: `device.${counter}.${Date.now()}@test.example`, passwordHash },
  });
}

type Attempt = { password?: string; ip?: string; now?: Date; device?: string | null };
const attempt = (email: string, a: Attempt = {}) =>
  signInWithPassword({ email, password: a.password ?? PASSWORD }, { ip: a.ip ?? OFFICE, now: a.now ?? T0, deviceToken: a.device ?? null, userAgent: "Mozilla/5.0 (Linux; Android 15) Chrome/156.0" });
const reason = (o: SignInOutcome) => (o.ok ? "ok" : o.reason);

/** Signs in once (untrusted), and returns the device cookie the browser would keep. */
async function trustedBrowser(email: string, ip = "203.0.113.9"): Promise<string> {
  const first = await attempt(email, { ip, now: at(-60_000) });
  if (!first.ok) throw new Error(`setup sign-in refused: ${first.reason}`);
  return first.user.deviceToken;
}

describe("device cookies", () => {
  it("a correct sign-in trusts the browser: one row per account, only the token's hash stored", async () => {
    const user = await account();
    const token = await trustedBrowser(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await testDb().trustedDevice.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    // The same browser signing in again keeps its token.
    const again = await attempt(user.email, { device: token });
    expect(again.ok && again.user.deviceToken).toBe(token);
    expect(await testDb().trustedDevice.count({ where: { userId: user.id } })).toBe(1);
  }, 30_000);

  it(`attack 1: after ${IP_ATTEMPT_LIMIT} failures from the clinic's address, its trusted browsers still sign in; others are throttled`, async () => {
    const colleague = await account();
    const newcomer = await account("CLINICIAN", colleague.clinicId);
    const token = await trustedBrowser(colleague.email);
    // Someone on the clinic's network guesses at unknown emails until the address is blocked.
    await testDb().loginThrottle.create({ data: { key: `ip4:${OFFICE}`, attempts: IP_ATTEMPT_LIMIT, windowStartAt: T0 } });
    expect(reason(await attempt("guess@test.example", { password: "guess", now: at(1000) }))).toBe("throttled");

    expect(reason(await attempt(colleague.email, { device: token, now: at(2000) }))).toBe("ok");
    // The same right password from a browser that never signed in to this account: throttled.
    expect(reason(await attempt(colleague.email, { now: at(3000) }))).toBe("throttled");
    expect(reason(await attempt(newcomer.email, { device: token, now: at(4000) }))).toBe("throttled");
    // The throttled attempts on known accounts are attached to their clinic for its admin.
    const events = await testDb().auditEvent.findMany({ where: { action: "auth.sign_in_throttled", clinicId: colleague.clinicId } });
    expect(events.map((e) => e.entityId).sort()).toEqual([colleague.id, newcomer.id].sort());
  }, 60_000);

  it(`attack 2: an attacker who knows the email locks the account for untrusted clients only`, async () => {
    const user = await account();
    const token = await trustedBrowser(user.email);
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await attempt(user.email, { password: `wrong-${i}`, ip: `192.0.2.${i + 1}`, now: at(i * 1000) });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil?.toISOString()).toBe(at(9000 + LOCKOUT_MS).toISOString());

    expect(reason(await attempt(user.email, { ip: "192.0.2.50", now: at(20_000) }))).toBe("locked");
    expect(reason(await attempt(user.email, { device: token, now: at(21_000) }))).toBe("ok");
    // The owner's sign-in does not lift the lock for the attacker.
    expect(reason(await attempt(user.email, { ip: "192.0.2.51", now: at(22_000) }))).toBe("locked");
    // A forged or foreign device cookie is just an untrusted client.
    expect(reason(await attempt(user.email, { device: newDeviceToken(), now: at(23_000) }))).toBe("locked");
    expect(reason(await attempt(user.email, { device: "not a token", now: at(24_000) }))).toBe("locked");
  }, 60_000);

  it(`a trusted browser's own wrong passwords lock that browser after ${DEVICE_FAILURE_LIMIT}, not the account`, async () => {
    const user = await account();
    const token = await trustedBrowser(user.email);
    for (let i = 0; i < DEVICE_FAILURE_LIMIT; i++) expect(reason(await attempt(user.email, { password: `wrong-${i}`, device: token, now: at(i * 1000) }))).toBe("invalid");
    expect(reason(await attempt(user.email, { device: token, now: at(10_000) }))).toBe("locked");
    expect(await testDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    expect(reason(await attempt(user.email, { ip: "203.0.113.77", now: at(11_000) }))).toBe("ok");
    expect(await testDb().auditEvent.count({ where: { action: "auth.device_lockout", entityId: user.id } })).toBe(1);
    expect(await testDb().auditEvent.count({ where: { action: "auth.sign_in_failed", entityId: user.id } })).toBe(DEVICE_FAILURE_LIMIT);
  }, 60_000);

  it("every failed sign-in is audited, attached to the account's clinic when the email is known", async () => {
    const user = await account();
    await attempt(user.email, { password: "wrong" });
    await attempt("nobody@test.example", { password: "wrong" });
    const failed = await testDb().auditEvent.findMany({ where: { action: "auth.sign_in_failed" }, orderBy: { at: "asc" } });
    expect(failed.map((e) => [e.clinicId, e.entityId])).toEqual([
      [user.clinicId, user.id],
      [null, null],
    ]);
  }, 30_000);
});

describe("sessions end on the server", () => {
  // Sessions are judged against the real clock (they expire 12 hours after sign-in).
  const NOW = Date.now();
  const atNow = (ms: number) => new Date(NOW + ms);
  it("signing out ends that session only, once, audited", async () => {
    const user = await account();
    const a = await attempt(user.email, { now: atNow(0) });
    const b = await attempt(user.email, { now: atNow(1000) });
    if (!a.ok || !b.ok) throw new Error("sign-in refused");
    expect(await isUserSessionOpen(a.user.sid, user.id)).toBe(true);
    await endSignedInSession({ sid: a.user.sid, sub: user.id, role: user.role });
    await endSignedInSession({ sid: a.user.sid, sub: user.id, role: user.role });
    expect(await isUserSessionOpen(a.user.sid, user.id)).toBe(false);
    expect(await isUserSessionOpen(b.user.sid, user.id)).toBe(true);
    // A session id is only good with its own user.
    const other = await account();
    expect(await isUserSessionOpen(b.user.sid, other.id)).toBe(false);
    expect(await testDb().auditEvent.count({ where: { action: "auth.sign_out", entityId: user.id } })).toBe(1);
  }, 30_000);

  it("sign out everywhere ends every session of the account and no one else's", async () => {
    const user = await account();
    const other = await account("CLINICIAN", user.clinicId);
    const sids = [];
    for (let i = 0; i < 3; i++) {
      const o = await attempt(user.email, { now: atNow(i * 1000) });
      if (!o.ok) throw new Error("sign-in refused");
      sids.push(o.user.sid);
    }
    const theirs = await attempt(other.email, { now: atNow(0) });
    if (!theirs.ok) throw new Error("sign-in refused");
    const actor = { ...actorFor(user), sessionId: sids[0] };
    expect((await listOwnSessions(actor)).map((s) => [s.device, s.current])).toEqual([
      ["Chrome on Android", false],
      ["Chrome on Android", false],
      ["Chrome on Android", true],
    ]);
    expect(await signOutEverywhere(actor)).toEqual({ ended: 3 });
    for (const sid of sids) expect(await isUserSessionOpen(sid, user.id)).toBe(false);
    expect(await isUserSessionOpen(theirs.user.sid, other.id)).toBe(true);
    expect(await testDb().auditEvent.count({ where: { action: "auth.sign_out_everywhere", actorId: user.id } })).toBe(1);
  }, 30_000);

  it("an admin ends all sessions of an account of their clinic; another clinic's account is not found", async () => {
    const admin = await account("ADMIN");
    const clinician = await account("CLINICIAN", admin.clinicId);
    const stranger = await account("CLINICIAN");
    const o = await attempt(clinician.email, { now: atNow(0) });
    const s = await attempt(stranger.email, { now: atNow(0) });
    if (!o.ok || !s.ok) throw new Error("sign-in refused");
    expect(await endAccountSessions(actorFor(admin), { userId: clinician.id })).toEqual({ ended: 1 });
    expect(await isUserSessionOpen(o.user.sid, clinician.id)).toBe(false);
    await expect(endAccountSessions(actorFor(admin), { userId: stranger.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await isUserSessionOpen(s.user.sid, stranger.id)).toBe(true);
    await expect(endAccountSessions(actorFor(clinician), { userId: stranger.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await testDb().auditEvent.count({ where: { action: "account.sessions_ended", entityId: clinician.id } })).toBe(1);
  }, 30_000);
});
