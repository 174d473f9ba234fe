import "server-only";
// The plan handout a patient takes home, as a PDF (decision 031): the printable plan's content
// (goals; current activities at home and in the clinic with dose and steps) plus each activity's
// pictures, on the clinic's letterhead (name, address, phone, logo), with the patient's name and
// the day it was made in the clinic's time zone. For the plan's care team and its own patient
// (never a draft, cancelled or entered-in-error plan); anyone else gets NOT_FOUND like getPlan.
// One audit event per download.
import sharp from "sharp";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { pickObject } from "@/lib/domain/media/open-media";
import { todayIn } from "@/lib/domain/schedule/dates";
import { dateTimeFormat } from "@/lib/intl/date-time-format";
import { renderPlanHandout, type HandoutActivity, type HandoutImage, type HandoutPicture } from "@/lib/pdf/plan-handout-document";
import { mediaStorage, type MediaStorage } from "@/lib/storage";
import { ACTIVITY_ROW_COLUMNS } from "./activity-rows";
import { describeDose, toActivityDto, type ActivityRow } from "./dto";
import { PATIENT_VISIBLE_STATUSES } from "./get-plan";

export type PlanHandoutFile = { filename: string; body: Buffer };

/** Pictures per activity in the file; the rest are in the app (keeps a plan's PDF to a few MB at most). */
export const HANDOUT_PICTURES_PER_ACTIVITY = 6;
/** Pixel width a picture is embedded at: 180 pt on paper is 2.5 in, so ~190 dpi. */
const PICTURE_WIDTH_PX = 480;

type HandoutRow = {
  id: string;
  patientId: string;
  title: string;
  goals: string;
  startDate: Date;
  reviewDate: Date | null;
  firstName: string;
  lastName: string;
  clinicianName: string;
  clinicName: string;
  clinicAddress: string | null;
  clinicPhone: string | null;
  clinicLogoKey: string | null;
  timezone: string;
};

type StoredPicture = { widths: number[]; storageKeys: string[]; caption: string | null };

async function readAll(storage: MediaStorage, key: string): Promise<Buffer | null> {
  const object = await storage.get(key);
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The 640 px WebP rendition, re-encoded as a modest JPEG (react-pdf embeds only JPEG and PNG). Null when its file is gone. */
async function pictureFor(storage: MediaStorage, media: StoredPicture): Promise<HandoutPicture | null> {
  const picked = pickObject({ kind: "IMAGE", contentType: "image/webp", widths: media.widths, storageKeys: media.storageKeys }, { w: 640, f: "webp" });
  const bytes = picked ? await readAll(storage, picked.key) : null;
  if (!bytes) return null;
  const { data, info } = await sharp(bytes).resize({ width: PICTURE_WIDTH_PX, withoutEnlargement: true }).flatten({ background: "#ffffff" }).jpeg({ quality: 72 }).toBuffer({ resolveWithObject: true });
  return { data, format: "jpg", width: info.width, height: info.height, caption: media.caption };
}

/** The clinic's logo (a PNG the settings page stored), bounded in size. Null when there is none. */
async function logoFor(storage: MediaStorage, key: string | null): Promise<HandoutImage | null> {
  const bytes = key ? await readAll(storage, key) : null;
  if (!bytes) return null;
  const { data, info } = await sharp(bytes).resize({ height: 176, withoutEnlargement: true }).png().toBuffer({ resolveWithObject: true });
  return { data, format: "png", width: info.width, height: info.height };
}

const shortDate = (date: Date) => dateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);

export async function buildPlanHandout(actor: Actor, planId: string, storage: MediaStorage = mediaStorage(), now: Date = new Date()): Promise<PlanHandoutFile> {
  const scope = patientScopeSql(actor, "plan:read", "p");
  const ownOnly = actor.role === "PATIENT";
  const [plan] = await db().$queryRaw<HandoutRow[]>`
    SELECT t."id", t."patientId", t."title", t."goals", t."startDate", t."reviewDate", p."firstName", p."lastName", u."name" AS "clinicianName",
           c."name" AS "clinicName", c."address" AS "clinicAddress", c."phone" AS "clinicPhone", c."logoKey" AS "clinicLogoKey", c."timezone"
      FROM "TreatmentPlan" t
      JOIN "Patient" p ON p."id" = t."patientId"
      JOIN "User" u ON u."id" = t."clinicianId"
      JOIN "Clinic" c ON c."id" = t."clinicId"
     WHERE t."id" = ${planId} AND t."clinicId" = ${actor.clinicId} AND ${scope}
       ${ownOnly ? Prisma.sql`AND t."status"::text IN (${Prisma.join(PATIENT_VISIBLE_STATUSES)})` : Prisma.empty}`;
  if (!plan) throw await refusedRecord(actor, { entityType: "TreatmentPlan", entityId: planId, what: "Plan" });

  // What the patient is to do now, as on the printable plan: removed and completed activities are left out.
  const activities = await db().$queryRaw<(ActivityRow & { catalogItemId: string })[]>`
    SELECT ${ACTIVITY_ROW_COLUMNS} FROM "PlanActivity" a
     WHERE a."clinicId" = ${actor.clinicId} AND a."planId" = ${plan.id} AND a."status"::text IN ('ACTIVE', 'ON_HOLD')
     ORDER BY a."position"`;
  const images = { kind: "IMAGE" as const, clinicId: actor.clinicId };
  const order = [{ position: "asc" as const }, { createdAt: "asc" as const }];
  const select = { widths: true, storageKeys: true, caption: true, catalogItemId: true } as const;
  const [catalogMedia, activityMedia] = await Promise.all([
    db().catalogMedia.findMany({ where: { ...images, catalogItemId: { in: [...new Set(activities.map((a) => a.catalogItemId))] } }, orderBy: order, select }),
    db().activityMedia.findMany({ where: { ...images, patientId: plan.patientId, activityId: { in: activities.map((a) => a.id) } }, orderBy: order, select: { widths: true, storageKeys: true, caption: true, activityId: true } }),
  ]);

  const handoutActivities: HandoutActivity[] = await Promise.all(
    activities.map(async (row) => {
      const activity = toActivityDto(row);
      // The catalog item's step pictures, then the ones the care team took for this patient.
      const all = [...catalogMedia.filter((m) => m.catalogItemId === row.catalogItemId), ...activityMedia.filter((m) => m.activityId === row.id)];
      const shown = all.slice(0, HANDOUT_PICTURES_PER_ACTIVITY);
      const pictures = (await Promise.all(shown.map((m) => pictureFor(storage, m)))).filter((p): p is HandoutPicture => p !== null);
      return {
        name: activity.name,
        dose: describeDose(activity.dose),
        instructions: activity.instructions,
        setting: activity.setting,
        onHold: activity.status === "ON_HOLD",
        pictures,
        morePictures: all.length - shown.length,
      };
    }),
  );

  const body = await renderPlanHandout({
    clinic: { name: plan.clinicName, address: plan.clinicAddress, phone: plan.clinicPhone, logo: await logoFor(storage, plan.clinicLogoKey) },
    patientName: `${plan.firstName} ${plan.lastName}`,
    title: plan.title,
    clinicianName: plan.clinicianName,
    started: shortDate(plan.startDate),
    nextReview: plan.reviewDate ? shortDate(plan.reviewDate) : null,
    goals: plan.goals,
    generated: dateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: plan.timezone }).format(now),
    activities: handoutActivities,
  });
  await recordAuditEvent(db(), { actor, action: "plan.handout.download", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
  // No name, title or condition in the file name: it shows in download lists and shared folders.
  return { filename: `treatment-plan-${todayIn(plan.timezone, now)}.pdf`, body };
}
