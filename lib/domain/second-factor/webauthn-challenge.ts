import "server-only";
import { CHALLENGE_TTL_MS } from "@/lib/auth/webauthn";
import { db } from "@/lib/db";

export type ChallengePurpose = "register" | "authenticate";

/** Keeps the user's one outstanding challenge (a new one replaces the old). */
export async function saveChallenge(userId: string, purpose: ChallengePurpose, challenge: string, now = new Date()): Promise<void> {
  const data = { purpose, challenge, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) };
  await db().webAuthnChallenge.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}

/** Takes (deletes) the user's challenge for this purpose; null when there is none or it expired. Each is answered once. */
export async function takeChallenge(userId: string, purpose: ChallengePurpose, now = new Date()): Promise<string | null> {
  const rows = await db().$queryRaw<{ challenge: string; expiresAt: Date }[]>`
    DELETE FROM "WebAuthnChallenge" WHERE "userId" = ${userId} AND "purpose" = ${purpose} RETURNING "challenge", "expiresAt"`;
  const row = rows[0];
  if (!row || new Date(row.expiresAt).getTime() <= now.getTime()) return null;
  return row.challenge;
}
