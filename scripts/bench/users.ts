// The many users of the open-loop load (issue 18): a clinic group's morning is not one clinician
// and one patient sending everything, so each request goes out as one of many signed-in users and
// asks for that user's own data. From the scale data (ADR 011): every clinician of the first
// clinics (c<clinic>-<n>, with the second step of ADR 022), the patients of those clinics who
// have an account and an ACTIVE plan with home activities due in the writable window
// (p<clinic>-<n>), and each clinician's care-team patients with an ACTIVE plan (the overview and
// the plan API read those). Also keeps those patients' home logs of the window so the run can
// put them back afterwards.
import type pg from "pg";
import { addDays, todayIn, toIsoDate } from "../../lib/domain/schedule/dates";
import { isDueOn } from "../../lib/domain/schedule/rules";

/** Today and the 7 days before it (lib/domain/portal/log-home-activity.ts LOG_DAYS_BACK). */
const LOG_DAYS_BACK = 7;

export type Clinician = { email: string; userId: string; patients: { patientId: string; planId: string; lastName: string }[] };
export type PatientUser = { email: string; patientId: string; writes: { planActivityId: string; date: string }[] };
export type LoadUsers = { clinicians: Clinician[]; patients: PatientUser[]; admin: { email: string; clinicSlug: string } };

export async function loadUsers(db: pg.Client, options: { clinics: number; patientsPerClinic: number }): Promise<LoadUsers> {
  const slugs = Array.from({ length: options.clinics }, (_, i) => `scale-${String(i + 1).padStart(2, "0")}`);
  const { rows: clinicians } = await db.query<{ email: string; userId: string; patients: Clinician["patients"] | null }>(
    `SELECT u.email, u.id AS "userId",
            (SELECT json_agg(json_build_object('patientId', x."patientId", 'planId', x."planId", 'lastName', x."lastName"))
               FROM (SELECT ct."patientId", t.id AS "planId", pa."lastName"
                       FROM "CareTeamMember" ct
                       JOIN "Patient" pa ON pa.id = ct."patientId" AND pa."archivedAt" IS NULL
                       JOIN "TreatmentPlan" t ON t."patientId" = ct."patientId" AND t.status = 'ACTIVE'
                      WHERE ct."clinicianId" = u.id
                      ORDER BY ct."patientId" LIMIT 25) x) AS patients
       FROM "User" u JOIN "Clinic" c ON c.id = u."clinicId"
      WHERE c.slug = ANY($1) AND u.role = 'CLINICIAN' AND u.email LIKE 'c%@scale.example'
      ORDER BY u.email`,
    [slugs],
  );
  const withPatients = clinicians.filter((c) => c.patients && c.patients.length > 0).map((c) => ({ ...c, patients: c.patients! }));
  if (withPatients.length === 0) throw new Error(`no clinician of ${slugs.join(", ")} has a care-team patient with an ACTIVE plan: is this the scale data?`);

  const { rows: candidates } = await db.query<{ email: string; patientId: string; planId: string; startDate: Date; timeZone: string; slug: string }>(
    `SELECT * FROM (
       SELECT pu.email, pa.id AS "patientId", t.id AS "planId", t."startDate", c.timezone AS "timeZone", c.slug,
              row_number() OVER (PARTITION BY c.id ORDER BY pu.email) AS n
         FROM "Patient" pa
         JOIN "User" pu ON pu.id = pa."userId"
         JOIN "Clinic" c ON c.id = pa."clinicId"
         JOIN "TreatmentPlan" t ON t."patientId" = pa.id AND t.status = 'ACTIVE'
        WHERE c.slug = ANY($1) AND pa."archivedAt" IS NULL
          AND EXISTS (SELECT 1 FROM "PlanActivity" a WHERE a."planId" = t.id AND a.status = 'ACTIVE' AND a.setting IN ('HOME', 'BOTH'))) x
      WHERE n <= $2 ORDER BY slug, email`,
    [slugs, options.patientsPerClinic * 2],
  );
  const patients: PatientUser[] = [];
  const perClinic = new Map<string, number>();
  for (const p of candidates) {
    if ((perClinic.get(p.slug) ?? 0) >= options.patientsPerClinic) continue;
    const today = todayIn(p.timeZone);
    const start = toIsoDate(p.startDate);
    const { rows: activities } = await db.query<{ id: string; daysPerWeek: number | null; timesPerDay: number | null }>(
      `SELECT id, "daysPerWeek", "timesPerDay" FROM "PlanActivity" WHERE "planId" = $1 AND status = 'ACTIVE' AND setting IN ('HOME', 'BOTH') ORDER BY position`,
      [p.planId],
    );
    const writes: PatientUser["writes"] = [];
    for (let back = 0; back <= LOG_DAYS_BACK; back++) {
      const date = addDays(today, -back);
      if (date < start) break;
      for (const a of activities) if (isDueOn(a, date, start)) writes.push({ planActivityId: a.id, date });
    }
    if (writes.length === 0) continue;
    patients.push({ email: p.email, patientId: p.patientId, writes });
    perClinic.set(p.slug, (perClinic.get(p.slug) ?? 0) + 1);
  }
  if (patients.length === 0) throw new Error(`no patient of ${slugs.join(", ")} has home activities due this week`);
  return { clinicians: withPatients, patients, admin: { email: "a1-1@scale.example", clinicSlug: slugs[0]! } };
}

/**
 * Copies the home logs of the patients' writable window into a temporary table of this connection;
 * the returned function puts exactly those rows back (the writes upsert them).
 */
export async function keepHomeLogsOf(db: pg.Client, patientIds: string[], today: string): Promise<() => Promise<number>> {
  const from = addDays(today, -LOG_DAYS_BACK - 1);
  await db.query(`DROP TABLE IF EXISTS bench_open_home_logs`);
  await db.query(`CREATE TEMP TABLE bench_open_home_logs AS SELECT * FROM "HomeLog" WHERE "patientId" = ANY($1) AND date >= $2::date`, [patientIds, from]);
  return async () => {
    await db.query("BEGIN");
    try {
      await db.query(`DELETE FROM "HomeLog" WHERE "patientId" = ANY($1) AND date >= $2::date`, [patientIds, from]);
      const { rowCount } = await db.query(`INSERT INTO "HomeLog" SELECT * FROM bench_open_home_logs`);
      await db.query("COMMIT");
      return rowCount ?? 0;
    } catch (error) {
      await db.query("ROLLBACK");
      throw error;
    }
  };
}
