// Decision 034, against the real database: invitations (care team or admin, 404 for anyone else,
// 409 for an address in use or an account already set up, a newer invitation replaces the older),
// accepting one (single use, 72 hours, sessions end, signs in with the chosen password), "Forgot
// password?" (the same answer for every address, throttled per address and per account, 30-minute
// single-use links, a newer one replaces the older, every session ends, lock-out lifted, each step
// audited) and every kind of unusable link (expired on a controlled clock, used, replaced,
// tampered, of the other purpose) refused with nothing changed.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, isPasswordSet } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createAccount } from "@/lib/domain/accounts/create-account";
import { getPortalAccess } from "@/lib/domain/accounts/get-portal-access";
import { invitePatient } from "@/lib/domain/accounts/invite-patient";
import { inspectAccountLink, setPasswordWithLink } from "@/lib/domain/accounts/redeem-account-link";
import { requestPasswordReset } from "@/lib/domain/accounts/request-password-reset";
import { resetPassword } from "@/lib/domain/accounts/reset-password";
import { AppError } from "@/lib/errors";
import { SECRET_PURPOSE } from "@/lib/messaging/outbox";
import { unseal } from "@/lib/messaging/sealed";
import { accountsWorld, userRow, type AccountsWorld } from "../fixtures/accounts";
import { createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const PATIENT_PASSWORD = "seventeen quiet herons";
const ctx = (now?: Date) => ({ ip: "203.0.113.9", now });
const unique = () => Math.random().toString(36).slice(2, 8);

async function expectCode(promise: Promise<unknown>, code: AppError["code"], field?: string): Promise<AppError> {
  let caught: unknown;
  await promise.catch((e: unknown) => (caught = e));
  expect(caught, `expected ${code}`).toBeInstanceOf(AppError);
  const error = caught as AppError;
  expect(error.code, error.message).toBe(code);
  if (field) expect(error.fieldErrors?.[field]?.length, `field error on ${field}`).toBeGreaterThan(0);
  return error;
}

/** The clear token of the newest message of a kind to a user, as the delivery worker would unseal it. */
async function latestToken(userId: string, kind: "account_invitation" | "password_reset"): Promise<string> {
  const message = await testDb().outboundMessage.findFirstOrThrow({ where: { userId, kind }, orderBy: { createdAt: "desc" } });
  const token = unseal(SECRET_PURPOSE, message.secretEnc!, message.id);
  if (!token) throw new Error("no sealed token on the message");
  return token;
}

/** Everything an invitation or reset writes, to show that a refused call wrote none of it. */
async function linkRows() {
  const db = testDb();
  return {
    users: await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, email: true, passwordHash: true, sessionVersion: true } }),
    patients: await db.patient.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, email: true, version: true } }),
    tokens: await db.accountToken.findMany({ orderBy: { id: "asc" } }),
    messages: await db.outboundMessage.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
  };
}

const auditActions = async (where: { entityId?: string; action?: string } = {}) =>
  (await testDb().auditEvent.findMany({ where, orderBy: { at: "asc" } })).map((e) => e.action);

async function openSessions(userId: string, count: number) {
  for (let i = 0; i < count; i++) {
    await testDb().userSession.create({ data: { id: `s-${unique()}-${i}`, clinicId: (await userRow(userId)).clinicId, userId, expiresAt: new Date(Date.now() + HOUR) } });
  }
}
const openSessionCount = (userId: string) => testDb().userSession.count({ where: { userId, endedAt: null } });

let w: AccountsWorld;
let clinician: Actor;
let patientId: string;

beforeEach(async () => {
  await truncateAll();
  w = await accountsWorld();
  clinician = w.actors.clinician;
  // On clinician A's care team, without a portal account.
  patientId = (await createPatient(w.clinic.id, { careTeam: [{ clinicianId: w.users.clinicianA.id, isPrimary: true }] })).patient.id;
});

describe("inviting a patient", () => {
  it("creates the account without a password, stores only the token's hash for 72 hours and queues the email", async () => {
    const before = Date.now();
    const sent = await invitePatient(clinician, { patientId, email: " Robin.Invited@Example.COM " });
    const patient = await testDb().patient.findUniqueOrThrow({ where: { id: patientId }, include: { user: true } });
    expect(patient.userId).toBe(sent.userId);
    expect(patient.email).toBe("robin.invited@example.com");
    expect(patient.version).toBe(2);
    expect(patient.user).toMatchObject({ role: "PATIENT", clinicId: w.clinic.id, email: "robin.invited@example.com", active: true, mustChangePassword: false });
    expect(isPasswordSet(patient.user!.passwordHash)).toBe(false);
    const [token, ...more] = await testDb().accountToken.findMany({ where: { userId: sent.userId } });
    expect(more).toEqual([]);
    expect(token).toMatchObject({ purpose: "INVITATION", clinicId: w.clinic.id, createdById: w.users.clinicianA.id, usedAt: null, revokedAt: null });
    expect(token!.expiresAt.getTime() - before).toBeGreaterThanOrEqual(72 * HOUR - 1000);
    expect(token!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(72 * HOUR);
    expect(sent.expiresAt).toBe(token!.expiresAt.toISOString());
    const clear = await latestToken(sent.userId, "account_invitation");
    expect(clear).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored; the clear token is nowhere in the token row or the audit log.
    expect(JSON.stringify(token)).not.toContain(clear);
    expect(JSON.stringify(await testDb().auditEvent.findMany())).not.toContain(clear);
    const message = await testDb().outboundMessage.findFirstOrThrow({ where: { userId: sent.userId } });
    expect(message).toMatchObject({ kind: "account_invitation", channel: "EMAIL", recipient: "robin.invited@example.com", status: "QUEUED" });
    expect(message.data).toEqual({ recipientName: `${patient.firstName} ${patient.lastName}`, role: "PATIENT" });
    const events = await testDb().auditEvent.findMany({ where: { action: "account.invitation_sent" } });
    expect(events).toEqual([expect.objectContaining({ actorId: w.users.clinicianA.id, entityType: "User", entityId: sent.userId, patientId })]);
    expect(await getPortalAccess(clinician, patientId)).toMatchObject({ state: "invited", email: "robin.invited@example.com", expiresAt: sent.expiresAt });
  });

  it("lets an admin of the clinic invite too", async () => {
    const sent = await invitePatient(w.actors.admin, { patientId, email: `admin.invites.${unique()}@example.com` });
    expect(await testDb().accountToken.count({ where: { userId: sent.userId, createdById: w.users.admin.id } })).toBe(1);
  });

  it("answers 404 to a clinician off the care team and to another clinic's staff, 403 to a patient, writing nothing but the refusal", async () => {
    const offTeam = (await import("../fixtures/db")).actorFor(w.users.clinicianB);
    const before = await linkRows();
    const email = `nobody.${unique()}@example.com`;
    for (const actor of [offTeam, (await import("../fixtures/db")).actorFor(w.users.otherClinician), w.actors.otherAdmin]) {
      await expectCode(invitePatient(actor, { patientId, email }), "NOT_FOUND");
      await expectCode(getPortalAccess(actor, patientId), "NOT_FOUND");
    }
    await expectCode(invitePatient(w.actors.patient, { patientId, email }), "FORBIDDEN");
    expect(await linkRows()).toEqual(before);
    expect(new Set(await auditActions())).toEqual(new Set(["access.refused"]));
  });

  it("refuses bad input (422), an address another account uses (409) and a patient already set up (409), changing nothing", async () => {
    const before = await linkRows();
    await expectCode(invitePatient(clinician, { patientId, email: "not an email" }), "VALIDATION", "email");
    await expectCode(invitePatient(clinician, { patientId: "nope", email: "ok@example.com" }), "VALIDATION", "patientId");
    const taken = await expectCode(invitePatient(clinician, { patientId, email: w.users.clinicianB.email }), "CONFLICT", "email");
    expect(taken.message).toMatch(/already uses this email/);
    // The seeded kind of patient: an account with a password of their own.
    const active = await expectCode(invitePatient(clinician, { patientId: w.patients.withPortal.patient.id, email: `x.${unique()}@example.com` }), "CONFLICT");
    expect(active.message).toMatch(/Forgot password/);
    expect(await linkRows()).toEqual(before);
    expect(await auditActions()).toEqual([]);
  });

  it("replaces an earlier invitation: the old link is revoked, its unsent email cancelled, the same account reused at the new address", async () => {
    const first = await invitePatient(clinician, { patientId, email: `first.${unique()}@example.com` });
    const oldToken = await latestToken(first.userId, "account_invitation");
    const second = await invitePatient(clinician, { patientId, email: `second.${unique()}@example.com` });
    expect(second.userId).toBe(first.userId);
    const tokens = await testDb().accountToken.findMany({ where: { userId: first.userId }, orderBy: { createdAt: "asc" } });
    expect(tokens.map((t) => t.revokedAt === null)).toEqual([false, true]);
    const messages = await testDb().outboundMessage.findMany({ where: { userId: first.userId }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => m.status)).toEqual(["CANCELLED", "QUEUED"]);
    expect(messages[0]!.secretEnc).toBeNull();
    expect(messages[1]!.recipient).toMatch(/^second\./);
    expect(await userRow(first.userId)).toMatchObject({ email: messages[1]!.recipient });
    expect(await inspectAccountLink(oldToken, "INVITATION", ctx())).toEqual({ state: "revoked" });
    await expectCode(setPasswordWithLink({ purpose: "INVITATION", token: oldToken, newPassword: PATIENT_PASSWORD, confirm: PATIENT_PASSWORD }, ctx()), "NOT_FOUND");
    expect(isPasswordSet((await userRow(first.userId)).passwordHash)).toBe(false);
  });
});

describe("accepting an invitation", () => {
  it("sets the password once, spends the link, ends other sessions and lets the patient sign in with it", async () => {
    const { userId } = await invitePatient(clinician, { patientId, email: `accept.${unique()}@example.com` });
    const token = await latestToken(userId, "account_invitation");
    const shown = await inspectAccountLink(token, "INVITATION", ctx());
    expect(shown).toMatchObject({ state: "valid", email: (await userRow(userId)).email, minLength: 15 });
    await openSessions(userId, 2);
    // A patient's password is their only factor: 15 characters at least (ADR 022), checked again here.
    await expectCode(setPasswordWithLink({ purpose: "INVITATION", token, newPassword: "short but ok?", confirm: "short but ok?" }, ctx()), "VALIDATION", "newPassword");
    expect(await testDb().accountToken.count({ where: { userId, usedAt: { not: null } } })).toBe(0);

    const done = await setPasswordWithLink({ purpose: "INVITATION", token, newPassword: PATIENT_PASSWORD, confirm: PATIENT_PASSWORD }, ctx());
    const user = await userRow(userId);
    expect(done).toEqual({ email: user.email, role: "PATIENT" });
    expect(isPasswordSet(user.passwordHash)).toBe(true);
    expect(user).toMatchObject({ mustChangePassword: false, sessionVersion: 2, passwordChangedAt: expect.any(Date) });
    expect(await openSessionCount(userId)).toBe(0);
    expect(await testDb().accountToken.findFirstOrThrow({ where: { userId } })).toMatchObject({ usedAt: expect.any(Date) });
    const accepted = await testDb().auditEvent.findFirstOrThrow({ where: { action: "account.invitation_accepted" } });
    expect(accepted).toMatchObject({ actorId: userId, entityId: userId, clinicId: w.clinic.id });
    expect(await getPortalAccess(clinician, patientId)).toEqual({ state: "active", email: user.email });

    const signIn = await signInWithPassword({ email: user.email, password: PATIENT_PASSWORD }, { ip: "203.0.113.9" });
    expect(signIn.ok).toBe(true);

    // Used: the same link again is refused, says so, and changes nothing.
    const before = await userRow(userId);
    expect(await inspectAccountLink(token, "INVITATION", ctx())).toEqual({ state: "used" });
    const reused = await expectCode(setPasswordWithLink({ purpose: "INVITATION", token, newPassword: "another long passphrase", confirm: "another long passphrase" }, ctx()), "NOT_FOUND");
    expect(reused.message).toMatch(/already been used/);
    expect(await userRow(userId)).toEqual(before);
    // Inviting an account that is set up is a 409 now.
    await expectCode(invitePatient(clinician, { patientId, email: user.email }), "CONFLICT");
  });

  it("expires after 72 hours (controlled clock), answering a clear page and changing nothing", async () => {
    const { userId } = await invitePatient(clinician, { patientId, email: `late.${unique()}@example.com` });
    const token = await latestToken(userId, "account_invitation");
    const justBefore = new Date(Date.now() + 72 * HOUR - MINUTE);
    const after = new Date(Date.now() + 72 * HOUR + 1000);
    expect((await inspectAccountLink(token, "INVITATION", ctx(justBefore))).state).toBe("valid");
    expect(await inspectAccountLink(token, "INVITATION", ctx(after))).toEqual({ state: "expired" });
    const before = await linkRows();
    const expired = await expectCode(setPasswordWithLink({ purpose: "INVITATION", token, newPassword: PATIENT_PASSWORD, confirm: PATIENT_PASSWORD }, ctx(after)), "NOT_FOUND");
    expect(expired.message).toMatch(/expired.*ask your clinic for a new invitation/i);
    expect(await linkRows()).toEqual(before);
    // The row's own expiry is what the write checks too.
    await testDb().accountToken.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectCode(setPasswordWithLink({ purpose: "INVITATION", token, newPassword: PATIENT_PASSWORD, confirm: PATIENT_PASSWORD }, ctx()), "NOT_FOUND");
    expect(isPasswordSet((await userRow(userId)).passwordHash)).toBe(false);
    expect(await getPortalAccess(clinician, patientId)).toMatchObject({ state: "invitation-expired" });
  });

  it("refuses tampered, malformed and other-purpose tokens, auditing the presented ones without any token", async () => {
    const { userId } = await invitePatient(clinician, { patientId, email: `tamper.${unique()}@example.com` });
    const token = await latestToken(userId, "account_invitation");
    const flipped = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    const before = await linkRows();
    for (const bad of [flipped, token.slice(0, 42), `${token}x`, "", "../../etc/passwd"]) {
      expect(await inspectAccountLink(bad, "INVITATION", ctx())).toEqual({ state: "invalid" });
      await expectCode(setPasswordWithLink({ purpose: "INVITATION", token: bad, newPassword: PATIENT_PASSWORD, confirm: PATIENT_PASSWORD }, ctx()), "NOT_FOUND");
    }
    // An invitation is not a reset link.
    expect(await inspectAccountLink(token, "PASSWORD_RESET", ctx())).toEqual({ state: "invalid" });
    await expectCode(setPasswordWithLink({ purpose: "PASSWORD_RESET", token, newPassword: PATIENT_PASSWORD, confirm: PATIENT_PASSWORD }, ctx()), "NOT_FOUND");
    expect(await linkRows()).toEqual(before);
    const refused = await testDb().auditEvent.findMany({ where: { action: "auth.account_link_refused" } });
    // The page audits every token presented (not an empty one), the form every refusal; the other-purpose one names the account.
    expect(refused).toHaveLength(4 + 5 + 2);
    expect(refused.filter((e) => e.entityId === userId)).toHaveLength(2);
    expect(refused.every((e) => e.actorId === null && e.origin === "203.0.113.9")).toBe(true);
    expect(JSON.stringify(await testDb().auditEvent.findMany())).not.toContain(token.slice(0, 20));
  });

  it("sets one password when the same link is submitted twice at once", async () => {
    const { userId } = await invitePatient(clinician, { patientId, email: `race.${unique()}@example.com` });
    const token = await latestToken(userId, "account_invitation");
    const results = await Promise.allSettled(
      ["first long passphrase here", "second long passphrase here"].map((p) => setPasswordWithLink({ purpose: "INVITATION", token, newPassword: p, confirm: p }, ctx())),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && (r.reason as AppError).code === "NOT_FOUND")).toHaveLength(1);
    expect(await testDb().auditEvent.count({ where: { action: "account.invitation_accepted" } })).toBe(1);
    expect((await userRow(userId)).sessionVersion).toBe(2);
  });

  it("invites staff the same way; their password needs 8 characters (a second factor follows at sign-in)", async () => {
    const created = await createAccount(w.actors.admin, { role: "CLINICIAN", name: "Quinn New", email: `quinn.${unique()}@example.com` });
    const token = await latestToken(created.userId!, "account_invitation");
    expect(await inspectAccountLink(token, "INVITATION", ctx())).toMatchObject({ state: "valid", name: "Quinn New", minLength: 8 });
    expect(await setPasswordWithLink({ purpose: "INVITATION", token, newPassword: "harbour9lights", confirm: "harbour9lights" }, ctx())).toMatchObject({ role: "CLINICIAN" });
    expect(isPasswordSet((await userRow(created.userId!)).passwordHash)).toBe(true);
  });
});

describe("forgot password", () => {
  let email: string;
  let userId: string;
  beforeEach(async () => {
    const user = await createUser(w.clinic.id, "PATIENT", "Pat Forgetful");
    email = user.email;
    userId = user.id;
    await testDb().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword("the old long passphrase") } });
  });

  it("answers the same for a known and an unknown address; only the known account gets a 30-minute link, audited", async () => {
    const unknown = await requestPasswordReset({ email: `nobody.${unique()}@example.com` }, ctx());
    expect(await testDb().accountToken.count()).toBe(0);
    expect(await testDb().auditEvent.count()).toBe(0);
    const known = await requestPasswordReset({ email: email.toUpperCase() }, ctx());
    expect(known).toEqual(unknown);
    const token = await testDb().accountToken.findFirstOrThrow({ where: { userId } });
    expect(token).toMatchObject({ purpose: "PASSWORD_RESET", createdById: null });
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(30 * MINUTE);
    expect(await testDb().outboundMessage.count({ where: { userId, kind: "password_reset", recipient: email } })).toBe(1);
    const events = await testDb().auditEvent.findMany({ orderBy: { at: "asc" } });
    expect(events.map((e) => [e.action, e.actorId, e.entityType, e.entityId, e.clinicId])).toEqual([
      ["auth.password_reset_requested", null, "User", userId, w.clinic.id],
      ["auth.password_reset_sent", null, "User", userId, w.clinic.id],
    ]);
  });

  it("refuses a malformed address (422) and sends a deactivated account nothing", async () => {
    await expectCode(requestPasswordReset({ email: "not-an-email" }, ctx()), "VALIDATION", "email");
    await expectCode(requestPasswordReset({}, ctx()), "VALIDATION", "email");
    await testDb().user.update({ where: { id: userId }, data: { active: false } });
    await requestPasswordReset({ email }, ctx());
    expect(await testDb().accountToken.count()).toBe(0);
    expect(await testDb().outboundMessage.count()).toBe(0);
    expect(await auditActions()).toEqual(["auth.password_reset_requested"]);
  });

  it("is limited to 3 requests per address in 15 minutes and 5 links per account an hour", async () => {
    const t0 = Date.now();
    const at = (minutes: number) => new Date(t0 + minutes * MINUTE);
    for (const m of [0, 1, 2, 3]) await requestPasswordReset({ email }, ctx(at(m)));
    // The fourth within the window sent nothing, and said nothing different.
    expect(await testDb().accountToken.count({ where: { userId } })).toBe(3);
    expect(await testDb().auditEvent.count({ where: { action: "auth.password_reset_throttled", entityId: userId } })).toBe(1);
    // The address's block has run out: two more go out, the account's fifth and sixth links…
    for (const m of [19, 20]) await requestPasswordReset({ email }, ctx(at(m)));
    expect(await testDb().accountToken.count({ where: { userId } })).toBe(5);
    // …and the account's hour is used up even though the address may ask again.
    await requestPasswordReset({ email }, ctx(at(36)));
    expect(await testDb().accountToken.count({ where: { userId } })).toBe(5);
    expect(await testDb().outboundMessage.count({ where: { userId } })).toBe(5);
    // Each newer link replaced the older ones: one is usable.
    expect(await testDb().accountToken.count({ where: { userId, revokedAt: null } })).toBe(1);
    expect(await testDb().outboundMessage.count({ where: { userId, status: "QUEUED" } })).toBe(1);
  });

  it("a reset sets the new password, ends every session, lifts a lock-out, spends the link and audits each step", async () => {
    await openSessions(userId, 3);
    await testDb().user.update({ where: { id: userId }, data: { failedLoginCount: 10, lockedUntil: new Date(Date.now() + 10 * MINUTE) } });
    await requestPasswordReset({ email }, ctx());
    const older = await latestToken(userId, "password_reset");
    await requestPasswordReset({ email }, ctx());
    const token = await latestToken(userId, "password_reset");
    expect(await inspectAccountLink(older, "PASSWORD_RESET", ctx())).toEqual({ state: "revoked" });
    expect(await inspectAccountLink(token, "PASSWORD_RESET", ctx())).toMatchObject({ state: "valid", email });
    await setPasswordWithLink({ purpose: "PASSWORD_RESET", token, newPassword: "a brand new long passphrase", confirm: "a brand new long passphrase" }, ctx());
    expect(await openSessionCount(userId)).toBe(0);
    expect(await userRow(userId)).toMatchObject({ sessionVersion: 2, failedLoginCount: 0, lockedUntil: null });
    expect((await signInWithPassword({ email, password: "the old long passphrase" }, { ip: "203.0.113.10" })).ok).toBe(false);
    expect((await signInWithPassword({ email, password: "a brand new long passphrase" }, { ip: "203.0.113.10" })).ok).toBe(true);
    expect(await auditActions({ entityId: userId })).toEqual(
      expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset_sent", "auth.password_reset_completed", "auth.unlock"]),
    );
    const completed = await testDb().auditEvent.findFirstOrThrow({ where: { action: "auth.password_reset_completed" } });
    expect(completed).toMatchObject({ actorId: userId, origin: "203.0.113.9" });
    // Reused: refused, nothing changes.
    const before = await userRow(userId);
    await expectCode(setPasswordWithLink({ purpose: "PASSWORD_RESET", token, newPassword: "yet another passphrase", confirm: "yet another passphrase" }, ctx()), "NOT_FOUND");
    expect(await userRow(userId)).toEqual(before);
  });

  it("a reset link lasts 30 minutes (controlled clock)", async () => {
    await requestPasswordReset({ email }, ctx());
    const token = await latestToken(userId, "password_reset");
    expect((await inspectAccountLink(token, "PASSWORD_RESET", ctx(new Date(Date.now() + 29 * MINUTE)))).state).toBe("valid");
    expect(await inspectAccountLink(token, "PASSWORD_RESET", ctx(new Date(Date.now() + 31 * MINUTE)))).toEqual({ state: "expired" });
    const error = await expectCode(
      setPasswordWithLink({ purpose: "PASSWORD_RESET", token, newPassword: "a brand new long passphrase", confirm: "a brand new long passphrase" }, ctx(new Date(Date.now() + 31 * MINUTE))),
      "NOT_FOUND",
    );
    expect(error.message).toMatch(/expired.*request a new reset link/i);
    expect((await userRow(userId)).sessionVersion).toBe(1);
  });

  it("an admin's reset link works the same way, and a deactivated account's link stops working", async () => {
    const id = w.users.clinicianB.id;
    await resetPassword(w.actors.admin, { userId: id });
    const token = await latestToken(id, "password_reset");
    await testDb().user.update({ where: { id }, data: { active: false } });
    expect(await inspectAccountLink(token, "PASSWORD_RESET", ctx())).toEqual({ state: "invalid" });
    await testDb().user.update({ where: { id }, data: { active: true } });
    await setPasswordWithLink({ purpose: "PASSWORD_RESET", token, newPassword: "staff pass 1234", confirm: "staff pass 1234" }, ctx());
    expect((await userRow(id)).sessionVersion).toBe(2);
  });
});
