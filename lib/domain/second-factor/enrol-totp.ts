import "server-only";
import { assertSignedIn, type Actor } from "@/lib/auth/actor";
import { generateRecoveryCodes, hashRecoveryCode, newRecoveryCodeSalt } from "@/lib/auth/recovery-codes";
import { markSessionSecondFactor } from "@/lib/auth/second-factor-session";
import { matchTotpCode, newTotpSecret, totpUri } from "@/lib/auth/totp";
import { decryptTotpSecret, encryptTotpSecret } from "@/lib/auth/totp-secret";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, forbidden, unauthenticated } from "@/lib/errors";
import { ZConfirmTotp, type TConfirmTotp } from "@/lib/validation/second-factor";
import { parseInput } from "@/lib/validation/parse";

export type TotpSetup = { secret: string; uri: string };

/**
 * Staff only. Enrolment may start from a session that has passed its second step, or from one of an account
 * that has no factor at all ("enrol"). Never from a "pending" one: whoever has only the password
 * must not add a factor of their own and then pass the step with it.
 */
function assertMayEnrol(actor: Actor): void {
  assertSignedIn(actor);
  // Patients may add a passkey instead (optional for them; ADR 022).
  if (actor.role === "PATIENT") throw forbidden();
  if (actor.secondFactor === "pending") throw new AppError("FORBIDDEN", "Complete the second sign-in step first");
}

const alreadyEnrolled = () => new AppError("CONFLICT", "An authenticator app is already set up for this account. An administrator can reset it.");

/**
 * A new authenticator-app secret for the actor, kept (encrypted) until they confirm it with a
 * code. Starting again replaces an unconfirmed secret; a confirmed one is never replaced here.
 */
export async function startTotpEnrolment(actor: Actor): Promise<TotpSetup> {
  assertMayEnrol(actor);
  const user = await db().user.findFirst({
    where: { id: actor.userId, clinicId: actor.clinicId, active: true },
    select: { email: true, totpFactor: { select: { confirmedAt: true } } },
  });
  if (!user) throw unauthenticated();
  if (user.totpFactor?.confirmedAt) throw alreadyEnrolled();
  const secret = newTotpSecret();
  const secretEnc = encryptTotpSecret(secret, actor.userId);
  // Conditional on the factor still being unconfirmed: a confirmation in another tab wins.
  const rows = await db().$executeRaw`
    INSERT INTO "TotpFactor" ("userId", "secretEnc", "lastUsedStep", "confirmedAt", "createdAt")
    VALUES (${actor.userId}, ${secretEnc}, NULL, NULL, now())
    ON CONFLICT ("userId") DO UPDATE SET "secretEnc" = EXCLUDED."secretEnc", "lastUsedStep" = NULL, "createdAt" = now()
    WHERE "TotpFactor"."confirmedAt" IS NULL`;
  if (rows === 0) throw alreadyEnrolled();
  return { secret, uri: totpUri(secret, user.email) };
}

/**
 * Confirms the pending secret with a code from the app. On success the factor is active, ten new
 * recovery codes replace any old ones (returned once, stored hashed), this session counts as
 * having passed its second step, and `account.second_factor_enrol` is written.
 */
export async function confirmTotpEnrolment(actor: Actor, input: TConfirmTotp): Promise<{ recoveryCodes: string[] }> {
  assertMayEnrol(actor);
  const { code } = parseInput(ZConfirmTotp, input);
  const factor = await db().totpFactor.findFirst({
    where: { userId: actor.userId, user: { clinicId: actor.clinicId, active: true } },
    select: { secretEnc: true, confirmedAt: true },
  });
  if (factor?.confirmedAt) throw alreadyEnrolled();
  const secret = factor ? decryptTotpSecret(factor.secretEnc, actor.userId) : null;
  if (!factor || !secret) throw new AppError("CONFLICT", "Start the set-up again: no authenticator app is waiting to be confirmed.");
  const now = new Date();
  const step = await matchTotpCode({ secret, code, now, afterStep: null });
  if (step === null) {
    throw new AppError("VALIDATION", "That code did not match. Check the key in your app and enter the code it shows now.", {
      code: ["That code did not match. Enter the code your app shows now."],
    });
  }
  const recoveryCodes = generateRecoveryCodes();
  const salt = newRecoveryCodeSalt();
  const hashes = await Promise.all(recoveryCodes.map((c) => hashRecoveryCode(c, salt)));
  await db().$transaction(async (tx) => {
    const { count } = await tx.totpFactor.updateMany({
      where: { userId: actor.userId, confirmedAt: null, secretEnc: factor.secretEnc },
      data: { confirmedAt: now, lastUsedStep: step },
    });
    if (count === 0) throw new AppError("CONFLICT", "The set-up changed in another window. Start again.");
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await tx.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId: actor.userId, codeHash })) });
    await markSessionSecondFactor(tx, actor, now);
    await recordAuditEvent(tx, { actor, action: "account.second_factor_enrol", entityType: "User", entityId: actor.userId });
  });
  return { recoveryCodes };
}
