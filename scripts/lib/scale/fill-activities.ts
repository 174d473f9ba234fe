// Plan activities from each clinic's own catalog: a plan created from a protocol gets the
// protocol's items; any other plan 4–8 treatments that suit its body area. A treatment that the
// patient's flags contraindicate is skipped, or (10–15 %) kept with a recorded override, as the
// app requires (ADR 007). A retired treatment appears only in plans written before it was retired.
// Every plan has at least one in-clinic treatment, so every signed session can record one.
import type pg from "pg";

const OVERRIDE_REASONS = [
  "Discussed risks with the patient; low intensity and closely monitored.",
  "GP confirmed it is safe at a reduced dose; patient consents.",
  "Benefit outweighs the risk for this patient; reviewed with senior physio.",
];

export async function fillActivities(db: pg.ClientBase): Promise<number> {
  await db.query(`
    CREATE TEMP TABLE s_act_raw ON COMMIT DROP AS
    SELECT p.no AS plan_no, ti.item_idx, ti.setting, ti.phase, ti.tpos AS rank,
           ti.duration_min, ti.sets, ti.reps, ti.hold_sec, ti.times_per_day, ti.days_per_week
    FROM s_plan p
    JOIN s_template_item ti ON ti.template_idx = p.template_idx
    JOIN s_catalog e ON e.clinic_no = p.clinic_no AND e.item_idx = ti.item_idx
    JOIN s_item i ON i.idx = ti.item_idx
    JOIN s_patient pt ON pt.no = p.patient_no
    WHERE (e.status = 'ACTIVE' OR (e.status = 'RETIRED' AND p.created < e.retired))
      AND (NOT i.flag_arr && pt.flag_arr OR pg_temp.rnd(p.no::bigint * 64 + ti.item_idx, 11) < 0.15);

    INSERT INTO s_act_raw
    SELECT plan_no, item_idx, setting, phase, rank, duration_min, sets, reps, hold_sec, times_per_day, days_per_week
    FROM (
      SELECT p.no AS plan_no, i.idx AS item_idx,
             CASE WHEN i.setting <> 'BOTH' THEN i.setting
                  WHEN pg_temp.rnd(p.no::bigint * 64 + i.idx, 15) < 0.5 THEN 'BOTH'
                  WHEN pg_temp.rnd(p.no::bigint * 64 + i.idx, 15) < 0.85 THEN 'HOME' ELSE 'IN_CLINIC' END AS setting,
             i.phase, row_number() OVER (PARTITION BY p.no ORDER BY pg_temp.rnd(p.no::bigint * 64 + i.idx, 13))::int AS rank,
             4 + floor(pg_temp.rnd(p.no, 14) * 5)::int AS k,
             i.duration_min, i.sets, i.reps, i.hold_sec, i.times_per_day, i.days_per_week
      FROM s_plan p
      JOIN s_condition co ON co.idx = p.condition_idx
      JOIN s_catalog e ON e.clinic_no = p.clinic_no
      JOIN s_item i ON i.idx = e.item_idx
      JOIN s_patient pt ON pt.no = p.patient_no
      WHERE p.template_idx IS NULL
        AND (e.status = 'ACTIVE' OR (e.status = 'RETIRED' AND p.created < e.retired))
        AND (i.area = 'any' OR (i.area = 'back') = co.low_back)
        AND (NOT i.flag_arr && pt.flag_arr OR pg_temp.rnd(p.no::bigint * 64 + i.idx, 11) < 0.1)
    ) x
    WHERE rank <= k;

    -- A plan without an in-clinic treatment gets the lifting-and-posture education in clinic too.
    CREATE TEMP TABLE s_no_clinic ON COMMIT DROP AS
    SELECT p.no FROM s_plan p WHERE NOT EXISTS (SELECT 1 FROM s_act_raw a WHERE a.plan_no = p.no AND a.setting <> 'HOME');
    UPDATE s_act_raw a SET setting = 'BOTH'
    FROM s_item i WHERE i.idx = a.item_idx AND i.name = 'Education: lifting and posture' AND a.plan_no IN (SELECT no FROM s_no_clinic);
    INSERT INTO s_act_raw
    SELECT n.no, i.idx, 'BOTH', i.phase, 99, i.duration_min, i.sets, i.reps, i.hold_sec, i.times_per_day, i.days_per_week
    FROM s_no_clinic n CROSS JOIN s_item i
    WHERE i.name = 'Education: lifting and posture'
      AND NOT EXISTS (SELECT 1 FROM s_act_raw a WHERE a.plan_no = n.no AND a.setting <> 'HOME');

    -- Positions follow the phases; a few activities were paused or stopped along the way (the app
    -- never changes activity status when a plan completes, so most stay ACTIVE).
    CREATE TEMP TABLE s_act ON COMMIT DROP AS
    SELECT n.*,
           CASE WHEN p.status = 'DRAFT' THEN CASE WHEN pg_temp.rnd(n.act_no, 16) < 0.03 THEN 'STOPPED' ELSE 'ACTIVE' END
                WHEN pg_temp.rnd(n.act_no, 16) < 0.9 THEN 'ACTIVE'
                WHEN pg_temp.rnd(n.act_no, 16) < 0.93 THEN 'ON_HOLD' ELSE 'STOPPED' END AS status,
           CASE WHEN p.status = 'DRAFT' THEN p.created
                ELSE p.start + floor(pg_temp.rnd(n.act_no, 17) * (greatest(coalesce(p.end_off, least(p.log_to, 0), p.start), p.start) - p.start + 1))::int END AS stop_off
    FROM (
      SELECT row_number() OVER (ORDER BY a.plan_no, o.phase_order, a.rank)::int AS act_no,
             (row_number() OVER (PARTITION BY a.plan_no ORDER BY o.phase_order, a.rank) - 1)::int AS position,
             a.*
      FROM s_act_raw a
      CROSS JOIN LATERAL (SELECT array_position(ARRAY['PAIN_RELIEF', 'MOBILITY', 'STRENGTHENING', 'MAINTENANCE'], a.phase) AS phase_order) o
    ) n
    JOIN s_plan p ON p.no = n.plan_no;
    ALTER TABLE s_act ADD PRIMARY KEY (act_no);
    CREATE INDEX ON s_act (plan_no);
    ANALYZE s_act;
  `);
  const { rowCount } = await db.query(
    `
    INSERT INTO "PlanActivity" (id, "clinicId", "planId", "catalogItemId", "nameSnapshot", "instructionsSnapshot", "kindSnapshot",
      "catalogVersionSnapshot", setting, phase, position, "durationMin", sets, reps, "holdSec", "timesPerDay", "daysPerWeek", status,
      "overriddenFlags", "overrideReason", "overriddenById", "overriddenAt", "createdAt", "updatedAt")
    SELECT pg_temp.sid('act', a.act_no), pg_temp.sid('cln', p.clinic_no), pg_temp.sid('pln', p.no), pg_temp.sid('cat', p.clinic_no * 100 + a.item_idx),
           i.name, i.instructions, i.kind::"CatalogKind",
           CASE WHEN p.created >= e.edited THEN e.version ELSE greatest(1, e.version - 1) END,
           a.setting::"Setting", a.phase::"TreatmentPhase", a.position,
           a.duration_min, a.sets, a.reps, a.hold_sec, a.times_per_day, a.days_per_week, a.status::"ActivityStatus",
           ov.flags::"Contraindication"[],
           CASE WHEN cardinality(ov.flags) > 0 THEN pg_temp.pick($1, pg_temp.rnd(a.act_no, 18)) END,
           CASE WHEN cardinality(ov.flags) > 0 THEN pg_temp.sid('clc', p.clinician_no) END,
           CASE WHEN cardinality(ov.flags) > 0 THEN p.created_ts END,
           p.created_ts,
           CASE WHEN a.status = 'ACTIVE' THEN p.created_ts
                ELSE greatest(p.created_ts, pg_temp.past(pg_temp.local_ts(pg_temp.today() + a.stop_off, 1020, p.tz))) END
    FROM s_act a
    JOIN s_plan p ON p.no = a.plan_no
    JOIN s_item i ON i.idx = a.item_idx
    JOIN s_catalog e ON e.clinic_no = p.clinic_no AND e.item_idx = a.item_idx
    JOIN s_patient pt ON pt.no = p.patient_no
    CROSS JOIN LATERAL (
      SELECT CASE WHEN i.flag_arr && pt.flag_arr THEN ARRAY(SELECT f FROM unnest(i.flag_arr) f WHERE f = ANY (pt.flag_arr) ORDER BY f) ELSE '{}' END AS flags
    ) ov`,
    [OVERRIDE_REASONS],
  );
  return rowCount ?? 0;
}
