// The demo clinic: one admin, two clinicians, three patients with portal accounts, the
// lower-back-spasm catalog and protocol, and one patient three weeks into an ACTIVE plan.
// Idempotent: every record is looked up by its natural key first and never overwritten, so
// re-running keeps whatever users changed.
import type { Db } from "../../lib/db/client";
import type { Contraindication, Role } from "../../lib/db/generated/enums";
import { hashPassword } from "../../lib/auth/password";
import { decryptTotpSecret, encryptTotpSecret } from "../../lib/auth/totp-secret";
import { scoreOdi, type OdiAnswers } from "../../lib/domain/outcomes/rules";
import { addDays, fromIsoDate, todayIn } from "../../lib/domain/schedule/dates";
import { isDueOn } from "../../lib/domain/schedule/rules";
import { CATALOG, CATALOG_FACETS, LOWER_BACK_SPASM_FACETS, LOWER_BACK_SPASM_TEMPLATE, type SeedDose } from "./catalog";

export const DEMO_PASSWORD = "riverside-demo-2026";
/**
 * The demo staff's authenticator-app secret (base32; ADR 022). Public on purpose, like the demo
 * password: add it to an authenticator app, or print the current code with
 * `npm run demo:totp`. Real accounts get a random secret when they set up their app.
 */
export const DEMO_TOTP_SECRET = "KRUGS4ZANFZSAYJAMRSW233TMVRXEZLU";
// Fictional contact details: 020 7946 0xxx is Ofcom's range reserved for drama, and RV is no postcode area.
export const CLINIC = {
  slug: "riverside",
  name: "Riverside Physio & Chiropractic",
  timezone: "Europe/London",
  address: "14 Mill Lane, Riverside RV1 2AB",
  phone: "020 7946 0321",
};

type DemoUser = { key: string; email: string; name: string; role: Role };
export const DEMO_USERS = [
  { key: "admin", email: "admin@riverside.example", name: "Priya Shah", role: "ADMIN" },
  { key: "maya", email: "maya.chen@riverside.example", name: "Dr Maya Chen", role: "CLINICIAN" },
  { key: "sam", email: "sam.okafor@riverside.example", name: "Sam Okafor", role: "CLINICIAN" },
  { key: "jordan", email: "jordan.lee@example.com", name: "Jordan Lee", role: "PATIENT" },
  { key: "ravi", email: "ravi.patel@example.com", name: "Ravi Patel", role: "PATIENT" },
  { key: "ana", email: "ana.silva@example.com", name: "Ana Silva", role: "PATIENT" },
] as const satisfies readonly DemoUser[];

const PATIENTS: Record<"jordan" | "ravi" | "ana", { dob: string; phone: string; flags: Contraindication[]; team: { key: "maya" | "sam"; primary: boolean }[] }> = {
  jordan: { dob: "1986-04-12", phone: "+44 20 7946 0101", flags: [], team: [{ key: "maya", primary: true }, { key: "sam", primary: false }] },
  ravi: { dob: "1958-09-30", phone: "+44 20 7946 0102", flags: ["ANTICOAGULANTS"], team: [{ key: "maya", primary: true }] },
  ana: { dob: "1993-01-22", phone: "+44 20 7946 0103", flags: ["PREGNANCY"], team: [{ key: "sam", primary: true }] },
};

const doseColumns = (dose: SeedDose) => ({
  durationMin: dose.durationMin ?? null,
  sets: dose.sets ?? null,
  reps: dose.reps ?? null,
  holdSec: dose.holdSec ?? null,
  timesPerDay: dose.timesPerDay ?? null,
  daysPerWeek: dose.daysPerWeek ?? null,
});

// A fixed pseudo-random sequence, so the demo looks lived-in but is the same on every machine.
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function seedDemo(db: Db, options: { today?: string } = {}) {
  const clinic =
    (await db.clinic.findUnique({ where: { slug: CLINIC.slug } })) ?? (await db.clinic.create({ data: CLINIC }));
  const today = options.today ?? todayIn(clinic.timezone);

  const users = {} as Record<(typeof DEMO_USERS)[number]["key"], { id: string }>;
  for (const u of DEMO_USERS) {
    users[u.key] =
      (await db.user.findUnique({ where: { email: u.email }, select: { id: true } })) ??
      (await db.user.create({
        data: { clinicId: clinic.id, email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(DEMO_PASSWORD) },
        select: { id: true },
      }));
  }

  await seedDemoTotp(db, DEMO_USERS.filter((u) => u.role !== "PATIENT").map((u) => users[u.key].id));

  const patients = {} as Record<keyof typeof PATIENTS, { id: string }>;
  for (const [key, p] of Object.entries(PATIENTS) as [keyof typeof PATIENTS, (typeof PATIENTS)[keyof typeof PATIENTS]][]) {
    const user = DEMO_USERS.find((u) => u.key === key)!;
    const [firstName, lastName] = user.name.split(" ") as [string, string];
    const existing = await db.patient.findUnique({ where: { userId: users[key].id }, select: { id: true } });
    patients[key] =
      existing ??
      (await db.patient.create({
        data: {
          clinicId: clinic.id,
          userId: users[key].id,
          firstName,
          lastName,
          dateOfBirth: fromIsoDate(p.dob),
          email: user.email,
          phone: p.phone,
          contraindications: p.flags,
          careTeam: { create: p.team.map((m) => ({ clinicId: clinic.id, clinicianId: users[m.key].id, isPrimary: m.primary })) },
        },
        select: { id: true },
      }));
  }

  const catalog = new Map<string, { id: string; name: string; kind: string; patientInstructions: string; version: number }>();
  for (const item of CATALOG) {
    const row =
      (await db.catalogItem.findUnique({ where: { clinicId_name: { clinicId: clinic.id, name: item.name } } })) ??
      (await db.catalogItem.create({
        data: {
          clinicId: clinic.id,
          name: item.name,
          kind: item.kind,
          category: item.category,
          setting: item.setting,
          description: item.description,
          patientInstructions: item.patientInstructions,
          defaultDurationMin: item.dose.durationMin ?? null,
          defaultSets: item.dose.sets ?? null,
          defaultReps: item.dose.reps ?? null,
          defaultHoldSec: item.dose.holdSec ?? null,
          defaultTimesPerDay: item.dose.timesPerDay ?? null,
          defaultDaysPerWeek: item.dose.daysPerWeek ?? null,
          contraindications: item.contraindications,
          equipment: item.equipment,
          status: "ACTIVE",
          ...CATALOG_FACETS[item.name],
        },
      }));
    catalog.set(item.name, row);
  }
  const item = (name: string) => {
    const found = catalog.get(name);
    if (!found) throw new Error(`Seed catalog has no "${name}"`);
    return found;
  };

  const t = LOWER_BACK_SPASM_TEMPLATE;
  const template =
    (await db.planTemplate.findUnique({ where: { clinicId_nameScope_name: { clinicId: clinic.id, nameScope: "", name: t.name } } })) ??
    (await db.planTemplate.create({
      data: {
        clinicId: clinic.id,
        name: t.name,
        condition: t.condition,
        icd10Code: t.icd10Code,
        description: t.description,
        status: "ACTIVE",
        ...LOWER_BACK_SPASM_FACETS,
        items: {
          create: t.items.map((ti, position) => ({
            clinicId: clinic.id,
            catalogItemId: item(ti.catalogName).id,
            setting: ti.setting,
            phase: ti.phase,
            position,
            ...doseColumns(ti.dose),
          })),
        },
      },
    }));

  // Note templates (decision 037): starter text clinicians pick on an empty draft.
  for (const n of NOTE_TEMPLATES) {
    await db.noteTemplate.upsert({ where: { clinicId_name: { clinicId: clinic.id, name: n.name } }, update: {}, create: { clinicId: clinic.id, ...n } });
  }

  if ((await db.treatmentPlan.count({ where: { patientId: patients.jordan.id } })) === 0) {
    await seedJordan(db, { clinicId: clinic.id, today, templateId: template.id, patientId: patients.jordan.id, maya: users.maya.id, sam: users.sam.id, item });
  }
  if ((await db.treatmentPlan.count({ where: { patientId: patients.ana.id } })) === 0) {
    await seedAna(db, { clinicId: clinic.id, today, patientId: patients.ana.id, sam: users.sam.id, item });
  }
  return { clinicId: clinic.id, users, patients };
}

/** The demo clinic's note templates, one per kind of visit. */
export const NOTE_TEMPLATES = [
  {
    name: "Initial assessment",
    subjective: "Presenting complaint:\nOnset and mechanism:\nPain (0–10) now / worst / best:\nAggravating / easing factors:\nRed flags screened:",
    objective: "Observation and posture:\nRange of motion:\nNeurological screen:\nSpecial tests:\nPalpation:",
    assessment: "Working diagnosis:\nContributing factors:",
    planNote: "Treatment today:\nHome programme:\nGoals agreed with the patient:\nNext visit:",
  },
  {
    name: "Follow-up treatment",
    subjective: "Since last visit:\nPain (0–10):\nHome programme done:",
    objective: "Re-assessment of range of motion and key tests:",
    assessment: "Progress against goals:",
    planNote: "Continue / progress:\nNext visit:",
  },
  {
    name: "Discharge",
    subjective: "Patient's report of function and pain:",
    objective: "Final measures (range of motion, outcome scores):",
    assessment: "Goals met / not met:",
    planNote: "Self-management advice and when to come back:",
  },
] as const;

type ItemLookup = (name: string) => { id: string; name: string; kind: string; patientInstructions: string; version: number };

function activityData(clinicId: string, item: ReturnType<ItemLookup>, rest: { setting: "IN_CLINIC" | "HOME" | "BOTH"; phase: "PAIN_RELIEF" | "MOBILITY" | "STRENGTHENING" | "MAINTENANCE"; position: number; dose: SeedDose }) {
  return {
    clinicId,
    catalogItemId: item.id,
    nameSnapshot: item.name,
    instructionsSnapshot: item.patientInstructions,
    kindSnapshot: item.kind as "MODALITY" | "EXERCISE" | "EDUCATION",
    catalogVersionSnapshot: item.version,
    setting: rest.setting,
    phase: rest.phase,
    position: rest.position,
    ...doseColumns(rest.dose),
  };
}

// What was recorded for the in-clinic treatments, valid for each treatment's parameter profile.
const SEED_PARAMETERS: Record<string, { [key: string]: string | number | string[] }> = {
  "Deep tissue massage": { region: "Lumbar paraspinals L3–L5", technique: "Cross-fibre friction" },
  "Muscle release therapy (manual)": { region: "Quadratus lumborum, left", technique: "Sustained pressure release" },
  "Dry needling": { sites: ["L4 multifidus left", "L5 multifidus left"], needles: 4 },
  "Laser therapy": { device: "LASER", doseJPerCm2: 6, area: "L4–L5 bilateral" },
};

const at = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`);

async function seedJordan(
  db: Db,
  c: { clinicId: string; today: string; templateId: string; patientId: string; maya: string; sam: string; item: ItemLookup },
) {
  const start = addDays(c.today, -21);
  const t = LOWER_BACK_SPASM_TEMPLATE;
  const plan = await db.treatmentPlan.create({
    data: {
      clinicId: c.clinicId,
      patientId: c.patientId,
      clinicianId: c.maya,
      createdById: c.maya,
      templateId: c.templateId,
      title: "Lower back spasm — acute episode",
      condition: t.condition,
      icd10Code: t.icd10Code,
      goals: "Pain at rest below 3/10 within 6 weeks; sit through a full working day; return to weekend golf without a flare-up.",
      status: "ACTIVE",
      startDate: fromIsoDate(start),
      reviewDate: fromIsoDate(addDays(c.today, 21)),
      plannedSessions: 10,
      // Maya asked Jordan for a follow-up ODI from home yesterday: the Today page shows it.
      odiRequestedAt: new Date(Date.now() - 86_400_000),
      activities: {
        create: t.items.map((ti, position) => activityData(c.clinicId, c.item(ti.catalogName), { ...ti, position })),
      },
    },
    include: { activities: true },
  });
  // Measure schedules (decision 046): Maya's ODI request is a one-off ask, kept in step with odiRequestedAt.
  await db.measureSchedule.create({
    data: { clinicId: c.clinicId, planId: plan.id, instrument: "ODI", rule: "ONCE", answeredBy: "PATIENT", createdById: c.maya, createdAt: plan.odiRequestedAt! },
  });

  const inClinic = plan.activities.filter((a) => a.setting === "IN_CLINIC");
  const past: { day: number; before: number; after: number }[] = [
    { day: -20, before: 7, after: 5 },
    { day: -16, before: 6, after: 5 },
    { day: -13, before: 6, after: 4 },
    { day: -9, before: 5, after: 3 },
    { day: -6, before: 4, after: 3 },
    { day: -2, before: 4, after: 2 },
  ];
  for (const [i, s] of past.entries()) {
    const date = addDays(c.today, s.day);
    const startsAt = at(date, "10:00");
    await db.session.create({
      data: {
        clinicId: c.clinicId,
        planId: plan.id,
        patientId: c.patientId,
        clinicianId: i === 3 ? c.sam : c.maya,
        startsAt,
        durationMin: 45,
        status: "COMPLETED",
        painBefore: s.before,
        painAfter: s.after,
        subjective: `Reports lower back pain ${s.before}/10 on arrival; ${i === 0 ? "spasm began lifting boxes at work 2 days ago" : "sleeping better, stiffness in the mornings"}.`,
        objective: `Lumbar flexion ${40 + i * 8}% of normal; paraspinal tone ${i < 3 ? "high" : "moderate"} L3–L5; neuro screen clear.`,
        assessment: i < 3 ? "Acute lumbar muscle spasm, responding to treatment." : "Improving; spasm settling, mobility returning.",
        planNote: i < 3 ? "Continue pain-relief modalities; home stretches twice daily." : "Progress core and bridging; posture review next visit.",
        patientSummary: i < 3 ? "We worked on easing the spasm. Keep up ice/heat and the gentle stretches at home." : "Good progress. Keep going with the strengthening exercises five days a week.",
        noteStatus: "SIGNED",
        signedAt: new Date(startsAt.getTime() + 50 * 60_000),
        signedById: i === 3 ? c.sam : c.maya,
        noteAuthorId: i === 3 ? c.sam : c.maya,
        performed: {
          create: inClinic.slice(0, 3).map((a) => ({
            clinicId: c.clinicId,
            planActivityId: a.id,
            catalogItemId: a.catalogItemId,
            status: "COMPLETED" as const,
            durationMin: a.durationMin,
            parameters: SEED_PARAMETERS[a.nameSnapshot] ?? {},
          })),
        },
      },
    });
  }
  for (const day of [2, 5, 9]) {
    await db.session.create({
      data: { clinicId: c.clinicId, planId: plan.id, patientId: c.patientId, clinicianId: c.maya, startsAt: at(addDays(c.today, day), "10:00"), durationMin: 45 },
    });
  }

  // Two weeks of home logs with a few missed days, pain easing over time.
  const random = sequence(42);
  const home = plan.activities.filter((a) => a.setting !== "IN_CLINIC");
  // Activities dosed several times a day (ADR 025) get their later doses from a second sequence,
  // so the first dose of each day stays what it was: most days complete, some days partial.
  const laterDoses = sequence(7);
  const logs = [];
  for (let back = 14; back >= 1; back--) {
    const date = addDays(c.today, -back);
    for (const a of home) {
      if (!isDueOn(a, date, start) || random() < 0.2) continue;
      logs.push({
        clinicId: c.clinicId,
        patientId: c.patientId,
        planActivityId: a.id,
        date: fromIsoDate(date),
        done: true,
        painDuring: Math.max(1, Math.round(5 - (14 - back) * 0.2 + random() * 1.5)),
        difficulty: 2 + Math.round(random()),
      });
      for (let slot = 2; slot <= (a.timesPerDay ?? 1); slot++) {
        if (laterDoses() < 0.25) break;
        logs.push({ clinicId: c.clinicId, patientId: c.patientId, planActivityId: a.id, date: fromIsoDate(date), slot, done: true, painDuring: null, difficulty: null });
      }
    }
  }
  await db.homeLog.createMany({ data: logs });

  const odi = (answers: OdiAnswers) => {
    const result = scoreOdi(answers);
    if (!result.ok) throw new Error(result.reason);
    return result;
  };
  const baselineOdi = odi({ painIntensity: 3, personalCare: 1, lifting: 3, walking: 2, sitting: 3, standing: 2, sleeping: 2, sexLife: null, socialLife: 2, travelling: 2 });
  const interimOdi = odi({ painIntensity: 2, personalCare: 1, lifting: 2, walking: 1, sitting: 2, standing: 1, sleeping: 1, sexLife: null, socialLife: 1, travelling: 1 });
  const outcomes = [
    { instrument: "NPRS" as const, context: "BASELINE" as const, answers: { pain: 7 }, score: 7, band: null, day: -21 },
    { instrument: "ODI" as const, context: "BASELINE" as const, answers: {}, score: baselineOdi.score, band: baselineOdi.band, day: -21 },
    { instrument: "NPRS" as const, context: "INTERIM" as const, answers: { pain: 4 }, score: 4, band: null, day: -6 },
    { instrument: "ODI" as const, context: "INTERIM" as const, answers: {}, score: interimOdi.score, band: interimOdi.band, day: -6 },
  ];
  await db.outcomeResponse.createMany({
    data: outcomes.map((o) => ({
      clinicId: c.clinicId,
      patientId: c.patientId,
      planId: plan.id,
      instrument: o.instrument,
      context: o.context,
      answers: o.answers,
      score: o.score,
      band: o.band,
      recordedById: c.maya,
      recordedAt: at(addDays(c.today, o.day), "10:30"),
    })),
  });

  // A draft the patient must never see.
  await db.treatmentPlan.create({
    data: {
      clinicId: c.clinicId,
      patientId: c.patientId,
      clinicianId: c.maya,
      createdById: c.maya,
      title: "Return to golf — progression (draft)",
      condition: t.condition,
      goals: "Full golf swing without pain.",
      status: "DRAFT",
      startDate: fromIsoDate(addDays(c.today, 22)),
      plannedSessions: 4,
      activities: { create: [activityData(c.clinicId, c.item("Core strengthening program"), { setting: "BOTH", phase: "STRENGTHENING", position: 0, dose: { sets: 3, reps: 12, daysPerWeek: 5 } })] },
    },
  });
}

async function seedAna(db: Db, c: { clinicId: string; today: string; patientId: string; sam: string; item: ItemLookup }) {
  const start = addDays(c.today, -7);
  const plan = await db.treatmentPlan.create({
    data: {
      clinicId: c.clinicId,
      patientId: c.patientId,
      clinicianId: c.sam,
      createdById: c.sam,
      title: "Pregnancy-related low back pain — posture and mobility",
      condition: "Low back pain in pregnancy",
      icd10Code: "O26.891",
      goals: "Manage back pain through the third trimester with daily posture and mobility work.",
      status: "ACTIVE",
      startDate: fromIsoDate(start),
      reviewDate: fromIsoDate(addDays(c.today, 28)),
      plannedSessions: 4,
      activities: {
        create: [
          activityData(c.clinicId, c.item("Posture correction"), { setting: "BOTH", phase: "MAINTENANCE", position: 0, dose: { reps: 10, holdSec: 5, timesPerDay: 3, daysPerWeek: 7 } }),
          activityData(c.clinicId, c.item("Cat-cow stretch"), { setting: "HOME", phase: "MOBILITY", position: 1, dose: { reps: 10, timesPerDay: 2, daysPerWeek: 7 } }),
        ],
      },
    },
  });
  await db.session.create({
    data: { clinicId: c.clinicId, planId: plan.id, patientId: c.patientId, clinicianId: c.sam, startsAt: at(addDays(c.today, 3), "14:00"), durationMin: 30 },
  });
}

/**
 * Demo staff sign in with the demo password and a code from DEMO_TOTP_SECRET. The secret is stored
 * encrypted under NEXTAUTH_SECRET (lib/auth/totp-secret.ts), so it is (re)written when missing or
 * written under another secret (a new .data/nextauth-secret); a factor that reads fine is kept.
 * Without NEXTAUTH_SECRET nothing is written and demo staff set up an app at their first sign-in.
 */
async function seedDemoTotp(db: Db, userIds: string[]) {
  if (!process.env.NEXTAUTH_SECRET) {
    console.warn("[seed] NEXTAUTH_SECRET is not set: demo staff get no authenticator app and set one up at their first sign-in");
    return;
  }
  for (const userId of userIds) {
    const factor = await db.totpFactor.findUnique({ where: { userId }, select: { secretEnc: true, confirmedAt: true } });
    if (factor?.confirmedAt && decryptTotpSecret(factor.secretEnc, userId) !== null) continue;
    const data = { secretEnc: encryptTotpSecret(DEMO_TOTP_SECRET, userId), confirmedAt: new Date(), lastUsedStep: null };
    await db.totpFactor.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  }
}
