// The records the security specs aim at, read from the seeded e2e database, plus the few rows
// the seed lacks, inserted idempotently: a second clinic with a clinician and an admin (who sign
// in with the demo password: their hash is copied from a seeded user), a Riverside staff account
// nobody signs in with (target of the account actions), a patient without portal access and an
// unused DRAFT catalog item (the only kind that can be deleted).
import { randomBytes } from "node:crypto";
import { encryptTotpSecret } from "@/lib/auth/totp-secret";
import { DEMO_TOTP_SECRET } from "@/prisma/seed-data/demo";
import type { SecurityDb } from "./db";

export const OTHER_CLINIC = { slug: "lakeside-e2e", name: "Lakeside Sports Rehab", timezone: "Europe/Dublin" };
export const OTHER_CLINICIAN_EMAIL = "lena.other@lakeside.example";
export const OTHER_ADMIN_EMAIL = "omar.admin@lakeside.example";
const EXTRA_STAFF_EMAIL = "matrix.staff@riverside.example";
const NO_PORTAL_PATIENT = { firstName: "Nora", lastName: "Noportal", email: "nora.noportal@example.com" };
const DRAFT_ITEM = "Security battery draft item";
const GUIDELINE_CONDITION = "security battery condition";
const OUTBOX_MESSAGE_KEY = "security-battery-outbox-message";

/** A cuid-shaped id (ZId accepts /^c[a-z0-9]{20,31}$/). */
export function newId(): string {
  let id = "c";
  for (const byte of randomBytes(24)) id += (byte % 36).toString(36);
  return id;
}

export async function ensureFixtureRows(db: SecurityDb): Promise<void> {
  const riverside = await db.one<{ clinicId: string; passwordHash: string }>(
    `select "clinicId", "passwordHash" from "User" where email = 'maya.chen@riverside.example'`,
  );
  await db.query(`insert into "Clinic" (id, name, slug, timezone) values ($1, $2, $3, $4) on conflict (slug) do nothing`, [
    newId(),
    OTHER_CLINIC.name,
    OTHER_CLINIC.slug,
    OTHER_CLINIC.timezone,
  ]);
  const { id: otherClinicId } = await db.one<{ id: string }>(`select id from "Clinic" where slug = $1`, [OTHER_CLINIC.slug]);
  const users: [string, string, string, string, string][] = [
    [otherClinicId, OTHER_CLINICIAN_EMAIL, "Lena Other", "CLINICIAN", riverside.passwordHash],
    [otherClinicId, OTHER_ADMIN_EMAIL, "Omar Other", "ADMIN", riverside.passwordHash],
    // Never signs in: an unusable hash.
    [riverside.clinicId, EXTRA_STAFF_EMAIL, "Matrix Staff", "CLINICIAN", "scrypt$17$8$1$x$x"],
  ];
  for (const [clinicId, email, name, role, hash] of users) {
    await db.query(
      `insert into "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt") values ($1, $2, $3, $4, $5::"Role", $6, now())
       on conflict (email) do nothing`,
      [newId(), clinicId, email, name, role, hash],
    );
  }
  // The other clinic's staff confirm their sign-ins with the demo staff's authenticator secret.
  for (const email of [OTHER_CLINICIAN_EMAIL, OTHER_ADMIN_EMAIL]) {
    const { id } = await db.one<{ id: string }>(`select id from "User" where email = $1`, [email]);
    await db.query(
      `insert into "TotpFactor" ("userId", "secretEnc", "confirmedAt") values ($1, $2, now()) on conflict ("userId") do nothing`,
      [id, encryptTotpSecret(DEMO_TOTP_SECRET, id)],
    );
  }
  const { id: staffId } = await db.one<{ id: string }>(`select id from "User" where email = $1`, [EXTRA_STAFF_EMAIL]);
  const [existing] = await db.query<{ id: string }>(`select id from "Patient" where email = $1`, [NO_PORTAL_PATIENT.email]);
  if (!existing) {
    const patientId = newId();
    // Cared for by the staff account above, so no seeded clinician's roster changes.
    await db.query(
      `insert into "Patient" (id, "clinicId", "firstName", "lastName", "dateOfBirth", email, "updatedAt") values ($1, $2, $3, $4, '1970-05-05', $5, now())`,
      [patientId, riverside.clinicId, NO_PORTAL_PATIENT.firstName, NO_PORTAL_PATIENT.lastName, NO_PORTAL_PATIENT.email],
    );
    await db.query(`insert into "CareTeamMember" ("clinicId", "patientId", "clinicianId", "isPrimary") values ($1, $2, $3, true)`, [riverside.clinicId, patientId, staffId]);
  }
  await db.query(
    `insert into "CatalogItem" (id, "clinicId", name, kind, category, setting, description, "patientInstructions", "defaultReps", status, "updatedAt")
     values ($1, $2, $3, 'EXERCISE', 'STRETCH', 'HOME', 'Used by the security specs only.', 'Never shown to a patient.', 10, 'DRAFT', now())
     on conflict ("clinicId", name) do nothing`,
    [newId(), riverside.clinicId, DRAFT_ITEM],
  );
  // A guideline statement on a seeded active treatment (decision 044), for a condition no plan has;
  // not on the draft item, whose delete case puts the item back whole.
  const [statement] = await db.query<{ id: string }>(`select id from "GuidelineStatement" where "clinicId" = $1 and condition = $2`, [riverside.clinicId, GUIDELINE_CONDITION]);
  if (!statement) {
    await db.query(
      `insert into "GuidelineStatement" (id, "clinicId", "catalogItemId", condition, population, guideline, publisher, year, recommendation, url, stance, quote, "lastCheckedOn", "updatedAt")
       select $1, $2, i.id, $3, 'Used by the security specs only', 'Security battery guideline (SB1)', 'SB', 2016, '1.1', 'https://example.org/sb1', 'CONSIDER', 'Consider it.', '2026-12-01', now()
         from "CatalogItem" i where i."clinicId" = $2 and i.name = $4`,
      [newId(), riverside.clinicId, GUIDELINE_CONDITION, "Bridging"],
    );
  }
  // A message in the demo clinic's Outbox (decision 033), CANCELLED so no worker ever sends it.
  await db.query(
    `insert into "OutboundMessage" (id, "clinicId", channel, kind, "dedupeKey", recipient, status, "updatedAt")
     values ($1, $2, 'EMAIL', 'daily_reminder', $3, 'nobody@riverside.example', 'CANCELLED', now())
     on conflict ("dedupeKey") do nothing`,
    [newId(), riverside.clinicId, OUTBOX_MESSAGE_KEY],
  );
}

export type Dose = { durationMin: number | null; sets: number | null; reps: number | null; holdSec: number | null; timesPerDay: number | null; daysPerWeek: number | null };
export type ActivityRec = { id: string; catalogItemId: string; setting: string; phase: string; dose: Dose };
export type PlanRec = {
  id: string;
  version: number;
  patientId: string;
  title: string;
  condition: string;
  icd10Code: string | null;
  goals: string;
  startDate: string;
  reviewDate: string | null;
  plannedSessions: number;
  /** An ACTIVE home (or both) activity; null for a plan without one. */
  homeActivity: ActivityRec | null;
  /** An ACTIVE in-clinic (or both) activity and its catalog category (manual therapy first: its parameters are text). */
  clinicActivity: { id: string; category: string } | null;
  activityIds: string[];
};
export type PatientRec = {
  id: string;
  version: number;
  userId: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  contraindications: string[];
  careTeam: { clinicianId: string; isPrimary: boolean }[];
};
export type SessionRec = { id: string; version: number };
export type CatalogRec = {
  id: string;
  version: number;
  name: string;
  kind: string;
  category: string;
  setting: string;
  description: string;
  patientInstructions: string;
  dose: Dose;
  contraindications: string[];
  equipment: string[];
};
export type TemplateRec = {
  id: string;
  version: number;
  name: string;
  condition: string;
  icd10Code: string | null;
  description: string;
  items: { catalogItemId: string; setting: string; phase: string; dose: Dose }[];
};

export type Ctx = {
  /** Today in the demo clinic's time zone (YYYY-MM-DD). */
  today: string;
  clinicId: string;
  otherClinicId: string;
  users: { jordan: string; ana: string; maya: string; sam: string; admin: string; extraStaff: string };
  patients: { jordan: PatientRec; ana: PatientRec; noPortal: PatientRec };
  plans: { jordan: PlanRec; ana: PlanRec; jordanDraft: PlanRec };
  sessions: { jordanSigned: SessionRec; jordanUpcoming: SessionRec; anaUpcoming: SessionRec };
  catalogItem: CatalogRec;
  draftItem: { id: string; version: number };
  template: TemplateRec;
  /** The demo clinic's settings as the admins' form sends them (decision 030). */
  clinic: { version: number; name: string; address: string | null; phone: string | null; timeZone: string };
  /** One of the seed's step illustrations (decision 028): catalog media of the demo clinic. */
  catalogMedia: string;
  /** A message in the demo clinic's Outbox (decision 033). */
  outboxMessage: string;
  /** One of the demo clinic's note templates (decision 037), as the admins' form sends it. */
  noteTemplate: { id: string; version: number; name: string; subjective: string; objective: string; assessment: string; planNote: string };
  /** The one-off ODI ask on Jordan's plan (decision 046). */
  measureAsk: { id: string; version: number };
  /** A guideline statement of the demo clinic (decision 044), with every field as the admins' form sends it. */
  guidelineStatement: Record<string, unknown> & { id: string; version: number };
};

const doseOf = (r: Record<string, unknown>, prefix = ""): Dose => {
  const col = (name: string) => (r[prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name] as number | null) ?? null;
  return { durationMin: col("durationMin"), sets: col("sets"), reps: col("reps"), holdSec: col("holdSec"), timesPerDay: col("timesPerDay"), daysPerWeek: col("daysPerWeek") };
};

async function patient(db: SecurityDb, email: string): Promise<PatientRec> {
  const p = await db.one<Omit<PatientRec, "careTeam">>(
    `select id, version, "userId", "firstName", "lastName", "dateOfBirth"::text as "dateOfBirth", email, phone, contraindications::text[] as contraindications
     from "Patient" where email = $1`,
    [email],
  );
  const careTeam = await db.query<{ clinicianId: string; isPrimary: boolean }>(
    `select "clinicianId", "isPrimary" from "CareTeamMember" where "patientId" = $1 order by "isPrimary" desc, "clinicianId"`,
    [p.id],
  );
  return { ...p, careTeam };
}

async function plan(db: SecurityDb, patientId: string, status: string): Promise<PlanRec> {
  const p = await db.one<Omit<PlanRec, "homeActivity" | "clinicActivity" | "activityIds">>(
    `select id, version, "patientId", title, condition, "icd10Code", goals, "startDate"::text as "startDate", "reviewDate"::text as "reviewDate", "plannedSessions"
     from "TreatmentPlan" where "patientId" = $1 and status = $2::"PlanStatus" order by "createdAt" limit 1`,
    [patientId, status],
  );
  const [a] = await db.query<Record<string, unknown>>(
    `select * from "PlanActivity" where "planId" = $1 and status = 'ACTIVE' and setting in ('HOME', 'BOTH') order by position limit 1`,
    [p.id],
  );
  const homeActivity = a
    ? { id: a.id as string, catalogItemId: a.catalogItemId as string, setting: a.setting as string, phase: a.phase as string, dose: doseOf(a) }
    : null;
  const [clinicActivity] = await db.query<{ id: string; category: string }>(
    `select a.id, c.category::text as category from "PlanActivity" a join "CatalogItem" c on c.id = a."catalogItemId"
     where a."planId" = $1 and a.status = 'ACTIVE' and a.setting in ('IN_CLINIC', 'BOTH')
     order by (c.category = 'MANUAL_THERAPY') desc, a.position limit 1`,
    [p.id],
  );
  const activityIds = (await db.query<{ id: string }>(`select id from "PlanActivity" where "planId" = $1 order by position`, [p.id])).map((r) => r.id);
  return { ...p, homeActivity, clinicActivity: clinicActivity ?? null, activityIds };
}

async function userId(db: SecurityDb, email: string): Promise<string> {
  return (await db.one<{ id: string }>(`select id from "User" where email = $1`, [email])).id;
}

export async function loadContext(db: SecurityDb): Promise<Ctx> {
  const { clinicId, timezone } = await db.one<{ clinicId: string; timezone: string }>(
    `select u."clinicId", c.timezone from "User" u join "Clinic" c on c.id = u."clinicId" where u.email = 'admin@riverside.example'`,
  );
  const { today } = await db.one<{ today: string }>(`select (now() at time zone $1)::date::text as today`, [timezone]);
  const { id: otherClinicId } = await db.one<{ id: string }>(`select id from "Clinic" where slug = $1`, [OTHER_CLINIC.slug]);
  const patients = {
    jordan: await patient(db, "jordan.lee@example.com"),
    ana: await patient(db, "ana.silva@example.com"),
    noPortal: await patient(db, NO_PORTAL_PATIENT.email),
  };
  const plans = {
    jordan: await plan(db, patients.jordan.id, "ACTIVE"),
    ana: await plan(db, patients.ana.id, "ACTIVE"),
    jordanDraft: await plan(db, patients.jordan.id, "DRAFT"),
  };
  const session = (sql: string, params: unknown[]) => db.one<SessionRec>(`select id, version from "Session" where ${sql} order by "startsAt" limit 1`, params);
  const sessions = {
    jordanSigned: await session(`"planId" = $1 and "noteStatus" = 'SIGNED'`, [plans.jordan.id]),
    jordanUpcoming: await session(`"planId" = $1 and status = 'SCHEDULED' and "startsAt" > now()`, [plans.jordan.id]),
    anaUpcoming: await session(`"planId" = $1 and status = 'SCHEDULED' and "startsAt" > now()`, [plans.ana.id]),
  };
  const t = await db.one<Omit<TemplateRec, "items">>(
    `select id, version, name, condition, "icd10Code", description from "PlanTemplate"
     where "clinicId" = $1 and status = 'ACTIVE' and exists (select 1 from "PlanTemplateItem" i where i."templateId" = "PlanTemplate".id)
     order by "createdAt" limit 1`,
    [clinicId],
  );
  const items = await db.query<Record<string, unknown>>(`select * from "PlanTemplateItem" where "templateId" = $1 order by position`, [t.id]);
  const template: TemplateRec = {
    ...t,
    items: items.map((i) => ({ catalogItemId: i.catalogItemId as string, setting: i.setting as string, phase: i.phase as string, dose: doseOf(i) })),
  };
  // An ACTIVE treatment the template uses (so a new template built from it is valid).
  const c = await db.one<Record<string, unknown>>(
    `select ci.*, ci.contraindications::text[] as flags from "CatalogItem" ci
     where ci.status = 'ACTIVE' and ci.id = any($1) order by ci.name limit 1`,
    [template.items.map((i) => i.catalogItemId)],
  );
  const catalogItem: CatalogRec = {
    id: c.id as string,
    version: c.version as number,
    name: c.name as string,
    kind: c.kind as string,
    category: c.category as string,
    setting: c.setting as string,
    description: c.description as string,
    patientInstructions: c.patientInstructions as string,
    dose: doseOf(c, "default"),
    contraindications: c.flags as string[],
    equipment: c.equipment as string[],
  };
  const clinic = await db.one<Ctx["clinic"]>(`select version, name, address, phone, timezone as "timeZone" from "Clinic" where id = $1`, [clinicId]);
  const draftItem = await db.one<{ id: string; version: number }>(`select id, version from "CatalogItem" where "clinicId" = $1 and name = $2`, [clinicId, DRAFT_ITEM]);
  const catalogMedia = await db.one<{ id: string }>(
    `select m.id from "CatalogMedia" m join "CatalogItem" i on i.id = m."catalogItemId" where m."clinicId" = $1 and i.name = 'Bridging' order by m.position limit 1`,
    [clinicId],
  );
  const outboxMessage = await db.one<{ id: string }>(`select id from "OutboundMessage" where "dedupeKey" = $1`, [OUTBOX_MESSAGE_KEY]);
  return {
    outboxMessage: outboxMessage.id,
    noteTemplate: await db.one<Ctx["noteTemplate"]>(
      `select id, version, name, subjective, objective, assessment, "planNote" from "NoteTemplate" where "clinicId" = $1 and "archivedAt" is null order by name limit 1`,
      [clinicId],
    ),
    guidelineStatement: await db.one<Ctx["guidelineStatement"]>(
      `select id, version, "catalogItemId", condition, population, guideline, publisher, year, recommendation, url, stance::text as stance, "stanceCondition",
              "requiresExercise", quote, "supersededBy", "supersededYear", "lastCheckedOn"::text as "lastCheckedOn", note
         from "GuidelineStatement" where "clinicId" = $1 and condition = $2 limit 1`,
      [clinicId, GUIDELINE_CONDITION],
    ),
    today,
    clinicId,
    otherClinicId,
    users: {
      jordan: await userId(db, "jordan.lee@example.com"),
      ana: await userId(db, "ana.silva@example.com"),
      maya: await userId(db, "maya.chen@riverside.example"),
      sam: await userId(db, "sam.okafor@riverside.example"),
      admin: await userId(db, "admin@riverside.example"),
      extraStaff: await userId(db, EXTRA_STAFF_EMAIL),
    },
    patients,
    plans,
    sessions,
    catalogItem,
    draftItem,
    template,
    clinic,
    catalogMedia: catalogMedia.id,
    measureAsk: await db.one<{ id: string; version: number }>(`select id, version from "MeasureSchedule" where "planId" = $1 and "removedAt" is null order by "createdAt" limit 1`, [plans.jordan.id]),
  };
}

/** Who may see what of the two seeded patients' records (DESIGN, roles table). */
const RECORDS = {
  jordan: {
    clinical: ["Lower back spasm — acute episode", "Pain at rest below 3/10"],
    demographic: ["Jordan Lee", "7946 0101"],
    careTeam: ["maya", "sam"],
  },
  ana: {
    clinical: ["Pregnancy-related low back pain", "third trimester"],
    demographic: ["Ana Silva", "7946 0103"],
    careTeam: ["sam"],
  },
} as const;

/** Jordan's SOAP notes: his care team's, never any patient's (his own included). */
const SOAP = ["Lumbar flexion", "paraspinal tone", "neuro screen clear"];

/**
 * Strings no response to `actor` may contain, whatever the URL or status: the clinical record of
 * a patient outside their care team (or not their own), the demographics of a patient they
 * neither treat, nor are, nor administer in the same clinic, and SOAP text for any patient.
 */
export function forbiddenStrings(actor: string): string[] {
  const out: string[] = [];
  for (const [owner, r] of Object.entries(RECORDS)) {
    const treats = (r.careTeam as readonly string[]).includes(actor);
    if (!treats && actor !== owner) out.push(...r.clinical);
    if (!treats && actor !== owner && actor !== "admin") out.push(...r.demographic);
  }
  if (!(RECORDS.jordan.careTeam as readonly string[]).includes(actor)) out.push(...SOAP);
  return out;
}
