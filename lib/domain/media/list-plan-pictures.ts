import "server-only";
// The pictures and videos to show beside each activity of one plan: the catalog item's, then any
// the care team attached to this patient's activity. For the care team and the patient (who never
// sees a draft plan). One query for both kinds; the page's own read of the plan is the audited one.
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { queryRows } from "@/lib/db/run";
import { planActivityMedia } from "@/lib/db/statements/media";
import { mediaByActivity, type MediaDto, type PlanActivityMedia } from "./dto";

export type { PlanActivityMedia } from "./dto";

export async function listPlanActivityMedia(actor: Actor, planId: string): Promise<PlanActivityMedia> {
  const scope = assertCan(actor, "plan:read");
  // One statement (issue 18; lib/db/statements/media.ts, which the benchmark's ceiling sends too):
  // as a Prisma findFirst with nested relations this was five statements and a query plan
  // compiled per call, on every visit to Today.
  return mediaByActivity(await queryRows(db(), planActivityMedia({ planId, actor, scope, patientView: actor.role === "PATIENT" })));
}

/** The step pictures alone (pages that show no video). */
export async function listPlanPictures(actor: Actor, planId: string): Promise<Record<string, MediaDto[]>> {
  return (await listPlanActivityMedia(actor, planId)).pictures;
}
