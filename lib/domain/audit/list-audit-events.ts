import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { addDays, zonedToUtc } from "@/lib/domain/schedule/dates";
import { ZAuditDates, type TAuditFilters } from "@/lib/validation/audit";
import { parseInput } from "@/lib/validation/parse";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventRow = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  patientName: string | null;
  origin: string | null;
};

export type AuditFilterOptions = {
  /** The clinic's staff (admins and clinicians) by name, at most AUDIT_ACTOR_OPTIONS_LIMIT, plus the selected actor. */
  actors: { id: string; name: string; role: Role }[];
  /** The patient the log is filtered by, by name; patients are picked from the log itself, not from a list of all of them. */
  patient: { id: string; name: string } | null;
  actions: string[];
};

/** Staff accounts offered in the "Who" picker: a clinic has far fewer; patients are reached through their own events. */
export const AUDIT_ACTOR_OPTIONS_LIMIT = 200;

/** The clinic's audit trail, newest first, filtered by actor, patient, action and date range. */
export async function listAuditEvents(
  actor: Actor,
  filters: Partial<TAuditFilters>,
): Promise<{ rows: AuditEventRow[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "audit:read");
  parseInput(ZAuditDates, { from: filters.from, to: filters.to });
  const page = Math.max(1, filters.page ?? 1);
  // Dates are whole days in the clinic's time zone: [from 00:00, to + 1 day 00:00).
  const at: Prisma.DateTimeFilter = {};
  if (filters.from) at.gte = zonedToUtc(filters.from, "00:00", actor.timeZone);
  if (filters.to) at.lt = zonedToUtc(addDays(filters.to, 1), "00:00", actor.timeZone);
  const where: Prisma.AuditEventWhereInput = {
    clinicId: actor.clinicId,
    actorId: filters.actorId,
    patientId: filters.patientId,
    action: filters.action,
    ...(filters.from || filters.to ? { at } : {}),
  };
  const [events, total] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: AUDIT_PAGE_SIZE,
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      include: { actor: { select: { name: true } } },
    }),
    db().auditEvent.count({ where }),
  ]);
  const patientIds = [...new Set(events.map((e) => e.patientId).filter((id): id is string => Boolean(id)))];
  const patients = patientIds.length
    ? await db().patient.findMany({ where: { clinicId: actor.clinicId, id: { in: patientIds } }, select: { id: true, firstName: true, lastName: true } })
    : [];
  const names = new Map(patients.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  return {
    rows: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorName: e.actor?.name ?? null,
      actorRole: e.actorRole,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      patientId: e.patientId,
      patientName: e.patientId ? (names.get(e.patientId) ?? null) : null,
      origin: e.origin,
    })),
    total,
    page,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

/**
 * What the filter pickers offer, every list bounded whatever the size of the clinic (issue 8):
 * staff accounts (capped), the actions recorded so far (one index probe per distinct action, not
 * a read of every event), and the names of the actor and patient currently filtered by.
 */
export async function listAuditFilterOptions(actor: Actor, selected: { actorId?: string; patientId?: string } = {}): Promise<AuditFilterOptions> {
  assertCan(actor, "audit:read");
  const [staff, chosenActor, chosenPatient, actions] = await Promise.all([
    db().user.findMany({
      where: { clinicId: actor.clinicId, role: { in: ["ADMIN", "CLINICIAN"] } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: AUDIT_ACTOR_OPTIONS_LIMIT,
      select: { id: true, name: true, role: true },
    }),
    selected.actorId ? db().user.findFirst({ where: { clinicId: actor.clinicId, id: selected.actorId }, select: { id: true, name: true, role: true } }) : null,
    selected.patientId ? db().patient.findFirst({ where: { clinicId: actor.clinicId, id: selected.patientId }, select: { id: true, firstName: true, lastName: true } }) : null,
    // A loose index scan over AuditEvent(clinicId, action, at): each step jumps to the next action.
    db().$queryRaw<{ action: string }[]>`
      WITH RECURSIVE a(action) AS (
        (SELECT action FROM "AuditEvent" WHERE "clinicId" = ${actor.clinicId} ORDER BY action LIMIT 1)
        UNION ALL
        SELECT (SELECT e.action FROM "AuditEvent" e WHERE e."clinicId" = ${actor.clinicId} AND e.action > a.action ORDER BY e.action LIMIT 1)
        FROM a WHERE a.action IS NOT NULL
      )
      SELECT action FROM a WHERE action IS NOT NULL`,
  ]);
  const actors = chosenActor && !staff.some((s) => s.id === chosenActor.id) ? [...staff, chosenActor] : staff;
  return {
    actors,
    patient: chosenPatient && { id: chosenPatient.id, name: `${chosenPatient.firstName} ${chosenPatient.lastName}` },
    actions: actions.map((a) => a.action),
  };
}
