// No health information in any message (issue 14; decision 033). The demo clinic is seeded, then
// every kind of message is caused the way the app causes it (an admin creates accounts, a patient
// forgets a password, the reminder schedule runs at the patients' reminder time and 24 h before an
// appointment, a clinician moves and cancels appointments and asks for a questionnaire), for every
// seeded patient and on both channels (each patient has a push subscription). Every queued message
// is rendered as it would be sent (subject, text, HTML, push title and body) and checked against
// every seeded string that is health information: conditions, diagnosis codes, plan titles and
// goals, treatment names and instructions, clinical notes and summaries, home-log notes,
// questionnaire names, contraindications and dates of birth. Any one found fails the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { createAccount } from "@/lib/domain/accounts/create-account";
import { requestPasswordReset } from "@/lib/domain/accounts/request-password-reset";
import { runReminderTick } from "@/lib/domain/notifications/reminder-tick";
import { requestOdi } from "@/lib/domain/plans/request-odi";
import { changeSessionStatus, rescheduleSession } from "@/lib/domain/sessions/scheduling";
import { todayIn } from "@/lib/domain/schedule/dates";
import { renderFor } from "@/lib/messaging/deliver";
import { MESSAGE_KINDS } from "@/lib/messaging/kinds";
import { seedDemo, CLINIC } from "@/prisma/seed-data/demo";
import { actorFor, testDb, truncateAll } from "../fixtures/db";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
process.env.APP_URL = "https://plans.riverside.test";

const CONTRAINDICATION_WORDS = ["pregnan", "anticoagul", "bleeding disorder", "pacemaker", "malignan", "osteopor", "fracture", "open wound", "impaired sensation", "needle phobia"];
const INSTRUMENT_WORDS = ["Oswestry", "ODI", "NPRS", "RMDQ", "Roland", "disability index", "pain score"];

async function healthStrings(): Promise<string[]> {
  const db = testDb();
  const plans = await db.treatmentPlan.findMany({ select: { title: true, condition: true, goals: true, icd10Code: true, statusReason: true } });
  const activities = await db.planActivity.findMany({ select: { nameSnapshot: true, instructionsSnapshot: true } });
  const catalog = await db.catalogItem.findMany({ select: { name: true, description: true, patientInstructions: true } });
  const templates = await db.planTemplate.findMany({ select: { name: true, condition: true, icd10Code: true } });
  const sessions = await db.session.findMany({
    select: { subjective: true, objective: true, assessment: true, planNote: true, adverseEvent: true, patientSummary: true, statusReason: true },
  });
  const logs = await db.homeLog.findMany({ where: { note: { not: null } }, select: { note: true } });
  const addenda = await db.sessionAddendum.findMany({ select: { text: true } });
  const patients = await db.patient.findMany({ select: { dateOfBirth: true } });
  const outcomes = await db.outcomeResponse.findMany({ select: { band: true } });
  const texts = [
    ...plans.flatMap((p) => [p.title, p.condition, p.goals, p.icd10Code, p.statusReason]),
    ...activities.flatMap((a) => [a.nameSnapshot, a.instructionsSnapshot]),
    ...catalog.flatMap((c) => [c.name, c.description, c.patientInstructions]),
    ...templates.flatMap((t) => [t.name, t.condition, t.icd10Code]),
    ...sessions.flatMap((s) => Object.values(s)),
    ...logs.map((l) => l.note),
    ...addenda.map((a) => a.text),
    ...outcomes.map((o) => o.band),
    ...patients.flatMap((p) => [p.dateOfBirth.toISOString().slice(0, 10)]),
    ...CONTRAINDICATION_WORDS,
    ...INSTRUMENT_WORDS,
  ];
  return [...new Set(texts.filter((t): t is string => typeof t === "string" && t.trim().length >= 4).map((t) => t.trim()))];
}

beforeAll(async () => {
  await truncateAll();
  await seedDemo(testDb(), { today: todayIn(CLINIC.timezone) });
});
afterAll(stopBoss);

describe("messages carry no health information", () => {
  it("every kind, for every seeded patient, on email and push", async () => {
    const db = testDb();
    const clinic = await db.clinic.findFirstOrThrow({ where: { slug: CLINIC.slug } });
    const admin = actorFor(await db.user.findFirstOrThrow({ where: { clinicId: clinic.id, role: "ADMIN" } }));
    const patients = await db.patient.findMany({
      where: { clinicId: clinic.id, userId: { not: null } },
      select: { id: true, userId: true, email: true, careTeam: { where: { isPrimary: true }, select: { clinicianId: true } } },
    });
    expect(patients.length).toBeGreaterThanOrEqual(3);
    for (const p of patients) {
      await db.pushSubscription.create({
        data: { id: `cpush${p.id.slice(-20)}`, clinicId: clinic.id, userId: p.userId!, endpoint: `https://push.example/${p.id}`, p256dh: "BEl6", auth: "x" },
      });
    }

    // Accounts: a new patient and a new clinician are invited; every patient asks for a reset link.
    await createAccount(admin, {
      role: "PATIENT", firstName: "Nia", lastName: "Newcomer", dateOfBirth: "1990-02-03", email: "nia.newcomer@example.com", phone: "+44 20 7946 0998", portalAccess: true, contraindications: [],
      careTeam: [{ clinicianId: patients[0]!.careTeam[0]!.clinicianId, isPrimary: true }],
    } as never);
    await createAccount(admin, { role: "CLINICIAN", name: "Theo Staff", email: "theo.staff@riverside.example" } as never);
    for (const p of patients) await requestPasswordReset({ email: p.email }, { ip: "203.0.113.9" });

    // The clinician's changes: ask for a questionnaire, move an appointment, cancel another.
    for (const p of patients) {
      const clinicianId = p.careTeam[0]!.clinicianId;
      const clinician = actorFor(await db.user.findUniqueOrThrow({ where: { id: clinicianId } }));
      const plan = await db.treatmentPlan.findFirst({ where: { patientId: p.id, status: "ACTIVE" } });
      if (plan) await requestOdi(clinician, { planId: plan.id, requested: true });
      const upcoming = await db.session.findMany({ where: { patientId: p.id, status: "SCHEDULED", startsAt: { gt: new Date() } }, orderBy: { startsAt: "asc" }, take: 2 });
      if (upcoming[0]) {
        const at = new Date(Date.now() + 23.5 * 3_600_000);
        const local = new Intl.DateTimeFormat("en-CA", { timeZone: clinic.timezone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
        const part = (t: string) => local.find((x) => x.type === t)!.value;
        const minute = String(Math.floor(Number(part("minute")) / 15) * 15).padStart(2, "0");
        await rescheduleSession(clinician, { sessionId: upcoming[0].id, version: upcoming[0].version, date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${minute}`, durationMin: upcoming[0].durationMin });
      }
      if (upcoming[1]) await changeSessionStatus(clinician, { sessionId: upcoming[1].id, version: upcoming[1].version, status: "CANCELLED", reason: "Clinic closed" });
    }

    // The schedule: every patient's daily reminder time today (defaults: 18:00 in the clinic's zone), and 24 h ahead.
    for (let minutes = 0; minutes <= 24 * 60; minutes += 30) await runReminderTick(new Date(Date.now() + minutes * 60_000));

    const messages = await db.outboundMessage.findMany({ where: { clinicId: clinic.id } });
    const kinds = new Set(messages.map((m) => m.kind));
    expect([...kinds].sort()).toEqual([...MESSAGE_KINDS].sort());
    expect(new Set(messages.map((m) => m.channel))).toEqual(new Set(["EMAIL", "PUSH"]));

    const markers = await healthStrings();
    expect(markers.length).toBeGreaterThan(40);
    const found: string[] = [];
    for (const m of messages) {
      const r = await renderFor({ ...m, data: m.data as Record<string, string | null> });
      const text = [r.subject, r.text, r.html, r.push.title, r.push.body].join("\n").toLowerCase();
      for (const marker of markers) if (text.includes(marker.toLowerCase())) found.push(`${m.kind}/${m.channel}: "${marker}"`);
    }
    console.log(`${messages.length} messages (${kinds.size} kinds) checked against ${markers.length} health strings: ${found.length} found`);
    expect(found).toEqual([]);
  });
});
