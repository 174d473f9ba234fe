import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, forbidden, unauthenticated } from "@/lib/errors";
import { authOptions } from "./options";
import { can, type Permission, type Scope } from "./permissions";

/** Who is asking. Every exported domain function takes one first and checks it itself. */
export type Actor = {
  userId: string;
  role: Role;
  clinicId: string;
  name: string;
  /** The clinic's IANA time zone, for showing dates and times. */
  timeZone: string;
  /** The patient record of a PATIENT actor; null for staff. */
  patientId: string | null;
  /** Where the request came from, for the audit trail (never health data). */
  origin?: string;
};

type SessionClaims = { userId?: string; role?: string; clinicId?: string; sv?: number };

/**
 * The signed-in user of this request, re-validated against the database: a deactivated
 * account, a changed role or a bumped session version ends the session here.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as SessionClaims | null;
  if (!session?.userId) return null;
  const user = await db().user.findUnique({
    where: { id: session.userId },
    select: {
      id: true,
      role: true,
      clinicId: true,
      name: true,
      active: true,
      sessionVersion: true,
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
    origin: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "web",
  };
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw unauthenticated();
  return actor;
}

/** The scope the actor holds for a permission; throws FORBIDDEN when it holds none. */
export function assertCan(actor: Actor, permission: Permission): Scope {
  const scope = can(actor.role, permission);
  if (!scope) throw forbidden();
  // Scope values end up in Prisma `where` clauses, where undefined silently widens a query.
  if (!actor.clinicId || !actor.userId) throw new AppError("UNAUTHENTICATED", "Invalid session");
  if (scope === "own" && !actor.patientId) throw forbidden();
  return scope;
}
