// Home logs: one per activity per day at most, only for HOME/BOTH activities, only on the days the
// activity is due (ADR 005's rule, the same integer formula as lib/domain/schedule/rules.ts), only
// within the plan's logging window (and until an activity was paused or stopped), and only by
// patients with a portal account. Whether a due day was logged follows the patient's adherence,
// fading as the plan goes on; a quarter of activities are never logged at all. To reach an exact
// row count, candidates are ranked by hash ÷ probability and the best `limit` are kept: the same
// as scaling every patient's adherence by one common factor (`natural`: the count at factor 1).
import type pg from "pg";

const NOTES = ["Felt tight afterwards", "Did it twice today", "Short on time, did half", "Easier than last week", "A bit sore the next morning"];
const SKIPPED = ["Too sore today", "Away from home", "Forgot", "No time today"];

export async function fillHomeLogs(db: pg.ClientBase, limit: number): Promise<{ rows: number; candidates: number; natural: number }> {
  await db.query(`
    CREATE TEMP TABLE s_log ON COMMIT DROP AS
    SELECT a.act_no, a.plan_no, d.day,
           pg_temp.rnd(a.act_no::bigint * 4096 + d.day, 51)
             / (pt.adherence * greatest(0.15, 1 - 0.45 * least(d.day::float8 / p.duration, 2))
                * CASE WHEN p.start + d.day = 0 THEN 0.5 ELSE 1 END) AS score
    FROM s_act a
    JOIN s_plan p ON p.no = a.plan_no
    JOIN s_patient pt ON pt.no = p.patient_no
    CROSS JOIN LATERAL generate_series(0, least(p.log_to, CASE WHEN a.status = 'ACTIVE' THEN p.log_to ELSE a.stop_off END) - p.start) AS d(day)
    CROSS JOIN LATERAL (SELECT least(7, greatest(1, coalesce(a.days_per_week, 7))) AS n, d.day % 7 AS wd) f
    WHERE a.setting <> 'IN_CLINIC' AND p.log_from IS NOT NULL AND pt.adherence > 0
      AND pg_temp.rnd(a.act_no, 50) >= 0.25
      AND ((f.wd + 1) * f.n + 6) / 7 > (f.wd * f.n + 6) / 7`);
  // The best `limit` by score, without sorting millions of rows: a histogram finds the bucket in
  // which the limit falls; everything below it is kept, and only that bucket is sorted.
  const histogram = await db.query<{ bucket: number; n: string }>(
    `SELECT width_bucket(score, 0, 4, 4000) AS bucket, count(*) AS n FROM s_log GROUP BY 1 ORDER BY 1`,
  );
  let below = 0;
  let cut = { bucket: 2_147_483_647, take: 0 }; // fewer candidates than the limit: keep all
  for (const row of histogram.rows) {
    const n = Number(row.n);
    if (below + n >= limit) {
      cut = { bucket: row.bucket, take: limit - below };
      break;
    }
    below += n;
  }
  const candidates = histogram.rows.reduce((sum, r) => sum + Number(r.n), 0);
  const natural = histogram.rows.filter((r) => r.bucket <= 1000).reduce((sum, r) => sum + Number(r.n), 0);
  const { rowCount } = await db.query(
    `
    INSERT INTO "HomeLog" (id, "clinicId", "patientId", "planActivityId", date, done, "painDuring", difficulty, note, "createdAt", "updatedAt")
    SELECT pg_temp.sid('hlg', c.act_no::bigint * 4096 + c.day), pg_temp.sid('cln', p.clinic_no), pg_temp.sid('pat', p.patient_no),
           pg_temp.sid('act', c.act_no), pg_temp.today() + p.start + c.day, v.done,
           CASE WHEN v.done AND pg_temp.rnd(v.k, 53) >= 0.1 THEN
             greatest(0, least(10, round(p.base_pain - 1 - p.improvement * least(v.progress, 1.2) + (pg_temp.rnd(v.k, 54) - 0.5) * 3)))::int END,
           CASE WHEN v.done AND pg_temp.rnd(v.k, 55) >= 0.1 THEN
             greatest(1, least(5, round(3.4 - 1.2 * least(v.progress, 1.5) + (pg_temp.rnd(v.k, 56) - 0.5) * 2)))::int END,
           CASE WHEN v.done AND pg_temp.rnd(v.k, 57) < 0.03 THEN pg_temp.pick($2, pg_temp.rnd(v.k, 58))
                WHEN NOT v.done AND pg_temp.rnd(v.k, 57) < 0.5 THEN pg_temp.pick($3, pg_temp.rnd(v.k, 58)) END,
           v.at, v.at
    FROM (
      SELECT act_no, plan_no, day FROM s_log WHERE width_bucket(score, 0, 4, 4000) < $1
      UNION ALL
      (SELECT act_no, plan_no, day FROM s_log WHERE width_bucket(score, 0, 4, 4000) = $1 ORDER BY score, act_no, day LIMIT $4)
    ) c
    JOIN s_plan p ON p.no = c.plan_no
    CROSS JOIN LATERAL (
      SELECT c.act_no::bigint * 4096 + c.day AS k,
             pg_temp.rnd(c.act_no::bigint * 4096 + c.day, 52) >= 0.05 AS done,
             c.day::float8 / p.duration AS progress,
             pg_temp.past(pg_temp.local_ts(pg_temp.today() + p.start + c.day, 1080 + floor(pg_temp.rnd(c.act_no::bigint * 4096 + c.day, 59) * 240)::int, p.tz)) AS at
    ) v`,
    [cut.bucket, NOTES, SKIPPED, cut.take],
  );
  return { rows: rowCount ?? 0, candidates, natural };
}
