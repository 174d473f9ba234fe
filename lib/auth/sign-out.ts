import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { endUserSession } from "./user-session";

/** Ends the session of a signed-out cookie's claims and audits `auth.sign_out` (once). */
export async function endSignedInSession(claims: { sid?: unknown; sub?: unknown; role?: unknown }): Promise<void> {
  const { sid, sub } = claims;
  if (typeof sid !== "string" || !sid || typeof sub !== "string" || !sub) return;
  await db().$transaction(async (tx) => {
    const ended = await endUserSession(tx, { sid, userId: sub }, "sign_out");
    // Already ended (signed out twice, or everywhere before): nothing happened, nothing to record.
    if (!ended) return;
    await recordAuditEvent(tx, {
      actor: { userId: ended.userId, role: claims.role as Role, clinicId: ended.clinicId },
      action: "auth.sign_out",
      entityType: "User",
      entityId: ended.userId,
    });
  });
}
