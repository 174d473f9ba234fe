import "server-only";
import type { Tx } from "@/lib/db";
import type { Instrument } from "@/lib/db/generated/enums";

// What a patient's active plan asks them to answer at home (issue 16). The questionnaire side
// (forms, scoring: lib/clinical/instruments) calls these two functions; the measure-schedule side
// owns how an ask arises (a clinician's one-off request, or a scheduled measure falling due).
// Today the only ask is the clinician's one-off ODI request (TreatmentPlan.odiRequestedAt).

export type Ask = { instrument: Instrument; askedAt: Date; reason: "requested" | "scheduled" };

/** The asks open on this plan now, oldest first. */
export async function openAsks(tx: Tx, planId: string, now: Date): Promise<Ask[]> {
  const plan = await tx.treatmentPlan.findUnique({ where: { id: planId }, select: { odiRequestedAt: true } });
  return plan?.odiRequestedAt && plan.odiRequestedAt <= now ? [{ instrument: "ODI", askedAt: plan.odiRequestedAt, reason: "requested" }] : [];
}

/**
 * Takes the plan's open ask for this instrument for one answer, inside the answer's transaction:
 * true when there was one and it is now answered; false when there was none (never asked, already
 * answered, withdrawn), so of two racing answers exactly one is stored.
 */
export async function claimAsk(tx: Tx, planId: string, instrument: Instrument, now: Date): Promise<boolean> {
  if (instrument !== "ODI") return false;
  const closed = await tx.treatmentPlan.updateMany({ where: { id: planId, odiRequestedAt: { not: null, lte: now } }, data: { odiRequestedAt: null } });
  return closed.count === 1;
}
