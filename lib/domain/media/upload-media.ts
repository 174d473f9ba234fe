import "server-only";
// Uploads of a picture or video to a catalog item (admins: clinic data) or to one patient's plan
// activity (the care team: that patient's health information). Who may upload is checked before a
// byte is read; the bytes then go through lib/media/store-upload.ts, and the row and its audit
// event are written only once every object is stored. Any failure leaves no row and no object.
import type { Readable } from "node:stream";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { newId } from "@/lib/db/new-id";
import { AppError } from "@/lib/errors";
import { deleteObjects, storeUpload, type StoredUpload } from "@/lib/media/store-upload";
import { mediaStorage, type MediaStorage } from "@/lib/storage";
import { ZMediaText, type TMediaText } from "@/lib/validation/media";
import { parseInput } from "@/lib/validation/parse";
import { toMediaDto, type MediaDto } from "./dto";
import { assertPlanEditable } from "./manage-media";

export type UploadInput = {
  /** altText / caption, as the client sent them (validated here). */
  text: unknown;
  body: Readable;
  /** The request's Content-Length, when it had one. */
  declaredLength: number | null;
};

const altRequired = () =>
  new AppError("VALIDATION", "Describe the picture for people who cannot see it. Nothing was saved.", {
    altText: ["Alt text is required for a picture"],
  });

async function store(storage: MediaStorage, input: UploadInput, text: TMediaText, prefix: string): Promise<StoredUpload> {
  return storeUpload({
    storage,
    body: input.body,
    declaredLength: input.declaredLength,
    prefix,
    accept: (kind) => {
      if (kind === "IMAGE" && !text.altText) throw altRequired();
    },
  });
}

export async function uploadCatalogMedia(
  actor: Actor,
  input: UploadInput & { catalogItemId: string },
  storage: MediaStorage = mediaStorage(),
): Promise<MediaDto> {
  assertCan(actor, "catalog:manage");
  const text = parseInput(ZMediaText, input.text);
  const item = await db().catalogItem.findFirst({ where: { id: input.catalogItemId, clinicId: actor.clinicId }, select: { id: true } });
  if (!item) {
    input.body.destroy();
    throw await refusedRecord(actor, { entityType: "CatalogItem", entityId: input.catalogItemId, what: "Catalog item" });
  }
  const id = newId();
  const stored = await store(storage, input, text, `catalog/${actor.clinicId}/${id}`);
  try {
    const row = await db().$transaction(async (tx) => {
      const last = await tx.catalogMedia.aggregate({ where: { catalogItemId: item.id, clinicId: actor.clinicId }, _max: { position: true } });
      const created = await tx.catalogMedia.create({
        data: {
          id,
          clinicId: actor.clinicId,
          catalogItemId: item.id,
          ...storedFields(stored, text, actor, last._max.position),
        },
      });
      await recordAuditEvent(tx, { actor, action: "catalog.media.add", entityType: "CatalogItem", entityId: item.id });
      return created;
    });
    return toMediaDto(row);
  } catch (error) {
    await deleteObjects(storage, stored.storageKeys);
    throw error;
  }
}

/** The columns both media tables take from a stored upload, placed after the last one. */
function storedFields(stored: Awaited<ReturnType<typeof store>>, text: { altText: string | null; caption: string | null }, actor: Actor, lastPosition: number | null) {
  return {
    kind: stored.kind,
    position: (lastPosition ?? 0) + 1,
    altText: text.altText,
    caption: text.caption,
    contentType: stored.contentType,
    widths: stored.widths,
    height: stored.height,
    storageKeys: stored.storageKeys,
    byteSize: stored.byteSize,
    createdById: actor.userId,
  };
}

export async function uploadActivityMedia(
  actor: Actor,
  input: UploadInput & { activityId: string },
  storage: MediaStorage = mediaStorage(),
): Promise<MediaDto> {
  const patient = patientScope(actor, "plan:write");
  const text = parseInput(ZMediaText, input.text);
  const activity = await db().planActivity.findFirst({
    where: { id: input.activityId, clinicId: actor.clinicId, plan: { patient } },
    select: { id: true, plan: { select: { patientId: true, status: true } } },
  });
  if (!activity) {
    input.body.destroy();
    throw await refusedRecord(actor, { entityType: "PlanActivity", entityId: input.activityId, what: "Activity" });
  }
  try {
    assertPlanEditable(activity.plan.status);
  } catch (error) {
    input.body.destroy();
    throw error;
  }
  const patientId = activity.plan.patientId;
  const id = newId();
  const stored = await store(storage, input, text, `patient/${actor.clinicId}/${patientId}/${id}`);
  try {
    const row = await db().$transaction(async (tx) => {
      const last = await tx.activityMedia.aggregate({ where: { activityId: activity.id, clinicId: actor.clinicId }, _max: { position: true } });
      const created = await tx.activityMedia.create({
        data: {
          id,
          clinicId: actor.clinicId,
          activityId: activity.id,
          patientId,
          ...storedFields(stored, text, actor, last._max.position),
        },
      });
      await recordAuditEvent(tx, { actor, action: "plan.activity.media.add", entityType: "PlanActivity", entityId: activity.id, patientId });
      return created;
    });
    return toMediaDto(row);
  } catch (error) {
    await deleteObjects(storage, stored.storageKeys);
    throw error;
  }
}
