import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { Contraindication } from "@/lib/db/generated/enums";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { parseQuery, ZPatientListQuery, type TListPage, type TPatientItem } from "@/lib/validation/api-v1";
import { afterCursor, toPage } from "./keyset";

type Row = Omit<TPatientItem, "dateOfBirth" | "createdAt" | "updatedAt" | "contraindications"> & {
  dateOfBirth: Date;
  createdAt: Date;
  updatedAt: Date;
  contraindications: Contraindication[];
};

/**
 * GET /api/v1/patients: the patients the actor may see under patient:read (admins: the clinic's,
 * demographics only, as the admin pages show them; clinicians: their care team; a patient: their
 * own record), not archived, oldest record first. One statement for the page, one audit event
 * naming the list and its row count (decision 048).
 */
export async function listPatientsPage(actor: Actor, query: Record<string, string>): Promise<TListPage<TPatientItem>> {
  const scope = patientScopeSql(actor, "patient:read", "p");
  const q = parseQuery(ZPatientListQuery, query);
  const rows = await db().$queryRaw<Row[]>`
    SELECT p."id", p."firstName", p."lastName", p."dateOfBirth", p."email", p."phone", p."contraindications"::text[] AS "contraindications",
           p."createdAt", p."updatedAt"
      FROM "Patient" p
     WHERE ${scope} ${afterCursor("patients", q.cursor, Prisma.sql`p."createdAt"`, Prisma.sql`p."id"`)}
     ORDER BY p."createdAt", p."id"
     LIMIT ${q.limit + 1}`;
  const page = toPage("patients", rows, {
    limit: q.limit,
    sortKey: (r) => r.createdAt,
    query: q,
    toItem: (r): TPatientItem => ({
      id: r.id,
      firstName: r.firstName,
      lastName: r.lastName,
      dateOfBirth: toIsoDate(r.dateOfBirth),
      email: r.email,
      phone: r.phone,
      contraindications: r.contraindications,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }),
  });
  await recordAuditEvent(db(), {
    actor,
    action: "patient.api_list",
    entityType: "Patient",
    patientId: actor.role === "PATIENT" ? actor.patientId : null,
    detail: { rows: page.data.length, limit: q.limit, continued: Boolean(q.cursor) },
  });
  return page;
}
