// The /api/v1 list endpoints (decision 048): keyset pages that hold every row once, even with rows
// inserted between pages; scoped like the records' own reads (care team, own record, clinic for
// an admin's demographics; 404 for a patient outside the actor's reach, 403 for a role without the
// permission); bad parameters 400; one audit event per request naming the list and its row count;
// one statement per page; and the pages fit the schemas the OpenAPI document is built from.
import { beforeEach, describe, expect, it } from "vitest";
import { listOutcomesPage } from "@/lib/domain/api/list-outcomes";
import { listPatientsPage } from "@/lib/domain/api/list-patients";
import { listPlansPage } from "@/lib/domain/api/list-plans";
import { listSessionsPage } from "@/lib/domain/api/list-sessions";
import { AppError } from "@/lib/errors";
import { ZOutcomePage, ZPatientPage, ZPlanPage, ZSessionPage, type TListPage } from "@/lib/validation/api-v1";
import { installRecordingDb, recordQueries } from "@/scripts/lib/query-recorder";
import { actorFor, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

const rejects = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

async function world() {
  const db = testDb();
  const clinic = await createClinic();
  const maya = await createUser(clinic.id, "CLINICIAN", "Maya Care");
  const sam = await createUser(clinic.id, "CLINICIAN", "Sam Other");
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const mine = [];
  for (let i = 0; i < 5; i++) mine.push((await createPatient(clinic.id, { careTeam: [{ clinicianId: maya.id, isPrimary: true }], withPortal: i === 0 })));
  const { patient: samsPatient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: sam.id, isPrimary: true }] });
  const { patient: archived } = await createPatient(clinic.id, { careTeam: [{ clinicianId: maya.id, isPrimary: true }] });
  await db.patient.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
  const other = await createClinic();
  const otherClinician = await createUser(other.id, "CLINICIAN");
  const { patient: foreign } = await createPatient(other.id, { careTeam: [{ clinicianId: otherClinician.id, isPrimary: true }] });
  const first = mine[0]!;
  return {
    clinic,
    maya: actorFor(maya),
    mayaUser: maya,
    sam: actorFor(sam),
    samUser: sam,
    admin,
    patients: mine.map((m) => m.patient),
    patientActor: actorFor(first.portal!, first.patient.id),
    samsPatient,
    archived,
    foreign,
    otherClinician: actorFor(otherClinician),
  };
}

/** Every page of a list, following nextCursor; `between` runs after each page but the last. */
async function allPages<T extends { id: string }>(fetch: (query: Record<string, string>) => Promise<TListPage<T>>, query: Record<string, string>, between?: () => Promise<void>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: TListPage<T> = await fetch(cursor ? { ...query, cursor } : query);
    pages++;
    ids.push(...page.data.map((r) => r.id));
    if (page.nextCursor) {
      expect(page.links.next).toContain(`cursor=${page.nextCursor}`);
      if (between) await between();
    } else expect(page.links.next).toBeNull();
    cursor = page.nextCursor;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { ids, pages };
}

describe("GET /api/v1/patients", () => {
  beforeEach(truncateAll);

  it("pages through a clinician's care team once each, in order, with inserts between pages", async () => {
    const w = await world();
    // Two patients created in the same millisecond: the id breaks the tie, neither is lost or repeated.
    const tie = new Date(Date.UTC(2026, 0, 1, 12));
    await testDb().patient.updateMany({ where: { id: { in: [w.patients[1]!.id, w.patients[2]!.id] } }, data: { createdAt: tie } });
    const added: string[] = [];
    const { ids, pages } = await allPages((q) => listPatientsPage(w.maya, q), { limit: "2" }, async () => {
      if (added.length < 2) added.push((await createPatient(w.clinic.id, { careTeam: [{ clinicianId: w.mayaUser.id }] })).patient.id);
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 5).sort()).toEqual(w.patients.map((p) => p.id).sort());
    // Rows inserted after the first pages sort after every row already there: they come at the end.
    expect(ids.slice(5)).toEqual(added);
    expect(pages).toBe(4);
    expect(ids).not.toContain(w.samsPatient.id);
    expect(ids).not.toContain(w.archived.id);
    expect(ids).not.toContain(w.foreign.id);
  });

  it("gives an admin the clinic's patients (demographics), a patient their own record, another clinic nothing", async () => {
    const w = await world();
    const admin = await allPages((q) => listPatientsPage(w.admin, q), { limit: "100" });
    expect(admin.ids.sort()).toEqual([...w.patients.map((p) => p.id), w.samsPatient.id].sort());
    const own = await listPatientsPage(w.patientActor, {});
    expect(own.data.map((p) => p.id)).toEqual([w.patients[0]!.id]);
    expect(ZPatientPage.parse(own)).toEqual(own);
    expect((await listPatientsPage(w.otherClinician, {})).data.map((p) => p.id)).toEqual([w.foreign.id]);
  });

  it("answers 400 for a bad limit or cursor, and audits each request once with its row count", async () => {
    const w = await world();
    await expect(listPatientsPage(w.maya, { limit: "0" })).rejects.toSatisfy(rejects("BAD_REQUEST"));
    await expect(listPatientsPage(w.maya, { limit: "500" })).rejects.toSatisfy(rejects("BAD_REQUEST"));
    await expect(listPatientsPage(w.maya, { cursor: "abc" })).rejects.toSatisfy(rejects("BAD_REQUEST"));
    expect(await testDb().auditEvent.count({ where: { action: "patient.api_list" } })).toBe(0);
    await listPatientsPage(w.maya, { limit: "3" });
    const events = await testDb().auditEvent.findMany({ where: { action: "patient.api_list" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: w.maya.userId, clinicId: w.clinic.id, entityType: "Patient", detail: { rows: 3, limit: 3, continued: false } });
  });

  it("reads a page in one statement, and writes one audit event", async () => {
    const w = await world();
    const restore = installRecordingDb();
    try {
      const { recording } = await recordQueries(() => listPatientsPage(w.maya, { limit: "2" }));
      const sqls = recording.statements.map((s) => s.sql).filter((s) => !/^(BEGIN|COMMIT|SET|SHOW)/i.test(s.trim()));
      expect(sqls.filter((s) => /^\s*SELECT/i.test(s))).toHaveLength(1);
      expect(sqls.filter((s) => /INSERT INTO "AuditEvent"/.test(s))).toHaveLength(1);
    } finally {
      await restore();
    }
  });
});

describe("GET /api/v1/plans", () => {
  beforeEach(truncateAll);

  it("lists the care team's plans, filtered by status and patient; a patient never sees drafts", async () => {
    const w = await world();
    const [p0, p1] = w.patients;
    const active = await createPlan(w.clinic.id, p0!.id, w.mayaUser.id);
    const draft = await createPlan(w.clinic.id, p0!.id, w.mayaUser.id, { status: "DRAFT" });
    const other = await createPlan(w.clinic.id, p1!.id, w.mayaUser.id, { status: "COMPLETED" });
    const sams = await createPlan(w.clinic.id, w.samsPatient.id, w.samUser.id);
    const all = await allPages((q) => listPlansPage(w.maya, q), { limit: "1" });
    expect(all.ids).toEqual([active.id, draft.id, other.id]);
    expect((await listPlansPage(w.maya, { status: "DRAFT" })).data.map((p) => p.id)).toEqual([draft.id]);
    expect((await listPlansPage(w.maya, { patientId: p1!.id })).data.map((p) => p.id)).toEqual([other.id]);
    const own = await listPlansPage(w.patientActor, {});
    expect(own.data.map((p) => p.id)).toEqual([active.id]);
    expect((await listPlansPage(w.patientActor, { status: "DRAFT" })).data).toEqual([]);
    expect((await listPlansPage(w.sam, {})).data.map((p) => p.id)).toEqual([sams.id]);
    const page = await listPlansPage(w.maya, {});
    expect(ZPlanPage.parse(page)).toEqual(page);
    expect(page.data[0]).toMatchObject({ id: active.id, patientId: p0!.id, status: "ACTIVE", startDate: "2026-11-01", reviewDate: null });
  });

  it("answers 404 (audited as refused) for a patient outside the actor's reach, 403 for an admin", async () => {
    const w = await world();
    await expect(listPlansPage(w.maya, { patientId: w.samsPatient.id })).rejects.toSatisfy(rejects("NOT_FOUND"));
    await expect(listPlansPage(w.maya, { patientId: w.foreign.id })).rejects.toSatisfy(rejects("NOT_FOUND"));
    await expect(listPlansPage(w.patientActor, { patientId: w.patients[1]!.id })).rejects.toSatisfy(rejects("NOT_FOUND"));
    expect(await testDb().auditEvent.count({ where: { action: "access.refused", entityId: w.samsPatient.id } })).toBe(1);
    expect(await testDb().auditEvent.count({ where: { action: "plan.api_list" } })).toBe(0);
    // A patient in reach with no plans: an empty list.
    expect((await listPlansPage(w.maya, { patientId: w.patients[4]!.id })).data).toEqual([]);
    await expect(listPlansPage(w.admin, {})).rejects.toSatisfy(rejects("FORBIDDEN"));
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "plan.api_list" } });
    expect(event).toMatchObject({ patientId: w.patients[4]!.id, detail: { rows: 0 } });
  });
});

async function addSession(w: Awaited<ReturnType<typeof world>>, planId: string, patientId: string, startsAt: string, status: "SCHEDULED" | "CANCELLED" = "SCHEDULED") {
  return testDb().session.create({
    data: { clinicId: w.clinic.id, planId, patientId, clinicianId: w.mayaUser.id, startsAt: new Date(startsAt), durationMin: 30, status, subjective: "ZZ note text" },
  });
}

describe("GET /api/v1/sessions", () => {
  beforeEach(truncateAll);

  it("lists by start time with day filters in the clinic's time zone, without the note", async () => {
    const w = await world();
    const p0 = w.patients[0]!;
    const plan = await createPlan(w.clinic.id, p0.id, w.mayaUser.id);
    // London is on UTC+1 in summer: 23:30 UTC on 1 July is 2 July in the clinic.
    const a = await addSession(w, plan.id, p0.id, "2026-07-01T09:00:00Z");
    const b = await addSession(w, plan.id, p0.id, "2026-07-01T23:30:00Z");
    const c = await addSession(w, plan.id, p0.id, "2026-07-03T09:00:00Z", "CANCELLED");
    const all = await allPages((q) => listSessionsPage(w.maya, q), { limit: "2" });
    expect(all.ids).toEqual([a.id, b.id, c.id]);
    expect((await listSessionsPage(w.maya, { from: "2026-07-02", to: "2026-07-02" })).data.map((s) => s.id)).toEqual([b.id]);
    expect((await listSessionsPage(w.maya, { to: "2026-07-01" })).data.map((s) => s.id)).toEqual([a.id]);
    expect((await listSessionsPage(w.maya, { status: "CANCELLED" })).data.map((s) => s.id)).toEqual([c.id]);
    const page = await listSessionsPage(w.maya, {});
    expect(ZSessionPage.parse(page)).toEqual(page);
    expect(JSON.stringify(page)).not.toContain("ZZ note text");
    await expect(listSessionsPage(w.maya, { from: "2026-07-03", to: "2026-07-01" })).rejects.toSatisfy(rejects("BAD_REQUEST"));
    await expect(listSessionsPage(w.admin, {})).rejects.toSatisfy(rejects("FORBIDDEN"));
  });

  it("gives a patient their own sessions, without the id of a plan they may not see", async () => {
    const w = await world();
    const p0 = w.patients[0]!;
    const active = await createPlan(w.clinic.id, p0.id, w.mayaUser.id);
    const draft = await createPlan(w.clinic.id, p0.id, w.mayaUser.id, { status: "DRAFT" });
    const plan1 = await createPlan(w.clinic.id, w.patients[1]!.id, w.mayaUser.id);
    const seen = await addSession(w, active.id, p0.id, "2026-07-01T09:00:00Z");
    const hidden = await addSession(w, draft.id, p0.id, "2026-07-02T09:00:00Z");
    await addSession(w, plan1.id, w.patients[1]!.id, "2026-07-02T10:00:00Z");
    const page = await listSessionsPage(w.patientActor, {});
    expect(page.data.map((s) => [s.id, s.planId])).toEqual([
      [seen.id, active.id],
      [hidden.id, null],
    ]);
  });
});

describe("GET /api/v1/outcomes", () => {
  beforeEach(truncateAll);

  it("lists scores by when recorded, filtered by instrument and patient, within the care team", async () => {
    const w = await world();
    const [p0, p1] = w.patients;
    const db = testDb();
    const add = (patientId: string, instrument: "NPRS" | "ODI", recordedAt: string, score: number) =>
      db.outcomeResponse.create({ data: { clinicId: w.clinic.id, patientId, instrument, context: "BASELINE", answers: {}, score, recordedById: w.mayaUser.id, recordedAt: new Date(recordedAt) } });
    const o1 = await add(p0!.id, "NPRS", "2026-03-01T10:00:00Z", 6);
    const o2 = await add(p1!.id, "ODI", "2026-03-02T10:00:00Z", 42);
    const o3 = await add(p0!.id, "ODI", "2026-03-05T10:00:00Z", 30);
    await add(w.samsPatient.id, "NPRS", "2026-03-03T10:00:00Z", 3);
    expect((await allPages((q) => listOutcomesPage(w.maya, q), { limit: "1" })).ids).toEqual([o1.id, o2.id, o3.id]);
    expect((await listOutcomesPage(w.maya, { instrument: "ODI" })).data.map((o) => o.id)).toEqual([o2.id, o3.id]);
    expect((await listOutcomesPage(w.maya, { patientId: p0!.id, instrument: "ODI" })).data.map((o) => o.id)).toEqual([o3.id]);
    expect((await listOutcomesPage(w.maya, { from: "2026-03-02", to: "2026-03-04" })).data.map((o) => o.id)).toEqual([o2.id]);
    expect((await listOutcomesPage(w.patientActor, {})).data.map((o) => o.id)).toEqual([o1.id, o3.id]);
    const page = await listOutcomesPage(w.maya, {});
    expect(ZOutcomePage.parse(page)).toEqual(page);
    expect(page.data[1]).toMatchObject({ instrument: "ODI", score: 42, context: "BASELINE", band: null });
    await expect(listOutcomesPage(w.maya, { patientId: w.samsPatient.id })).rejects.toSatisfy(rejects("NOT_FOUND"));
    await expect(listOutcomesPage(w.admin, {})).rejects.toSatisfy(rejects("FORBIDDEN"));
    await expect(listOutcomesPage(w.maya, { instrument: "nprs" })).rejects.toSatisfy(rejects("BAD_REQUEST"));
    const events = await db.auditEvent.findMany({ where: { action: "outcome.api_list" }, orderBy: { at: "asc" } });
    expect(events).toHaveLength(8);
    const dated = events.filter((e) => (e.detail as { from?: string } | null)?.from === "2026-03-02");
    expect(dated).toHaveLength(1);
    expect(dated[0]).toMatchObject({ actorId: w.maya.userId, detail: { rows: 1, instrument: null, from: "2026-03-02", to: "2026-03-04" } });
  });
});
