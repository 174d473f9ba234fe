import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { utcTimestamp } from "@/lib/db/sql";
import { addDays, zonedToUtc } from "@/lib/domain/schedule/dates";
import { parseQuery, ZOutcomeListQuery, type TListPage, type TOutcomeItem } from "@/lib/validation/api-v1";
import { afterCursor, assertPatientVisible, toPage } from "./keyset";

type Row = Omit<TOutcomeItem, "recordedAt"> & { recordedAt: Date };

/**
 * GET /api/v1/outcomes: the outcome scores of the patients the actor may see under outcome:read
 * (the care team's; a patient's own), by when they were recorded, filtered by patient, instrument
 * and days (clinic time zone, both ends included). Scores and bands only: item answers (a PSFS
 * names the patient's own activities in their words) stay in the app. One statement for the page,
 * one audit event (decision 048).
 */
export async function listOutcomesPage(actor: Actor, query: Record<string, string>): Promise<TListPage<TOutcomeItem>> {
  const scope = patientScopeSql(actor, "outcome:read", "p");
  const q = parseQuery(ZOutcomeListQuery, query);
  const from = q.from ? zonedToUtc(q.from, "00:00", actor.timeZone) : null;
  const to = q.to ? zonedToUtc(addDays(q.to, 1), "00:00", actor.timeZone) : null;
  const rows = await db().$queryRaw<Row[]>`
    SELECT o."id", o."patientId", o."planId", o."sessionId", o."instrument"::text AS "instrument", o."context"::text AS "context",
           o."score", o."band", o."recordedAt"
      FROM "OutcomeResponse" o
      JOIN "Patient" p ON p."id" = o."patientId"
     WHERE o."clinicId" = ${actor.clinicId} AND ${scope}
       ${q.patientId ? Prisma.sql`AND o."patientId" = ${q.patientId}` : Prisma.empty}
       ${q.instrument ? Prisma.sql`AND o."instrument"::text = ${q.instrument}` : Prisma.empty}
       ${from ? Prisma.sql`AND o."recordedAt" >= ${utcTimestamp(from)}` : Prisma.empty}
       ${to ? Prisma.sql`AND o."recordedAt" < ${utcTimestamp(to)}` : Prisma.empty}
       ${afterCursor("outcomes", q.cursor, Prisma.sql`o."recordedAt"`, Prisma.sql`o."id"`)}
     ORDER BY o."recordedAt", o."id"
     LIMIT ${q.limit + 1}`;
  if (rows.length === 0 && q.patientId && !q.cursor) await assertPatientVisible(actor, "outcome:read", q.patientId);
  const page = toPage("outcomes", rows, {
    limit: q.limit,
    sortKey: (r) => r.recordedAt,
    query: q,
    toItem: (r): TOutcomeItem => ({
      id: r.id,
      patientId: r.patientId,
      planId: r.planId,
      sessionId: r.sessionId,
      instrument: r.instrument,
      context: r.context,
      score: r.score,
      band: r.band,
      recordedAt: r.recordedAt.toISOString(),
    }),
  });
  await recordAuditEvent(db(), {
    actor,
    action: "outcome.api_list",
    entityType: "OutcomeResponse",
    patientId: q.patientId ?? (actor.role === "PATIENT" ? actor.patientId : null),
    detail: { rows: page.data.length, limit: q.limit, continued: Boolean(q.cursor), instrument: q.instrument ?? null, from: q.from ?? null, to: q.to ?? null },
  });
  return page;
}
