// GET /clinic?q=… — app/(clinic)/clinic/page.tsx: the roster (lib/domain/patients/
// list-care-team-patients.ts) and then the dashboard above it (lib/domain/sessions/list-sessions.ts
// getClinicianDashboard), each its own transaction with its audit event, as the page runs them.
import { toIsoDate, todayIn, addDays, zonedToUtc } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { audit, rows, transaction, ts, type Client } from "./db";
import { computeProgress } from "./progress";

const PAGE_SIZE = 25;
const OPEN_PLAN = ["ACTIVE", "ON_HOLD", "DRAFT"] as const;

function asDate(q: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(q);
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(q);
  const value = iso ? q : dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}` : null;
  return value && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

async function roster(actor: Actor, q: string | undefined, page: number) {
  const today = todayIn(actor.timeZone);
  const values: unknown[] = [actor.clinicId, actor.userId];
  let where = `p."clinicId" = $1 AND p."archivedAt" IS NULL AND EXISTS (SELECT 1 FROM "CareTeamMember" ct WHERE ct."patientId" = p.id AND ct."clinicianId" = $2)`;
  if (q) {
    const date = asDate(q);
    values.push(date ?? `%${q.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where += date ? ` AND p."dateOfBirth" = $3::date` : ` AND (p."firstName" || ' ' || p."lastName") ILIKE $3`;
  }
  return transaction(async (client) => {
    const ordered = await rows<{ id: string }>(
      client,
      `SELECT p.id FROM "Patient" p
       LEFT JOIN LATERAL (
         SELECT min(s."startsAt") AS next FROM "Session" s
         WHERE s."clinicId" = p."clinicId" AND s."patientId" = p.id AND s.status = 'SCHEDULED' AND s."startsAt" >= now()
       ) ns ON true
       WHERE ${where}
       ORDER BY ns.next ASC NULLS LAST, p."lastName", p."firstName", p.id
       LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, PAGE_SIZE, (page - 1) * PAGE_SIZE],
    );
    const [{ count }] = (await rows<{ count: number }>(client, `SELECT count(*)::int AS count FROM "Patient" p WHERE ${where}`, values)) as [{ count: number }];
    const ids = ordered.map((r) => r.id);
    const now = new Date();
    // Prisma's findMany with three relations: the patients, then one query per relation.
    const patients = await rows<{ id: string; firstName: string; lastName: string; dateOfBirth: Date; contraindications: string[] }>(
      client,
      `SELECT "id", "firstName", "lastName", "dateOfBirth", "contraindications"::text[] FROM "Patient" WHERE "clinicId" = $1 AND "id" = ANY($2)`,
      [actor.clinicId, ids],
    );
    const found = patients.map((p) => p.id);
    const careTeam = found.length
      ? await rows<{ patientId: string; isPrimary: boolean }>(client, `SELECT "patientId", "clinicianId", "isPrimary" FROM "CareTeamMember" WHERE "clinicianId" = $1 AND "patientId" = ANY($2)`, [actor.userId, found])
      : [];
    const plans = found.length
      ? await rows<{ id: string; title: string; status: string; reviewDate: Date | null; patientId: string }>(
          client,
          `SELECT "id", "title", "status"::text, "reviewDate", "patientId" FROM "TreatmentPlan" WHERE "status" IN ('ACTIVE', 'ON_HOLD', 'DRAFT') AND "patientId" = ANY($1) ORDER BY "startDate" DESC`,
          [found],
        )
      : [];
    const sessions = found.length
      ? await rows<{ startsAt: Date; patientId: string }>(
          client,
          `SELECT "id", "startsAt", "patientId" FROM "Session" WHERE "status" = 'SCHEDULED' AND "startsAt" >= $1 AND "patientId" = ANY($2) ORDER BY "startsAt" ASC`,
          [ts(now), found],
        )
      : [];
    await audit(client, actor, { action: "patient.list", entityType: "Patient" });
    const byId = new Map(patients.map((p) => [p.id, p]));
    const result = ids.flatMap((id) => {
      const p = byId.get(id);
      if (!p) return [];
      const own = plans.filter((pl) => pl.patientId === id);
      const plan = OPEN_PLAN.map((status) => own.find((pl) => pl.status === status)).find(Boolean);
      const next = sessions.find((s) => s.patientId === id);
      return [
        {
          id: p.id,
          name: `${p.firstName} ${p.lastName}`,
          dateOfBirth: toIsoDate(p.dateOfBirth),
          flags: p.contraindications,
          activePlan: plan ? { id: plan.id, title: plan.title, status: plan.status } : null,
          reviewDue: Boolean(plan?.reviewDate && plan.status !== "DRAFT" && toIsoDate(plan.reviewDate) <= today),
          nextSession: next ? { startsAt: next.startsAt.toISOString() } : null,
          isPrimary: careTeam.find((m) => m.patientId === id)?.isPrimary ?? false,
        },
      ];
    });
    return { rows: result, total: count, page, pageSize: PAGE_SIZE };
  });
}

type SessionRow = { id: string; startsAt: Date; durationMin: number; status: string; noteStatus: string; patientId: string; planId: string };

/** A session list with its patients' names and plans' titles (Prisma: one query per relation). */
async function sessionRows(client: Client, condition: string, values: unknown[], limit: string) {
  const sessions = await rows<SessionRow>(
    client,
    `SELECT s."id", s."startsAt", s."durationMin", s."status"::text, s."noteStatus"::text, s."patientId", s."planId" FROM "Session" s
     LEFT JOIN "Patient" j0 ON j0."id" = s."patientId"
     WHERE s."clinicId" = $1 AND s."clinicianId" = $2
       AND (j0."clinicId" = $1 AND j0."archivedAt" IS NULL AND EXISTS (SELECT 1 FROM "CareTeamMember" t1 WHERE t1."clinicianId" = $2 AND t1."patientId" = j0."id") AND j0."id" IS NOT NULL)
       AND ${condition}
     ORDER BY s."startsAt" ASC ${limit}`,
    values,
  );
  if (sessions.length === 0) return [];
  const patients = await rows<{ id: string; firstName: string; lastName: string }>(client, `SELECT "id", "firstName", "lastName" FROM "Patient" WHERE "id" = ANY($1)`, [[...new Set(sessions.map((s) => s.patientId))]]);
  const plans = await rows<{ id: string; title: string }>(client, `SELECT "id", "title" FROM "TreatmentPlan" WHERE "id" = ANY($1)`, [[...new Set(sessions.map((s) => s.planId))]]);
  return sessions.map((s) => {
    const p = patients.find((x) => x.id === s.patientId)!;
    return { ...s, startsAt: s.startsAt.toISOString(), patientName: `${p.firstName} ${p.lastName}`, planTitle: plans.find((x) => x.id === s.planId)!.title };
  });
}

async function dashboard(actor: Actor) {
  const today = todayIn(actor.timeZone);
  const from = zonedToUtc(today, "00:00", actor.timeZone);
  const to = zonedToUtc(addDays(today, 1), "00:00", actor.timeZone);
  return transaction(async (client) => {
    const todaySessions = await sessionRows(client, `s."startsAt" >= $3 AND s."startsAt" < $4`, [actor.clinicId, actor.userId, ts(from), ts(to)], "");
    const unsignedNotes = await sessionRows(
      client,
      `s."noteStatus" = 'DRAFT' AND s."status" IN ('SCHEDULED', 'COMPLETED') AND s."startsAt" < $3`,
      [actor.clinicId, actor.userId, ts(new Date())],
      "LIMIT 50",
    );
    const withPlans = await rows<{ id: string; firstName: string; lastName: string }>(
      client,
      `SELECT p."id", p."firstName", p."lastName" FROM "Patient" p
        WHERE p."clinicId" = $1 AND p."archivedAt" IS NULL
          AND EXISTS (SELECT 1 FROM "CareTeamMember" t0 WHERE t0."clinicianId" = $2 AND t0."patientId" = p."id")
          AND EXISTS (SELECT 1 FROM "TreatmentPlan" t1 WHERE t1."status" = 'ACTIVE' AND t1."patientId" = p."id")
        ORDER BY p."lastName" ASC, p."firstName" ASC LIMIT 200`,
      [actor.clinicId, actor.userId],
    );
    const alerts = [];
    for (const p of withPlans) {
      const progress = await computeProgress(client, actor.clinicId, p.id, actor.timeZone);
      for (const alert of progress.alerts) alerts.push({ ...alert, patientId: p.id, patientName: `${p.firstName} ${p.lastName}` });
    }
    await audit(client, actor, { action: "dashboard.read", entityType: "Patient" });
    return { today, todaySessions, unsignedNotes, alerts };
  });
}

export async function rosterPage(actor: Actor, query: URLSearchParams) {
  const q = query.get("q")?.trim().slice(0, 100) || undefined;
  const page = Math.min(10_000, Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1));
  const list = await roster(actor, q, page);
  const board = await dashboard(actor);
  return { name: actor.name, ...list, dashboard: board };
}
