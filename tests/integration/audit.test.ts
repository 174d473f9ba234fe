// Audit events say who did what to which record, and carry no health data.
import { beforeEach, describe, expect, it } from "vitest";
import { getPatientOverview } from "@/lib/domain/patients/get-patient-overview";
import { actorFor, createClinic, createPatient, createPlan, createUser, ownerDb, testDb, truncateAll } from "../fixtures/db";

describe("audit events", () => {
  beforeEach(truncateAll);

  it("record actor, action, entity and time of a patient-record read, and nothing clinical", async () => {
    const clinic = await createClinic();
    const clinician = await createUser(clinic.id, "CLINICIAN");
    const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinician.id, isPrimary: true }], flags: ["ANTICOAGULANTS"] });
    await createPlan(clinic.id, patient.id, clinician.id);

    const before = new Date();
    await getPatientOverview(actorFor(clinician), patient.id);
    const events = await testDb().auditEvent.findMany();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      clinicId: clinic.id,
      actorId: clinician.id,
      actorRole: "CLINICIAN",
      action: "patient.read",
      entityType: "Patient",
      entityId: patient.id,
      patientId: patient.id,
    });
    expect(event!.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    const serialized = JSON.stringify(event);
    for (const clinical of ["ANTICOAGULANTS", "Lower back", patient.lastName, "1980-05-05"]) {
      expect(serialized).not.toContain(clinical);
    }
  });
});

describe("audit rows are append-only", () => {
  beforeEach(truncateAll);

  it("the database refuses UPDATE and DELETE of an audit event, to the app and to the table's owner", async () => {
    const clinic = await createClinic();
    const admin = await createUser(clinic.id, "ADMIN");
    const event = await testDb().auditEvent.create({
      data: { clinicId: clinic.id, actorId: admin.id, actorRole: "ADMIN", action: "test.event", entityType: "Test" },
    });
    // The app's runtime role holds no such right (ADR 021) …
    await expect(testDb().auditEvent.update({ where: { id: event.id }, data: { action: "tampered" } })).rejects.toThrow(/permission denied/);
    await expect(testDb().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/permission denied/);
    // … and the trigger refuses the owner, who has it.
    await expect(ownerDb().auditEvent.update({ where: { id: event.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(ownerDb().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(testDb().user.delete({ where: { id: admin.id } })).rejects.toThrow();
    const after = await testDb().auditEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(after.action).toBe("test.event");
  });
});
