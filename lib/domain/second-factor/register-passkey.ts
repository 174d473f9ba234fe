import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { assertSignedIn, type Actor } from "@/lib/auth/actor";
import { markSessionSecondFactor } from "@/lib/auth/second-factor-session";
import { relyingParty } from "@/lib/auth/webauthn";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, unauthenticated } from "@/lib/errors";
import { ZPasskeyRegistration, type TPasskeyRegistration } from "@/lib/validation/second-factor";
import { parseInput } from "@/lib/validation/parse";
import { saveChallenge, takeChallenge } from "./webauthn-challenge";

const MAX_PASSKEYS = 10;

/** Any role may add a passkey, but never from a session that has a factor it has not used ("pending"). */
function assertMayAdd(actor: Actor): void {
  assertSignedIn(actor);
  if (actor.secondFactor === "pending") throw new AppError("FORBIDDEN", "Complete the second sign-in step first");
}

/** The options for the browser's navigator.credentials.create(); the challenge is kept for 5 minutes. */
export async function passkeyRegistrationOptions(actor: Actor): Promise<PublicKeyCredentialCreationOptionsJSON> {
  assertMayAdd(actor);
  const user = await db().user.findFirst({
    where: { id: actor.userId, clinicId: actor.clinicId, active: true },
    select: { email: true, name: true, passkeys: { select: { id: true, transports: true } } },
  });
  if (!user) throw unauthenticated();
  if (user.passkeys.length >= MAX_PASSKEYS) throw new AppError("CONFLICT", `An account can have at most ${MAX_PASSKEYS} passkeys.`);
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(actor.userId),
    attestationType: "none",
    excludeCredentials: user.passkeys.map((p) => ({ id: p.id, transports: p.transports })),
    // A passkey that checks who holds it (PIN or biometric): a multi-factor authenticator (§3.1.7).
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
  });
  await saveChallenge(actor.userId, "register", options.challenge);
  return options;
}

/**
 * Verifies the browser's new credential against the kept challenge (answered once), this origin
 * and user verification, and stores its public key. This session counts as having passed its
 * second step (the passkey was just used); `account.passkey_add` is written.
 */
export async function registerPasskey(actor: Actor, input: TPasskeyRegistration): Promise<{ id: string; name: string }> {
  assertMayAdd(actor);
  const { response, name } = parseInput(ZPasskeyRegistration, input);
  const now = new Date();
  const challenge = await takeChallenge(actor.userId, "register", now);
  if (!challenge) throw new AppError("CONFLICT", "The passkey request expired. Try again.");
  const rp = relyingParty();
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: response as Parameters<typeof verifyRegistrationResponse>[0]["response"],
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch {
    verification = { verified: false };
  }
  if (!verification.verified) throw new AppError("VALIDATION", "The passkey could not be checked. Try again.");
  const { credential } = verification.registrationInfo;
  const label = name || "Passkey";
  await db().$transaction(async (tx) => {
    const exists = await tx.passkeyCredential.findUnique({ where: { id: credential.id }, select: { id: true } });
    if (exists) throw new AppError("CONFLICT", "This passkey is already registered.");
    await tx.passkeyCredential.create({
      data: {
        id: credential.id,
        userId: actor.userId,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        name: label,
      },
    });
    await markSessionSecondFactor(tx, actor, now);
    await recordAuditEvent(tx, { actor, action: "account.passkey_add", entityType: "User", entityId: actor.userId });
  });
  return { id: credential.id, name: label };
}
