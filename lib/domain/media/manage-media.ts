import "server-only";
// Reordering and editing the text of pictures and videos already uploaded (decision 029), and the
// care team's view and removal of a patient's activity media. Catalog media is clinic data (admins,
// `catalog:manage`); activity media is the patient's record (the care team, `plan:write`, scoped by
// `patientScope`; every write audited with the patient). Each row carries a `version`: an edit or
// a move from a stale list answers CONFLICT and writes nothing. A move renumbers the list 1..n and
// claims every row whose position changes at the version it was read at, so two moves racing in
// one list cannot both be written.
import { assertCan, type Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { deleteObjects } from "@/lib/media/store-upload";
import { mediaStorage, type MediaStorage } from "@/lib/storage";
import { ZMoveMedia, ZRemoveMedia, ZUpdateMedia, type TMoveMedia, type TUpdateMedia } from "@/lib/validation/media";
import { parseInput } from "@/lib/validation/parse";
import { staleVersion } from "../conflict";
import { isEditable } from "../plans/rules";
import { MEDIA_SELECT, toMediaDto, type MediaDto } from "./dto";

type Sibling = { id: string; position: number; version: number };

export type MoveResult = { position: number; count: number };

/**
 * The rows whose position changes when `id` moves one place, with their new positions (the list
 * renumbered 1..n in its shown order). Null when `id` is not in the list; VALIDATION at either end.
 */
export function reorderFor(rows: Sibling[], id: string, direction: "up" | "down"): { changes: (Sibling & { to: number })[]; position: number } | null {
  const index = rows.findIndex((r) => r.id === id);
  if (index === -1) return null;
  const target = direction === "up" ? index - 1 : index + 1;
  if (target < 0 || target >= rows.length) {
    throw new AppError("VALIDATION", direction === "up" ? "It is already first. Nothing was changed." : "It is already last. Nothing was changed.");
  }
  const order = [...rows];
  [order[index], order[target]] = [order[target]!, order[index]!];
  const changes = order.map((row, i) => ({ ...row, to: i + 1 })).filter((row) => row.to !== row.position);
  return { changes, position: target + 1 };
}

const WHAT = "picture or video";
const ORDER = [{ position: "asc" as const }, { createdAt: "asc" as const }];
const SIBLING = { id: true, position: true, version: true } as const;

/** Writes the new positions, each row claimed at the version it was read at. */
async function claimPositions(update: (row: Sibling & { to: number }) => Promise<{ count: number }>, changes: (Sibling & { to: number })[]): Promise<void> {
  for (const change of changes) {
    const { count } = await update(change);
    if (count === 0) throw staleVersion(WHAT);
  }
}

function checkAltText(kind: "IMAGE" | "VIDEO", altText: string | null): void {
  if (kind === "IMAGE" && !altText) {
    throw new AppError("VALIDATION", "Describe the picture for people who cannot see it. Nothing was saved.", { altText: ["Alt text is required for a picture"] });
  }
}

// ---- Catalog media (admins)

export async function moveCatalogMedia(actor: Actor, input: TMoveMedia): Promise<MoveResult> {
  assertCan(actor, "catalog:manage");
  const data = parseInput(ZMoveMedia, input);
  return db().$transaction(async (tx) => {
    const row = await tx.catalogMedia.findFirst({ where: { id: data.mediaId, clinicId: actor.clinicId }, select: { catalogItemId: true, version: true } });
    if (!row) throw notFound("Media");
    if (row.version !== data.version) throw staleVersion(WHAT);
    const rows = await tx.catalogMedia.findMany({ where: { catalogItemId: row.catalogItemId, clinicId: actor.clinicId }, orderBy: ORDER, select: SIBLING });
    const plan = reorderFor(rows, data.mediaId, data.direction);
    if (!plan) throw notFound("Media");
    await claimPositions(
      (c) => tx.catalogMedia.updateMany({ where: { id: c.id, clinicId: actor.clinicId, version: c.version }, data: { position: c.to, version: { increment: 1 } } }),
      plan.changes,
    );
    await recordAuditEvent(tx, { actor, action: "catalog.media.move", entityType: "CatalogItem", entityId: row.catalogItemId });
    return { position: plan.position, count: rows.length };
  });
}

export async function updateCatalogMedia(actor: Actor, input: TUpdateMedia): Promise<MediaDto> {
  assertCan(actor, "catalog:manage");
  const data = parseInput(ZUpdateMedia, input);
  return db().$transaction(async (tx) => {
    const row = await tx.catalogMedia.findFirst({ where: { id: data.mediaId, clinicId: actor.clinicId }, select: { catalogItemId: true, kind: true } });
    if (!row) throw notFound("Media");
    checkAltText(row.kind, data.altText);
    const { count } = await tx.catalogMedia.updateMany({
      where: { id: data.mediaId, clinicId: actor.clinicId, version: data.version },
      data: { altText: data.altText, caption: data.caption, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion(WHAT);
    await recordAuditEvent(tx, { actor, action: "catalog.media.update", entityType: "CatalogItem", entityId: row.catalogItemId });
    return toMediaDto(await tx.catalogMedia.findUniqueOrThrow({ where: { id: data.mediaId }, select: MEDIA_SELECT }));
  });
}

// ---- A patient's activity media (the care team)

/**
 * The media row in the actor's care team, or an audited refusal (404). Writes on a plan that is
 * completed, cancelled or entered in error are refused, as every other change to such a plan is.
 */
async function claimActivityMedia(tx: Tx, actor: Actor, mediaId: string) {
  const patient = patientScope(actor, "plan:write");
  const row = await tx.activityMedia.findFirst({
    where: { id: mediaId, clinicId: actor.clinicId, patient },
    select: { activityId: true, patientId: true, kind: true, version: true, storageKeys: true, posterKeys: true, captionsKey: true, activity: { select: { plan: { select: { status: true } } } } },
  });
  if (!row) throw await refusedRecord(actor, { entityType: "Media", entityId: mediaId, what: "Media" });
  assertPlanEditable(row.activity.plan.status);
  return row;
}

/** Pictures and videos of a finished plan stay as they were: the refusal names the plan's status. */
export function assertPlanEditable(status: Parameters<typeof isEditable>[0]): void {
  if (!isEditable(status)) {
    throw new AppError("VALIDATION", `This plan is ${status.toLowerCase().replaceAll("_", " ")}: its pictures and videos can no longer be changed.`);
  }
}

export async function moveActivityMedia(actor: Actor, input: TMoveMedia): Promise<MoveResult> {
  const data = parseInput(ZMoveMedia, input);
  return db().$transaction(async (tx) => {
    const row = await claimActivityMedia(tx, actor, data.mediaId);
    if (row.version !== data.version) throw staleVersion(WHAT);
    const rows = await tx.activityMedia.findMany({ where: { activityId: row.activityId, clinicId: actor.clinicId }, orderBy: ORDER, select: SIBLING });
    const plan = reorderFor(rows, data.mediaId, data.direction);
    if (!plan) throw notFound("Media");
    await claimPositions(
      (c) => tx.activityMedia.updateMany({ where: { id: c.id, clinicId: actor.clinicId, version: c.version }, data: { position: c.to, version: { increment: 1 } } }),
      plan.changes,
    );
    await recordAuditEvent(tx, { actor, action: "plan.activity.media.move", entityType: "PlanActivity", entityId: row.activityId, patientId: row.patientId });
    return { position: plan.position, count: rows.length };
  });
}

export async function updateActivityMedia(actor: Actor, input: TUpdateMedia): Promise<MediaDto> {
  const data = parseInput(ZUpdateMedia, input);
  return db().$transaction(async (tx) => {
    const row = await claimActivityMedia(tx, actor, data.mediaId);
    checkAltText(row.kind, data.altText);
    const { count } = await tx.activityMedia.updateMany({
      where: { id: data.mediaId, clinicId: actor.clinicId, version: data.version },
      data: { altText: data.altText, caption: data.caption, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion(WHAT);
    await recordAuditEvent(tx, { actor, action: "plan.activity.media.update", entityType: "PlanActivity", entityId: row.activityId, patientId: row.patientId });
    return toMediaDto(await tx.activityMedia.findUniqueOrThrow({ where: { id: data.mediaId }, select: MEDIA_SELECT }));
  });
}

/** Deletes the row (audited) first, then its objects: a failed object delete leaves an orphan, never a row without its files. */
export async function removeActivityMedia(actor: Actor, input: { mediaId: string; confirm: true }, storage: MediaStorage = mediaStorage()): Promise<{ removed: true }> {
  const data = parseInput(ZRemoveMedia, input);
  const keys = await db().$transaction(async (tx) => {
    const row = await claimActivityMedia(tx, actor, data.mediaId);
    await tx.activityMedia.delete({ where: { id: data.mediaId } });
    await recordAuditEvent(tx, { actor, action: "plan.activity.media.remove", entityType: "PlanActivity", entityId: row.activityId, patientId: row.patientId });
    // A video's poster and captions go with it (decision 026).
    return [...row.storageKeys, ...row.posterKeys, ...(row.captionsKey ? [row.captionsKey] : [])];
  });
  await deleteObjects(storage, keys);
  return { removed: true };
}

/**
 * Every picture and video the care team attached to each activity of one plan (not the catalog's),
 * for the plan page's editor. The page's own read of the plan is the audited one (plan.read).
 */
export async function listPlanMedia(actor: Actor, planId: string): Promise<Record<string, MediaDto[]>> {
  const patient = patientScope(actor, "plan:write");
  const plan = await db().treatmentPlan.findFirst({
    where: { id: planId, clinicId: actor.clinicId, patient },
    select: { activities: { select: { id: true, media: { where: { clinicId: actor.clinicId }, orderBy: ORDER, select: MEDIA_SELECT } } } },
  });
  if (!plan) throw notFound("Plan");
  return Object.fromEntries(plan.activities.map((a) => [a.id, a.media.map(toMediaDto)]));
}
