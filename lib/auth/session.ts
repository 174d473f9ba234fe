import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { unauthenticated } from "@/lib/errors";
import { PasswordChangeRequiredError, type Actor } from "./actor";
import { clientIp } from "./client-ip";
import { authOptions } from "./options";
import { nowInSeconds, sessionEnd } from "./session-timing";

type SessionClaims = { userId?: string; role?: string; clinicId?: string; sv?: number; authTime?: unknown; lastActivity?: unknown };

/**
 * The signed-in user of this request, re-validated against the database: a session idle for 30
 * minutes or older than 12 hours, a deactivated account, a changed role or a bumped session
 * version ends the session here (whatever the proxy did or did not do).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as SessionClaims | null;
  if (!session?.userId) return null;
  if (sessionEnd(session, nowInSeconds())) return null;
  const user = await db().user.findUnique({
    where: { id: session.userId },
    select: {
      id: true,
      role: true,
      clinicId: true,
      name: true,
      active: true,
      sessionVersion: true,
      mustChangePassword: true,
      patient: { select: { id: true } },
      clinic: { select: { timezone: true } },
    },
  });
  if (!user || !user.active || user.sessionVersion !== session.sv || user.role !== session.role) return null;
  if (user.clinicId !== session.clinicId) return null;
  const h = await headers();
  return {
    userId: user.id,
    role: user.role,
    clinicId: user.clinicId,
    name: user.name,
    timeZone: user.clinic.timezone,
    patientId: user.patient?.id ?? null,
    mustChangePassword: user.mustChangePassword,
    origin: clientIp(h) ?? "web",
  };
});

/**
 * The signed-in actor, or UNAUTHENTICATED. An actor who still has to replace an initial password
 * is refused (403 "Change your password first") unless the caller is the password change itself.
 */
export async function requireActor(options: { allowPendingPasswordChange?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw unauthenticated();
  if (actor.mustChangePassword && !options.allowPendingPasswordChange) throw new PasswordChangeRequiredError();
  return actor;
}
