// What the benchmark asks for, read from the scale data (ADR 011): the showcase clinician c1-1
// and their patient p1-1 (ACTIVE "Lower back spasm" plan, primary clinician c1-1), a roster
// search term, and the (activity, day) pairs the home-log write cycles through. Also keeps the
// patient's home logs of the writable window so the run can put them back afterwards.
import pg from "pg";
import { addDays, todayIn, toIsoDate } from "../../lib/domain/schedule/dates";
import { isDueOn } from "../../lib/domain/schedule/rules";

export const CLINICIAN_EMAIL = "c1-1@scale.example";
export const PATIENT_EMAIL = "p1-1@scale.example";
/** A partial last name, as a clinician types it: matches a page or so of c1-1's patients. */
export const DEFAULT_SEARCH = "son";
/** Today and the 7 days before it (lib/domain/portal/log-home-activity.ts LOG_DAYS_BACK). */
const LOG_DAYS_BACK = 7;

export type Fixtures = {
  search: string;
  searchMatches: number;
  patientId: string;
  planId: string;
  timeZone: string;
  today: string;
  /** Home-log writes, each due on its day, so the write is an upsert of realistic rows. */
  writes: { planActivityId: string; date: string }[];
};

export async function loadFixtures(db: pg.Client, search: string): Promise<Fixtures> {
  const { rows: people } = await db.query<{ patientId: string; clinicianId: string; timeZone: string; planId: string | null; startDate: Date | null }>(
    `SELECT pa.id AS "patientId", cu.id AS "clinicianId", c.timezone AS "timeZone", t.id AS "planId", t."startDate"
       FROM "User" pu
       JOIN "Patient" pa ON pa."userId" = pu.id
       JOIN "Clinic" c ON c.id = pa."clinicId"
       JOIN "User" cu ON cu.email = $2
       LEFT JOIN "TreatmentPlan" t ON t."patientId" = pa.id AND t.status = 'ACTIVE'
      WHERE pu.email = $1`,
    [PATIENT_EMAIL, CLINICIAN_EMAIL],
  );
  const who = people[0];
  if (!who) throw new Error(`${PATIENT_EMAIL} or ${CLINICIAN_EMAIL} is missing: is this the scale data (npm run seed:scale)?`);
  if (!who.planId || !who.startDate) throw new Error(`${PATIENT_EMAIL} has no ACTIVE plan; re-seed the scale data (npm run seed:scale)`);

  const { rows: matches } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Patient" p JOIN "CareTeamMember" ct ON ct."patientId" = p.id AND ct."clinicianId" = $1
      WHERE p."archivedAt" IS NULL AND (p."firstName" || ' ' || p."lastName") ILIKE $2`,
    [who.clinicianId, `%${search}%`],
  );

  const today = todayIn(who.timeZone);
  const start = toIsoDate(who.startDate);
  const { rows: activities } = await db.query<{ id: string; daysPerWeek: number | null; timesPerDay: number | null }>(
    `SELECT id, "daysPerWeek", "timesPerDay" FROM "PlanActivity"
      WHERE "planId" = $1 AND status = 'ACTIVE' AND setting IN ('HOME', 'BOTH') ORDER BY position`,
    [who.planId],
  );
  const writes: Fixtures["writes"] = [];
  for (let back = 0; back <= LOG_DAYS_BACK; back++) {
    const date = addDays(today, -back);
    for (const a of activities) if (isDueOn(a, date, start)) writes.push({ planActivityId: a.id, date });
  }
  if (writes.length === 0) throw new Error(`${PATIENT_EMAIL}'s plan has no home activity due in the last ${LOG_DAYS_BACK} days`);
  return { search, searchMatches: matches[0]!.n, patientId: who.patientId, planId: who.planId, timeZone: who.timeZone, today, writes };
}

/**
 * Copies the patient's home logs of the writable window into a temporary table of this
 * connection; the returned function puts exactly those rows back (the writes upsert them).
 */
export async function keepHomeLogs(db: pg.Client, fixtures: Fixtures): Promise<() => Promise<number>> {
  const from = addDays(fixtures.today, -LOG_DAYS_BACK);
  await db.query(`DROP TABLE IF EXISTS bench_home_logs`);
  await db.query(`CREATE TEMP TABLE bench_home_logs AS SELECT * FROM "HomeLog" WHERE "patientId" = $1 AND date >= $2::date`, [fixtures.patientId, from]);
  return async () => {
    await db.query("BEGIN");
    try {
      await db.query(`DELETE FROM "HomeLog" WHERE "patientId" = $1 AND date >= $2::date`, [fixtures.patientId, from]);
      const { rowCount } = await db.query(`INSERT INTO "HomeLog" SELECT * FROM bench_home_logs`);
      await db.query("COMMIT");
      return rowCount ?? 0;
    } catch (error) {
      await db.query("ROLLBACK");
      throw error;
    }
  };
}
