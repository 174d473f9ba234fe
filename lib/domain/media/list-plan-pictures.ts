import "server-only";
// The pictures to show beside each activity of one plan: the catalog item's step pictures, then
// any the care team attached to this patient's activity. For the care team and the patient (who
// never sees a draft plan). Videos are not listed yet (no player in the patient pages: ADR 024).
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { MEDIA_SELECT, toMediaDto, type MediaDto } from "./dto";

export async function listPlanPictures(actor: Actor, planId: string): Promise<Record<string, MediaDto[]>> {
  const patient = patientScope(actor, "plan:read");
  const images = { where: { clinicId: actor.clinicId, kind: "IMAGE" as const }, orderBy: [{ position: "asc" as const }, { createdAt: "asc" as const }], select: MEDIA_SELECT };
  const plan = await db().treatmentPlan.findFirst({
    where: { id: planId, clinicId: actor.clinicId, patient, ...(actor.role === "PATIENT" ? { status: { not: "DRAFT" as const } } : {}) },
    select: { activities: { select: { id: true, media: images, catalogItem: { select: { media: images } } } } },
  });
  const byActivity: Record<string, MediaDto[]> = {};
  for (const activity of plan?.activities ?? []) {
    const all = [...activity.catalogItem.media, ...activity.media].map(toMediaDto);
    if (all.length > 0) byActivity[activity.id] = all;
  }
  return byActivity;
}
