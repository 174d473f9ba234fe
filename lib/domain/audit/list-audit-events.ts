import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { addDays, zonedToUtc } from "@/lib/domain/schedule/dates";
import { ZAuditDates, type TAuditFilters } from "@/lib/validation/audit";
import { parseInput } from "@/lib/validation/parse";
import { auditActionName } from "@/lib/audit/action-names";
import { auditSentence } from "@/lib/audit/describe-event";
import { plural } from "@/lib/intl/plural";
import { auditTargets, targetOf, type AuditTarget } from "./audit-targets";

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
  /** The event in words (auditSentence), records by name. */
  sentence: string;
  /** A contraindication override's flags and reason, when the event added such an activity. */
  overrideReason: string | null;
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

/**
 * The audit filters as a query, scoped to the actor's clinic: the page and the CSV export select
 * exactly the same events. A date outside the app's range is VALIDATION, not a failed query.
 */
export function auditWhere(actor: Actor, filters: Partial<TAuditFilters>): Prisma.AuditEventWhereInput {
  parseInput(ZAuditDates, { from: filters.from, to: filters.to });
  // Dates are whole days in the clinic's time zone: [from 00:00, to + 1 day 00:00).
  const at: Prisma.DateTimeFilter = {};
  if (filters.from) at.gte = zonedToUtc(filters.from, "00:00", actor.timeZone);
  if (filters.to) at.lt = zonedToUtc(addDays(filters.to, 1), "00:00", actor.timeZone);
  if (!actor.clinicId) throw new Error("An audit query needs the actor's clinic");
  return {
    clinicId: actor.clinicId,
    actorId: filters.actorId,
    patientId: filters.patientId,
    action: filters.action,
    ...(filters.from || filters.to ? { at } : {}),
  };
}

type EventWithActor = {
  id: string;
  at: Date;
  actorId: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  origin: string | null;
  detail: Prisma.JsonValue;
  actor: { name: string } | null;
  /** The API client that made the request (ADR 047); actorId is then null. */
  apiClientId?: string | null;
};

/** An API request's detail in words: "GET /api/v1/plans/… answered 200". */
function apiRequestSummary(detail: Prisma.JsonValue): string | null {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return null;
  const d = detail as Record<string, unknown>;
  if (typeof d.method !== "string" || typeof d.path !== "string") return null;
  return `${d.method} ${d.path}${typeof d.status === "number" ? ` answered ${d.status}` : ""}`;
}

/** An export's detail as the audit page says it: "120 events; action Signed in; from 1 Nov 2026". */
function exportSummary(detail: Prisma.JsonValue, names: Map<string, AuditTarget>): string | null {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return null;
  const d = detail as Record<string, unknown>;
  const parts = [typeof d.rows === "number" ? `${plural(d.rows, "event")} exported` : "exported"];
  if (typeof d.action === "string") parts.push(`event type “${auditActionName(d.action)}”`);
  if (typeof d.actorId === "string") parts.push(`by ${names.get(`User|${d.actorId}`)?.name ?? "one account"}`);
  if (typeof d.patientId === "string") parts.push(`patient ${names.get(`Patient|${d.patientId}`)?.name ?? "(one patient)"}`);
  if (typeof d.from === "string") parts.push(`from ${d.from}`);
  if (typeof d.to === "string") parts.push(`to ${d.to}`);
  return parts.join("; ");
}

/**
 * Audit events as rows in words: names of actors, patients and records (batched: one query for
 * the patients and at most one per kind of record, whatever the number of events). For callers
 * that checked `audit:read` / `audit:export` and read the events in `scope.clinicId` only.
 */
export async function describeAuditEvents(scope: { clinicId: string; timeZone: string }, events: EventWithActor[]): Promise<AuditEventRow[]> {
  const patientIds = [...new Set(events.map((e) => e.patientId).filter((id): id is string => Boolean(id)))];
  const refs: { entityType: string; entityId: string | null }[] = events.map((e) => ({ entityType: e.entityType, entityId: e.entityId }));
  for (const e of events) {
    if (e.action !== "audit.export" || !e.detail || typeof e.detail !== "object" || Array.isArray(e.detail)) continue;
    const d = e.detail as Record<string, unknown>;
    if (typeof d.actorId === "string") refs.push({ entityType: "User", entityId: d.actorId });
    if (typeof d.patientId === "string") refs.push({ entityType: "Patient", entityId: d.patientId });
  }
  const apiClientIds = [...new Set(events.map((e) => e.apiClientId).filter((id): id is string => Boolean(id)))];
  const [patients, targets, apiClients] = await Promise.all([
    patientIds.length
      ? db().patient.findMany({ where: { clinicId: scope.clinicId, id: { in: patientIds } }, select: { id: true, firstName: true, lastName: true } })
      : [],
    auditTargets(scope.clinicId, scope.timeZone, refs),
    apiClientIds.length ? db().apiClient.findMany({ where: { clinicId: scope.clinicId, id: { in: apiClientIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map(patients.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  const apiClientNames = new Map(apiClients.map((c) => [c.id, `API client ‘${c.name}’`]));
  return events.map((e) => {
    const patientName = e.patientId ? (names.get(e.patientId) ?? null) : null;
    const target = targetOf(targets, e);
    const actorName = e.actor?.name ?? (e.apiClientId ? (apiClientNames.get(e.apiClientId) ?? "An API client") : null);
    const summary = e.action === "audit.export" ? exportSummary(e.detail, targets) : e.action === "api.request" ? apiRequestSummary(e.detail) : null;
    return {
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorName,
      actorRole: e.actorRole,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      patientId: e.patientId,
      patientName,
      origin: e.origin,
      sentence: auditSentence({ action: e.action, entityType: e.entityType, actorName, patientName, target: summary ?? target?.name ?? null }),
      overrideReason: target?.reason ?? null,
    };
  });
}

/** The clinic's audit trail, newest first, filtered by actor, patient, action and date range. */
export async function listAuditEvents(
  actor: Actor,
  filters: Partial<TAuditFilters>,
): Promise<{ rows: AuditEventRow[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "audit:read");
  const where = auditWhere(actor, filters);
  const page = Math.max(1, filters.page ?? 1);
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
  return {
    rows: await describeAuditEvents(actor, events),
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
