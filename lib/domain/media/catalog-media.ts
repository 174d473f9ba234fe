import "server-only";
// The admin's view of a catalog item's media and its removal. Uploads: upload-media.ts.
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { deleteObjects } from "@/lib/media/store-upload";
import { mediaStorage, type MediaStorage } from "@/lib/storage";
import { MEDIA_SELECT, toMediaDto, type MediaDto } from "./dto";

export async function listCatalogMedia(actor: Actor, catalogItemId: string): Promise<MediaDto[]> {
  assertCan(actor, "catalog:manage");
  const rows = await db().catalogMedia.findMany({
    where: { catalogItemId, clinicId: actor.clinicId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: MEDIA_SELECT,
  });
  return rows.map(toMediaDto);
}

/** Deletes the row (audited) first, then its objects: a failed object delete leaves an orphan, never a row without its files. */
export async function removeCatalogMedia(actor: Actor, mediaId: string, storage: MediaStorage = mediaStorage()): Promise<{ removed: true }> {
  assertCan(actor, "catalog:manage");
  const keys = await db().$transaction(async (tx) => {
    const row = await tx.catalogMedia.findFirst({ where: { id: mediaId, clinicId: actor.clinicId }, select: { catalogItemId: true, storageKeys: true, posterKeys: true, captionsKey: true } });
    if (!row) throw notFound("Media");
    await tx.catalogMedia.delete({ where: { id: mediaId } });
    await recordAuditEvent(tx, { actor, action: "catalog.media.remove", entityType: "CatalogItem", entityId: row.catalogItemId });
    // A video's poster and captions go with it (decision 026).
    return [...row.storageKeys, ...row.posterKeys, ...(row.captionsKey ? [row.captionsKey] : [])];
  });
  await deleteObjects(storage, keys);
  return { removed: true };
}
