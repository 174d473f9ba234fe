import "server-only";
import type { Tx } from "@/lib/db";
import { utcTimestamp } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";

/**
 * Records on this sign-in's session row (UserSession, the cookie's `sid`) that its second step is
 * passed: getActor() reads `secondFactorAt` with the row, so the cookie itself never changes. Only
 * an open row of the actor counts; an ended or foreign one is UNAUTHENTICATED.
 */
export async function markSessionSecondFactor(tx: Tx, actor: Actor, now: Date): Promise<void> {
  if (!actor.sessionId) throw new AppError("UNAUTHENTICATED", "Please sign in");
  const updated = await tx.$executeRaw`
    UPDATE "UserSession" SET "secondFactorAt" = ${utcTimestamp(now)}
     WHERE "id" = ${actor.sessionId} AND "userId" = ${actor.userId} AND "endedAt" IS NULL`;
  if (updated === 0) throw new AppError("UNAUTHENTICATED", "Please sign in");
}
