import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { addDays, zonedToUtc } from "@/lib/domain/schedule/dates";
import type { TAuditFilters } from "@/lib/validation/audit";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventRow = {
  id: string;
  at: string;
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
  actors: { id: string; name: string; role: Role }[];
  patients: { id: string; name: string }[];
  actions: string[];
};

/** The clinic's audit trail, newest first, filtered by actor, patient, action and date range. */
export async function listAuditEvents(
  actor: Actor,
  filters: Partial<TAuditFilters>,
): Promise<{ rows: AuditEventRow[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "audit:read");
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

/** What the filter pickers offer: the clinic's users, patients and the actions recorded so far. */
export async function listAuditFilterOptions(actor: Actor): Promise<AuditFilterOptions> {
  assertCan(actor, "audit:read");
  const [actors, patients, actions] = await Promise.all([
    db().user.findMany({ where: { clinicId: actor.clinicId }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
    db().patient.findMany({ where: { clinicId: actor.clinicId }, orderBy: [{ lastName: "asc" }, { firstName: "asc" }], select: { id: true, firstName: true, lastName: true } }),
    db().auditEvent.findMany({ where: { clinicId: actor.clinicId }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  return {
    actors,
    patients: patients.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` })),
    actions: actions.map((a) => a.action),
  };
}
