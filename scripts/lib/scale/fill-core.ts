// Clinics, accounts, patients, care teams, catalogs, protocols and plans, from the staging tables.
// Emails: admin a<clinic>-1@, clinician c<clinic>-<n>@, patient p<clinic>-<n>@scale.example.
import type pg from "pg";
import { FIRST_NAMES, LAST_NAMES } from "./names";

export const SCALE_EMAIL_DOMAIN = "scale.example";

export async function fillClinics(db: pg.ClientBase): Promise<number> {
  const { rowCount } = await db.query(`
    INSERT INTO "Clinic" (id, name, slug, timezone, "createdAt")
    SELECT pg_temp.sid('cln', no), name, slug, tz, pg_temp.local_ts(pg_temp.today() + opened, 540, tz) FROM s_clinic`);
  return rowCount ?? 0;
}

export async function fillUsers(db: pg.ClientBase, passwordHash: string): Promise<number> {
  const { rowCount } = await db.query(
    `
    INSERT INTO "User" (id, "clinicId", email, name, role, "passwordHash", "lastLoginAt", "createdAt", "updatedAt")
    SELECT id, "clinicId", email, name, role::"Role", $1, "lastLoginAt", "createdAt", "createdAt" FROM (
      SELECT pg_temp.sid('adm', c.no) AS id, pg_temp.sid('cln', c.no) AS "clinicId", 'a' || c.no || '-1@${SCALE_EMAIL_DOMAIN}' AS email,
             pg_temp.pick($2, pg_temp.rnd(c.no, 1)) || ' ' || pg_temp.pick($3, pg_temp.rnd(c.no, 2)) AS name, 'ADMIN' AS role,
             pg_temp.local_ts(pg_temp.today() - 1, 540, c.tz) AS "lastLoginAt", pg_temp.local_ts(pg_temp.today() + c.opened, 540, c.tz) AS "createdAt"
      FROM s_clinic c
      UNION ALL
      SELECT pg_temp.sid('clc', s.no), pg_temp.sid('cln', s.clinic_no), 'c' || s.clinic_no || '-' || s.n || '@${SCALE_EMAIL_DOMAIN}', s.name, 'CLINICIAN',
             pg_temp.past(pg_temp.local_ts(pg_temp.today() - floor(pg_temp.rnd(s.no, 3) * 4)::int, 470, c.tz)), pg_temp.local_ts(pg_temp.today() + s.created, 540, c.tz)
      FROM s_clinician s JOIN s_clinic c ON c.no = s.clinic_no
      UNION ALL
      SELECT pg_temp.sid('usp', p.no), pg_temp.sid('cln', p.clinic_no), 'p' || p.clinic_no || '-' || p.n || '@${SCALE_EMAIL_DOMAIN}', p.first_name || ' ' || p.last_name, 'PATIENT',
             CASE WHEN p.adherence > 0 THEN pg_temp.past(pg_temp.local_ts(pg_temp.today() - floor(pg_temp.rnd(p.no, 4) * 30)::int, 1140, c.tz)) END,
             pg_temp.past(pg_temp.local_ts(pg_temp.today() + p.created + 1, 600, c.tz))
      FROM s_patient p JOIN s_clinic c ON c.no = p.clinic_no WHERE p.portal
    ) u`,
    [passwordHash, FIRST_NAMES, LAST_NAMES],
  );
  return rowCount ?? 0;
}

export async function fillPatients(db: pg.ClientBase): Promise<number> {
  const { rowCount } = await db.query(`
    INSERT INTO "Patient" (id, "clinicId", "userId", "firstName", "lastName", "dateOfBirth", email, phone, contraindications, "archivedAt", version, "createdAt", "updatedAt")
    SELECT pg_temp.sid('pat', p.no), pg_temp.sid('cln', p.clinic_no), CASE WHEN p.portal THEN pg_temp.sid('usp', p.no) END,
           p.first_name, p.last_name, pg_temp.today() + p.dob, 'p' || p.clinic_no || '-' || p.n || '@${SCALE_EMAIL_DOMAIN}',
           CASE c.tz WHEN 'Europe/Dublin' THEN '+353 85 555 ' || lpad((p.no % 10000)::text, 4, '0')
                     WHEN 'Europe/Amsterdam' THEN '+31 6 5555 ' || lpad((p.no % 10000)::text, 4, '0')
                     ELSE '+44 7700 900' || lpad((p.no % 1000)::text, 3, '0') END,
           string_to_array(p.flags, ',')::"Contraindication"[],
           pg_temp.local_ts(pg_temp.today() + p.archived, 720, c.tz),
           CASE WHEN p.archived IS NULL THEN 1 ELSE 2 END,
           pg_temp.past(pg_temp.local_ts(pg_temp.today() + p.created, 600, c.tz)),
           pg_temp.past(pg_temp.local_ts(pg_temp.today() + coalesce(p.archived, p.created), 720, c.tz))
    FROM s_patient p JOIN s_clinic c ON c.no = p.clinic_no`);
  return rowCount ?? 0;
}

export async function fillCareTeams(db: pg.ClientBase): Promise<number> {
  const { rowCount } = await db.query(`
    INSERT INTO "CareTeamMember" ("clinicId", "patientId", "clinicianId", "isPrimary", "createdAt")
    SELECT pg_temp.sid('cln', p.clinic_no), pg_temp.sid('pat', p.no), pg_temp.sid('clc', m.clinician_no), m.is_primary,
           pg_temp.past(pg_temp.local_ts(pg_temp.today() + p.created, 600 + CASE WHEN m.is_primary THEN 0 ELSE 5 END, c.tz))
    FROM s_care m JOIN s_patient p ON p.no = m.patient_no JOIN s_clinic c ON c.no = p.clinic_no`);
  return rowCount ?? 0;
}

export async function fillCatalog(db: pg.ClientBase): Promise<number> {
  const { rowCount } = await db.query(`
    INSERT INTO "CatalogItem" (id, "clinicId", name, kind, category, setting, description, "patientInstructions",
      "defaultDurationMin", "defaultSets", "defaultReps", "defaultHoldSec", "defaultTimesPerDay", "defaultDaysPerWeek",
      contraindications, equipment, status, version, "createdAt", "updatedAt")
    SELECT pg_temp.sid('cat', e.clinic_no * 100 + e.item_idx), pg_temp.sid('cln', e.clinic_no), i.name, i.kind::"CatalogKind",
           i.category::"CatalogCategory", i.setting::"Setting", i.description, i.instructions,
           i.duration_min, i.sets, i.reps, i.hold_sec, i.times_per_day, i.days_per_week,
           string_to_array(i.flags, ',')::"Contraindication"[], string_to_array(i.equipment, '|'), e.status::"CatalogStatus", e.version,
           pg_temp.local_ts(pg_temp.today() + least(c.opened, e.edited), 600, c.tz),
           pg_temp.local_ts(pg_temp.today() + coalesce(e.retired, e.edited), 660, c.tz)
    FROM s_catalog e JOIN s_item i ON i.idx = e.item_idx JOIN s_clinic c ON c.no = e.clinic_no`);
  return rowCount ?? 0;
}

/** Every clinic has the three protocols; an item the clinic does not offer is left out. */
export async function fillTemplates(db: pg.ClientBase): Promise<number> {
  const templates = await db.query(`
    INSERT INTO "PlanTemplate" (id, "clinicId", name, condition, "icd10Code", description, status, version, "createdAt", "updatedAt")
    SELECT pg_temp.sid('tpl', c.no * 10 + t.idx), pg_temp.sid('cln', c.no), t.name, t.condition, t.icd10, t.description, 'ACTIVE', 1,
           pg_temp.local_ts(pg_temp.today() + c.opened + 30, 600, c.tz), pg_temp.local_ts(pg_temp.today() + c.opened + 30, 600, c.tz)
    FROM s_clinic c CROSS JOIN s_template t`);
  const items = await db.query(`
    INSERT INTO "PlanTemplateItem" (id, "clinicId", "templateId", "catalogItemId", setting, phase, position,
      "durationMin", sets, reps, "holdSec", "timesPerDay", "daysPerWeek")
    SELECT pg_temp.sid('tpi', e.clinic_no * 1000 + ti.template_idx * 100 + ti.tpos), pg_temp.sid('cln', e.clinic_no),
           pg_temp.sid('tpl', e.clinic_no * 10 + ti.template_idx), pg_temp.sid('cat', e.clinic_no * 100 + e.item_idx),
           ti.setting::"Setting", ti.phase::"TreatmentPhase",
           (row_number() OVER (PARTITION BY e.clinic_no, ti.template_idx ORDER BY ti.tpos) - 1)::int,
           ti.duration_min, ti.sets, ti.reps, ti.hold_sec, ti.times_per_day, ti.days_per_week
    FROM s_template_item ti JOIN s_catalog e ON e.item_idx = ti.item_idx AND e.status <> 'DRAFT'`);
  return (templates.rowCount ?? 0) + (items.rowCount ?? 0);
}

export async function fillPlans(db: pg.ClientBase): Promise<number> {
  // The moment each plan was written, reused by its activities.
  await db.query(`
    ALTER TABLE s_plan ADD COLUMN tz text, ADD COLUMN created_ts timestamp(3);
    UPDATE s_plan p SET tz = c.tz, created_ts = pg_temp.past(pg_temp.local_ts(pg_temp.today() + p.created, 540 + floor(pg_temp.rnd(p.no, 5) * 480)::int, c.tz))
    FROM s_clinic c WHERE c.no = p.clinic_no;`);
  const { rowCount } = await db.query(`
    INSERT INTO "TreatmentPlan" (id, "clinicId", "patientId", "clinicianId", title, condition, "icd10Code", goals, status, "statusReason",
      "startDate", "reviewDate", "endDate", "plannedSessions", "templateId", "createdById", version, "createdAt", "updatedAt")
    SELECT pg_temp.sid('pln', p.no), pg_temp.sid('cln', p.clinic_no), pg_temp.sid('pat', p.patient_no), pg_temp.sid('clc', p.clinician_no),
           p.title, co.condition, co.icd10, p.goals, p.status::"PlanStatus", p.reason,
           pg_temp.today() + p.start, pg_temp.today() + p.review, pg_temp.today() + p.end_off, p.planned,
           CASE WHEN p.template_idx IS NOT NULL THEN pg_temp.sid('tpl', p.clinic_no * 10 + p.template_idx) END,
           pg_temp.sid('clc', p.clinician_no),
           CASE p.status WHEN 'DRAFT' THEN 1 WHEN 'ACTIVE' THEN 2 ELSE 3 END,
           p.created_ts,
           greatest(p.created_ts, pg_temp.past(pg_temp.local_ts(pg_temp.today() + coalesce(p.end_off, least(p.start, 0)), 1020, p.tz)))
    FROM s_plan p JOIN s_condition co ON co.idx = p.condition_idx`);
  return rowCount ?? 0;
}
