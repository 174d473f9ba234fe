// The second sign-in step (ADR 022) against the real database: staff set up an authenticator app
// (the secret stored encrypted, ten recovery codes stored hashed), a session passes the step with
// a code or a recovery code and the session row records it; wrong and replayed codes are refused
// and count toward the account's lock-out; an admin resets an account's factors.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { MAX_FAILED_SIGN_INS } from "@/lib/auth/account-lockout";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totpCodeAt } from "@/lib/auth/totp";
import { resetSecondFactors } from "@/lib/domain/second-factor/reset-second-factors";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/domain/second-factor/enrol-totp";
import { verifySecondFactor } from "@/lib/domain/second-factor/verify-second-factor";
import { actorFor, createClinic, testDb, truncateAll } from "../fixtures/db";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-totp-encryption";

const PASSWORD = "lumbar-support-2026";
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
}, 30_000);
beforeEach(truncateAll);

let counter = 0;
async function account(role: "CLINICIAN" | "ADMIN" | "PATIENT" = "CLINICIAN", clinicId?: string) {
  const clinic = clinicId ? { id: clinicId } : await createClinic();
  counter += 1;
  return testDb().user.create({ data: { clinicId: clinic.id, role, name: `MFA ${counter}`, email: `mfa.${counter}.${Date.now()}@test.example`, passwordHash } });
}

type User = Awaited<ReturnType<typeof account>>;

/** A real password sign-in: its session row, as the actor getActor() would build. */
async function signedIn(user: User, secondFactor: Actor["secondFactor"]): Promise<Actor> {
  const outcome = await signInWithPassword({ email: user.email, password: PASSWORD }, { ip: `203.0.113.${counter % 250}`, deviceToken: null, userAgent: "test" });
  if (!outcome.ok) throw new Error(`sign-in refused: ${outcome.reason}`);
  return { ...actorFor(user), sessionId: outcome.user.sid, secondFactor };
}

const sessionRow = (actor: Actor) => testDb().userSession.findUniqueOrThrow({ where: { id: actor.sessionId! } });
const codeOf = (error: unknown) => (error as { code?: string }).code;
async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return codeOf(error);
  }
}

/** Enrols an authenticator app for the user (from an "enrol" session) and returns its secret and codes. */
async function enrolled(user: User) {
  const actor = await signedIn(user, "enrol");
  const { secret } = await startTotpEnrolment(actor);
  const { recoveryCodes } = await confirmTotpEnrolment(actor, { code: await totpCodeAt(secret) });
  // The step that confirmed the app is spent; later tests sign in with later steps.
  return { secret, recoveryCodes, actor };
}

describe("setting up an authenticator app", () => {
  it("stores the secret encrypted, returns ten recovery codes once (stored hashed) and passes this session's step", async () => {
    const user = await account();
    const actor = await signedIn(user, "enrol");
    const { secret, uri } = await startTotpEnrolment(actor);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toContain("otpauth://totp/");
    const stored = await testDb().totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.secretEnc).not.toContain(secret);
    expect(stored.confirmedAt).toBeNull();
    expect((await sessionRow(actor)).secondFactorAt).toBeNull();

    expect(await refusal(confirmTotpEnrolment(actor, { code: "000000" }))).toBe("VALIDATION");
    const { recoveryCodes } = await confirmTotpEnrolment(actor, { code: await totpCodeAt(secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const hashes = await testDb().recoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes).toHaveLength(10);
    for (const h of hashes) for (const c of recoveryCodes) expect(h.codeHash).not.toContain(c.replace("-", ""));
    expect((await testDb().totpFactor.findUniqueOrThrow({ where: { userId: user.id } })).confirmedAt).not.toBeNull();
    expect((await sessionRow(actor)).secondFactorAt).not.toBeNull();
    expect(await testDb().auditEvent.count({ where: { action: "account.second_factor_enrol", entityId: user.id } })).toBe(1);
    // A confirmed app is not replaced by starting again.
    expect(await refusal(startTotpEnrolment({ ...actor, secondFactor: "done" }))).toBe("CONFLICT");
  }, 30_000);

  it("is refused to a session that has a factor but has not used it, and to patients", async () => {
    const { actor } = await enrolled(await account());
    expect(await refusal(startTotpEnrolment({ ...actor, secondFactor: "pending" }))).toBe("FORBIDDEN");
    const patient = await account("PATIENT");
    expect(await refusal(startTotpEnrolment(await signedIn(patient, "done")))).toBe("FORBIDDEN");
  }, 30_000);
});

describe("the second sign-in step", () => {
  it("a right code passes this session only; the same code again (replay) is refused and counted", async () => {
    const user = await account();
    const { secret } = await enrolled(user);
    await testDb().totpFactor.update({ where: { userId: user.id }, data: { lastUsedStep: null } });
    const first = await signedIn(user, "pending");
    const second = await signedIn(user, "pending");
    const code = await totpCodeAt(secret);
    await verifySecondFactor(first, { method: "totp", code });
    expect((await sessionRow(first)).secondFactorAt).not.toBeNull();
    expect((await sessionRow(second)).secondFactorAt).toBeNull();
    expect(await testDb().auditEvent.count({ where: { action: "auth.second_factor", entityId: user.id } })).toBe(1);

    expect(await refusal(verifySecondFactor(second, { method: "totp", code }))).toBe("VALIDATION");
    expect((await sessionRow(second)).secondFactorAt).toBeNull();
    expect((await testDb().user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(1);
  }, 30_000);

  it(`${MAX_FAILED_SIGN_INS} wrong codes lock the account; then even a right code is refused`, async () => {
    const user = await account();
    const { secret } = await enrolled(user);
    await testDb().totpFactor.update({ where: { userId: user.id }, data: { lastUsedStep: null } });
    const actor = await signedIn(user, "pending");
    const right = await totpCodeAt(secret);
    const wrong = right === "123456" ? "654321" : "123456";
    const outcomes: (string | undefined)[] = [];
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) outcomes.push(await refusal(verifySecondFactor(actor, { method: "totp", code: wrong })));
    expect(outcomes.slice(0, -1).every((o) => o === "VALIDATION")).toBe(true);
    expect(outcomes.at(-1)).toBe("RATE_LIMITED");
    const locked = await testDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil).not.toBeNull();
    expect(await refusal(verifySecondFactor(actor, { method: "totp", code: right }))).toBe("RATE_LIMITED");
    expect((await sessionRow(actor)).secondFactorAt).toBeNull();
    expect(await testDb().auditEvent.count({ where: { action: "auth.lockout", entityId: user.id } })).toBe(1);
  }, 60_000);

  it("a recovery code works once, in any spelling; a used or made-up one is refused and counted", async () => {
    const user = await account();
    const { recoveryCodes } = await enrolled(user);
    const actor = await signedIn(user, "pending");
    const code = recoveryCodes[3]!;
    await verifySecondFactor(actor, { method: "recovery", code: ` ${code.toUpperCase().replace("-", " ")} ` });
    expect((await sessionRow(actor)).secondFactorAt).not.toBeNull();
    expect(await testDb().recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
    expect(await testDb().auditEvent.count({ where: { action: "auth.recovery_code_used", entityId: user.id } })).toBe(1);

    const again = await signedIn(user, "pending");
    expect(await refusal(verifySecondFactor(again, { method: "recovery", code }))).toBe("VALIDATION");
    expect(await refusal(verifySecondFactor(again, { method: "recovery", code: "aaaaa-aaaaa" }))).toBe("VALIDATION");
    expect((await testDb().user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(2);
  }, 30_000);

  it("a session that needs no code is refused with CONFLICT and nothing is counted", async () => {
    const patient = await account("PATIENT");
    const actor = await signedIn(patient, "done");
    expect(await refusal(verifySecondFactor(actor, { method: "totp", code: "123456" }))).toBe("CONFLICT");
    expect((await testDb().user.findUniqueOrThrow({ where: { id: patient.id } })).failedLoginCount).toBe(0);
  }, 30_000);
});

describe("an admin resets an account's second factors", () => {
  it("removes the app, the codes and passkeys, ends the account's sessions, and is audited; only in the admin's clinic", async () => {
    const admin = await account("ADMIN");
    const clinician = await account("CLINICIAN", admin.clinicId);
    const stranger = await account("CLINICIAN");
    const { actor: clinicianSession } = await enrolled(clinician);
    const before = await testDb().user.findUniqueOrThrow({ where: { id: clinician.id } });
    await resetSecondFactors(actorFor(admin), { userId: clinician.id });
    expect(await testDb().totpFactor.count({ where: { userId: clinician.id } })).toBe(0);
    expect(await testDb().recoveryCode.count({ where: { userId: clinician.id } })).toBe(0);
    expect((await testDb().user.findUniqueOrThrow({ where: { id: clinician.id } })).sessionVersion).toBe(before.sessionVersion + 1);
    expect((await sessionRow(clinicianSession)).endedAt).not.toBeNull();
    expect(await testDb().auditEvent.count({ where: { action: "account.second_factor_reset", entityId: clinician.id, actorId: admin.id } })).toBe(1);

    expect(await refusal(resetSecondFactors(actorFor(admin), { userId: stranger.id }))).toBe("NOT_FOUND");
    expect(await refusal(resetSecondFactors(actorFor(admin), { userId: admin.id }))).toBe("VALIDATION");
    expect(await refusal(resetSecondFactors(actorFor(clinician), { userId: admin.id }))).toBe("FORBIDDEN");
  }, 30_000);
});
