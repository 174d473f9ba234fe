// The PDF handout of a plan (decision 031), made from the demo seed against the real database and
// read back with unpdf (PDF.js): the letterhead with the clinic's phone, the patient's name, the
// day it was made in the clinic's time zone, every current activity with its dose and steps, and
// its pictures (catalog step pictures and the patient's own); who may download it; one audit event.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { uploadActivityMedia, uploadCatalogMedia } from "@/lib/domain/media/upload-media";
import { describeDose, toActivityDto } from "@/lib/domain/plans/dto";
import { buildPlanHandout } from "@/lib/domain/plans/plan-handout";
import { createLocalStorage } from "@/lib/storage/local";
import type { MediaStorage } from "@/lib/storage/types";
import { seedDemo } from "@/prisma/seed-data/demo";
import { actorFor, auditCount, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";
import { png, streamOf } from "../fixtures/media";

/** A picture of its own colour: the PDF embeds identical pictures once. */
const picture = (background: string) => sharp({ create: { width: 800, height: 600, channels: 3, background } }).png().toBuffer();

let root: string;
let storage: MediaStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "plan-handout-"));
  storage = createLocalStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

// 23:30 UTC on 30 June is already 1 July in London (BST): the date printed is the clinic's.
const NOW = new Date("2026-06-30T23:30:00Z");

async function demo() {
  const db = testDb();
  await seedDemo(db, { today: "2026-11-26" });
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  const [maya, sam, admin, jordanUser, anaUser] = await Promise.all(
    ["maya.chen@riverside.example", "sam.okafor@riverside.example", "admin@riverside.example", "jordan.lee@example.com", "ana.silva@example.com"].map(user),
  );
  const jordan = await db.patient.findFirstOrThrow({ where: { userId: jordanUser!.id } });
  const ana = await db.patient.findFirstOrThrow({ where: { userId: anaUser!.id } });
  const plan = await db.treatmentPlan.findFirstOrThrow({
    where: { patientId: jordan.id, status: "ACTIVE" },
    include: { activities: { orderBy: { position: "asc" } } },
  });
  return {
    plan,
    maya: actorFor(maya!),
    sam: actorFor(sam!),
    admin: actorFor(admin!),
    jordan: actorFor(jordanUser!, jordan.id),
    ana: actorFor(anaUser!, ana.id),
  };
}

const textOf = async (pdf: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(/\s+/g, " ");
const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (e: { code?: string }) => e.code ?? String(e));

describe("buildPlanHandout of the demo plan", () => {
  // The demo seed hashes passwords (~25 s on a busy machine): seeded once for these two.
  let w: Awaited<ReturnType<typeof demo>>;
  beforeAll(async () => {
    await truncateAll();
    w = await demo();
  });

  it("makes the demo plan's PDF: letterhead, patient, date in the clinic's zone, every current activity with dose and steps, pictures", async () => {
    const current = w.plan.activities.filter((a) => a.status === "ACTIVE" || a.status === "ON_HOLD");
    expect(current.length).toBeGreaterThan(2);
    // Two step pictures on the first activity's catalog item, one of Jordan's own on the second.
    const first = current[0]!;
    for (const [caption, colour] of [["ZZStep one: start", "#336699"], ["ZZStep two: finish", "#993366"]] as const) {
      const bytes = await picture(colour);
      await uploadCatalogMedia(w.admin, { catalogItemId: first.catalogItemId, text: { altText: caption, caption }, body: streamOf(bytes), declaredLength: bytes.length }, storage);
    }
    const bytes = await picture("#669933");
    await uploadActivityMedia(w.maya, { activityId: current[1]!.id, text: { altText: "Jordan at home", caption: "ZZJordan's own set-up" }, body: streamOf(bytes), declaredLength: bytes.length }, storage);

    // The first file of a process also loads the renderer and the fonts: timed apart.
    let started = performance.now();
    await buildPlanHandout(w.maya, w.plan.id, storage, NOW);
    const cold = performance.now() - started;
    const before = await auditCount({ action: "plan.handout.download" });
    started = performance.now();
    const file = await buildPlanHandout(w.maya, w.plan.id, storage, NOW);
    const warm = performance.now() - started;
    console.log(`handout of the demo plan (${current.length} activities, 3 pictures): first ${Math.round(cold)} ms, then ${Math.round(warm)} ms; ${file.body.length} bytes`);

    expect(file.filename).toBe("treatment-plan-2026-07-01.pdf");
    expect(file.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(file.body.toString("latin1").match(/\/Subtype \/Image/g)).toHaveLength(3);
    expect(file.body.length).toBeLessThan(1_000_000);
    const text = await textOf(file.body);
    for (const expected of ["Riverside Physio & Chiropractic", "14 Mill Lane, Riverside RV1 2AB", "020 7946 0321", "Jordan Lee", "1 July 2026", w.plan.title, "Dr Maya Chen"]) {
      expect(text, expected).toContain(expected);
    }
    for (const activity of current) {
      const dto = toActivityDto(activity);
      expect(text, dto.name).toContain(dto.name);
      expect(text, `${dto.name}: dose`).toContain(describeDose(dto.dose));
      expect(text, `${dto.name}: steps`).toContain(dto.instructions.replace(/\s+/g, " ").trim());
    }
    for (const caption of ["ZZStep one: start", "ZZStep two: finish", "ZZJordan's own set-up"]) expect(text).toContain(caption);
    // Removed and completed activities are not part of what the patient does now.
    for (const gone of w.plan.activities.filter((a) => a.status === "STOPPED" || a.status === "COMPLETED")) {
      if (!current.some((a) => a.nameSnapshot === gone.nameSnapshot)) expect(text).not.toContain(gone.nameSnapshot);
    }

    // One event per download, naming the plan and the patient and nothing of the record.
    expect(await auditCount({ action: "plan.handout.download" })).toBe(before + 1);
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "plan.handout.download" }, orderBy: { at: "desc" } });
    expect(event).toMatchObject({ actorId: w.maya.userId, entityType: "TreatmentPlan", entityId: w.plan.id, patientId: w.jordan.patientId });
  });

  it("is made for the plan's own patient, and NOT_FOUND for another patient, a clinician outside the care team or another clinic", async () => {
    const mine = await buildPlanHandout(w.jordan, w.plan.id, storage, NOW);
    expect(await textOf(mine.body)).toContain("Jordan Lee");
    expect(await codeOf(buildPlanHandout(w.ana, w.plan.id, storage, NOW))).toBe("NOT_FOUND");
    const other = await createClinic();
    const outsider = actorFor(await createUser(other.id, "CLINICIAN"));
    expect(await codeOf(buildPlanHandout(outsider, w.plan.id, storage, NOW))).toBe("NOT_FOUND");
    const notOnTeam = actorFor(await createUser(w.maya.clinicId, "CLINICIAN"));
    expect(await codeOf(buildPlanHandout(notOnTeam, w.plan.id, storage, NOW))).toBe("NOT_FOUND");
    // Admins do not read clinical records (DESIGN roles table).
    expect(await codeOf(buildPlanHandout(w.admin, w.plan.id, storage, NOW))).toBe("FORBIDDEN");
    expect(await codeOf(buildPlanHandout(w.maya, "c000000000000000000000000", storage, NOW))).toBe("NOT_FOUND");
    // Refusals download nothing and are audited as a probe, not a download.
    expect(await auditCount({ action: "plan.handout.download", actorId: outsider.userId })).toBe(0);
    expect(await auditCount({ action: "access.refused", actorId: outsider.userId })).toBe(1);
  });

});

describe("buildPlanHandout of other plans", () => {
  beforeEach(truncateAll);

  it("gives the patient no handout of a draft plan, which the care team can download", async () => {
    const clinic = await createClinic();
    const clinicianUser = await createUser(clinic.id, "CLINICIAN");
    const { patient, portal } = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
    const draft = await createPlan(clinic.id, patient.id, clinicianUser.id, { status: "DRAFT" });
    expect(await codeOf(buildPlanHandout(actorFor(portal!, patient.id), draft.id, storage, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(buildPlanHandout(actorFor(clinicianUser), draft.id, storage, NOW))).toBe("OK");
  });

  it("renders a plan with no pictures, no clinic address or phone, and a picture whose file is gone", async () => {
    const clinic = await createClinic("Bare Clinic");
    const clinicianUser = await createUser(clinic.id, "CLINICIAN");
    const clinician: Actor = actorFor(clinicianUser);
    const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
    const plan = await createPlan(clinic.id, patient.id, clinicianUser.id);
    const plain = await buildPlanHandout(clinician, plan.id, storage, NOW);
    const text = await textOf(plain.body);
    expect(text).toContain("Bare Clinic");
    expect(text).toContain(plan.activities[0]!.nameSnapshot);
    expect(text).toContain("2 × 10 reps · every day");
    expect(text).not.toContain("Phone");
    expect(plain.body.toString("latin1")).not.toContain("/Subtype /Image");

    // A picture whose stored files were removed from under it: the handout is still made, without it.
    const bytes = await png();
    const media = await uploadActivityMedia(clinician, { activityId: plan.activities[0]!.id, text: { altText: "Gone" }, body: streamOf(bytes), declaredLength: bytes.length }, storage);
    const row = await testDb().activityMedia.findUniqueOrThrow({ where: { id: media.id } });
    for (const key of row.storageKeys) await storage.delete(key);
    const without = await buildPlanHandout(clinician, plan.id, storage, NOW);
    expect(without.body.toString("latin1")).not.toContain("/Subtype /Image");
  });

  it("embeds the clinic's logo when it has one", async () => {
    const clinic = await createClinic("Logo Clinic");
    const bytes = await png();
    await storage.put("clinic/logo-test/logo.png", streamOf(bytes), { contentType: "image/png" });
    await testDb().clinic.update({ where: { id: clinic.id }, data: { logoKey: "clinic/logo-test/logo.png", phone: "020 7946 0999" } });
    const clinicianUser = await createUser(clinic.id, "CLINICIAN");
    const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
    const plan = await createPlan(clinic.id, patient.id, clinicianUser.id);
    const file = await buildPlanHandout(actorFor(clinicianUser), plan.id, storage, NOW);
    // A PNG with transparency is two image objects (the picture and its alpha mask).
    expect(file.body.toString("latin1")).toContain("/Subtype /Image");
    expect(await textOf(file.body)).toContain("Phone 020 7946 0999");
  });
});
