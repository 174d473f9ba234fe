// The demo seed builds a usable clinic and can run any number of times without duplicating.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed-data/demo";
import { CATALOG, LOWER_BACK_SPASM_TEMPLATE } from "@/prisma/seed-data/catalog";
import { testDb, truncateAll } from "../fixtures/db";

async function counts() {
  const db = testDb();
  return {
    clinics: await db.clinic.count(),
    users: await db.user.count(),
    patients: await db.patient.count(),
    careTeam: await db.careTeamMember.count(),
    catalog: await db.catalogItem.count(),
    templates: await db.planTemplate.count(),
    templateItems: await db.planTemplateItem.count(),
    plans: await db.treatmentPlan.count(),
    activities: await db.planActivity.count(),
    sessions: await db.session.count(),
    performed: await db.performedTreatment.count(),
    homeLogs: await db.homeLog.count(),
    outcomes: await db.outcomeResponse.count(),
  };
}

describe("demo seed", () => {
  let first: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    await truncateAll();
    await seedDemo(testDb(), { today: "2026-11-26" });
    first = await counts();
  });

  it("creates one clinic with an admin, two clinicians and three patients with portal accounts", async () => {
    const db = testDb();
    expect(first.clinics).toBe(1);
    expect(await db.user.groupBy({ by: ["role"], _count: true, orderBy: { role: "asc" } })).toEqual([
      { role: "ADMIN", _count: 1 },
      { role: "CLINICIAN", _count: 2 },
      { role: "PATIENT", _count: 3 },
    ]);
    expect(await db.patient.count({ where: { userId: { not: null } } })).toBe(3);
    expect(await db.patient.count({ where: { careTeam: { some: { isPrimary: true } } } })).toBe(3);
  });

  it("holds every treatment of the lower-back-spasm text, active, and the protocol built from them", async () => {
    const db = testDb();
    expect(first.catalog).toBe(CATALOG.length);
    const names = (await db.catalogItem.findMany({ where: { status: "ACTIVE" }, select: { name: true } })).map((i) => i.name);
    for (const name of ["Alternating ice and heat therapy", "Chiropractic adjustment", "Deep tissue massage", "Dry needling", "Laser therapy", "Shock wave therapy", "Bridging", "Cat-cow stretch", "Child's pose stretch"]) {
      expect(names).toContain(name);
    }
    const needling = await db.catalogItem.findFirstOrThrow({ where: { name: "Dry needling" } });
    expect(needling.contraindications).toContain("ANTICOAGULANTS");
    const template = await db.planTemplate.findFirstOrThrow({ where: { name: "Lower back spasm" }, include: { items: true } });
    expect(template.items).toHaveLength(LOWER_BACK_SPASM_TEMPLATE.items.length);
    expect(template.description).toMatch(/heavy lifting/i);
  });

  it("gives the demo patient an active plan with past sessions, home logs and a baseline ODI", async () => {
    const db = testDb();
    const jordan = await db.patient.findFirstOrThrow({ where: { email: "jordan.lee@example.com" } });
    const plan = await db.treatmentPlan.findFirstOrThrow({ where: { patientId: jordan.id, status: "ACTIVE" } });
    expect(await db.session.count({ where: { planId: plan.id, status: "COMPLETED", painBefore: { not: null } } })).toBeGreaterThan(0);
    expect(await db.homeLog.count({ where: { patientId: jordan.id } })).toBeGreaterThan(10);
    const odi = await db.outcomeResponse.findFirstOrThrow({ where: { patientId: jordan.id, instrument: "ODI", context: "BASELINE" } });
    expect(odi.score).toBeCloseTo(44.4, 1);
    expect(odi.band).toBe("severe");
  });

  it("is idempotent: running it again changes no count", async () => {
    await seedDemo(testDb(), { today: "2026-11-26" });
    await seedDemo(testDb(), { today: "2026-11-27" });
    expect(await counts()).toEqual(first);
  });
});
