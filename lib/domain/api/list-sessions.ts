import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { utcTimestamp } from "@/lib/db/sql";
import { PATIENT_VISIBLE_STATUSES } from "@/lib/domain/plans/get-plan";
import { addDays, zonedToUtc } from "@/lib/domain/schedule/dates";
import { parseQuery, ZSessionListQuery, type TListPage, type TSessionItem } from "@/lib/validation/api-v1";
import { afterCursor, assertPatientVisible, toPage } from "./keyset";

type Row = Omit<TSessionItem, "startsAt"> & { startsAt: Date };

/**
 * GET /api/v1/sessions: the sessions of the patients the actor may see under session:read (the
 * care team's; a patient's own), by start time, filtered by patient, status and days (clinic time
 * zone, both ends included). Times and states only: the note is the care team's and is read one
 * session at a time in the app. A patient gets no planId for a plan they may not see (a draft), as
 * the portal shows no title for it. One statement for the page, one audit event (decision 048).
 */
export async function listSessionsPage(actor: Actor, query: Record<string, string>): Promise<TListPage<TSessionItem>> {
  const scope = patientScopeSql(actor, "session:read", "p");
  const q = parseQuery(ZSessionListQuery, query);
  const ownOnly = actor.role === "PATIENT";
  const from = q.from ? zonedToUtc(q.from, "00:00", actor.timeZone) : null;
  const to = q.to ? zonedToUtc(addDays(q.to, 1), "00:00", actor.timeZone) : null;
  const rows = await db().$queryRaw<Row[]>`
    SELECT s."id", s."patientId", s."clinicianId", s."startsAt", s."durationMin", s."status"::text AS "status", s."noteStatus"::text AS "noteStatus",
           ${ownOnly ? Prisma.sql`CASE WHEN t."status"::text IN (${Prisma.join(PATIENT_VISIBLE_STATUSES)}) THEN s."planId" END` : Prisma.sql`s."planId"`} AS "planId"
      FROM "Session" s
      JOIN "Patient" p ON p."id" = s."patientId"
      JOIN "TreatmentPlan" t ON t."id" = s."planId"
     WHERE s."clinicId" = ${actor.clinicId} AND ${scope}
       ${q.patientId ? Prisma.sql`AND s."patientId" = ${q.patientId}` : Prisma.empty}
       ${q.status ? Prisma.sql`AND s."status"::text = ${q.status}` : Prisma.empty}
       ${from ? Prisma.sql`AND s."startsAt" >= ${utcTimestamp(from)}` : Prisma.empty}
       ${to ? Prisma.sql`AND s."startsAt" < ${utcTimestamp(to)}` : Prisma.empty}
       ${afterCursor("sessions", q.cursor, Prisma.sql`s."startsAt"`, Prisma.sql`s."id"`)}
     ORDER BY s."startsAt", s."id"
     LIMIT ${q.limit + 1}`;
  if (rows.length === 0 && q.patientId && !q.cursor) await assertPatientVisible(actor, "session:read", q.patientId);
  const page = toPage("sessions", rows, {
    limit: q.limit,
    sortKey: (r) => r.startsAt,
    query: q,
    toItem: (r): TSessionItem => ({
      id: r.id,
      patientId: r.patientId,
      planId: r.planId,
      clinicianId: r.clinicianId,
      startsAt: r.startsAt.toISOString(),
      durationMin: r.durationMin,
      status: r.status,
      noteStatus: r.noteStatus,
    }),
  });
  await recordAuditEvent(db(), {
    actor,
    action: "session.api_list",
    entityType: "Session",
    patientId: q.patientId ?? (ownOnly ? actor.patientId : null),
    detail: { rows: page.data.length, limit: q.limit, continued: Boolean(q.cursor), from: q.from ?? null, to: q.to ?? null, status: q.status ?? null },
  });
  return page;
}
