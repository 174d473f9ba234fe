import "server-only";
// The clinic's logo (decision 030): an admin uploads a PNG, JPEG or WebP of at most 2 MB; what it
// is comes from its bytes (lib/media/detect.ts), never its name or declared type; it is decoded
// and re-encoded with sharp as a PNG at most 600 px wide with no metadata (EXIF, GPS, ICC text
// all go), and stored under a random key. Replacing or removing it deletes the old object once
// the row no longer names it. Every signed-in user of the clinic may fetch it (letterheads).
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import sharp from "sharp";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { containsMarkup, detectMedia } from "@/lib/media/detect";
import { deleteObjects } from "@/lib/media/store-upload";
import { mediaStorage, type MediaStorage, type StoredObjectBody } from "@/lib/storage";
import { LOGO_WIDTH, MAX_LOGO_BYTES, ZRemoveClinicLogo, type TRemoveClinicLogo } from "@/lib/validation/clinic";
import { MAX_IMAGE_PIXELS } from "@/lib/validation/media-limits";
import { ZVersion } from "@/lib/validation/common";
import { parseInput } from "@/lib/validation/parse";
import { staleVersion } from "../conflict";
import { assertFullySignedIn } from "./settings";

export type LogoUpload = {
  body: Readable;
  /** The request's Content-Length, when it had one. */
  declaredLength: number | null;
  /** The version of the settings the admin's form was opened at (validated here). */
  version: unknown;
};

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "A logo can be at most 2 MB. Nothing was saved.");
const unsupported = () => new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload the logo as a PNG, JPEG or WebP picture. Nothing was saved.");
const damaged = () => new AppError("VALIDATION", "The picture is incomplete or damaged. Nothing was saved.");

/** The whole body, refused as soon as it passes the limit (a logo is small enough for memory). */
async function readLimited(body: Readable, declaredLength: number | null): Promise<Buffer> {
  if (declaredLength !== null && declaredLength > MAX_LOGO_BYTES) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      if (size > MAX_LOGO_BYTES) {
        body.destroy();
        throw tooLarge();
      }
      chunks.push(buf);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("VALIDATION", "The upload did not complete. Nothing was saved.");
  }
  if (size === 0) throw new AppError("VALIDATION", "The file is empty.");
  if (declaredLength !== null && size !== declaredLength) throw new AppError("VALIDATION", "The upload did not complete. Nothing was saved.");
  return Buffer.concat(chunks);
}

const SHARP_FORMAT = { png: "png", jpeg: "jpeg", webp: "webp" } as const;

/** The logo as it is stored: identified from its bytes, decoded, re-encoded as a clean PNG. */
export async function renderLogo(bytes: Buffer): Promise<Buffer> {
  const detected = detectMedia(bytes.subarray(0, 64));
  if (!detected || detected.kind !== "IMAGE" || !(detected.format in SHARP_FORMAT)) throw unsupported();
  if (containsMarkup(bytes)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "This file contains markup or script and cannot be uploaded.");
  const input = () => sharp(bytes, { failOn: "error", limitInputPixels: MAX_IMAGE_PIXELS, animated: false });
  let format: string | undefined;
  try {
    const meta = await input().metadata();
    if (!meta.width || !meta.height) throw damaged();
    format = meta.format;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged();
  }
  // The decoder must agree with the bytes (a polyglot or a mislabelled container does not).
  if (format !== SHARP_FORMAT[detected.format as keyof typeof SHARP_FORMAT]) throw damaged();
  try {
    // rotate() applies the EXIF orientation to the pixels; sharp writes no metadata unless asked.
    return await input().rotate().resize({ width: LOGO_WIDTH, withoutEnlargement: true }).png({ compressionLevel: 9 }).toBuffer();
  } catch {
    throw damaged();
  }
}

const logoKeyFor = (clinicId: string) => `clinic/${clinicId}/logo-${randomBytes(12).toString("hex")}.png`;

/** Sets or replaces the logo; the old object is deleted once the row names the new one. */
export async function uploadClinicLogo(actor: Actor, input: LogoUpload, storage: MediaStorage = mediaStorage()): Promise<{ version: number; hasLogo: true }> {
  let version: number;
  try {
    assertCan(actor, "clinic:manage");
    version = parseInput(ZVersion, input.version);
  } catch (error) {
    input.body.destroy();
    throw error;
  }
  const png = await renderLogo(await readLimited(input.body, input.declaredLength));
  const key = logoKeyFor(actor.clinicId);
  await storage.put(key, Readable.from([png]), { contentType: "image/png" });
  let previous: string | null;
  try {
    previous = await db().$transaction(async (tx) => {
      const current = await tx.clinic.findUnique({ where: { id: actor.clinicId }, select: { logoKey: true, version: true } });
      if (!current) throw notFound("Clinic");
      const { count } = await tx.clinic.updateMany({ where: { id: actor.clinicId, version }, data: { logoKey: key, version: { increment: 1 } } });
      if (count === 0) throw staleVersion("clinic's settings");
      await recordAuditEvent(tx, { actor, action: "clinic.logo.update", entityType: "Clinic", entityId: actor.clinicId });
      return current.logoKey;
    });
  } catch (error) {
    await deleteObjects(storage, [key]);
    throw error;
  }
  if (previous) await deleteObjects(storage, [previous]);
  return { version: version + 1, hasLogo: true };
}

/** Removes the logo (sent from a confirmation step); removing none changes nothing. */
export async function removeClinicLogo(actor: Actor, input: TRemoveClinicLogo, storage: MediaStorage = mediaStorage()): Promise<{ version: number; hasLogo: false }> {
  assertCan(actor, "clinic:manage");
  const { version } = parseInput(ZRemoveClinicLogo, input);
  const previous = await db().$transaction(async (tx) => {
    const current = await tx.clinic.findUnique({ where: { id: actor.clinicId }, select: { logoKey: true, version: true } });
    if (!current) throw notFound("Clinic");
    if (current.version !== version) throw staleVersion("clinic's settings");
    if (!current.logoKey) return null;
    const { count } = await tx.clinic.updateMany({ where: { id: actor.clinicId, version }, data: { logoKey: null, version: { increment: 1 } } });
    if (count === 0) throw staleVersion("clinic's settings");
    await recordAuditEvent(tx, { actor, action: "clinic.logo.remove", entityType: "Clinic", entityId: actor.clinicId });
    return current.logoKey;
  });
  if (!previous) return { version, hasLogo: false };
  await deleteObjects(storage, [previous]);
  return { version: version + 1, hasLogo: false };
}

/** The logo's bytes for any signed-in user of the clinic; 404 when the clinic has none. */
export async function openClinicLogo(actor: Actor, storage: MediaStorage = mediaStorage()): Promise<StoredObjectBody> {
  assertFullySignedIn(actor);
  const clinic = await db().clinic.findUnique({ where: { id: actor.clinicId }, select: { logoKey: true } });
  const object = clinic?.logoKey ? await storage.get(clinic.logoKey) : null;
  if (!object) throw notFound("Logo");
  return object;
}
