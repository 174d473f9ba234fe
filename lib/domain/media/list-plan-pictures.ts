import "server-only";
// The pictures and videos to show beside each activity of one plan: the catalog item's, then any
// the care team attached to this patient's activity. For the care team and the patient (who never
// sees a draft plan). One query for both kinds; the page's own read of the plan is the audited one.
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { MEDIA_SELECT, toMediaDto, type MediaDto } from "./dto";

export type PlanActivityMedia = {
  /** Step pictures by activity id. */
  pictures: Record<string, MediaDto[]>;
  /** Videos (with their poster and captions, decision 026) by activity id. */
  videos: Record<string, MediaDto[]>;
};

export async function listPlanActivityMedia(actor: Actor, planId: string): Promise<PlanActivityMedia> {
  const patient = patientScope(actor, "plan:read");
  const media = { where: { clinicId: actor.clinicId }, orderBy: [{ position: "asc" as const }, { createdAt: "asc" as const }], select: MEDIA_SELECT };
  const plan = await db().treatmentPlan.findFirst({
    where: { id: planId, clinicId: actor.clinicId, patient, ...(actor.role === "PATIENT" ? { status: { not: "DRAFT" as const } } : {}) },
    select: { activities: { select: { id: true, media, catalogItem: { select: { media } } } } },
  });
  const result: PlanActivityMedia = { pictures: {}, videos: {} };
  for (const activity of plan?.activities ?? []) {
    const all = [...activity.catalogItem.media, ...activity.media].map(toMediaDto);
    const pictures = all.filter((m) => m.kind === "IMAGE");
    const videos = all.filter((m) => m.kind === "VIDEO");
    if (pictures.length > 0) result.pictures[activity.id] = pictures;
    if (videos.length > 0) result.videos[activity.id] = videos;
  }
  return result;
}

/** The step pictures alone (pages that show no video). */
export async function listPlanPictures(actor: Actor, planId: string): Promise<Record<string, MediaDto[]>> {
  return (await listPlanActivityMedia(actor, planId)).pictures;
}
