// Reordering and editing media already uploaded, and the care team's removal of a patient's
// activity media (decision 029), against the real database: positions after each move, 409 from a
// stale version, bad input refused with nothing changed, who may do it, what is audited.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { listCatalogMedia } from "@/lib/domain/media/catalog-media";
import { listPlanMedia, moveActivityMedia, moveCatalogMedia, removeActivityMedia, reorderFor, updateActivityMedia, updateCatalogMedia } from "@/lib/domain/media/manage-media";
import { uploadActivityMedia, uploadCatalogMedia } from "@/lib/domain/media/upload-media";
import { createLocalStorage } from "@/lib/storage/local";
import type { MediaStorage } from "@/lib/storage/types";
import { actorFor, auditCount, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";
import { mp4, png, streamOf } from "../fixtures/media";

let root: string;
let storage: MediaStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "media-manage-"));
  storage = createLocalStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(truncateAll);

async function setup() {
  const clinic = await createClinic();
  const other = await createClinic();
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const otherAdmin = actorFor(await createUser(other.id, "ADMIN"));
  const clinicianUser = await createUser(clinic.id, "CLINICIAN");
  const clinician = actorFor(clinicianUser);
  const outsider = actorFor(await createUser(clinic.id, "CLINICIAN"));
  const mine = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
  const patient = actorFor(mine.portal!, mine.patient.id);
  const plan = await createPlan(clinic.id, mine.patient.id, clinicianUser.id);
  const activity = plan.activities[0]!;
  return { admin, otherAdmin, clinician, outsider, patient, planId: plan.id, itemId: activity.catalogItemId, activityId: activity.id, patientId: mine.patient.id };
}

async function catalogThree(admin: Actor, itemId: string) {
  const made = [];
  for (const alt of ["Step one", "Step two", "Step three"]) {
    const bytes = await png();
    made.push(await uploadCatalogMedia(admin, { catalogItemId: itemId, text: { altText: alt }, body: streamOf(bytes), declaredLength: bytes.length }, storage));
  }
  return made;
}

async function activityTwo(clinician: Actor, activityId: string) {
  const made = [];
  for (const alt of ["Your bridge, start", "Your bridge, top"]) {
    const bytes = await png();
    made.push(await uploadActivityMedia(clinician, { activityId, text: { altText: alt }, body: streamOf(bytes), declaredLength: bytes.length }, storage));
  }
  return made;
}

const altTexts = async (admin: Actor, itemId: string) => (await listCatalogMedia(admin, itemId)).map((m) => m.altText);

describe("reorderFor", () => {
  const rows = [
    { id: "a", position: 1, version: 1 },
    { id: "b", position: 2, version: 1 },
    { id: "c", position: 2, version: 3 }, // a duplicate position is renumbered too
  ];
  it("swaps with the neighbour and renumbers 1..n", () => {
    expect(reorderFor(rows, "b", "up")).toEqual({
      position: 1,
      changes: [
        { id: "b", position: 2, version: 1, to: 1 },
        { id: "a", position: 1, version: 1, to: 2 },
        { id: "c", position: 2, version: 3, to: 3 },
      ],
    });
    expect(reorderFor(rows, "b", "down")).toEqual({ position: 3, changes: [{ id: "c", position: 2, version: 3, to: 2 }, { id: "b", position: 2, version: 1, to: 3 }].filter((c) => c.to !== c.position) });
  });
  it("refuses a move past either end, and knows no unknown id", () => {
    expect(() => reorderFor(rows, "a", "up")).toThrow(/already first/);
    expect(() => reorderFor(rows, "c", "down")).toThrow(/already last/);
    expect(reorderFor(rows, "z", "up")).toBeNull();
  });
});

describe("catalog media: reorder and edit", () => {
  it("moves a picture up and down, bumping the version of every row that moved; audited once per move", async () => {
    const s = await setup();
    const [one, two, three] = await catalogThree(s.admin, s.itemId);
    expect(await moveCatalogMedia(s.admin, { mediaId: three!.id, version: three!.version, direction: "up" })).toEqual({ position: 2, count: 3 });
    expect(await altTexts(s.admin, s.itemId)).toEqual(["Step one", "Step three", "Step two"]);
    const listed = await listCatalogMedia(s.admin, s.itemId);
    expect(listed.map((m) => [m.position, m.version])).toEqual([[1, one!.version], [2, three!.version + 1], [3, two!.version + 1]]);
    await moveCatalogMedia(s.admin, { mediaId: one!.id, version: one!.version, direction: "down" });
    expect(await altTexts(s.admin, s.itemId)).toEqual(["Step three", "Step one", "Step two"]);
    expect(await auditCount({ action: "catalog.media.move" })).toBe(2);
  });

  it("answers CONFLICT from a stale version and VALIDATION past the end, changing nothing", async () => {
    const s = await setup();
    const [one, two] = await catalogThree(s.admin, s.itemId);
    await moveCatalogMedia(s.admin, { mediaId: two!.id, version: two!.version, direction: "up" });
    // `one` moved down with it: a list opened before still holds its old version.
    await expect(moveCatalogMedia(s.admin, { mediaId: one!.id, version: one!.version, direction: "down" })).rejects.toMatchObject({ code: "CONFLICT", status: 409 });
    await expect(updateCatalogMedia(s.admin, { mediaId: two!.id, version: two!.version, altText: "New", caption: null })).rejects.toMatchObject({ code: "CONFLICT" });
    const fresh = await listCatalogMedia(s.admin, s.itemId);
    await expect(moveCatalogMedia(s.admin, { mediaId: fresh[0]!.id, version: fresh[0]!.version, direction: "up" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await listCatalogMedia(s.admin, s.itemId)).toEqual(fresh);
    expect(await auditCount({ action: "catalog.media.move" })).toBe(1);
    expect(await auditCount({ action: "catalog.media.update" })).toBe(0);
  });

  it("edits alt text and caption; refuses a picture without alt text, over-long text and a bad version with nothing changed", async () => {
    const s = await setup();
    const [one] = await catalogThree(s.admin, s.itemId);
    const saved = await updateCatalogMedia(s.admin, { mediaId: one!.id, version: one!.version, altText: "  Lying on the back, knees bent  ", caption: "Step 1: start" });
    expect(saved).toMatchObject({ altText: "Lying on the back, knees bent", caption: "Step 1: start", version: one!.version + 1 });
    const before = await listCatalogMedia(s.admin, s.itemId);
    for (const bad of [
      { altText: "", caption: "x" },
      { altText: "   ", caption: null },
      { altText: "a".repeat(301), caption: null },
      { altText: "ok", caption: "c".repeat(301) },
      { altText: "ok\u0000", caption: null },
    ]) {
      await expect(updateCatalogMedia(s.admin, { mediaId: one!.id, version: saved.version, ...bad })).rejects.toMatchObject({ code: "VALIDATION", status: 422 });
    }
    await expect(updateCatalogMedia(s.admin, { mediaId: one!.id, version: 0, altText: "ok", caption: null })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(moveCatalogMedia(s.admin, { mediaId: one!.id, version: saved.version, direction: "sideways" as "up" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await listCatalogMedia(s.admin, s.itemId)).toEqual(before);
    expect(await auditCount({ action: "catalog.media.update" })).toBe(1);
  });

  it("a video may go without alt text", async () => {
    const s = await setup();
    const bytes = mp4();
    const video = await uploadCatalogMedia(s.admin, { catalogItemId: s.itemId, text: {}, body: streamOf(bytes), declaredLength: bytes.length }, storage);
    await expect(updateCatalogMedia(s.admin, { mediaId: video.id, version: video.version, altText: "", caption: "Watch the knees" })).resolves.toMatchObject({ altText: null, caption: "Watch the knees" });
  });

  it("only the clinic's admins: a clinician is FORBIDDEN, another clinic's admin finds nothing", async () => {
    const s = await setup();
    const [one, two] = await catalogThree(s.admin, s.itemId);
    const move = { mediaId: two!.id, version: two!.version, direction: "up" as const };
    const edit = { mediaId: one!.id, version: one!.version, altText: "Changed", caption: null };
    for (const actor of [s.clinician, s.patient]) {
      await expect(moveCatalogMedia(actor, move)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateCatalogMedia(actor, edit)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(moveCatalogMedia(s.otherAdmin, move)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateCatalogMedia(s.otherAdmin, edit)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await altTexts(s.admin, s.itemId)).toEqual(["Step one", "Step two", "Step three"]);
  });
});

describe("a patient's activity media: the care team reorders, edits and removes", () => {
  it("moves, edits and removes, each audited once with the patient", async () => {
    const s = await setup();
    const [start, top] = await activityTwo(s.clinician, s.activityId);
    expect(await moveActivityMedia(s.clinician, { mediaId: top!.id, version: top!.version, direction: "up" })).toEqual({ position: 1, count: 2 });
    let listed = (await listPlanMedia(s.clinician, s.planId))[s.activityId]!;
    expect(listed.map((m) => m.altText)).toEqual(["Your bridge, top", "Your bridge, start"]);
    const edited = await updateActivityMedia(s.clinician, { mediaId: start!.id, version: listed[1]!.version, altText: "Hips down", caption: "Breathe out as you lift" });
    expect(edited).toMatchObject({ altText: "Hips down", caption: "Breathe out as you lift" });
    const keys = await storage.list(`patient/`);
    expect(await removeActivityMedia(s.clinician, { mediaId: top!.id, confirm: true }, storage)).toEqual({ removed: true });
    listed = (await listPlanMedia(s.clinician, s.planId))[s.activityId]!;
    expect(listed.map((m) => m.id)).toEqual([start!.id]);
    expect((await storage.list(`patient/`)).length).toBe(keys.length - 2);
    for (const action of ["plan.activity.media.move", "plan.activity.media.update", "plan.activity.media.remove"]) {
      expect(await auditCount({ action, patientId: s.patientId })).toBe(1);
    }
  });

  it("nobody outside the care team: another clinician finds nothing (audited refusal); admins and patients are FORBIDDEN", async () => {
    const s = await setup();
    const [start, top] = await activityTwo(s.clinician, s.activityId);
    const before = await testDb().activityMedia.findMany({ orderBy: { id: "asc" } });
    for (const actor of [s.outsider]) {
      await expect(moveActivityMedia(actor, { mediaId: top!.id, version: top!.version, direction: "up" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(updateActivityMedia(actor, { mediaId: start!.id, version: start!.version, altText: "x", caption: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(removeActivityMedia(actor, { mediaId: start!.id, confirm: true }, storage)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(listPlanMedia(actor, s.planId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await auditCount({ action: "access.refused" })).toBe(3);
    for (const actor of [s.admin, s.patient]) {
      await expect(moveActivityMedia(actor, { mediaId: top!.id, version: top!.version, direction: "up" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateActivityMedia(actor, { mediaId: start!.id, version: start!.version, altText: "x", caption: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(removeActivityMedia(actor, { mediaId: start!.id, confirm: true }, storage)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // A removal without the dialog's confirmation is refused before anything runs.
    await expect(removeActivityMedia(s.clinician, { mediaId: start!.id, confirm: false as true }, storage)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await testDb().activityMedia.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await auditCount({ action: "plan.activity.media.move" })).toBe(0);
  });

  it("a completed or cancelled plan's media cannot be added to or changed", async () => {
    const s = await setup();
    const [start, top] = await activityTwo(s.clinician, s.activityId);
    for (const status of ["COMPLETED", "CANCELLED"] as const) {
      await testDb().treatmentPlan.update({ where: { id: s.planId }, data: { status } });
      const bytes = await png();
      await expect(uploadActivityMedia(s.clinician, { activityId: s.activityId, text: { altText: "Late" }, body: streamOf(bytes), declaredLength: bytes.length }, storage)).rejects.toThrow(
        `This plan is ${status.toLowerCase()}: its pictures and videos can no longer be changed.`,
      );
      await expect(moveActivityMedia(s.clinician, { mediaId: top!.id, version: top!.version, direction: "up" })).rejects.toMatchObject({ code: "VALIDATION" });
      await expect(updateActivityMedia(s.clinician, { mediaId: start!.id, version: start!.version, altText: "x", caption: null })).rejects.toMatchObject({ code: "VALIDATION" });
      await expect(removeActivityMedia(s.clinician, { mediaId: start!.id, confirm: true }, storage)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(await testDb().activityMedia.count()).toBe(2);
  });
});
