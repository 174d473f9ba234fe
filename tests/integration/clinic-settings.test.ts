// Clinic settings (decision 030) against the real database and a storage root of the test's own:
// admins read and change the name, contact details and time zone (a stale version changes
// nothing), bad input changes nothing, other roles are refused; the logo is identified from its
// bytes, re-encoded as a clean PNG, replaced and removed without leaving an object behind; every
// signed-in user of the clinic (and no one else) reads the contact details and the logo.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { openClinicLogo, removeClinicLogo, uploadClinicLogo } from "@/lib/domain/clinic/logo";
import { getClinicContact, getClinicSettings, updateClinicSettings } from "@/lib/domain/clinic/settings";
import { AppError } from "@/lib/errors";
import { createLocalStorage } from "@/lib/storage/local";
import type { MediaStorage } from "@/lib/storage/types";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";
import { jpegWithExif, png, streamOf, webp } from "../fixtures/media";

let root: string;
let storage: MediaStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "clinic-logo-"));
  storage = createLocalStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(truncateAll);

async function world() {
  const clinic = await createClinic("Riverside Physio");
  const other = await createClinic("Elsewhere Rehab");
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const otherAdmin = actorFor(await createUser(other.id, "ADMIN"));
  const clinicianUser = await createUser(clinic.id, "CLINICIAN");
  const clinician = actorFor(clinicianUser);
  const mine = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
  const patient = actorFor(mine.portal!, mine.patient.id);
  return { clinic, other, admin, otherAdmin, clinician, patient };
}

async function rejects(promise: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}

const VALID = { name: "Riverside Physio & Rehab", address: "14 Mill Lane\nRiverside RV1 2AB", phone: "020 7946 0321", timeZone: "Europe/Dublin" };
const clinicRow = (id: string) => testDb().clinic.findUniqueOrThrow({ where: { id } });
const upload = (actor: Actor, bytes: Buffer, version: unknown) => uploadClinicLogo(actor, { body: streamOf(bytes), declaredLength: bytes.length, version }, storage);

describe("clinic settings", () => {
  it("lets an admin read and change them, bumping the version and writing one audit event", async () => {
    const w = await world();
    const before = await getClinicSettings(w.admin);
    expect(before).toEqual({ name: "Riverside Physio", address: null, phone: null, timeZone: "Europe/London", hasLogo: false, version: 1 });
    const saved = await updateClinicSettings(w.admin, { ...VALID, address: "  14 Mill Lane  \r\n\r\n Riverside   RV1 2AB ", version: 1 });
    expect(saved).toEqual({ ...VALID, hasLogo: false, version: 2 });
    expect(await getClinicSettings(w.admin)).toEqual(saved);
    const audit = await testDb().auditEvent.findMany({ where: { action: "clinic.settings.update" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: "Clinic", entityId: w.clinic.id, actorId: w.admin.userId, patientId: null });
    // The other clinic is untouched.
    expect(await clinicRow(w.other.id)).toMatchObject({ name: "Elsewhere Rehab", version: 1, timezone: "Europe/London" });
  });

  it("clears the address and phone when they are left blank", async () => {
    const w = await world();
    await updateClinicSettings(w.admin, { ...VALID, version: 1 });
    const saved = await updateClinicSettings(w.admin, { ...VALID, address: "  \n ", phone: "", version: 2 });
    expect(saved).toMatchObject({ address: null, phone: null, version: 3 });
  });

  it.each([
    ["an empty name", { name: "  " }, "name"],
    ["a name over 120 characters", { name: "x".repeat(121) }, "name"],
    ["an address over 300 characters", { address: "x".repeat(301) }, "address"],
    ["an address of 7 lines", { address: "a\nb\nc\nd\ne\nf\ng" }, "address"],
    ["an address with a control character", { address: "14 Mill Lane\u0007" }, "address"],
    ["letters in the phone", { phone: "call 020 7946" }, "phone"],
    ["a phone with too few digits", { phone: "12 34" }, "phone"],
    ["a phone over 40 characters", { phone: "0".repeat(41) }, "phone"],
    ["a phone with 16 digits", { phone: "+44 1234 5678 901234" }, "phone"],
    ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    ["a UTC offset instead of a zone", { timeZone: "+01:00" }, "timeZone"],
  ])("refuses %s and changes nothing", async (_what, change, field) => {
    const w = await world();
    const before = await clinicRow(w.clinic.id);
    const error = await rejects(updateClinicSettings(w.admin, { ...VALID, ...change, version: 1 } as never), "VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    expect(await clinicRow(w.clinic.id)).toEqual(before);
    expect(await auditCount({ action: "clinic.settings.update" })).toBe(0);
  });

  it("accepts UTC and the phone forms people write", async () => {
    const w = await world();
    let version = 1;
    for (const phone of ["+44 (0)20 7946 0321", "020-7946-0321", "(020) 7946 0321", "+1 212.555.0100"]) {
      const saved = await updateClinicSettings(w.admin, { ...VALID, phone, timeZone: "UTC", version });
      expect(saved).toMatchObject({ phone, timeZone: "UTC" });
      version = saved.version;
    }
  });

  it("answers CONFLICT to a stale version and changes nothing", async () => {
    const w = await world();
    await updateClinicSettings(w.admin, { ...VALID, version: 1 });
    const before = await clinicRow(w.clinic.id);
    const error = await rejects(updateClinicSettings(w.admin, { ...VALID, name: "Stale edit", version: 1 }), "CONFLICT");
    expect(error.status).toBe(409);
    expect(await clinicRow(w.clinic.id)).toEqual(before);
    expect(await auditCount({ action: "clinic.settings.update" })).toBe(1);
  });

  it("lets one of two concurrent saves from the same version through", async () => {
    const w = await world();
    const settled = await Promise.allSettled([updateClinicSettings(w.admin, { ...VALID, name: "First", version: 1 }), updateClinicSettings(w.admin, { ...VALID, name: "Second", version: 1 })]);
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const failed = settled.find((s) => s.status === "rejected");
    expect(failed?.status === "rejected" && failed.reason instanceof AppError && failed.reason.code).toBe("CONFLICT");
    expect((await clinicRow(w.clinic.id)).version).toBe(2);
  });

  it("refuses clinicians and patients, and an admin changes only their own clinic", async () => {
    const w = await world();
    for (const actor of [w.clinician, w.patient]) {
      await rejects(getClinicSettings(actor), "FORBIDDEN");
      await rejects(updateClinicSettings(actor, { ...VALID, version: 1 }), "FORBIDDEN");
      await rejects(removeClinicLogo(actor, { version: 1, confirm: true }, storage), "FORBIDDEN");
      await rejects(upload(actor, await png(), 1), "FORBIDDEN");
    }
    await rejects(getClinicSettings({ ...w.admin, mustChangePassword: true }), "FORBIDDEN");
    await updateClinicSettings(w.otherAdmin, { ...VALID, name: "Elsewhere renamed", version: 1 });
    expect(await clinicRow(w.clinic.id)).toMatchObject({ name: "Riverside Physio", version: 1 });
    expect(await auditCount({ action: "clinic.settings.update" })).toBe(1);
  });
});

describe("getClinicContact", () => {
  it("gives every signed-in user of the clinic its name, address, phone and whether it has a logo", async () => {
    const w = await world();
    await updateClinicSettings(w.admin, { ...VALID, version: 1 });
    for (const actor of [w.admin, w.clinician, w.patient]) {
      expect(await getClinicContact(actor)).toEqual({ name: VALID.name, address: VALID.address, phone: VALID.phone, hasLogo: false });
    }
    expect(await getClinicContact(w.otherAdmin)).toEqual({ name: "Elsewhere Rehab", address: null, phone: null, hasLogo: false });
    await rejects(getClinicContact({ ...w.patient, mustChangePassword: true }), "FORBIDDEN");
    await rejects(getClinicContact({ ...w.clinician, secondFactor: "pending" }), "FORBIDDEN");
    expect(await testDb().auditEvent.count()).toBe(1);
  });
});

describe("clinic logo", () => {
  it("stores a JPEG as a PNG at most 600 px wide without its EXIF, under a random key of the clinic", async () => {
    const w = await world();
    const result = await upload(w.admin, await jpegWithExif({ width: 1600, height: 800 }), 1);
    expect(result).toEqual({ version: 2, hasLogo: true });
    const row = await clinicRow(w.clinic.id);
    expect(row.logoKey).toMatch(new RegExp(`^clinic/${w.clinic.id}/logo-[0-9a-f]{24}\\.png$`));
    expect(await storage.list(`clinic/${w.clinic.id}/`)).toEqual([row.logoKey]);
    const object = await openClinicLogo(w.clinician, storage);
    const bytes = await buffer(object.body);
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe("png");
    // The EXIF orientation (6: rotated) is applied to the pixels: 1600×800 becomes 800×1600, then 600 wide.
    expect([meta.width, meta.height]).toEqual([600, 1200]);
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from("TestPhone"))).toBe(false);
    expect(await auditCount({ action: "clinic.logo.update" })).toBe(1);
    expect(await getClinicContact(w.patient)).toMatchObject({ hasLogo: true });
  });

  it("never enlarges a small logo", async () => {
    const w = await world();
    await upload(w.admin, await webp(), 1);
    const meta = await sharp(await buffer((await openClinicLogo(w.patient, storage)).body)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 64, 48]);
  });

  it("deletes the old object when the logo is replaced and when it is removed", async () => {
    const w = await world();
    await upload(w.admin, await png(), 1);
    const first = (await clinicRow(w.clinic.id)).logoKey!;
    await upload(w.admin, await webp(), 2);
    const second = (await clinicRow(w.clinic.id)).logoKey!;
    expect(second).not.toBe(first);
    expect(await storage.list(`clinic/${w.clinic.id}/`)).toEqual([second]);
    expect(await removeClinicLogo(w.admin, { version: 3, confirm: true }, storage)).toEqual({ version: 4, hasLogo: false });
    expect(await storage.list(`clinic/${w.clinic.id}/`)).toEqual([]);
    expect(await clinicRow(w.clinic.id)).toMatchObject({ logoKey: null, version: 4 });
    await rejects(openClinicLogo(w.admin, storage), "NOT_FOUND");
    expect(await auditCount({ action: "clinic.logo.update" })).toBe(2);
    expect(await auditCount({ action: "clinic.logo.remove" })).toBe(1);
    // Removing none changes nothing and writes nothing.
    expect(await removeClinicLogo(w.admin, { version: 4, confirm: true }, storage)).toEqual({ version: 4, hasLogo: false });
    expect(await auditCount({ action: "clinic.logo.remove" })).toBe(1);
  });

  it("answers CONFLICT to an upload or removal from a stale version and leaves no new object", async () => {
    const w = await world();
    await upload(w.admin, await png(), 1);
    const kept = (await clinicRow(w.clinic.id)).logoKey!;
    await rejects(upload(w.admin, await webp(), 1), "CONFLICT");
    await rejects(removeClinicLogo(w.admin, { version: 1, confirm: true }, storage), "CONFLICT");
    expect(await storage.list(`clinic/${w.clinic.id}/`)).toEqual([kept]);
    expect(await clinicRow(w.clinic.id)).toMatchObject({ logoKey: kept, version: 2 });
  });

  it.each([
    ["an SVG", () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), "UNSUPPORTED_MEDIA_TYPE"],
    ["an HTML page", () => Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>"), "UNSUPPORTED_MEDIA_TYPE"],
    ["a PNG with a script appended", async () => Buffer.concat([await png(), Buffer.from("<script>alert(1)</script>")]), "UNSUPPORTED_MEDIA_TYPE"],
    ["HTML behind a PNG signature", () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("<html><body>hi</body></html>".padEnd(80))]), "UNSUPPORTED_MEDIA_TYPE"],
    ["a truncated PNG", async () => (await png()).subarray(0, 70), "VALIDATION"],
    ["a file over 2 MB", () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2 * 1024 * 1024)]), "PAYLOAD_TOO_LARGE"],
    ["an empty file", () => Buffer.alloc(0), "VALIDATION"],
  ])("refuses %s, leaving no object and no change", async (_what, bytes, code) => {
    const w = await world();
    const before = await clinicRow(w.clinic.id);
    await rejects(upload(w.admin, await bytes(), 1), code as AppError["code"]);
    expect(await storage.list(`clinic/${w.clinic.id}/`)).toEqual([]);
    expect(await clinicRow(w.clinic.id)).toEqual(before);
    expect(await auditCount({ action: "clinic.logo.update" })).toBe(0);
  });

  it("refuses a body longer than 2 MB even when Content-Length claims less", async () => {
    const w = await world();
    const big = Buffer.concat([await png(), Buffer.alloc(2 * 1024 * 1024)]);
    await rejects(uploadClinicLogo(w.admin, { body: streamOf(big), declaredLength: 100, version: 1 }, storage), "PAYLOAD_TOO_LARGE");
    expect(await storage.list(`clinic/${w.clinic.id}/`)).toEqual([]);
  });

  it("refuses a version that is not one", async () => {
    const w = await world();
    await rejects(upload(w.admin, await png(), "1; drop"), "VALIDATION");
    expect(await storage.list(`clinic/${w.clinic.id}/`)).toEqual([]);
  });

  it("serves the logo only within the clinic", async () => {
    const w = await world();
    await upload(w.admin, await png(), 1);
    await rejects(openClinicLogo(w.otherAdmin, storage), "NOT_FOUND");
    await rejects(openClinicLogo({ ...w.patient, mustChangePassword: true }, storage), "FORBIDDEN");
    const object = await openClinicLogo(w.patient, storage);
    expect((await buffer(object.body)).subarray(0, 4).toString("latin1")).toBe("\u0089PNG");
  });
});
