// Hands the shape to PostgreSQL: helper functions (deterministic hash-based randoms, ids) and
// temporary staging tables keyed by small integers, loaded with one unnest() insert each.
import type pg from "pg";
import { BACK_ONLY, CONDITIONS, NECK_ONLY, PHASE_BY_CATEGORY, SCALE_ITEMS, SCALE_TEMPLATES, itemIndex } from "./catalog";
import type { Shape } from "./shape";

type Column = [name: string, type: "int" | "text" | "float8" | "bool", values: unknown[]];

async function load(db: pg.ClientBase, table: string, columns: Column[]): Promise<void> {
  await db.query(`CREATE TEMP TABLE ${table} (${columns.map(([n, t]) => `${n} ${t}`).join(", ")}) ON COMMIT DROP`);
  const unnest = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ");
  await db.query(`INSERT INTO ${table} SELECT * FROM unnest(${unnest})`, columns.map(([, , values]) => values));
}

/**
 * pg_temp.rnd(key, salt): a uniform number in [0, 1) from a 64-bit hash, the same for the same
 * key on every run and every server (unlike random(), whose order under parallel plans is not).
 * pg_temp.sid(tag, n): a cuid-shaped id ('c' + tag + 21 digits) that the app's id check accepts.
 */
export async function createHelpers(db: pg.ClientBase, today: string): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`bad date ${today}`);
  await db.query(`
    CREATE FUNCTION pg_temp.rnd(k bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT ((hashint8extended(k, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$;
    CREATE FUNCTION pg_temp.sid(tag text, n bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT 'c' || tag || lpad(n::text, 21, '0') $$;
    CREATE FUNCTION pg_temp.pick(options text[], r float8) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT options[1 + floor(r * cardinality(options))::int] $$;
    CREATE FUNCTION pg_temp.today() RETURNS date LANGUAGE sql IMMUTABLE AS $$ SELECT DATE '${today}' $$;
    -- Wall-clock minutes after midnight of a clinic-local date, as the UTC timestamp Prisma stores.
    CREATE FUNCTION pg_temp.local_ts(d date, minutes int, tz text) RETURNS timestamp(3) LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT ((d + make_interval(mins => minutes)) AT TIME ZONE tz) AT TIME ZONE 'UTC' $$;
    CREATE FUNCTION pg_temp.now_utc() RETURNS timestamp(3) LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'UTC')::timestamp(3) $$;
    -- "Today at 19:00" may still be ahead: nothing is recorded later than the moment of seeding.
    CREATE FUNCTION pg_temp.past(ts timestamp(3)) RETURNS timestamp(3) LANGUAGE sql STABLE
      AS $$ SELECT least(ts, (now() AT TIME ZONE 'UTC')::timestamp(3) - interval '1 minute') $$;
  `);
}

export async function stageShape(db: pg.ClientBase, shape: Shape): Promise<void> {
  const { clinics, clinicians, patients, careTeam, plans } = shape;
  await load(db, "s_clinic", [
    ["no", "int", clinics.map((c) => c.no)],
    ["name", "text", clinics.map((c) => c.name)],
    ["slug", "text", clinics.map((c) => c.slug)],
    ["tz", "text", clinics.map((c) => c.timezone)],
    ["opened", "int", clinics.map((c) => c.openedOffset)],
  ]);
  const catalog = clinics.flatMap((c) => c.catalog.map((e) => ({ clinicNo: c.no, ...e })));
  await load(db, "s_catalog", [
    ["clinic_no", "int", catalog.map((e) => e.clinicNo)],
    ["item_idx", "int", catalog.map((e) => e.itemIndex)],
    ["status", "text", catalog.map((e) => e.status)],
    ["version", "int", catalog.map((e) => e.version)],
    ["edited", "int", catalog.map((e) => e.editedOffset)],
    ["retired", "int", catalog.map((e) => e.retiredOffset)],
  ]);
  const items = SCALE_ITEMS;
  await load(db, "s_item", [
    ["idx", "int", items.map((_, i) => i)],
    ["name", "text", items.map((i) => i.name)],
    ["kind", "text", items.map((i) => i.kind)],
    ["category", "text", items.map((i) => i.category)],
    ["setting", "text", items.map((i) => i.setting)],
    ["phase", "text", items.map((i) => PHASE_BY_CATEGORY[i.category])],
    ["area", "text", items.map((i) => (NECK_ONLY.has(i.name) ? "neck" : BACK_ONLY.has(i.name) ? "back" : "any"))],
    ["description", "text", items.map((i) => i.description)],
    ["instructions", "text", items.map((i) => i.patientInstructions)],
    ["duration_min", "int", items.map((i) => i.dose.durationMin ?? null)],
    ["sets", "int", items.map((i) => i.dose.sets ?? null)],
    ["reps", "int", items.map((i) => i.dose.reps ?? null)],
    ["hold_sec", "int", items.map((i) => i.dose.holdSec ?? null)],
    ["times_per_day", "int", items.map((i) => i.dose.timesPerDay ?? null)],
    ["days_per_week", "int", items.map((i) => i.dose.daysPerWeek ?? null)],
    ["flags", "text", items.map((i) => i.contraindications.join(","))],
    ["equipment", "text", items.map((i) => i.equipment.join("|"))],
  ]);
  await load(db, "s_template", [
    ["idx", "int", SCALE_TEMPLATES.map((_, i) => i)],
    ["name", "text", SCALE_TEMPLATES.map((t) => t.name)],
    ["condition", "text", SCALE_TEMPLATES.map((t) => t.condition)],
    ["icd10", "text", SCALE_TEMPLATES.map((t) => t.icd10Code)],
    ["description", "text", SCALE_TEMPLATES.map((t) => t.description)],
  ]);
  const templateItems = SCALE_TEMPLATES.flatMap((t, ti) => t.items.map((item, position) => ({ ti, position, item })));
  await load(db, "s_template_item", [
    ["template_idx", "int", templateItems.map((x) => x.ti)],
    ["tpos", "int", templateItems.map((x) => x.position)],
    ["item_idx", "int", templateItems.map((x) => itemIndex(x.item.catalogName))],
    ["setting", "text", templateItems.map((x) => x.item.setting)],
    ["phase", "text", templateItems.map((x) => x.item.phase)],
    ["duration_min", "int", templateItems.map((x) => x.item.dose.durationMin ?? null)],
    ["sets", "int", templateItems.map((x) => x.item.dose.sets ?? null)],
    ["reps", "int", templateItems.map((x) => x.item.dose.reps ?? null)],
    ["hold_sec", "int", templateItems.map((x) => x.item.dose.holdSec ?? null)],
    ["times_per_day", "int", templateItems.map((x) => x.item.dose.timesPerDay ?? null)],
    ["days_per_week", "int", templateItems.map((x) => x.item.dose.daysPerWeek ?? null)],
  ]);
  await load(db, "s_condition", [
    ["idx", "int", CONDITIONS.map((_, i) => i)],
    ["condition", "text", CONDITIONS.map((c) => c.condition)],
    ["icd10", "text", CONDITIONS.map((c) => c.icd10Code)],
    ["low_back", "bool", CONDITIONS.map((c) => c.lowBack)],
  ]);
  await load(db, "s_clinician", [
    ["no", "int", clinicians.map((c) => c.no)],
    ["clinic_no", "int", clinicians.map((c) => c.clinicNo)],
    ["n", "int", clinicians.map((c) => c.n)],
    ["name", "text", clinicians.map((c) => `${c.title}${c.firstName} ${c.lastName}`)],
    ["created", "int", clinicians.map((c) => c.createdOffset)],
  ]);
  await load(db, "s_patient", [
    ["no", "int", patients.map((p) => p.no)],
    ["clinic_no", "int", patients.map((p) => p.clinicNo)],
    ["n", "int", patients.map((p) => p.n)],
    ["first_name", "text", patients.map((p) => p.firstName)],
    ["last_name", "text", patients.map((p) => p.lastName)],
    ["dob", "int", patients.map((p) => p.dobOffset)],
    ["flags", "text", patients.map((p) => p.flags.join(","))],
    ["portal", "bool", patients.map((p) => p.portal)],
    ["adherence", "float8", patients.map((p) => p.adherence)],
    ["created", "int", patients.map((p) => p.createdOffset)],
    ["archived", "int", patients.map((p) => p.archivedOffset)],
  ]);
  await load(db, "s_care", [
    ["patient_no", "int", careTeam.map((m) => m.patientNo)],
    ["clinician_no", "int", careTeam.map((m) => m.clinicianNo)],
    ["is_primary", "bool", careTeam.map((m) => m.isPrimary)],
  ]);
  await load(db, "s_plan", [
    ["no", "int", plans.map((p) => p.no)],
    ["patient_no", "int", plans.map((p) => p.patientNo)],
    ["clinic_no", "int", plans.map((p) => p.clinicNo)],
    ["clinician_no", "int", plans.map((p) => p.clinicianNo)],
    ["other_no", "int", plans.map((p) => p.otherClinicianNo)],
    ["status", "text", plans.map((p) => p.status)],
    ["reason", "text", plans.map((p) => p.statusReason)],
    ["condition_idx", "int", plans.map((p) => p.conditionIndex)],
    ["title", "text", plans.map((p) => p.title)],
    ["goals", "text", plans.map((p) => p.goals)],
    ["template_idx", "int", plans.map((p) => p.templateIndex)],
    ["created", "int", plans.map((p) => p.created)],
    ["start", "int", plans.map((p) => p.start)],
    ["duration", "int", plans.map((p) => p.duration)],
    ["review", "int", plans.map((p) => p.review)],
    ["end_off", "int", plans.map((p) => p.end)],
    ["planned", "int", plans.map((p) => p.plannedSessions)],
    ["past_from", "int", plans.map((p) => p.past.from)],
    ["past_to", "int", plans.map((p) => p.past.to)],
    ["past_n", "int", plans.map((p) => p.past.count)],
    ["fut_from", "int", plans.map((p) => p.future.from)],
    ["fut_to", "int", plans.map((p) => p.future.to)],
    ["fut_n", "int", plans.map((p) => p.future.count)],
    ["log_from", "int", plans.map((p) => p.logs?.from ?? null)],
    ["log_to", "int", plans.map((p) => p.logs?.to ?? null)],
    ["base_pain", "int", plans.map((p) => p.basePain)],
    ["improvement", "float8", plans.map((p) => p.improvement)],
  ]);
  await db.query(`
    -- Flags as arrays once, for the contraindication checks of every candidate activity.
    ALTER TABLE s_item ADD COLUMN flag_arr text[];
    UPDATE s_item SET flag_arr = string_to_array(flags, ',');
    ALTER TABLE s_patient ADD COLUMN flag_arr text[];
    UPDATE s_patient SET flag_arr = string_to_array(flags, ',');
    ALTER TABLE s_plan ADD PRIMARY KEY (no);
    ALTER TABLE s_patient ADD PRIMARY KEY (no);
    ALTER TABLE s_clinic ADD PRIMARY KEY (no);
    ALTER TABLE s_item ADD PRIMARY KEY (idx);
    ANALYZE s_plan, s_patient, s_clinic, s_item, s_catalog, s_care, s_clinician;
  `);
}
