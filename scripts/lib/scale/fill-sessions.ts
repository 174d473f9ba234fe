// Sessions and what was performed in them. Each plan's past and future sessions are spread evenly
// over their windows (the first past one on the plan's start day: the initial assessment), moved
// off Sundays, and laid out back to back from 08:00 clinic time per clinician and day, so no
// clinician is ever double-booked (the app refuses overlapping bookings). Past sessions are mostly
// COMPLETED with a signed SOAP note, pain before/after following the plan's trajectory, and
// 1–3 performed in-clinic treatments with parameters valid for their kind; some were cancelled or
// missed; recent ones (last month) may still await their note. Future sessions are SCHEDULED.
import type pg from "pg";

const TEXT = {
  subjective: [
    "Sleeping better; stiffness first thing in the morning.",
    "Flare-up after a long drive at the weekend.",
    "Managing the home exercises most days.",
    "Pain worse after sitting at work; eases with walking.",
    "Lifted shopping without trouble this week.",
    "Feels the exercises help; occasional twinges bending forward.",
  ],
  objective: [
    "Paraspinal tone high L3–L5; neuro screen clear.",
    "Paraspinal tone moderate; SLR 70° bilaterally.",
    "Good lumbopelvic control in four-point kneeling.",
    "Tender over right QL; repeated extension eases symptoms.",
  ],
  neckObjective: ["Upper trapezius tone high; neuro screen clear.", "Deep neck flexor endurance 20 s.", "Tender C5–C6 right; ULTT negative."],
  early: ["Acute presentation, responding to treatment.", "Irritable; settle pain before loading."],
  improving: ["Improving; spasm settling, mobility returning.", "Good progress towards goals.", "Steady improvement; ready to progress loading."],
  plateau: ["Slow progress; reassess drivers of pain.", "No meaningful change yet; consider imaging or referral."],
  plan: ["Continue current programme; review in one week.", "Progress core and bridging; posture review next visit.", "Add walking programme; reduce manual therapy.", "Maintain home programme; taper visits."],
  summary: [
    "We worked on easing the spasm. Keep up ice/heat and the gentle stretches at home.",
    "Good progress. Keep going with the strengthening exercises five days a week.",
    "Keep moving little and often; call us if pain spreads down your leg.",
    "Well done this week. Next time we will progress your exercises.",
  ],
  cancelled: ["Patient unwell", "Clinician unavailable; rebooked", "Patient cancelled: work commitment", "Transport problems"],
  notDone: ["Patient declined today", "Skin irritation at the site", "Ran out of time", "Device under maintenance"],
  regions: ["Lumbar paraspinals L3–L5", "Quadratus lumborum, left", "Quadratus lumborum, right", "Gluteus medius, right", "Thoracolumbar junction"],
  techniques: ["Sustained pressure release", "Cross-fibre friction", "Grade III PA mobilisation", "Muscle energy technique"],
  sites: ["L4 multifidus left", "L5 multifidus right", "Gluteus medius left", "Quadratus lumborum right", "Piriformis left"],
  topics: ["Lifting technique and pacing", "Desk set-up and movement breaks", "Understanding pain and flare-up plan"],
} as const;

export async function stageSessions(db: pg.ClientBase): Promise<void> {
  await db.query(`
    CREATE TEMP TABLE s_sess0 ON COMMIT DROP AS
    WITH raw AS (
      SELECT p.no AS plan_no, g.i, false AS future, p.past_from AS wfrom, p.past_to AS wto, p.past_n AS n
      FROM s_plan p CROSS JOIN LATERAL generate_series(1, p.past_n) g(i)
      UNION ALL
      SELECT p.no, g.i, true, p.fut_from, p.fut_to, p.fut_n
      FROM s_plan p CROSS JOIN LATERAL generate_series(1, p.fut_n) g(i)
    ), dated AS (
      SELECT r.*, r.plan_no::bigint * 64 + r.i + CASE WHEN r.future THEN 40 ELSE 0 END AS k,
             -- Evenly spaced from a random phase per plan and window, so every day (today too) gets its share.
             CASE WHEN NOT r.future AND r.i = 1 THEN r.wfrom
                  ELSE least(r.wto, r.wfrom + floor((r.i - 1 + pg_temp.rnd(r.plan_no::bigint * 2 + r.future::int, 21)) * (r.wto - r.wfrom + 1)::float8 / r.n)::int) END AS off0
      FROM raw r
    )
    SELECT d.k AS sess_no, d.plan_no, d.i, d.future, d.wfrom, d.wto,
           -- Closed on Sundays and half-staffed on Saturdays: those move to a weekday of the next week.
           CASE WHEN d.off0 + w.shift <= d.wto THEN d.off0 + w.shift
                WHEN w.dow = 7 AND d.off0 - 1 >= d.wfrom THEN d.off0 - 1 ELSE d.off0 END AS off,
           CASE WHEN pg_temp.rnd(d.k, 22) < 0.15 THEN p.other_no ELSE p.clinician_no END AS clinician_no,
           CASE WHEN NOT d.future AND d.i = 1 THEN 60 ELSE (ARRAY[30, 30, 45, 45, 45, 60])[1 + floor(pg_temp.rnd(d.k, 23) * 6)::int] END AS duration
    FROM dated d JOIN s_plan p ON p.no = d.plan_no
    CROSS JOIN LATERAL (SELECT extract(isodow FROM pg_temp.today() + d.off0)::int AS dow, pg_temp.rnd(d.k, 29) AS r) v
    CROSS JOIN LATERAL (
      SELECT v.dow, CASE WHEN v.dow = 7 THEN 1 + floor(v.r * 5)::int WHEN v.dow = 6 AND v.r < 0.5 THEN 2 + floor(v.r * 10)::int ELSE 0 END AS shift
    ) w;

    CREATE INDEX ON s_sess0 (clinician_no, off);
  `);
  // At most 10 sessions a day per clinician: the rest move to a neighbouring working day in their window.
  for (let pass = 0; pass < 4; pass++) {
    const { rowCount } = await db.query(`
      UPDATE s_sess0 s SET off = m.target
      FROM (
        SELECT x.sess_no, CASE WHEN t.fwd BETWEEN x.wfrom AND x.wto THEN t.fwd WHEN t.back BETWEEN x.wfrom AND x.wto THEN t.back END AS target
        FROM (SELECT s0.*, row_number() OVER (PARTITION BY s0.clinician_no, s0.off ORDER BY pg_temp.rnd(s0.sess_no, 25)) AS rn FROM s_sess0 s0) x
        CROSS JOIN LATERAL (SELECT CASE WHEN (x.sess_no + ${pass}) % 2 = 0 THEN 1 ELSE -1 END AS dir) d
        CROSS JOIN LATERAL (
          SELECT x.off + d.dir + CASE WHEN extract(isodow FROM pg_temp.today() + x.off + d.dir) = 7 THEN d.dir ELSE 0 END AS fwd,
                 x.off - d.dir + CASE WHEN extract(isodow FROM pg_temp.today() + x.off - d.dir) = 7 THEN -d.dir ELSE 0 END AS back
        ) t
        WHERE x.rn > 10
      ) m
      WHERE m.sess_no = s.sess_no AND m.target IS NOT NULL`);
    if (!rowCount) break;
  }
  await db.query(`
    -- Back to back from 08:00 (or 08:30, 09:00) per clinician and day, 15 minutes apart.
    CREATE TEMP TABLE s_sess ON COMMIT DROP AS
    SELECT x.sess_no, x.plan_no, x.i, x.future, x.off, x.clinician_no, x.duration, x.minute,
           pg_temp.local_ts(pg_temp.today() + x.off, x.minute, p.tz) AS starts_at,
           CASE WHEN x.future THEN 'SCHEDULED'
                WHEN x.i = 1 THEN 'COMPLETED'
                WHEN x.off >= -2 AND r.r < 0.3 THEN 'SCHEDULED'
                WHEN r.r < 0.07 THEN 'CANCELLED'
                WHEN r.r < 0.12 THEN 'NO_SHOW'
                WHEN x.off >= -30 AND r.r < 0.14 THEN 'SCHEDULED' -- a backlog of unsigned notes
                ELSE 'COMPLETED' END AS status,
           r.pain_before,
           greatest(0, r.pain_before - floor(pg_temp.rnd(x.sess_no, 28) * 3)::int) AS pain_after
    FROM (
      SELECT s0.*, 480 + 30 * floor(pg_temp.rnd(s0.clinician_no::bigint * 100000 + s0.off, 24) * 3)::int
             + coalesce(sum(s0.duration + 15) OVER (PARTITION BY s0.clinician_no, s0.off ORDER BY pg_temp.rnd(s0.sess_no, 25)
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::int AS minute
      FROM s_sess0 s0
    ) x
    JOIN s_plan p ON p.no = x.plan_no
    CROSS JOIN LATERAL (
      SELECT pg_temp.rnd(x.sess_no, 26) AS r,
             greatest(0, least(10, round(p.base_pain - p.improvement * least((x.off - p.start)::float8 / p.duration, 1.2)
                                         + (pg_temp.rnd(x.sess_no, 27) - 0.5) * 2.4)))::int AS pain_before
    ) r;
    ALTER TABLE s_sess ADD PRIMARY KEY (sess_no);
    ANALYZE s_sess;
  `);
}

export async function fillSessions(db: pg.ClientBase): Promise<number> {
  const t = TEXT;
  const { rowCount } = await db.query(
    `
    INSERT INTO "Session" (id, "clinicId", "planId", "patientId", "clinicianId", "startsAt", "durationMin", status, "statusReason",
      "painBefore", "painAfter", subjective, objective, assessment, "planNote", "adverseEvent", "patientSummary",
      "noteStatus", "signedAt", "signedById", "noteAuthorId", version, "createdAt", "updatedAt")
    SELECT pg_temp.sid('ses', s.sess_no), pg_temp.sid('cln', p.clinic_no), pg_temp.sid('pln', p.no), pg_temp.sid('pat', p.patient_no),
           pg_temp.sid('clc', s.clinician_no), s.starts_at, s.duration, s.status::"SessionStatus",
           CASE s.status WHEN 'CANCELLED' THEN pg_temp.pick($1, pg_temp.rnd(s.sess_no, 30))
                         WHEN 'NO_SHOW' THEN CASE WHEN pg_temp.rnd(s.sess_no, 30) < 0.5 THEN 'Did not attend; no message' END END,
           CASE WHEN done THEN s.pain_before END, CASE WHEN done THEN s.pain_after END,
           CASE WHEN done OR (draft AND pg_temp.rnd(s.sess_no, 31) < 0.5) THEN format('Pain %s/10 on arrival. %s', s.pain_before, pg_temp.pick($2, pg_temp.rnd(s.sess_no, 32))) END,
           CASE WHEN done THEN CASE WHEN co.low_back
                  THEN format('Lumbar flexion %s%% of normal. %s', least(100, 40 + round(50 * (s.off - p.start)::float8 / p.duration)), pg_temp.pick($3, pg_temp.rnd(s.sess_no, 33)))
                  ELSE format('Cervical rotation %s%% of normal. %s', least(100, 45 + round(45 * (s.off - p.start)::float8 / p.duration)), pg_temp.pick($4, pg_temp.rnd(s.sess_no, 33))) END END,
           CASE WHEN done THEN CASE WHEN s.off - p.start < 0.3 * p.duration THEN pg_temp.pick($5, pg_temp.rnd(s.sess_no, 34))
                                    WHEN p.improvement < 1.5 THEN pg_temp.pick($7, pg_temp.rnd(s.sess_no, 34))
                                    ELSE pg_temp.pick($6, pg_temp.rnd(s.sess_no, 34)) END END,
           CASE WHEN done THEN pg_temp.pick($8, pg_temp.rnd(s.sess_no, 35)) END,
           CASE WHEN done AND pg_temp.rnd(s.sess_no, 36) < 0.005 THEN 'Mild soreness after treatment, settled within 24 hours.' END,
           CASE WHEN done THEN pg_temp.pick($9, pg_temp.rnd(s.sess_no, 37)) END,
           CASE WHEN done THEN 'SIGNED' ELSE 'DRAFT' END::"NoteStatus",
           CASE WHEN done THEN signed END,
           CASE WHEN done THEN pg_temp.sid('clc', s.clinician_no) END,
           -- The note's author (decision 020): whoever signed it, or wrote the draft's text.
           CASE WHEN done OR (draft AND pg_temp.rnd(s.sess_no, 31) < 0.5) THEN pg_temp.sid('clc', s.clinician_no) END,
           CASE WHEN done THEN 3 WHEN s.status IN ('CANCELLED', 'NO_SHOW') THEN 2 WHEN draft THEN 2 ELSE 1 END,
           booked,
           CASE WHEN done THEN signed
                WHEN s.status = 'CANCELLED' THEN greatest(booked, s.starts_at - interval '3 hours')
                WHEN s.status = 'NO_SHOW' THEN greatest(booked, pg_temp.past(s.starts_at + interval '1 hour'))
                WHEN draft THEN greatest(booked, pg_temp.past(s.starts_at + make_interval(mins => s.duration)))
                ELSE booked END
    FROM s_sess s
    JOIN s_plan p ON p.no = s.plan_no
    JOIN s_condition co ON co.idx = p.condition_idx
    CROSS JOIN LATERAL (
      SELECT s.status = 'COMPLETED' AS done,
             s.status = 'SCHEDULED' AND NOT s.future AS draft,
             pg_temp.past(s.starts_at + make_interval(mins => s.duration + 5 + floor(pg_temp.rnd(s.sess_no, 38) * 180)::int)) AS signed,
             pg_temp.past(least(s.starts_at - interval '1 hour',
               CASE WHEN NOT s.future AND s.i = 1 THEN p.created_ts
                    ELSE greatest(p.created_ts, s.starts_at - make_interval(days => 1 + floor(pg_temp.rnd(s.sess_no, 39) * 21)::int)) END)) AS booked
    ) x`,
    [t.cancelled, t.subjective, t.objective, t.neckObjective, t.early, t.improving, t.plateau, t.plan, t.summary],
  );
  return rowCount ?? 0;
}

/**
 * What was performed in each signed session: 1–3 of the plan's in-clinic treatments (IN_CLINIC or
 * BOTH), parameters shaped like lib/validation/treatment-parameters.ts expects for the category
 * (electro/laser/shock wave by device, guessed from the name as the form does).
 */
export async function fillPerformed(db: pg.ClientBase): Promise<number> {
  const t = TEXT;
  const { rowCount } = await db.query(
    `
    INSERT INTO "PerformedTreatment" (id, "clinicId", "sessionId", "planActivityId", "catalogItemId", status, "notDoneReason", parameters, "durationMin", "createdAt")
    SELECT pg_temp.sid('prf', a.sess_no * 4 + a.rk), pg_temp.sid('cln', p.clinic_no), pg_temp.sid('ses', a.sess_no), pg_temp.sid('act', a.act_no),
           pg_temp.sid('cat', p.clinic_no * 100 + a.item_idx),
           CASE WHEN nd THEN 'NOT_DONE' ELSE 'COMPLETED' END::"PerformedStatus",
           CASE WHEN nd THEN pg_temp.pick($1, r) END,
           CASE WHEN nd THEN '{}'::jsonb ELSE
             CASE i.category
               WHEN 'THERMAL' THEN jsonb_build_object('iceMinutes', 5 + floor(r * 11)::int, 'heatMinutes', 10 + floor(r * 11)::int)
               WHEN 'MANUAL_THERAPY' THEN jsonb_build_object('region', pg_temp.pick($2, r), 'technique', pg_temp.pick($3, r))
               WHEN 'NEEDLING' THEN jsonb_build_object('sites', to_jsonb(($4::text[])[1:1 + floor(r * 3)::int]), 'needles', 2 + floor(r * 7)::int)
               WHEN 'EDUCATION' THEN jsonb_build_object('topic', pg_temp.pick($5, r))
               WHEN 'ELECTRO_LASER_SHOCKWAVE' THEN
                 CASE WHEN i.name ILIKE '%shock%' THEN jsonb_build_object('device', 'SHOCK_WAVE', 'pulses', 1000 + 100 * floor(r * 21)::int,
                        'pressureBar', round((1.5 + r * 1.5)::numeric, 1), 'frequencyHz', 8 + floor(r * 8)::int, 'area', 'L4–L5 paraspinals')
                      WHEN i.name ILIKE '%laser%' THEN jsonb_build_object('device', 'LASER', 'doseJPerCm2', 4 + floor(r * 7)::int,
                        'wavelengthNm', CASE WHEN r < 0.5 THEN 808 ELSE 980 END, 'area', 'L4–L5 bilateral')
                      WHEN i.name ILIKE '%inductive%' OR i.name ILIKE '%magnetic%' THEN jsonb_build_object('device', 'ELECTROMAGNETIC',
                        'intensityPercent', 30 + floor(r * 41)::int, 'frequencyHz', 10 + floor(r * 41)::int, 'area', 'Lumbar region')
                      ELSE jsonb_build_object('device', 'ELECTRICAL', 'frequencyHz', 80 + 10 * floor(r * 5)::int, 'intensityMa', 10 + floor(r * 31)::int, 'area', 'Lumbar region') END
               ELSE jsonb_strip_nulls(jsonb_build_object('sets', a.sets, 'reps', a.reps))
             END END,
           CASE WHEN nd THEN NULL ELSE least(240, coalesce(a.duration_min, 10)) END,
           pg_temp.past(a.starts_at + make_interval(mins => a.duration))
    FROM (
      SELECT s.sess_no, s.plan_no, s.starts_at, s.duration, c.act_no, c.item_idx, c.position, c.sets, c.reps, c.duration_min,
             (row_number() OVER (PARTITION BY s.sess_no ORDER BY pg_temp.rnd(s.sess_no * 64 + c.position, 41)) - 1)::int AS rk,
             floor(pg_temp.rnd(s.sess_no, 42) * 3)::int AS max_rk
      FROM s_sess s JOIN s_act c ON c.plan_no = s.plan_no AND c.setting <> 'HOME'
      WHERE s.status = 'COMPLETED'
    ) a
    JOIN s_plan p ON p.no = a.plan_no
    JOIN s_item i ON i.idx = a.item_idx
    CROSS JOIN LATERAL (SELECT pg_temp.rnd(a.sess_no * 64 + a.position, 43) AS r, pg_temp.rnd(a.sess_no * 64 + a.position, 44) < 0.04 AS nd) v
    WHERE a.rk <= a.max_rk`,
    [t.notDone, t.regions, t.techniques, t.sites, t.topics],
  );
  return rowCount ?? 0;
}
