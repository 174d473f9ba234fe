// Outcome measures recorded at sessions, scored exactly as lib/domain/outcomes/rules.ts scores them:
// NPRS at baseline for every plan that had a session, and with decreasing likelihood the ODI
// (low-back plans), discharge and interim scores, and the optional RMDQ for some low-back plans.
// Values follow the pain reported at that session. Exactly `limit` rows: NPRS baselines always,
// the rest ranked by hash ÷ weight.
import type pg from "pg";
import { ODI_SECTIONS } from "../../../lib/clinical/odi-sections";

// tier → [instrument, context, weight]; RMDQ rows come in baseline/discharge pairs for chosen plans.
const TIERS = `(VALUES
  (1, 'NPRS', 'BASELINE', 0.0), (2, 'ODI', 'BASELINE', 0.55), (3, 'NPRS', 'DISCHARGE', 0.6), (4, 'ODI', 'DISCHARGE', 0.35),
  (5, 'NPRS', 'INTERIM', 0.35), (6, 'ODI', 'INTERIM', 0.15), (7, 'RMDQ', 'BASELINE', 1.0), (8, 'RMDQ', 'DISCHARGE', 1.0)
) AS t(tier, instrument, context, weight)`;

export async function fillOutcomes(db: pg.ClientBase, limit: number): Promise<{ rows: number; candidates: number }> {
  const odiAnswers = `jsonb_build_object(${ODI_SECTIONS.map((s, i) => `'${s}', o.secs[${i + 1}]`).join(", ")})`;
  await db.query(`
    CREATE TEMP TABLE s_outcome ON COMMIT DROP AS
    WITH done AS (
      SELECT s.plan_no, s.sess_no, row_number() OVER w AS rn, count(*) OVER (PARTITION BY s.plan_no) AS cnt
      FROM s_sess s WHERE s.status = 'COMPLETED'
      WINDOW w AS (PARTITION BY s.plan_no ORDER BY s.starts_at)
    ), anchors AS (
      SELECT d.plan_no, d.sess_no,
             CASE WHEN d.rn = 1 THEN 'BASELINE' WHEN d.rn = d.cnt THEN 'DISCHARGE' ELSE 'INTERIM' END AS context,
             p.status, co.low_back, pg_temp.rnd(d.plan_no, 60) < 0.15 AS rmdq
      FROM done d JOIN s_plan p ON p.no = d.plan_no JOIN s_condition co ON co.idx = p.condition_idx
      WHERE p.status NOT IN ('DRAFT', 'ENTERED_IN_ERROR')
        AND (d.rn = 1 OR (d.rn = d.cnt AND d.cnt >= 2 AND p.status = 'COMPLETED') OR (d.cnt >= 4 AND d.rn = (d.cnt + 1) / 2))
    )
    SELECT a.plan_no, a.sess_no, t.tier, t.instrument, t.context,
           CASE WHEN t.tier = 1 THEN -1 ELSE pg_temp.rnd(a.plan_no::bigint * 16 + t.tier, 61) / t.weight END AS score
    FROM anchors a JOIN ${TIERS} ON t.context = a.context
    WHERE (t.instrument = 'NPRS' OR a.low_back) AND (t.instrument <> 'RMDQ' OR a.rmdq)`);
  const candidates = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM s_outcome`)).rows[0]!.n);
  const { rowCount } = await db.query(
    `
    INSERT INTO "OutcomeResponse" (id, "clinicId", "patientId", "planId", "sessionId", instrument, context, answers, score, band, "recordedById", "recordedAt")
    SELECT pg_temp.sid('out', c.plan_no::bigint * 16 + c.tier), pg_temp.sid('cln', p.clinic_no), pg_temp.sid('pat', p.patient_no),
           pg_temp.sid('pln', p.no), pg_temp.sid('ses', s.sess_no), c.instrument::"Instrument", c.context::"OutcomeContext",
           CASE c.instrument WHEN 'NPRS' THEN jsonb_build_object('pain', s.pain_before)
                             WHEN 'ODI' THEN ${odiAnswers}
                             ELSE jsonb_build_object('items', to_jsonb(r.items)) END,
           CASE c.instrument WHEN 'NPRS' THEN s.pain_before WHEN 'ODI' THEN o.score ELSE r.score END,
           CASE WHEN c.instrument = 'ODI' THEN
             CASE WHEN o.score <= 20 THEN 'minimal' WHEN o.score <= 40 THEN 'moderate' WHEN o.score <= 60 THEN 'severe'
                  WHEN o.score <= 80 THEN 'crippling' ELSE 'bed-bound' END END,
           pg_temp.sid('clc', s.clinician_no),
           pg_temp.past(s.starts_at + interval '10 minutes' + make_interval(mins => c.tier))
    FROM (SELECT * FROM s_outcome ORDER BY score, plan_no, tier LIMIT $1) c
    JOIN s_plan p ON p.no = c.plan_no
    JOIN s_sess s ON s.sess_no = c.sess_no
    -- ODI: ten sections 0–5 around the pain level; the sex-life section is skipped by about a third.
    CROSS JOIN LATERAL (
      SELECT secs, round(sum_ * 1000.0 / (5 * answered)) / 10.0 AS score FROM (
        SELECT array_agg(v ORDER BY k) AS secs, sum(v) AS sum_, count(v) AS answered FROM (
          SELECT k, CASE WHEN k = 8 AND pg_temp.rnd(c.plan_no::bigint * 16 + c.tier, 62) < 0.35 THEN NULL
                         ELSE greatest(0, least(5, round(s.pain_before * 0.45 + (pg_temp.rnd((c.plan_no::bigint * 16 + c.tier) * 16 + k, 63) - 0.5) * 2)))::int END AS v
          FROM generate_series(1, 10) k
        ) x
      ) y
    ) o
    -- RMDQ: 24 yes/no items, "yes" likelier with more pain; score = number of yes answers.
    CROSS JOIN LATERAL (
      SELECT array_agg(y ORDER BY k) AS items, count(*) FILTER (WHERE y) AS score FROM (
        SELECT k, pg_temp.rnd((c.plan_no::bigint * 16 + c.tier) * 32 + k, 64) < s.pain_before / 10.0 * 0.85 AS y FROM generate_series(1, 24) k
      ) x
    ) r`,
    [limit],
  );
  return { rows: rowCount ?? 0, candidates };
}
