import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { utcTimestamp } from "@/lib/db/sql";
import { ABSOLUTE_LIFETIME_SECONDS } from "./session-timing";

// Server-side record of each signed-in browser session (UserSession). The JWT cookie alone could
// not be revoked: a copy made before sign-out stayed valid for its 12 hours. The cookie now
// carries the row's id (`sid`) and getActor() accepts it only while the row has not ended.

export type SessionEndReason =
  | "sign_out"
  | "sign_out_everywhere"
  | "ended_by_admin"
  | "password_reset"
  | "password_changed"
  | "deactivated"
  | "role_changed";

/** 128 random bits, base64url. */
export const newSessionId = () => randomBytes(16).toString("base64url");

/** A short, recognisable description of the browser ("Chrome on Android"); never the raw header. */
export function describeUserAgent(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "A browser";
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad|iPod/.test(userAgent)
      ? "iOS"
      : /Mac OS X|Macintosh/.test(userAgent)
        ? "macOS"
        : /Windows/.test(userAgent)
          ? "Windows"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return system ? `${browser} on ${system}` : browser;
}

/** Opens a session row in the sign-in's transaction; its id goes into the cookie. */
export async function startUserSession(
  tx: Tx,
  input: { userId: string; clinicId: string; now: Date; userAgent?: string | null; origin?: string | null },
): Promise<string> {
  const id = newSessionId();
  const expiresAt = new Date(input.now.getTime() + ABSOLUTE_LIFETIME_SECONDS * 1000);
  await tx.$executeRaw`
    INSERT INTO "UserSession" ("id", "clinicId", "userId", "createdAt", "expiresAt", "userAgent", "origin")
    VALUES (${id}, ${input.clinicId}, ${input.userId}, ${utcTimestamp(input.now)}, ${utcTimestamp(expiresAt)},
            ${describeUserAgent(input.userAgent)}, ${input.origin?.slice(0, 100) ?? null})`;
  return id;
}

/** Whether the session `sid` of `userId` is still open (not ended, not past its 12 hours). */
export async function isUserSessionOpen(sid: unknown, userId: unknown, now = new Date()): Promise<boolean> {
  if (typeof sid !== "string" || typeof userId !== "string" || !sid || !userId) return false;
  const rows = await db().$queryRaw<{ open: boolean }[]>`
    SELECT true AS "open" FROM "UserSession"
     WHERE "id" = ${sid} AND "userId" = ${userId} AND "endedAt" IS NULL AND "expiresAt" > ${utcTimestamp(now)}`;
  return rows.length > 0;
}

/** Ends one session; the ended session's user and clinic when it was open (for the audit event). */
export async function endUserSession(tx: Tx, input: { sid: string; userId: string }, reason: SessionEndReason, now = new Date()) {
  const rows = await tx.$queryRaw<{ userId: string; clinicId: string }[]>`
    UPDATE "UserSession" SET "endedAt" = ${utcTimestamp(now)}, "endReason" = ${reason}
     WHERE "id" = ${input.sid} AND "userId" = ${input.userId} AND "endedAt" IS NULL
    RETURNING "userId", "clinicId"`;
  return rows[0] ?? null;
}

/** Ends every open session of a user; how many were open. */
export async function endAllUserSessions(tx: Tx, userId: string, reason: SessionEndReason, now = new Date()): Promise<number> {
  return tx.$executeRaw`
    UPDATE "UserSession" SET "endedAt" = ${utcTimestamp(now)}, "endReason" = ${reason}
     WHERE "userId" = ${userId} AND "endedAt" IS NULL`;
}
