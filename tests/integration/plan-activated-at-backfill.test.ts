// Migration 20261206140000_plan_activated_at (ADR 041): existing plans get activatedAt from the
// audit trail's latest "plan.status.active" event; plans the trail never saw activating (and
// drafts) stay NULL, which counts from the start date. Runs the migration's own UPDATE.
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { actorFor, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

const migration = readFileSync("prisma/migrations/20261206140000_plan_activated_at/migration.sql", "utf8");
const backfill = migration.slice(migration.indexOf('UPDATE "TreatmentPlan"'), migration.indexOf(";", migration.indexOf('UPDATE "TreatmentPlan"')) + 1);

describe("activatedAt backfill", () => {
  beforeEach(truncateAll);

  it("takes the latest activation from the audit trail, and leaves the others NULL", async () => {
    const db = testDb();
    const clinic = await createClinic();
    const user = await createUser(clinic.id, "CLINICIAN");
    const actor = actorFor(user);
    const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: user.id, isPrimary: true }] });
    const resumed = await createPlan(clinic.id, patient.id, user.id);
    const seeded = await createPlan(clinic.id, patient.id, user.id, { status: "ON_HOLD" });
    const draft = await createPlan(clinic.id, patient.id, user.id, { status: "DRAFT" });
    const first = new Date("2026-11-02T10:00:00Z");
    const again = new Date("2026-11-20T08:30:00Z");
    await db.auditEvent.createMany({
      data: [
        { clinicId: clinic.id, actorId: actor.userId, action: "plan.status.active", entityType: "TreatmentPlan", entityId: resumed.id, patientId: patient.id, at: first },
        { clinicId: clinic.id, actorId: actor.userId, action: "plan.status.on_hold", entityType: "TreatmentPlan", entityId: resumed.id, patientId: patient.id, at: new Date("2026-11-10T10:00:00Z") },
        { clinicId: clinic.id, actorId: actor.userId, action: "plan.status.active", entityType: "TreatmentPlan", entityId: resumed.id, patientId: patient.id, at: again },
        // A draft's activation cannot be: a DRAFT plan stays NULL whatever the trail says.
        { clinicId: clinic.id, actorId: actor.userId, action: "plan.status.active", entityType: "TreatmentPlan", entityId: draft.id, patientId: patient.id, at: first },
      ],
    });
    expect(backfill).toMatch(/^UPDATE "TreatmentPlan"[\s\S]+;$/);
    await db.$executeRawUnsafe(backfill);
    const after = new Map((await db.treatmentPlan.findMany({ select: { id: true, activatedAt: true } })).map((p) => [p.id, p.activatedAt]));
    expect(after.get(resumed.id)).toEqual(again);
    expect(after.get(seeded.id)).toBeNull();
    expect(after.get(draft.id)).toBeNull();
  });
});
