import "server-only";
import { assertSignedIn, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { unauthenticated } from "@/lib/errors";

export type PasskeySummary = { id: string; name: string; createdAt: string; lastUsedAt: string | null };
export type SecurityOverview = {
  totp: "none" | "unconfirmed" | "active";
  recoveryCodesLeft: number;
  passkeys: PasskeySummary[];
};

/** The actor's own second factors, for their account page (never a secret, never a code). */
export async function getSecurityOverview(actor: Actor): Promise<SecurityOverview> {
  assertSignedIn(actor);
  const user = await db().user.findFirst({
    where: { id: actor.userId, clinicId: actor.clinicId, active: true },
    select: {
      totpFactor: { select: { confirmedAt: true } },
      passkeys: { select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (!user) throw unauthenticated();
  return {
    totp: user.totpFactor ? (user.totpFactor.confirmedAt ? "active" : "unconfirmed") : "none",
    recoveryCodesLeft: user._count.recoveryCodes,
    passkeys: user.passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null })),
  };
}
