import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { staleVersion } from "../conflict";
import { isEditable } from "./rules";

/**
 * Claims a plan for one change made from `version`, inside the caller's transaction: bumps the
 * version if, and only if, the actor's care team may write it and nobody changed it since.
 * Concurrent saves from the same version serialize on the row; all but the first see the new
 * version and get CONFLICT, so nothing is silently overwritten.
 */
export async function claimPlan(tx: Tx, actor: Actor, planId: string, version: number, options: { requireEditable?: boolean } = {}) {
  const patient = patientScope(actor, "plan:write");
  const { count } = await tx.treatmentPlan.updateMany({
    where: { id: planId, clinicId: actor.clinicId, version, patient },
    data: { version: { increment: 1 } },
  });
  if (count === 0) {
    const exists = await tx.treatmentPlan.findFirst({ where: { id: planId, clinicId: actor.clinicId, patient }, select: { id: true } });
    throw exists ? staleVersion("plan") : notFound("Plan");
  }
  const plan = await tx.treatmentPlan.findFirstOrThrow({
    where: { id: planId, clinicId: actor.clinicId },
    include: { patient: { select: { id: true, contraindications: true } }, activities: { orderBy: { position: "asc" } } },
  });
  if (options.requireEditable !== false && !isEditable(plan.status)) {
    throw new AppError("VALIDATION", `A ${plan.status.toLowerCase().replaceAll("_", " ")} plan can no longer be changed.`);
  }
  return plan;
}
