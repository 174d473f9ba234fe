import "server-only";
// The pictures and videos to show beside each activity of one plan: the catalog item's, then any
// the care team attached to this patient's activity. For the care team and the patient (who never
// sees a draft plan). One query for both kinds; the page's own read of the plan is the audited one.
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { toMediaDto, type MediaDto, type MediaRow } from "./dto";

export type PlanActivityMedia = {
  /** Step pictures by activity id. */
  pictures: Record<string, MediaDto[]>;
  /** Videos (with their poster and captions, decision 026) by activity id. */
  videos: Record<string, MediaDto[]>;
};

export async function listPlanActivityMedia(actor: Actor, planId: string): Promise<PlanActivityMedia> {
  const patient = patientScopeSql(actor, "plan:read", "p");
  // One raw statement (issue 18): as a Prisma findFirst with nested relations this was five
  // statements and a query plan compiled per call, on every visit to Today. Per activity: the
  // catalog item's media first, then the activity's own, each by position.
  const rows = await db().$queryRaw<(MediaRow & { activityId: string })[]>`
    SELECT a."id" AS "activityId", m."id", m."kind"::text AS "kind", m."position", m."altText", m."caption", m."widths", m."height",
           m."contentType", m."version", m."posterWidths", m."posterHeight", m."captionsKey"
      FROM "TreatmentPlan" t
      JOIN "Patient" p ON p."id" = t."patientId"
      JOIN "PlanActivity" a ON a."planId" = t."id"
      JOIN LATERAL (
        SELECT 0 AS "source", c."id", c."kind", c."position", c."createdAt", c."altText", c."caption", c."widths", c."height", c."contentType", c."version", c."posterWidths", c."posterHeight", c."captionsKey"
          FROM "CatalogMedia" c WHERE c."catalogItemId" = a."catalogItemId" AND c."clinicId" = ${actor.clinicId}
        UNION ALL
        SELECT 1, o."id", o."kind", o."position", o."createdAt", o."altText", o."caption", o."widths", o."height", o."contentType", o."version", o."posterWidths", o."posterHeight", o."captionsKey"
          FROM "ActivityMedia" o WHERE o."activityId" = a."id" AND o."clinicId" = ${actor.clinicId}
      ) m ON true
     WHERE t."id" = ${planId} AND t."clinicId" = ${actor.clinicId} AND ${patient}
       ${actor.role === "PATIENT" ? Prisma.sql`AND t."status" <> 'DRAFT'` : Prisma.empty}
     ORDER BY a."id", m."source", m."position", m."createdAt"`;
  const result: PlanActivityMedia = { pictures: {}, videos: {} };
  for (const row of rows) {
    const media = toMediaDto(row);
    const byKind = media.kind === "IMAGE" ? result.pictures : media.kind === "VIDEO" ? result.videos : null;
    if (byKind) (byKind[row.activityId] ??= []).push(media);
  }
  return result;
}

/** The step pictures alone (pages that show no video). */
export async function listPlanPictures(actor: Actor, planId: string): Promise<Record<string, MediaDto[]>> {
  return (await listPlanActivityMedia(actor, planId)).pictures;
}
