import "server-only";
import { INVITATION_TTL_MS, newAccountToken, PASSWORD_RESET_TTL_MS } from "@/lib/auth/account-token";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { cancelQueuedMessages, queueMessage } from "@/lib/messaging/outbox";

export type LinkPurpose = "INVITATION" | "PASSWORD_RESET";
export type LinkRecipient = { id: string; clinicId: string; email: string; name: string; role: Role };

const KIND = { INVITATION: "account_invitation", PASSWORD_RESET: "password_reset" } as const;
const TTL = { INVITATION: INVITATION_TTL_MS, PASSWORD_RESET: PASSWORD_RESET_TTL_MS } as const;

/**
 * Issues a single-use link in the caller's transaction (decision 034): earlier unused links of
 * the same purpose are revoked and their messages not yet sent are cancelled, so only the newest
 * link works; the new token is stored as its SHA-256 and its email queued with the clear token
 * as the message's secret (sealed, erased once sent). The clear token never leaves this function
 * any other way: not returned, not logged, not audited.
 */
export async function issueAccountLink(
  tx: Tx,
  input: { user: LinkRecipient; purpose: LinkPurpose; createdById: string | null; now: Date },
): Promise<{ tokenId: string; expiresAt: Date }> {
  const { user, purpose, now } = input;
  const kind = KIND[purpose];
  await tx.accountToken.updateMany({ where: { userId: user.id, purpose, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  await cancelQueuedMessages(tx, { userId: user.id, kind });
  const { token, tokenHash } = newAccountToken();
  const expiresAt = new Date(now.getTime() + TTL[purpose]);
  const row = await tx.accountToken.create({
    data: { clinicId: user.clinicId, userId: user.id, purpose, tokenHash, createdById: input.createdById, createdAt: now, expiresAt },
    select: { id: true },
  });
  await queueMessage(tx, {
    clinicId: user.clinicId,
    userId: user.id,
    channel: "EMAIL",
    kind,
    recipient: user.email,
    // One message per link: the token row's id is unique.
    dedupeKey: `${kind}:${row.id}`,
    data: purpose === "INVITATION" ? { recipientName: user.name, role: user.role } : { recipientName: user.name },
    secret: token,
  });
  return { tokenId: row.id, expiresAt };
}
