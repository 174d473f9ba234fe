import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { assertSignedIn, type Actor } from "@/lib/auth/actor";
import { isLocked, recordFailedSignIn } from "@/lib/auth/account-lockout";
import { markSessionSecondFactor } from "@/lib/auth/second-factor-session";
import { relyingParty } from "@/lib/auth/webauthn";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { AuthenticatorTransport } from "@simplewebauthn/server";
import { AppError, unauthenticated } from "@/lib/errors";
import { ZPasskeyAuthentication, type TPasskeyAuthentication } from "@/lib/validation/second-factor";
import { parseInput } from "@/lib/validation/parse";
import { saveChallenge, takeChallenge } from "./webauthn-challenge";

const locked = () => new AppError("RATE_LIMITED", "Too many failed attempts: this account is locked for 15 minutes. An administrator can help.");

function assertPending(actor: Actor): void {
  assertSignedIn(actor);
  if (actor.secondFactor !== "pending") throw new AppError("CONFLICT", "This sign-in needs no second step now.");
}

/** The options for navigator.credentials.get(): the account's own passkeys, user verification required. */
export async function passkeyAuthenticationOptions(actor: Actor): Promise<PublicKeyCredentialRequestOptionsJSON> {
  assertPending(actor);
  const passkeys = await db().passkeyCredential.findMany({ where: { userId: actor.userId, user: { clinicId: actor.clinicId } }, select: { id: true, transports: true } });
  if (passkeys.length === 0) throw new AppError("CONFLICT", "This account has no passkey. Use a code instead.");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: p.transports })),
    userVerification: "required",
  });
  await saveChallenge(actor.userId, "authenticate", options.challenge);
  return options;
}

/**
 * The second sign-in step with a passkey: the signature over the kept challenge (answered once),
 * this origin, user verification, and a signature counter that moved forward (a cloned
 * authenticator shows up as a counter that did not). A failure counts toward the account's
 * lock-out like a wrong code.
 */
export async function verifyPasskey(actor: Actor, input: TPasskeyAuthentication): Promise<void> {
  assertPending(actor);
  const { response } = parseInput(ZPasskeyAuthentication, input);
  const user = await db().user.findFirst({ where: { id: actor.userId, clinicId: actor.clinicId, active: true }, select: { email: true, lockedUntil: true } });
  if (!user) throw unauthenticated();
  const now = new Date();
  if (isLocked(user.lockedUntil, now)) throw locked();
  const challenge = await takeChallenge(actor.userId, "authenticate", now);
  if (!challenge) throw new AppError("CONFLICT", "The passkey request expired. Try again.");
  const stored = await db().passkeyCredential.findFirst({ where: { id: response.id, userId: actor.userId } });
  let newCounter: number | null = null;
  if (stored) {
    try {
      const rp = relyingParty();
      const result = await verifyAuthenticationResponse({
        response: response as Parameters<typeof verifyAuthenticationResponse>[0]["response"],
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        credential: { id: stored.id, publicKey: new Uint8Array(stored.publicKey), counter: Number(stored.counter), transports: stored.transports as AuthenticatorTransport[] },
        requireUserVerification: true,
      });
      if (result.verified) newCounter = result.authenticationInfo.newCounter;
    } catch {
      newCounter = null;
    }
  }
  if (newCounter === null || !stored) {
    const { lockedNow } = await recordFailedSignIn(user.email, { now, origin: actor.origin });
    if (lockedNow) throw locked();
    throw new AppError("VALIDATION", "The passkey could not be checked. Try again, or use a code.");
  }
  await db().$transaction(async (tx) => {
    // Conditional on the counter read above: the same assertion sent twice passes once.
    const { count } = await tx.passkeyCredential.updateMany({ where: { id: stored.id, counter: stored.counter }, data: { counter: BigInt(newCounter), lastUsedAt: now } });
    if (count === 0) throw new AppError("CONFLICT", "The passkey was used again at the same moment. Try again.");
    const unlocked = await tx.user.updateMany({
      where: { id: actor.userId, active: true, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      data: { failedLoginCount: 0, lockedUntil: null },
    });
    if (unlocked.count === 0) throw locked();
    await markSessionSecondFactor(tx, actor, now);
    await recordAuditEvent(tx, { actor, action: "auth.second_factor", entityType: "User", entityId: actor.userId });
  });
}
