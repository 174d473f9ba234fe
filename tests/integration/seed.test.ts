// The demo seed builds a usable clinic and can run any number of times without duplicating.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MediaStorage } from "@/lib/storage";
import { createLocalStorage } from "@/lib/storage/local";
import { seedDemo } from "@/prisma/seed-data/demo";
import { seedDemoMedia, type SeedMediaResult } from "@/prisma/seed-media/seed-media";
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
    noteTemplates: await db.noteTemplate.count(),
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

  it("gives the clinic note templates, one per kind of visit, each with S/O/A/P starter text (decision 037)", async () => {
    const rows = await testDb().noteTemplate.findMany({ orderBy: { name: "asc" } });
    expect(rows.map((r) => r.name)).toEqual(["Discharge", "Follow-up treatment", "Initial assessment"]);
    for (const r of rows) expect([r.subjective, r.objective, r.assessment, r.planNote].every((t) => t.length > 0)).toBe(true);
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

// The catalog's step illustrations (decision 028), stored through the upload pipeline.
describe("demo seed: step illustrations", () => {
  const HOME = ["Child's pose stretch", "Bridging", "Cat-cow stretch", "Foam-roller release", "Core strengthening program", "Posture correction", "Alternating ice and heat therapy"];
  const IN_CLINIC = ["Shock wave therapy", "Laser therapy", "Dry needling", "Chiropractic adjustment", "Deep tissue massage"];
  let root: string;
  let storage: MediaStorage;
  let first: SeedMediaResult;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "seed-media-"));
    storage = createLocalStorage(path.join(root, "media"));
    await truncateAll();
    await seedDemo(testDb(), { today: "2026-11-26" });
    first = await seedDemoMedia(testDb(), storage, { cacheDir: path.join(root, "cache") });
  }, 240_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const mediaOf = (name: string) => testDb().catalogMedia.findMany({ where: { catalogItem: { name } }, orderBy: { position: "asc" } });

  it("gives every home exercise two or three step pictures and some in-clinic treatments one, in order, with alt text and a caption", async () => {
    expect(first).toMatchObject({ items: HOME.length + IN_CLINIC.length, cached: 0 });
    for (const name of HOME) {
      const media = await mediaOf(name);
      expect(media.length, name).toBeGreaterThanOrEqual(2);
      expect(media.length, name).toBeLessThanOrEqual(3);
      expect(media.map((m) => m.position)).toEqual(media.map((_, i) => i + 1));
    }
    for (const name of IN_CLINIC) expect(await mediaOf(name), name).toHaveLength(1);
    const all = await testDb().catalogMedia.findMany();
    expect(all).toHaveLength(first.pictures);
    const admin = await testDb().user.findUniqueOrThrow({ where: { email: "admin@riverside.example" } });
    for (const m of all) {
      expect(m).toMatchObject({ kind: "IMAGE", contentType: "image/webp", widths: [320, 640, 960], height: 720, createdById: admin.id });
      expect(m.altText).toMatch(/^Drawing of /);
      expect(m.caption?.length).toBeGreaterThan(10);
      // tests/e2e/media.spec.ts finds its own uploaded picture by this alt text.
      expect(m.altText).not.toContain("Cat-cow: start on hands and knees");
    }
  });

  it("stores every rendition through the storage driver, as decodable WebP and AVIF of the stated size", async () => {
    const all = await testDb().catalogMedia.findMany();
    const keys = all.flatMap((m) => m.storageKeys);
    expect(keys).toHaveLength(all.length * 6);
    expect(await storage.list("catalog/")).toEqual([...keys].sort());
    const one = all[0]!;
    for (const key of one.storageKeys) {
      const object = await storage.get(key);
      const chunks: Buffer[] = [];
      for await (const chunk of object!.body) chunks.push(chunk as Buffer);
      const meta = await sharp(Buffer.concat(chunks)).metadata();
      const [, width, format] = /\/w(\d+)\.(webp|avif)$/.exec(key)!;
      expect(meta.width).toBe(Number(width));
      expect(meta.format).toBe(format === "avif" ? "heif" : "webp");
    }
    const total = one.storageKeys.length;
    expect(one.byteSize).toBeGreaterThan(total * 200);
  });

  it("is idempotent, and a fresh database takes the same pictures from the render cache", async () => {
    const rows = await testDb().catalogMedia.count();
    expect(await seedDemoMedia(testDb(), storage, { cacheDir: path.join(root, "cache") })).toEqual({ items: 0, pictures: 0, cached: 0 });
    expect(await testDb().catalogMedia.count()).toBe(rows);

    const before = await testDb().catalogMedia.findMany({ orderBy: [{ catalogItemId: "asc" }, { position: "asc" }], include: { catalogItem: true } });
    await truncateAll();
    await seedDemo(testDb(), { today: "2026-11-26" });
    const again = await seedDemoMedia(testDb(), storage, { cacheDir: path.join(root, "cache") });
    expect(again).toEqual({ ...first, cached: first.pictures });
    const after = await testDb().catalogMedia.findMany({ orderBy: [{ catalogItemId: "asc" }, { position: "asc" }], include: { catalogItem: true } });
    const text = (list: typeof before) => list.map((m) => [m.catalogItem.name, m.position, m.altText, m.caption, m.byteSize].join("|")).sort();
    expect(text(after)).toEqual(text(before));
  });

  it("leaves an item alone that already has media, so an admin's own pictures are never added to", async () => {
    const bridging = await testDb().catalogItem.findFirstOrThrow({ where: { name: "Bridging" } });
    const kept = await mediaOf("Bridging");
    await testDb().catalogMedia.deleteMany({ where: { catalogItemId: bridging.id, position: { gt: 1 } } });
    expect(await seedDemoMedia(testDb(), storage, { cacheDir: path.join(root, "cache") })).toMatchObject({ pictures: 0 });
    expect((await mediaOf("Bridging")).map((m) => m.id)).toEqual([kept[0]!.id]);
  });
});
