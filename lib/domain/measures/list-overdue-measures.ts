import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/db/generated/client";
import type { Instrument, MeasureRespondent, MeasureRule } from "@/lib/db/generated/enums";
import { todayIn, toIsoDate, type IsoDate } from "@/lib/domain/schedule/dates";
import { entryStatus, type ResponseFact } from "./rules";

export type OverdueMeasure = {
  planId: string;
  patientId: string;
  patientName: string;
  instrument: Instrument;
  answeredBy: MeasureRespondent;
  overdueSince: IsoDate;
};

type EntryRow = {
  id: string;
  planId: string;
  patientId: string;
  firstName: string;
  lastName: string;
  instrument: Instrument;
  rule: MeasureRule;
  everyWeeks: number | null;
  answeredBy: MeasureRespondent;
  createdAt: Date;
  startDate: Date;
  endDate: Date | null;
  timezone: string;
};

/**
 * The scheduled measures overdue on the active plans of the actor's care-team patients (or of
 * one patient), oldest first (decision 046). Four statements whatever the number of plans: the
 * entries in force, the responses and claims of their plans, and the audit event.
 */
export async function listOverdueMeasures(actor: Actor, opts: { patientId?: string } = {}): Promise<OverdueMeasure[]> {
  const scope = patientScopeSql(actor, "outcome:read", "p");
  // The schedule is the care team's working list; the patient sees what is asked of them on Today.
  if (actor.role === "PATIENT") throw new AppError("FORBIDDEN", "Not available in the patient portal.");
  const rows = await db().$queryRaw<EntryRow[]>`
    SELECT s."id", s."planId", t."patientId", p."firstName", p."lastName", s."instrument"::text AS "instrument", s."rule"::text AS "rule",
           s."everyWeeks", s."answeredBy"::text AS "answeredBy", s."createdAt", t."startDate", t."endDate", c."timezone"
      FROM "MeasureSchedule" s
      JOIN "TreatmentPlan" t ON t."id" = s."planId"
      JOIN "Patient" p ON p."id" = t."patientId"
      JOIN "Clinic" c ON c."id" = t."clinicId"
     WHERE s."clinicId" = ${actor.clinicId} AND t."clinicId" = ${actor.clinicId} AND s."removedAt" IS NULL AND s."rule" <> 'EACH_SESSION'
       AND t."status" = 'ACTIVE' AND ${scope}
       ${opts.patientId ? Prisma.sql`AND t."patientId" = ${opts.patientId}` : Prisma.empty}`;
  const planIds = [...new Set(rows.map((r) => r.planId))];
  const [responses, claims] = planIds.length
    ? await Promise.all([
        db().$queryRaw<{ planId: string; instrument: Instrument; recordedAt: Date; context: ResponseFact["context"] }[]>`
          SELECT o."planId", o."instrument"::text AS "instrument", o."recordedAt", o."context"::text AS "context"
            FROM "OutcomeResponse" o
           WHERE o."clinicId" = ${actor.clinicId} AND o."planId" IN (${Prisma.join(planIds)})
             AND o."instrument"::text IN (${Prisma.join([...new Set(rows.map((r) => r.instrument))])})`,
        db().$queryRaw<{ scheduleId: string; dueDate: Date }[]>`
          SELECT m."scheduleId", m."dueDate" FROM "MeasureOccurrence" m
           WHERE m."clinicId" = ${actor.clinicId} AND m."scheduleId" IN (${Prisma.join(rows.map((r) => r.id))})`,
      ])
    : [[], []];
  await recordAuditEvent(db(), { actor, action: "dashboard.measures_overdue.read", entityType: "Patient", entityId: opts.patientId ?? null, patientId: opts.patientId ?? null });

  const byPlan = new Map<string, typeof responses>();
  for (const r of responses) byPlan.set(r.planId, [...(byPlan.get(r.planId) ?? []), r]);
  const claimed = new Map<string, Set<IsoDate>>();
  for (const c of claims) claimed.set(c.scheduleId, (claimed.get(c.scheduleId) ?? new Set()).add(toIsoDate(c.dueDate)));
  const now = new Date();
  const out: OverdueMeasure[] = [];
  for (const r of rows) {
    const tz = r.timezone;
    const facts: ResponseFact[] = (byPlan.get(r.planId) ?? []).map((o) => ({ instrument: o.instrument, recordedAt: o.recordedAt, context: o.context, recordedOn: todayIn(tz, o.recordedAt) }));
    const status = entryStatus(
      { id: r.id, instrument: r.instrument, rule: r.rule, everyWeeks: r.everyWeeks, answeredBy: r.answeredBy, createdAt: r.createdAt, createdOn: todayIn(tz, r.createdAt) },
      { startDate: toIsoDate(r.startDate), endDate: r.endDate ? toIsoDate(r.endDate) : null, status: "ACTIVE" },
      facts,
      claimed.get(r.id) ?? new Set(),
      todayIn(tz, now),
    );
    if (status.overdueSince) out.push({ planId: r.planId, patientId: r.patientId, patientName: `${r.firstName} ${r.lastName}`, instrument: r.instrument, answeredBy: r.answeredBy, overdueSince: status.overdueSince });
  }
  // One line per plan and instrument (several entries of one instrument overdue: the oldest).
  out.sort((a, b) => (a.overdueSince < b.overdueSince ? -1 : a.overdueSince > b.overdueSince ? 1 : a.patientName.localeCompare(b.patientName)));
  const seen = new Set<string>();
  return out.filter((o) => !seen.has(`${o.planId}:${o.instrument}`) && Boolean(seen.add(`${o.planId}:${o.instrument}`)));
}
