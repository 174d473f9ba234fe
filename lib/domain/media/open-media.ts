import "server-only";
// Serving a picture or video: every request is authorized again (no public bucket, no signed URL).
// Catalog media: any signed-in user of the item's clinic. Activity media: the patient's care team
// and the patient, each read audited like the rest of the record. Ids are random (newId()), and an
// id outside the actor's reach answers exactly like one that does not exist.
// A video's poster (?part=poster&w=&f=) and captions (?part=captions) are authorized exactly as the
// video is, and a patient's are audited reads too (decision 026).
import { assertSignedIn, PasswordChangeRequiredError, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { mediaStorage, type ByteRange, type MediaStorage, type StoredObjectBody } from "@/lib/storage";
import type { TMediaVariant } from "@/lib/validation/media";

export type OpenedMedia = {
  object: StoredObjectBody;
  contentType: string;
  /** Patient health information: never cached by a shared cache, nor kept by the browser. */
  isPatientMedia: boolean;
};

type Row = { kind: "IMAGE" | "VIDEO"; contentType: string; widths: number[]; storageKeys: string[] };
type VideoRow = Row & { posterWidths: number[]; posterKeys: string[]; captionsKey: string | null };

/** Captions are served as WebVTT text (decision 026). */
export const CAPTIONS_CONTENT_TYPE = "text/vtt; charset=utf-8";

/** The stored key and type a request asks for: a picture's nearest width in the asked format. */
export function pickObject(row: Row, variant: TMediaVariant): { key: string; contentType: string } | null {
  if (row.kind === "VIDEO") return row.storageKeys[0] ? { key: row.storageKeys[0], contentType: row.contentType } : null;
  const format = variant.f ?? "webp";
  const wanted = variant.w ?? 640;
  const sorted = [...row.widths].sort((a, b) => a - b);
  const width = [...sorted].reverse().find((w) => w <= wanted) ?? sorted[0];
  const key = row.storageKeys.find((k) => k.endsWith(`/w${width}.${format}`));
  return key ? { key, contentType: `image/${format}` } : null;
}

/** The object a request asks for: the media itself, or a video's poster rendition or captions. */
export function pickPart(row: VideoRow, variant: TMediaVariant): { key: string; contentType: string } | null {
  if (!variant.part) return pickObject(row, variant);
  if (row.kind !== "VIDEO") return null;
  if (variant.part === "captions") return row.captionsKey ? { key: row.captionsKey, contentType: CAPTIONS_CONTENT_TYPE } : null;
  if (row.posterKeys.length === 0) return null;
  return pickObject({ kind: "IMAGE", contentType: "image/webp", widths: row.posterWidths, storageKeys: row.posterKeys }, variant);
}

export async function openMedia(
  actor: Actor,
  input: { mediaId: string; variant: TMediaVariant; range: ByteRange | null },
  storage: MediaStorage = mediaStorage(),
): Promise<OpenedMedia> {
  if (actor.mustChangePassword) throw new PasswordChangeRequiredError();
  assertSignedIn(actor);
  const select = { kind: true, contentType: true, widths: true, storageKeys: true, posterWidths: true, posterKeys: true, captionsKey: true } as const;

  const catalog = await db().catalogMedia.findFirst({ where: { id: input.mediaId, clinicId: actor.clinicId }, select });
  let row: VideoRow | null = catalog;
  let patientId: string | null = null;
  if (!row && can(actor.role, "plan:read")) {
    const own = await db().activityMedia.findFirst({
      where: { id: input.mediaId, clinicId: actor.clinicId, patient: patientScope(actor, "plan:read") },
      select: { ...select, patientId: true, activityId: true },
    });
    if (own) {
      row = own;
      patientId = own.patientId;
      // A video is fetched in many ranges: the first request of a viewing is the one audited.
      if (!input.range || input.range.start === 0) {
        await recordAuditEvent(db(), { actor, action: "plan.activity.media.read", entityType: "PlanActivity", entityId: own.activityId, patientId });
      }
    }
  }
  if (!row) throw await refusedRecord(actor, { entityType: "Media", entityId: input.mediaId, what: "Media" });
  const picked = pickPart(row, input.variant);
  const object = picked ? await storage.get(picked.key, input.range ?? undefined) : null;
  if (!picked || !object) throw notFound("Media");
  return { object, contentType: picked.contentType, isPatientMedia: patientId !== null };
}
