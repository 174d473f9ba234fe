import "server-only";
import { assertCan, assertSignedIn, type Actor } from "@/lib/auth/actor";
import { endAllUserSessions } from "@/lib/auth/user-session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { utcTimestamp } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { ZEndAccountSessions, type TEndAccountSessions } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";

export type OpenSessionDto = { id: string; startedAt: string; device: string; current: boolean };

/** The actor's own open sessions, newest first (the account page lists them). */
export async function listOwnSessions(actor: Actor): Promise<OpenSessionDto[]> {
  assertSignedIn(actor);
  const rows = await db().$queryRaw<{ id: string; createdAt: Date; userAgent: string | null }[]>`
    SELECT "id", "createdAt", "userAgent" FROM "UserSession"
     WHERE "userId" = ${actor.userId} AND "endedAt" IS NULL AND "expiresAt" > ${utcTimestamp(new Date())}
     ORDER BY "createdAt" DESC LIMIT 50`;
  return rows.map((r) => ({ id: r.id, startedAt: r.createdAt.toISOString(), device: r.userAgent ?? "Unknown browser", current: r.id === actor.sessionId }));
}

/** Ends every session of the actor's own account, this one included; audited. */
export async function signOutEverywhere(actor: Actor): Promise<{ ended: number }> {
  assertSignedIn(actor);
  return db().$transaction(async (tx) => {
    const ended = await endAllUserSessions(tx, actor.userId, "sign_out_everywhere");
    await recordAuditEvent(tx, { actor, action: "auth.sign_out_everywhere", entityType: "User", entityId: actor.userId });
    return { ended };
  });
}

/** An admin ends every open session of an account of their clinic (404 for any other); audited. */
export async function endAccountSessions(actor: Actor, input: TEndAccountSessions): Promise<{ ended: number }> {
  assertCan(actor, "account:manage");
  const { userId } = parseInput(ZEndAccountSessions, input);
  return db().$transaction(async (tx) => {
    const account = await tx.user.findFirst({ where: { id: userId, clinicId: actor.clinicId }, select: { id: true } });
    if (!account) throw notFound("Account");
    const ended = await endAllUserSessions(tx, userId, "ended_by_admin");
    await recordAuditEvent(tx, { actor, action: "account.sessions_ended", entityType: "User", entityId: userId });
    return { ended };
  });
}

/** How many sessions of an account of the admin's clinic are open (the account page shows it). */
export async function countOpenSessions(actor: Actor, userId: string): Promise<number> {
  assertCan(actor, "account:manage");
  const rows = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "UserSession"
     WHERE "userId" = ${userId} AND "clinicId" = ${actor.clinicId} AND "endedAt" IS NULL AND "expiresAt" > ${utcTimestamp(new Date())}`;
  return rows[0]?.n ?? 0;
}
