import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import type { CareTeamPatientRow } from "./dto";

const OPEN_PLAN = ["ACTIVE", "ON_HOLD", "DRAFT"] as const;

/** The clinician's care-team patients (an admin sees the clinic), by name. */
export async function listCareTeamPatients(
  actor: Actor,
  options: { take?: number; skip?: number } = {},
): Promise<{ rows: CareTeamPatientRow[]; total: number }> {
  const where = patientScope(actor, "patient:read");
  const take = Math.min(options.take ?? 50, 100);
  const now = new Date();
  const [patients, total] = await db().$transaction(async (tx) => {
    const found = await tx.patient.findMany({
      where,
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
      take,
      skip: options.skip ?? 0,
      select: {
        id: true,
        firstName: true,
        lastName: true,
        dateOfBirth: true,
        contraindications: true,
        careTeam: { where: { clinicianId: actor.userId }, select: { isPrimary: true } },
        plans: {
          where: { status: { in: [...OPEN_PLAN] } },
          orderBy: { startDate: "desc" },
          take: 1,
          select: { id: true, title: true, status: true },
        },
        sessions: {
          where: { status: "SCHEDULED", startsAt: { gte: now } },
          orderBy: { startsAt: "asc" },
          take: 1,
          select: { startsAt: true },
        },
      },
    });
    const count = await tx.patient.count({ where });
    await recordAuditEvent(tx, { actor, action: "patient.list", entityType: "Patient" });
    return [found, count] as const;
  });

  const rows: CareTeamPatientRow[] = patients.map((p) => ({
    id: p.id,
    name: `${p.firstName} ${p.lastName}`,
    dateOfBirth: toIsoDate(p.dateOfBirth),
    flags: p.contraindications,
    activePlan: p.plans[0] ?? null,
    nextSession: p.sessions[0] ? { startsAt: p.sessions[0].startsAt.toISOString() } : null,
    isPrimary: p.careTeam[0]?.isPrimary ?? false,
  }));
  return { rows, total };
}
