import "server-only";
// A video's poster image and WebVTT captions (decision 026), each uploaded as its own request and
// removable on its own. Same authorization as the video itself: a catalog video is clinic data
// (admins, `catalog:manage`); a patient's activity video is their record (the care team,
// `plan:write` scoped by `patientScope`, never the patient), refused on a finished plan, every
// write audited with the patient. An id outside the actor's reach is an audited refusal (404).
//
// A poster goes through the picture pipeline (identified from its bytes, markup refused, decoded
// and re-encoded by sharp without metadata, three widths in WebP/AVIF); captions through the strict
// WebVTT validator, which writes the file anew. New objects go under fresh keys, so the ones being
// served are never overwritten: the row is switched to them in one version-claimed update (a
// concurrent change answers CONFLICT and the new objects are deleted), then the old ones are
// deleted. Any failure leaves the row and the stored objects as they were.
import { Readable } from "node:stream";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { newId } from "@/lib/db/new-id";
import { AppError } from "@/lib/errors";
import { deleteObjects, storeUpload } from "@/lib/media/store-upload";
import { MAX_CAPTIONS_BYTES, sanitizeWebVtt } from "@/lib/media/webvtt";
import { mediaStorage, type MediaStorage } from "@/lib/storage";
import { MAX_IMAGE_BYTES } from "@/lib/validation/media-limits";
import { ZMediaId, ZRemoveVideoPart, ZVideoPart, type TRemoveVideoPart, type TVideoPart } from "@/lib/validation/media";
import { parseInput } from "@/lib/validation/parse";
import { staleVersion } from "../conflict";
import { MEDIA_SELECT, toMediaDto, type MediaDto } from "./dto";
import { assertPlanEditable } from "./manage-media";

export type VideoPartUpload = {
  mediaId: string;
  /** "poster" or "captions", as the route received it (validated here). */
  part: unknown;
  body: Readable;
  /** The request's Content-Length, when it had one. */
  declaredLength: number | null;
};

type Found = {
  table: "catalog" | "activity";
  id: string;
  version: number;
  posterKeys: string[];
  captionsKey: string | null;
  /** Where this media's objects live (the prefix of its upload). */
  prefix: string;
  audit: { entityType: "CatalogItem" | "PlanActivity"; entityId: string; patientId: string | null };
};

const WHAT = "video";
const PART_FIELDS = { posterWidths: true, posterKeys: true, posterHeight: true, captionsKey: true } as const;

/**
 * The video `mediaId` names, if the actor may change it: a catalog video of their clinic for an
 * admin, an activity video of a patient in their care team (on a plan still open) for a clinician.
 * Anyone else's id, or an unknown one, is an audited refusal (404); a role that may change neither
 * (a patient) is FORBIDDEN.
 */
async function findVideo(actor: Actor, mediaId: string): Promise<Found> {
  const catalogManager = can(actor.role, "catalog:manage");
  const careTeam = can(actor.role, "plan:write");
  // Neither role: the usual refusal (FORBIDDEN, or "change your password first"…).
  if (!catalogManager && !careTeam) assertCan(actor, "plan:write");
  const id = ZMediaId.safeParse(mediaId);
  let found: Found | null = null;
  let kind: "IMAGE" | "VIDEO" | null = null;
  if (id.success && catalogManager) {
    assertCan(actor, "catalog:manage");
    const row = await db().catalogMedia.findFirst({ where: { id: id.data, clinicId: actor.clinicId }, select: { kind: true, version: true, catalogItemId: true, ...PART_FIELDS } });
    if (row) {
      kind = row.kind;
      found = {
        table: "catalog",
        id: id.data,
        version: row.version,
        posterKeys: row.posterKeys,
        captionsKey: row.captionsKey,
        prefix: `catalog/${actor.clinicId}/${id.data}`,
        audit: { entityType: "CatalogItem", entityId: row.catalogItemId, patientId: null },
      };
    }
  }
  if (!found && id.success && careTeam) {
    const row = await db().activityMedia.findFirst({
      where: { id: id.data, clinicId: actor.clinicId, patient: patientScope(actor, "plan:write") },
      select: { kind: true, version: true, activityId: true, patientId: true, activity: { select: { plan: { select: { status: true } } } }, ...PART_FIELDS },
    });
    if (row) {
      assertPlanEditable(row.activity.plan.status);
      kind = row.kind;
      found = {
        table: "activity",
        id: id.data,
        version: row.version,
        posterKeys: row.posterKeys,
        captionsKey: row.captionsKey,
        prefix: `patient/${actor.clinicId}/${row.patientId}/${id.data}`,
        audit: { entityType: "PlanActivity", entityId: row.activityId, patientId: row.patientId },
      };
    }
  }
  if (!found) throw await refusedRecord(actor, { entityType: "Media", entityId: mediaId, what: "Media" });
  if (kind !== "VIDEO") throw new AppError("VALIDATION", "Only a video has a poster image and captions. Nothing was changed.");
  return found;
}

type PartColumns = { posterWidths?: number[]; posterHeight?: number | null; posterKeys?: string[]; captionsKey?: string | null };

/** Switches the row to `data` if it is still at the version it was read at, with its one audit event. */
async function writePart(actor: Actor, found: Found, data: PartColumns, action: string): Promise<MediaDto> {
  return db().$transaction(async (tx) => {
    const where = { id: found.id, clinicId: actor.clinicId, version: found.version };
    const update = { ...data, version: { increment: 1 } };
    const { count } = found.table === "catalog" ? await tx.catalogMedia.updateMany({ where, data: update }) : await tx.activityMedia.updateMany({ where, data: update });
    if (count === 0) throw staleVersion(WHAT);
    await recordAuditEvent(tx, { actor, action, entityType: found.audit.entityType, entityId: found.audit.entityId, patientId: found.audit.patientId });
    const row =
      found.table === "catalog"
        ? await tx.catalogMedia.findUniqueOrThrow({ where: { id: found.id }, select: MEDIA_SELECT })
        : await tx.activityMedia.findUniqueOrThrow({ where: { id: found.id }, select: MEDIA_SELECT });
    return toMediaDto(row);
  });
}

// Catalog ones are audited admin writes; activity ones are writes to the patient's record.
const AUDIT_ACTIONS: { table: Found["table"]; part: TVideoPart; op: "set" | "remove"; action: string }[] = [
  { table: "catalog", part: "poster", op: "set", action: "catalog.media.poster.set" },
  { table: "catalog", part: "poster", op: "remove", action: "catalog.media.poster.remove" },
  { table: "catalog", part: "captions", op: "set", action: "catalog.media.captions.set" },
  { table: "catalog", part: "captions", op: "remove", action: "catalog.media.captions.remove" },
  { table: "activity", part: "poster", op: "set", action: "plan.activity.media.poster.set" },
  { table: "activity", part: "poster", op: "remove", action: "plan.activity.media.poster.remove" },
  { table: "activity", part: "captions", op: "set", action: "plan.activity.media.captions.set" },
  { table: "activity", part: "captions", op: "remove", action: "plan.activity.media.captions.remove" },
];

function auditAction(found: Found, part: TVideoPart, op: "set" | "remove"): string {
  return AUDIT_ACTIONS.find((a) => a.table === found.table && a.part === part && a.op === op)!.action;
}

const tooLargePoster = () => new AppError("PAYLOAD_TOO_LARGE", "A poster image can be at most 10 MB.");
const tooLargeCaptions = () => new AppError("PAYLOAD_TOO_LARGE", "Captions files can be at most 512 kB.");
const incomplete = () => new AppError("VALIDATION", "The upload did not complete. Nothing was saved.");

/** A captions file is small text: read whole (at most 512 kB), refused as soon as it is larger. */
async function readCaptions(body: Readable, declaredLength: number | null): Promise<Buffer> {
  if (declaredLength !== null && declaredLength > MAX_CAPTIONS_BYTES) {
    body.destroy();
    throw tooLargeCaptions();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      if (size > MAX_CAPTIONS_BYTES) throw tooLargeCaptions();
      chunks.push(buf);
    }
  } catch (error) {
    body.destroy();
    if (error instanceof AppError) throw error;
    throw incomplete();
  }
  if (declaredLength !== null && size !== declaredLength) throw incomplete();
  return Buffer.concat(chunks);
}

/**
 * Uploads a video's poster image or captions (`part`), replacing any it had. Answers the video as
 * pages show it.
 */
export async function uploadVideoPart(actor: Actor, input: VideoPartUpload, storage: MediaStorage = mediaStorage()): Promise<MediaDto> {
  let part: TVideoPart;
  let found: Found;
  try {
    part = parseInput(ZVideoPart, input.part);
    found = await findVideo(actor, input.mediaId);
    if (part === "poster" && input.declaredLength !== null && input.declaredLength > MAX_IMAGE_BYTES) throw tooLargePoster();
  } catch (error) {
    input.body.destroy();
    throw error;
  }
  const token = newId();
  let written: string[];
  let data: PartColumns;
  if (part === "poster") {
    const stored = await storeUpload({
      storage,
      body: input.body,
      declaredLength: input.declaredLength,
      prefix: `${found.prefix}/poster-${token}`,
      accept: (kind) => {
        if (kind !== "IMAGE") throw new AppError("UNSUPPORTED_MEDIA_TYPE", "A poster must be a JPEG, PNG, WebP or AVIF picture. Nothing was saved.");
      },
    });
    written = stored.storageKeys;
    data = { posterWidths: stored.widths, posterHeight: stored.height, posterKeys: stored.storageKeys };
  } else {
    const text = sanitizeWebVtt(await readCaptions(input.body, input.declaredLength));
    const key = `${found.prefix}/captions-${token}.vtt`;
    written = [key];
    try {
      await storage.put(key, Readable.from([Buffer.from(text, "utf8")]), { contentType: "text/vtt" });
    } catch (error) {
      await deleteObjects(storage, written);
      throw error;
    }
    data = { captionsKey: key };
  }
  let dto: MediaDto;
  try {
    dto = await writePart(actor, found, data, auditAction(found, part, "set"));
  } catch (error) {
    await deleteObjects(storage, written);
    throw error;
  }
  await deleteObjects(storage, part === "poster" ? found.posterKeys : found.captionsKey ? [found.captionsKey] : []);
  return dto;
}

/** Removes a video's poster image or captions (after the user confirmed): row first, objects after. */
export async function removeVideoPart(actor: Actor, input: TRemoveVideoPart, storage: MediaStorage = mediaStorage()): Promise<MediaDto> {
  const data = parseInput(ZRemoveVideoPart, input);
  const found = await findVideo(actor, data.mediaId);
  const keys = data.part === "poster" ? found.posterKeys : found.captionsKey ? [found.captionsKey] : [];
  if (keys.length === 0) {
    throw new AppError("VALIDATION", data.part === "poster" ? "This video has no poster image. Nothing was changed." : "This video has no captions. Nothing was changed.");
  }
  const dto = await writePart(
    actor,
    found,
    data.part === "poster" ? { posterWidths: [], posterHeight: null, posterKeys: [] } : { captionsKey: null },
    auditAction(found, data.part, "remove"),
  );
  await deleteObjects(storage, keys);
  return dto;
}
