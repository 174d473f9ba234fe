// Uploads and serving of pictures and videos through the domain functions, against the real
// database and a local storage root of the test's own: what is accepted, what is refused (and that
// a refusal leaves no row, no stored object and no temporary file), who may upload and read.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { listCatalogMedia, removeCatalogMedia } from "@/lib/domain/media/catalog-media";
import { listPlanPictures } from "@/lib/domain/media/list-plan-pictures";
import { openMedia } from "@/lib/domain/media/open-media";
import { uploadActivityMedia, uploadCatalogMedia } from "@/lib/domain/media/upload-media";
import { AppError } from "@/lib/errors";
import { createLocalStorage } from "@/lib/storage/local";
import type { MediaStorage } from "@/lib/storage/types";
import { actorFor, auditCount, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";
import { avif, disconnectingStream, jpegWithExif, mp4, png, streamOf, webm, webp } from "../fixtures/media";

let root: string;
let storage: MediaStorage;
const spoolDir = path.join(tmpdir(), "riverside-uploads");

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "media-upload-"));
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
  const someoneElse = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
  const patient = actorFor(mine.portal!, mine.patient.id);
  const otherPatient = actorFor(someoneElse.portal!, someoneElse.patient.id);
  const plan = await createPlan(clinic.id, mine.patient.id, clinicianUser.id);
  const activity = plan.activities[0]!;
  return { clinic, admin, otherAdmin, clinician, outsider, patient, otherPatient, itemId: activity.catalogItemId, activityId: activity.id, patientId: mine.patient.id };
}

const upload = (actor: Actor, itemId: string, bytes: Buffer, text: Record<string, string> = { altText: "A person lying on their back" }) =>
  uploadCatalogMedia(actor, { catalogItemId: itemId, text, body: streamOf(bytes), declaredLength: bytes.length }, storage);

async function spoolFiles(): Promise<string[]> {
  return readdir(spoolDir).catch(() => []);
}

/** Runs `attempt`, expects the AppError code, and checks nothing was left anywhere. */
async function refusedLeavingNothing(attempt: () => Promise<unknown>, code: AppError["code"], status?: number) {
  const before = { objects: await storage.list(), spool: await spoolFiles() };
  let caught: unknown;
  try {
    await attempt();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  if (status) expect((caught as AppError).status).toBe(status);
  expect(await storage.list()).toEqual(before.objects);
  expect(await spoolFiles()).toEqual(before.spool);
  expect(await testDb().catalogMedia.count()).toBe(0);
  expect(await testDb().activityMedia.count()).toBe(0);
  return caught as AppError;
}

describe("catalog picture upload", () => {
  it("re-encodes a phone photo: orientation applied, EXIF and GPS gone, three widths in WebP and AVIF, original not kept", async () => {
    const s = await setup();
    const original = await jpegWithExif({ width: 1600, height: 1000 }); // EXIF orientation 6: upright it is 1000 × 1600
    const media = await upload(s.admin, s.itemId, original, { altText: "Start position: lying on the back", caption: "Step 1" });
    expect(media).toMatchObject({ kind: "IMAGE", position: 1, altText: "Start position: lying on the back", caption: "Step 1", widths: [320, 640, 1000] });
    expect(media.height).toBe(1600);
    const keys = await storage.list(`catalog/${s.clinic.id}/${media.id}/`);
    expect(keys).toHaveLength(6);
    expect(keys.every((k) => /\/w(320|640|1000)\.(webp|avif)$/.test(k))).toBe(true);

    const served = await openMedia(s.admin, { mediaId: media.id, variant: { w: 640, f: "webp" }, range: null }, storage);
    expect(served.contentType).toBe("image/webp");
    const chunks: Buffer[] = [];
    for await (const c of served.object.body) chunks.push(Buffer.from(c));
    const meta = await sharp(Buffer.concat(chunks)).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 640, height: 1024 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(Buffer.concat(chunks).includes("TestPhone")).toBe(false);

    const avifServed = await openMedia(s.patient, { mediaId: media.id, variant: { w: 1280, f: "avif" }, range: null }, storage);
    expect(avifServed.contentType).toBe("image/avif");
    expect(avifServed.isPatientMedia).toBe(false);
    expect(await auditCount({ action: "catalog.media.add" })).toBe(1);
  });

  it("accepts PNG, WebP and AVIF, ordered in upload order; small pictures are never enlarged", async () => {
    const s = await setup();
    const a = await upload(s.admin, s.itemId, await png());
    const b = await upload(s.admin, s.itemId, await webp());
    const c = await upload(s.admin, s.itemId, await avif());
    expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);
    expect(a.widths).toEqual([64]);
  });

  it("requires alt text for a picture", async () => {
    const s = await setup();
    const bytes = await png();
    const missing = await refusedLeavingNothing(() => upload(s.admin, s.itemId, bytes, { caption: "no alt" }), "VALIDATION", 422);
    expect(missing.fieldErrors?.altText).toBeDefined();
  });

  it.each([
    ["an SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "UNSUPPORTED_MEDIA_TYPE"],
    ["an HTML page", Buffer.from("<!DOCTYPE html><html><body>hello there, this is a page</body></html>"), "UNSUPPORTED_MEDIA_TYPE"],
    ["a shell script", Buffer.from("#!/bin/sh\nrm -rf / # a script, not a picture at all, padded out a bit\n"), "UNSUPPORTED_MEDIA_TYPE"],
    ["a GIF", Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(100)]), "UNSUPPORTED_MEDIA_TYPE"],
    ["a zero-byte file", Buffer.alloc(0), "VALIDATION"],
  ] as const)("refuses %s with a clear 4xx, leaving nothing behind", async (_name, bytes, code) => {
    const s = await setup();
    await refusedLeavingNothing(() => upload(s.admin, s.itemId, bytes), code);
  });

  it("refuses a JPEG/HTML polyglot", async () => {
    const s = await setup();
    const polyglot = Buffer.concat([await jpegWithExif(), Buffer.from("<script>fetch('/api/v1/plans')</script>")]);
    const error = await refusedLeavingNothing(() => upload(s.admin, s.itemId, polyglot), "UNSUPPORTED_MEDIA_TYPE", 415);
    expect(error.message).toMatch(/markup or script/);
  });

  it("refuses a truncated picture", async () => {
    const s = await setup();
    const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#808080" } }).jpeg().toBuffer();
    await refusedLeavingNothing(() => upload(s.admin, s.itemId, whole.subarray(0, Math.floor(whole.length / 2))), "VALIDATION", 422);
  });

  it("refuses a picture over 10 MB (413) as soon as the limit is passed, and a declared length over 200 MB before reading", async () => {
    const s = await setup();
    const big = Buffer.concat([await png(), Buffer.alloc(10 * 1024 * 1024)]);
    await refusedLeavingNothing(() => upload(s.admin, s.itemId, big), "PAYLOAD_TOO_LARGE", 413);
    await refusedLeavingNothing(
      () => uploadCatalogMedia(s.admin, { catalogItemId: s.itemId, text: {}, body: streamOf(Buffer.alloc(10)), declaredLength: 201 * 1024 * 1024 }, storage),
      "PAYLOAD_TOO_LARGE",
    );
  });

  it("refuses an upload whose client disconnects mid-way, or that ends short of its Content-Length", async () => {
    const s = await setup();
    const bytes = await jpegWithExif({ width: 1200, height: 900 });
    await refusedLeavingNothing(
      () => uploadCatalogMedia(s.admin, { catalogItemId: s.itemId, text: { altText: "x" }, body: disconnectingStream(bytes.subarray(0, 5000)), declaredLength: bytes.length }, storage),
      "VALIDATION",
    );
    await refusedLeavingNothing(
      () => uploadCatalogMedia(s.admin, { catalogItemId: s.itemId, text: { altText: "x" }, body: streamOf(bytes.subarray(0, 5000)), declaredLength: bytes.length }, storage),
      "VALIDATION",
    );
  });

  it("lets only the clinic's admins upload to a catalog item", async () => {
    const s = await setup();
    const bytes = await png();
    await refusedLeavingNothing(() => upload(s.clinician, s.itemId, bytes), "FORBIDDEN");
    await refusedLeavingNothing(() => upload(s.patient, s.itemId, bytes), "FORBIDDEN");
    await refusedLeavingNothing(() => upload(s.otherAdmin, s.itemId, bytes), "NOT_FOUND");
    expect(await auditCount({ action: "access.refused" })).toBe(1);
  });
});

describe("catalog media management", () => {
  it("an admin lists and removes media: the row (audited) and every stored object go", async () => {
    const s = await setup();
    const media = await upload(s.admin, s.itemId, await png(), { altText: "Step", caption: "One" });
    expect((await listCatalogMedia(s.admin, s.itemId)).map((m) => m.id)).toEqual([media.id]);
    await expect(removeCatalogMedia(s.clinician, media.id, storage)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeCatalogMedia(s.otherAdmin, media.id, storage)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await storage.list(`catalog/${s.clinic.id}/${media.id}/`)).toHaveLength(2);
    await removeCatalogMedia(s.admin, media.id, storage);
    expect(await storage.list(`catalog/${s.clinic.id}/${media.id}/`)).toEqual([]);
    expect(await testDb().catalogMedia.count()).toBe(0);
    expect(await auditCount({ action: "catalog.media.remove" })).toBe(1);
    await expect(openMedia(s.admin, { mediaId: media.id, variant: {}, range: null }, storage)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("catalog video upload and serving", () => {
  it("stores an H.264 MP4 and serves byte ranges", async () => {
    const s = await setup();
    const bytes = mp4({ mediaBytes: 100_000 });
    const media = await upload(s.admin, s.itemId, bytes, {});
    expect(media).toMatchObject({ kind: "VIDEO", contentType: "video/mp4", widths: [] });
    const part = await openMedia(s.clinician, { mediaId: media.id, variant: {}, range: { start: 0, end: 1 } }, storage);
    expect(part.object).toMatchObject({ size: bytes.length, range: { start: 0, end: 1 } });
    expect(part.contentType).toBe("video/mp4");
    const tail = await openMedia(s.patient, { mediaId: media.id, variant: {}, range: { start: bytes.length - 4, end: Number.MAX_SAFE_INTEGER } }, storage);
    expect(tail.object.range).toEqual({ start: bytes.length - 4, end: bytes.length - 1 });
    const past = await openMedia(s.patient, { mediaId: media.id, variant: {}, range: { start: bytes.length, end: bytes.length + 5 } }, storage);
    expect(past.object.unsatisfiable).toBe(true);
  });

  it("stores a WebM", async () => {
    const s = await setup();
    const media = await upload(s.admin, s.itemId, webm(), {});
    expect(media).toMatchObject({ kind: "VIDEO", contentType: "video/webm" });
  });

  it("refuses a truncated MP4, an MP4 without H.264, a QuickTime file and a truncated WebM", async () => {
    const s = await setup();
    const whole = mp4({ mediaBytes: 50_000 });
    await refusedLeavingNothing(() => upload(s.admin, s.itemId, whole.subarray(0, whole.length - 1000), {}), "VALIDATION");
    await refusedLeavingNothing(() => upload(s.admin, s.itemId, mp4({ codec: "hvc1" }), {}), "UNSUPPORTED_MEDIA_TYPE");
    await refusedLeavingNothing(() => upload(s.admin, s.itemId, mp4({ brand: "qt  " }).fill(0x20, 16, 28), {}), "UNSUPPORTED_MEDIA_TYPE");
    const w = webm(4096);
    await refusedLeavingNothing(() => upload(s.admin, s.itemId, w.subarray(0, w.length - 100), {}), "VALIDATION");
  });

  it("serves catalog media to signed-in users of the clinic only", async () => {
    const s = await setup();
    const media = await upload(s.admin, s.itemId, await png());
    for (const actor of [s.admin, s.clinician, s.outsider, s.patient]) {
      await expect(openMedia(actor, { mediaId: media.id, variant: {}, range: null }, storage)).resolves.toHaveProperty("contentType", "image/webp");
    }
    await expect(openMedia(s.otherAdmin, { mediaId: media.id, variant: {}, range: null }, storage)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openMedia({ ...s.patient, mustChangePassword: true }, { mediaId: media.id, variant: {}, range: null }, storage)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("media on a patient's activity (health information)", () => {
  const uploadTo = (actor: Actor, activityId: string, bytes: Buffer, text: Record<string, string> = { altText: "Bridge, end position" }) =>
    uploadActivityMedia(actor, { activityId, text, body: streamOf(bytes), declaredLength: bytes.length }, storage);

  it("the care team uploads; the care team and the patient read it, audited; nobody else finds it", async () => {
    const s = await setup();
    const media = await uploadTo(s.clinician, s.activityId, await png());
    expect(await auditCount({ action: "plan.activity.media.add", patientId: s.patientId })).toBe(1);
    expect(await storage.list(`patient/${s.clinic.id}/${s.patientId}/${media.id}/`)).toHaveLength(2);

    for (const actor of [s.clinician, s.patient]) {
      const opened = await openMedia(actor, { mediaId: media.id, variant: { w: 320 }, range: null }, storage);
      expect(opened.isPatientMedia).toBe(true);
      opened.object.body.destroy();
    }
    expect(await auditCount({ action: "plan.activity.media.read", patientId: s.patientId })).toBe(2);

    for (const actor of [s.admin, s.outsider, s.otherPatient, s.otherAdmin]) {
      await expect(openMedia(actor, { mediaId: media.id, variant: {}, range: null }, storage)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await auditCount({ action: "access.refused" })).toBe(4);
  });

  it("the plan's pictures (catalog steps first, then the patient's own) go to the care team and the patient only", async () => {
    const s = await setup();
    const step = await upload(s.admin, s.itemId, await png(), { altText: "Step 1", caption: "Lie down" });
    const own = await uploadTo(s.clinician, s.activityId, await webp(), { altText: "Your bridge" });
    await upload(s.admin, s.itemId, mp4(), {}); // videos are not listed as pictures
    const plan = (await testDb().planActivity.findUniqueOrThrow({ where: { id: s.activityId } })).planId;
    for (const actor of [s.clinician, s.patient]) {
      const pictures = await listPlanPictures(actor, plan);
      expect(pictures[s.activityId]?.map((m) => [m.id, m.altText, m.caption])).toEqual([
        [step.id, "Step 1", "Lie down"],
        [own.id, "Your bridge", null],
      ]);
    }
    for (const actor of [s.outsider, s.otherPatient]) expect(await listPlanPictures(actor, plan)).toEqual({});
    await expect(listPlanPictures(s.admin, plan)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("only the care team may upload", async () => {
    const s = await setup();
    const bytes = await png();
    await refusedLeavingNothing(() => uploadTo(s.outsider, s.activityId, bytes), "NOT_FOUND");
    await refusedLeavingNothing(() => uploadTo(s.admin, s.activityId, bytes), "FORBIDDEN");
    await refusedLeavingNothing(() => uploadTo(s.patient, s.activityId, bytes), "FORBIDDEN");
  });

  it("a video filmed in the session is stored and served in ranges", async () => {
    const s = await setup();
    const bytes = mp4({ mediaBytes: 20_000 });
    const media = await uploadTo(s.clinician, s.activityId, bytes, {});
    const opened = await openMedia(s.patient, { mediaId: media.id, variant: {}, range: { start: 4, end: 7 } }, storage);
    expect(await text(opened.object.body)).toBe("ftyp");
  });
});
