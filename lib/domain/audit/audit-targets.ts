import "server-only";
import { db } from "@/lib/db";
import { dateTimeFormat } from "@/lib/intl/date-time-format";

/** A record named for the audit log; `reason` is a contraindication override's, with its flags. */
export type AuditTarget = { name: string; reason?: string };

type Ref = { entityType: string; entityId: string | null };

const flagWords = (flag: string) => flag.replaceAll("_", " ").toLowerCase();

const key = (entityType: string, entityId: string) => `${entityType}|${entityId}`;

/**
 * The records a page of audit events points at, by name: at most one query per kind of record
 * present (so a bounded number whatever the page size), each scoped to the admin's clinic: a
 * record of another clinic, or one deleted since, stays unnamed. Read for an admin who already
 * passed `audit:read`; names and dates only (no plan title: it carries the condition), plus the override reason of an activity added
 * despite a contraindication (the audit log is where that decision is reviewed).
 */
export async function auditTargets(clinicId: string, timeZone: string, events: Ref[]): Promise<Map<string, AuditTarget>> {
  const ids = new Map<string, Set<string>>();
  for (const e of events) {
    if (!e.entityId) continue;
    const set = ids.get(e.entityType) ?? new Set<string>();
    set.add(e.entityId);
    ids.set(e.entityType, set);
  }
  const of = (type: string) => [...(ids.get(type) ?? [])];
  const when = dateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
  const day = dateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone });
  // Plan dates are calendar dates (stored at UTC midnight): formatted in UTC, not the clinic's zone.
  const planDay = dateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  // A plan is named by its start date, never its title: titles carry the condition, and admins read
  // no clinical record (DESIGN roles; the authorization matrix checks admin pages for health data).
  const planName = (p: { startDate: Date }) => `plan starting ${planDay.format(p.startDate)}`;
  const result = new Map<string, AuditTarget>();
  const tasks: Promise<void>[] = [];
  const load = <T>(type: string, query: (ids: string[]) => Promise<T[]>, name: (row: T) => [string, AuditTarget]) => {
    const list = of(type);
    if (list.length === 0) return;
    tasks.push(
      query(list).then((rows) => {
        for (const row of rows) {
          const [id, target] = name(row);
          result.set(key(type, id), target);
        }
      }),
    );
  };

  load("User", (id) => db().user.findMany({ where: { clinicId, id: { in: id } }, select: { id: true, name: true } }), (u) => [u.id, { name: u.name }]);
  load(
    "Patient",
    (id) => db().patient.findMany({ where: { clinicId, id: { in: id } }, select: { id: true, firstName: true, lastName: true } }),
    (p) => [p.id, { name: `${p.firstName} ${p.lastName}` }],
  );
  load("TreatmentPlan", (id) => db().treatmentPlan.findMany({ where: { clinicId, id: { in: id } }, select: { id: true, startDate: true } }), (p) => [p.id, { name: planName(p) }]);
  load(
    "PlanActivity",
    (id) =>
      db().planActivity.findMany({
        where: { clinicId, id: { in: id } },
        select: { id: true, nameSnapshot: true, overriddenFlags: true, overrideReason: true, plan: { select: { startDate: true } } },
      }),
    (a) => [
      a.id,
      {
        name: `“${a.nameSnapshot}” in the ${planName(a.plan)}`,
        ...(a.overrideReason ? { reason: `${a.overriddenFlags.map(flagWords).join(", ")}${a.overriddenFlags.length ? ": " : ""}${a.overrideReason}` } : {}),
      },
    ],
  );
  load("CatalogItem", (id) => db().catalogItem.findMany({ where: { clinicId, id: { in: id } }, select: { id: true, name: true } }), (c) => [c.id, { name: `“${c.name}”` }]);
  load("PlanTemplate", (id) => db().planTemplate.findMany({ where: { clinicId, id: { in: id } }, select: { id: true, name: true } }), (t) => [t.id, { name: `“${t.name}”` }]);
  load("Session", (id) => db().session.findMany({ where: { clinicId, id: { in: id } }, select: { id: true, startsAt: true } }), (s) => [s.id, { name: `session on ${when.format(s.startsAt)}` }]);
  load(
    "OutcomeResponse",
    (id) => db().outcomeResponse.findMany({ where: { clinicId, id: { in: id } }, select: { id: true, instrument: true, recordedAt: true } }),
    (o) => [o.id, { name: `${o.instrument} of ${day.format(o.recordedAt)}` }],
  );
  // API clients (issue 17, ADR 047)
  load("ApiClient", (id) => db().apiClient.findMany({ where: { clinicId, id: { in: id } }, select: { id: true, name: true } }), (c) => [c.id, { name: `‘${c.name}’` }]);
  await Promise.all(tasks);
  return result;
}

/** The named record of one event, if any. */
export function targetOf(targets: Map<string, AuditTarget>, e: Ref): AuditTarget | null {
  return e.entityId ? (targets.get(key(e.entityType, e.entityId)) ?? null) : null;
}
