import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { PlanStatus } from "@/lib/db/generated/enums";
import { PATIENT_VISIBLE_STATUSES } from "@/lib/domain/plans/get-plan";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { parseQuery, ZPlanListQuery, type TListPage, type TPlanItem } from "@/lib/validation/api-v1";
import { afterCursor, assertPatientVisible, toPage } from "./keyset";

type Row = Omit<TPlanItem, "startDate" | "reviewDate" | "endDate" | "createdAt" | "updatedAt"> & {
  startDate: Date;
  reviewDate: Date | null;
  endDate: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * GET /api/v1/plans: the plans of the patients the actor may see under plan:read (the care team's;
 * a patient's own, never drafts, cancelled or entered-in-error ones, as getPlan answers), oldest
 * first, filtered by status and patient. A plan's activities are read one plan at a time
 * (GET /api/v1/plans/{planId}). One statement for the page, one audit event (decision 048).
 */
export async function listPlansPage(actor: Actor, query: Record<string, string>): Promise<TListPage<TPlanItem>> {
  const scope = patientScopeSql(actor, "plan:read", "p");
  const q = parseQuery(ZPlanListQuery, query);
  const ownOnly = actor.role === "PATIENT";
  const rows = await db().$queryRaw<Row[]>`
    SELECT t."id", t."patientId", t."clinicianId", t."title", t."condition", t."icd10Code", t."goals", t."status"::text AS "status",
           t."startDate", t."reviewDate", t."endDate", t."plannedSessions", t."version", t."createdAt", t."updatedAt"
      FROM "TreatmentPlan" t
      JOIN "Patient" p ON p."id" = t."patientId"
     WHERE t."clinicId" = ${actor.clinicId} AND ${scope}
       ${ownOnly ? Prisma.sql`AND t."status"::text IN (${Prisma.join(PATIENT_VISIBLE_STATUSES)})` : Prisma.empty}
       ${q.status ? Prisma.sql`AND t."status"::text = ${q.status}` : Prisma.empty}
       ${q.patientId ? Prisma.sql`AND t."patientId" = ${q.patientId}` : Prisma.empty}
       ${afterCursor("plans", q.cursor, Prisma.sql`t."createdAt"`, Prisma.sql`t."id"`)}
     ORDER BY t."createdAt", t."id"
     LIMIT ${q.limit + 1}`;
  if (rows.length === 0 && q.patientId && !q.cursor) await assertPatientVisible(actor, "plan:read", q.patientId);
  const page = toPage("plans", rows, {
    limit: q.limit,
    sortKey: (r) => r.createdAt,
    query: q,
    toItem: (r): TPlanItem => ({
      id: r.id,
      patientId: r.patientId,
      clinicianId: r.clinicianId,
      title: r.title,
      condition: r.condition,
      icd10Code: r.icd10Code,
      goals: r.goals,
      status: r.status as PlanStatus,
      startDate: toIsoDate(r.startDate),
      reviewDate: r.reviewDate ? toIsoDate(r.reviewDate) : null,
      endDate: r.endDate ? toIsoDate(r.endDate) : null,
      plannedSessions: r.plannedSessions,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }),
  });
  await recordAuditEvent(db(), {
    actor,
    action: "plan.api_list",
    entityType: "TreatmentPlan",
    patientId: q.patientId ?? (ownOnly ? actor.patientId : null),
    detail: { rows: page.data.length, limit: q.limit, continued: Boolean(q.cursor), status: q.status ?? null },
  });
  return page;
}
