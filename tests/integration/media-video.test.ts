// A video's poster image and WebVTT captions (decision 026), through the domain functions against
// the real database and a local storage root of the test's own: what is stored and served, that a
// refusal changes no row and leaves no object (storage listed before and after), who may do it,
// and what is audited.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { removeCatalogMedia } from "@/lib/domain/media/catalog-media";
import { listPlanActivityMedia, listPlanPictures } from "@/lib/domain/media/list-plan-pictures";
import { removeActivityMedia } from "@/lib/domain/media/manage-media";
import { openMedia } from "@/lib/domain/media/open-media";
import { uploadActivityMedia, uploadCatalogMedia } from "@/lib/domain/media/upload-media";
import { removeVideoPart, uploadVideoPart } from "@/lib/domain/media/video-extras";
import { AppError } from "@/lib/errors";
import { createLocalStorage } from "@/lib/storage/local";
import type { MediaStorage } from "@/lib/storage/types";
import { actorFor, auditCount, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";
import { disconnectingStream, jpegWithExif, mp4, png, streamOf, webm } from "../fixtures/media";

let root: string;
let storage: MediaStorage;
const spoolDir = path.join(tmpdir(), "riverside-uploads");

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "media-video-"));
  storage = createLocalStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(truncateAll);

const VTT = "WEBVTT\n\n00:00.000 --> 00:04.000\nLie on your back, knees bent.\n\n00:04.000 --> 00:08.500 align:start\n<i>Breathe out</i> and lift your hips.\n";

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
  return { clinic, admin, otherAdmin, clinician, outsider, patient, otherPatient, planId: plan.id, itemId: activity.catalogItemId, activityId: activity.id, patientId: mine.patient.id };
}

const catalogVideo = (admin: Actor, itemId: string, bytes = mp4()) =>
  uploadCatalogMedia(admin, { catalogItemId: itemId, text: { caption: "Bridging, from the side" }, body: streamOf(bytes), declaredLength: bytes.length }, storage);
const activityVideo = (clinician: Actor, activityId: string, bytes = webm()) =>
  uploadActivityMedia(clinician, { activityId, text: { caption: "Your bridge, filmed in the session" }, body: streamOf(bytes), declaredLength: bytes.length }, storage);

const putPart = (actor: Actor, mediaId: string, part: string, bytes: Buffer, declared: number | null = bytes.length) =>
  uploadVideoPart(actor, { mediaId, part, body: streamOf(bytes), declaredLength: declared }, storage);

async function readAll(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

const spoolFiles = () => readdir(spoolDir).catch(() => [] as string[]);
const rows = async () => ({ catalog: await testDb().catalogMedia.findMany({ orderBy: { id: "asc" } }), activity: await testDb().activityMedia.findMany({ orderBy: { id: "asc" } }) });

/** Runs `attempt`, expects the AppError code, and checks no row changed and no object or temporary file was left. */
async function refusedChangingNothing(attempt: () => Promise<unknown>, code: AppError["code"], message?: RegExp) {
  const before = { objects: await storage.list(), spool: await spoolFiles(), rows: await rows(), audit: await testDb().auditEvent.count() };
  let caught: unknown;
  try {
    await attempt();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  if (message) expect((caught as AppError).message).toMatch(message);
  expect(await storage.list()).toEqual(before.objects);
  expect(await spoolFiles()).toEqual(before.spool);
  expect(await rows()).toEqual(before.rows);
  return caught as AppError;
}

describe("a catalog video's poster and captions", () => {
  it("re-encodes the poster (EXIF gone, WebP/AVIF widths) and serves it and the captions to signed-in users of the clinic", async () => {
    const s = await setup();
    const video = await catalogVideo(s.admin, s.itemId);
    expect(video).toMatchObject({ kind: "VIDEO", poster: null, captionsUrl: null });

    const withPoster = await putPart(s.admin, video.id, "poster", await jpegWithExif({ width: 1600, height: 900 }));
    expect(withPoster.version).toBe(video.version + 1);
    expect(withPoster.poster).toEqual({ url: `/api/v1/media/${video.id}?part=poster&v=${withPoster.version}`, widths: [320, 640, 900], height: 1600 });
    const posterKeys = await storage.list(`catalog/${s.clinic.id}/${video.id}/poster-`);
    expect(posterKeys).toHaveLength(6);
    expect(posterKeys.every((k) => /\/poster-c[a-z0-9]{24}\/w(320|640|900)\.(webp|avif)$/.test(k))).toBe(true);

    const served = await openMedia(s.patient, { mediaId: video.id, variant: { part: "poster", w: 640, f: "avif" }, range: null }, storage);
    expect(served).toMatchObject({ contentType: "image/avif", isPatientMedia: false });
    const bytes = await readAll(served.object.body);
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: "heif", width: 640 });
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes("TestPhone")).toBe(false);

    const withCaptions = await putPart(s.admin, video.id, "captions", Buffer.from(`\uFEFF${VTT.replaceAll("\n", "\r\n")}`, "utf8"));
    expect(withCaptions.captionsUrl).toBe(`/api/v1/media/${video.id}?part=captions&v=${withCaptions.version}`);
    expect(withCaptions.poster?.widths).toEqual([320, 640, 900]);
    const vtt = await openMedia(s.clinician, { mediaId: video.id, variant: { part: "captions" }, range: null }, storage);
    expect(vtt.contentType).toBe("text/vtt; charset=utf-8");
    // Written anew: no byte-order mark, LF line ends, full timestamps, the cue tag kept.
    expect((await readAll(vtt.object.body)).toString("utf8")).toBe(
      "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nLie on your back, knees bent.\n\n00:00:04.000 --> 00:00:08.500 align:start\n<i>Breathe out</i> and lift your hips.\n",
    );
    // The video itself is still served, in ranges.
    const range = await openMedia(s.patient, { mediaId: video.id, variant: {}, range: { start: 0, end: 99 } }, storage);
    expect(range.contentType).toBe("video/mp4");
    expect(range.object.range).toEqual({ start: 0, end: 99 });
    range.object.body.destroy();

    expect(await auditCount({ action: "catalog.media.poster.set" })).toBe(1);
    expect(await auditCount({ action: "catalog.media.captions.set" })).toBe(1);
    // Another clinic's users find nothing.
    await expect(openMedia(s.otherAdmin, { mediaId: video.id, variant: { part: "poster" }, range: null }, storage)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("replacing a poster or captions deletes the old objects; removing them clears the row and the objects; removing the video removes everything", async () => {
    const s = await setup();
    const video = await catalogVideo(s.admin, s.itemId);
    await putPart(s.admin, video.id, "poster", await png());
    await putPart(s.admin, video.id, "captions", Buffer.from(VTT));
    const first = await storage.list(`catalog/${s.clinic.id}/${video.id}/`);
    await putPart(s.admin, video.id, "poster", await png());
    const replaced = await putPart(s.admin, video.id, "captions", Buffer.from(VTT));
    const second = await storage.list(`catalog/${s.clinic.id}/${video.id}/`);
    expect(second).toHaveLength(first.length);
    expect(second.filter((k) => first.includes(k))).toEqual([`catalog/${s.clinic.id}/${video.id}/video.mp4`]);

    // Removal needs the dialog's confirmation.
    await refusedChangingNothing(() => removeVideoPart(s.admin, { mediaId: video.id, part: "poster", confirm: false as true }, storage), "VALIDATION");
    const noPoster = await removeVideoPart(s.admin, { mediaId: video.id, part: "poster", confirm: true }, storage);
    expect(noPoster).toMatchObject({ poster: null, version: replaced.version + 1 });
    expect(noPoster.captionsUrl).not.toBeNull();
    await expect(openMedia(s.admin, { mediaId: video.id, variant: { part: "poster" }, range: null }, storage)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await refusedChangingNothing(() => removeVideoPart(s.admin, { mediaId: video.id, part: "poster", confirm: true }, storage), "VALIDATION", /no poster/);
    const bare = await removeVideoPart(s.admin, { mediaId: video.id, part: "captions", confirm: true }, storage);
    expect(bare).toMatchObject({ poster: null, captionsUrl: null });
    expect(await storage.list(`catalog/${s.clinic.id}/${video.id}/`)).toEqual([`catalog/${s.clinic.id}/${video.id}/video.mp4`]);

    await putPart(s.admin, video.id, "poster", await png());
    await putPart(s.admin, video.id, "captions", Buffer.from(VTT));
    await removeCatalogMedia(s.admin, video.id, storage);
    expect(await storage.list(`catalog/${s.clinic.id}/${video.id}/`)).toEqual([]);
    expect(await auditCount({ action: "catalog.media.poster.remove" })).toBe(1);
    expect(await auditCount({ action: "catalog.media.captions.remove" })).toBe(1);
  });

  it("refuses bad bytes with a clear 4xx, changing no row and leaving no object", async () => {
    const s = await setup();
    const video = await catalogVideo(s.admin, s.itemId);
    await putPart(s.admin, video.id, "poster", await png());
    await putPart(s.admin, video.id, "captions", Buffer.from(VTT));
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await refusedChangingNothing(() => putPart(s.admin, video.id, "poster", svg), "UNSUPPORTED_MEDIA_TYPE");
    await refusedChangingNothing(() => putPart(s.admin, video.id, "poster", Buffer.from("<!doctype html><html><body>hi</body></html>".padEnd(200, " "))), "UNSUPPORTED_MEDIA_TYPE");
    await refusedChangingNothing(() => putPart(s.admin, video.id, "poster", mp4()), "UNSUPPORTED_MEDIA_TYPE", /poster must be a JPEG, PNG, WebP or AVIF picture/);
    const jpeg = await jpegWithExif();
    await refusedChangingNothing(() => putPart(s.admin, video.id, "poster", jpeg.subarray(0, Math.floor(jpeg.length / 2))), "VALIDATION", /incomplete or damaged/);
    await refusedChangingNothing(() => putPart(s.admin, video.id, "poster", Buffer.alloc(0)), "VALIDATION", /empty/);
    const small = await png();
    await refusedChangingNothing(() => putPart(s.admin, video.id, "poster", small, 11 * 1024 * 1024), "PAYLOAD_TOO_LARGE", /at most 10 MB/);
    await refusedChangingNothing(
      () => uploadVideoPart(s.admin, { mediaId: video.id, part: "poster", body: disconnectingStream(jpeg.subarray(0, 100)), declaredLength: jpeg.length }, storage),
      "VALIDATION",
      /did not complete/,
    );

    await refusedChangingNothing(() => putPart(s.admin, video.id, "captions", Buffer.from("<html><script>alert(1)</script></html>")), "VALIDATION", /WEBVTT/);
    await refusedChangingNothing(() => putPart(s.admin, video.id, "captions", Buffer.from("WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n")), "VALIDATION", /Line 4: HTML or script/);
    await refusedChangingNothing(() => putPart(s.admin, video.id, "captions", small), "VALIDATION");
    await refusedChangingNothing(() => putPart(s.admin, video.id, "captions", Buffer.from("WEBVTT\n\n00:00.000 --> 00:01.000\n" + "x".repeat(100) + "\n").subarray(0, 30), 60), "VALIDATION", /did not complete/);
    await refusedChangingNothing(() => putPart(s.admin, video.id, "captions", Buffer.from("WEBVTT\n\n" + "00:00.000 --> 00:01.000\nA\n\n".repeat(30_000))), "PAYLOAD_TOO_LARGE", /512 kB/);
    await refusedChangingNothing(() => putPart(s.admin, video.id, "captions", Buffer.from(VTT), 600 * 1024), "PAYLOAD_TOO_LARGE");
    await refusedChangingNothing(() => putPart(s.admin, video.id, "subtitles", Buffer.from(VTT)), "VALIDATION");

    // A picture has no poster or captions.
    const picture = await uploadCatalogMedia(s.admin, { catalogItemId: s.itemId, text: { altText: "Start position" }, body: streamOf(small), declaredLength: small.length }, storage);
    await refusedChangingNothing(() => putPart(s.admin, picture.id, "poster", small), "VALIDATION", /Only a video/);
    expect(await auditCount({ action: "catalog.media.poster.set" })).toBe(1);
  });

  it("only the clinic's admins: clinicians and patients are refused, another clinic's admin finds nothing (audited)", async () => {
    const s = await setup();
    const video = await catalogVideo(s.admin, s.itemId);
    const poster = await png();
    await refusedChangingNothing(() => putPart(s.patient, video.id, "poster", poster), "FORBIDDEN");
    await refusedChangingNothing(() => removeVideoPart(s.patient, { mediaId: video.id, part: "poster", confirm: true }, storage), "FORBIDDEN");
    const refusedBefore = await auditCount({ action: "access.refused" });
    await refusedChangingNothing(() => putPart(s.clinician, video.id, "poster", poster), "NOT_FOUND");
    await refusedChangingNothing(() => putPart(s.otherAdmin, video.id, "captions", Buffer.from(VTT)), "NOT_FOUND");
    await refusedChangingNothing(() => removeVideoPart(s.otherAdmin, { mediaId: video.id, part: "captions", confirm: true }, storage), "NOT_FOUND");
    await refusedChangingNothing(() => putPart(s.admin, `c${"0".repeat(24)}`, "poster", poster), "NOT_FOUND");
    expect(await auditCount({ action: "access.refused" })).toBe(refusedBefore + 4);
  });
});

describe("a patient's activity video", () => {
  it("the care team adds a poster and captions, audited with the patient; the patient sees them, private", async () => {
    const s = await setup();
    const video = await activityVideo(s.clinician, s.activityId);
    const withPoster = await putPart(s.clinician, video.id, "poster", await png());
    const done = await putPart(s.clinician, video.id, "captions", Buffer.from(VTT));
    expect(await storage.list(`patient/${s.clinic.id}/${s.patientId}/${video.id}/`)).toHaveLength(1 + withPoster.poster!.widths.length * 2 + 1);
    expect(await auditCount({ action: "plan.activity.media.poster.set", patientId: s.patientId })).toBe(1);
    expect(await auditCount({ action: "plan.activity.media.captions.set", patientId: s.patientId })).toBe(1);

    const reads = await auditCount({ action: "plan.activity.media.read" });
    const poster = await openMedia(s.patient, { mediaId: video.id, variant: { part: "poster", w: 320 }, range: null }, storage);
    expect(poster).toMatchObject({ contentType: "image/webp", isPatientMedia: true });
    poster.object.body.destroy();
    const captions = await openMedia(s.patient, { mediaId: video.id, variant: { part: "captions" }, range: null }, storage);
    expect(captions).toMatchObject({ contentType: "text/vtt; charset=utf-8", isPatientMedia: true });
    captions.object.body.destroy();
    expect(await auditCount({ action: "plan.activity.media.read" })).toBe(reads + 2);
    for (const actor of [s.outsider, s.otherPatient, s.otherAdmin]) {
      await expect(openMedia(actor, { mediaId: video.id, variant: { part: "captions" }, range: null }, storage)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }

    // The patient's pages list it beside the pictures, with its poster and captions.
    const listed = await listPlanActivityMedia(s.patient, s.planId);
    expect(listed.videos[s.activityId]).toEqual([done]);
    expect(listed.pictures).toEqual({});
    expect(await listPlanPictures(s.patient, s.planId)).toEqual({});

    await removeVideoPart(s.clinician, { mediaId: video.id, part: "captions", confirm: true }, storage);
    expect(await auditCount({ action: "plan.activity.media.captions.remove", patientId: s.patientId })).toBe(1);
    await removeActivityMedia(s.clinician, { mediaId: video.id, confirm: true }, storage);
    expect(await storage.list(`patient/${s.clinic.id}/${s.patientId}/${video.id}/`)).toEqual([]);
  });

  it("never the patient, nobody outside the care team (audited refusal), and not on a finished plan", async () => {
    const s = await setup();
    const video = await activityVideo(s.clinician, s.activityId);
    await putPart(s.clinician, video.id, "poster", await png());
    const poster = await png();
    await refusedChangingNothing(() => putPart(s.patient, video.id, "poster", poster), "FORBIDDEN");
    await refusedChangingNothing(() => removeVideoPart(s.patient, { mediaId: video.id, part: "poster", confirm: true }, storage), "FORBIDDEN");
    const refusedBefore = await auditCount({ action: "access.refused" });
    await refusedChangingNothing(() => putPart(s.outsider, video.id, "captions", Buffer.from(VTT)), "NOT_FOUND");
    await refusedChangingNothing(() => removeVideoPart(s.outsider, { mediaId: video.id, part: "poster", confirm: true }, storage), "NOT_FOUND");
    await refusedChangingNothing(() => putPart(s.admin, video.id, "poster", poster), "NOT_FOUND");
    expect(await auditCount({ action: "access.refused" })).toBe(refusedBefore + 3);

    for (const status of ["COMPLETED", "CANCELLED"] as const) {
      await testDb().treatmentPlan.update({ where: { id: s.planId }, data: { status } });
      await refusedChangingNothing(() => putPart(s.clinician, video.id, "captions", Buffer.from(VTT)), "VALIDATION", new RegExp(`This plan is ${status.toLowerCase()}`));
      await refusedChangingNothing(() => removeVideoPart(s.clinician, { mediaId: video.id, part: "poster", confirm: true }, storage), "VALIDATION", /can no longer be changed/);
    }
  });

  it("a concurrent change between the read and the write answers CONFLICT and leaves the new objects nowhere", async () => {
    const s = await setup();
    const video = await activityVideo(s.clinician, s.activityId);
    const bytes = await png();
    // The row changes (a text edit elsewhere bumps the version) after it was read, while the poster's
    // renditions are being written.
    let bumped = false;
    const racing: MediaStorage = {
      driver: storage.driver,
      get: (key, range) => storage.get(key, range),
      delete: (key) => storage.delete(key),
      list: (prefix) => storage.list(prefix),
      put: async (key, body, options) => {
        if (!bumped) {
          bumped = true;
          await testDb().activityMedia.update({ where: { id: video.id }, data: { version: { increment: 1 } } });
        }
        return storage.put(key, body, options);
      },
    };
    const before = await storage.list();
    await expect(uploadVideoPart(s.clinician, { mediaId: video.id, part: "poster", body: streamOf(bytes), declaredLength: bytes.length }, racing)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await storage.list()).toEqual(before);
    expect(await testDb().activityMedia.findUniqueOrThrow({ where: { id: video.id } })).toMatchObject({ posterKeys: [], version: video.version + 1 });
  });
});
