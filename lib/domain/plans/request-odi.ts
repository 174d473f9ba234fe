import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { setOneOffAsk } from "@/lib/domain/measures/manage-measures";
import { parseInput } from "@/lib/validation/parse";
import { ZRequestOdi } from "@/lib/validation/portal";

/**
 * The care team asks the patient to fill in an ODI at home (or withdraws the request). Since
 * decision 046 this is the one-off "Ask now" of the measure schedule for the ODI: a ONCE entry,
 * with TreatmentPlan.odiRequestedAt kept in step for the pages that still read it.
 */
export async function requestOdi(actor: Actor, input: { planId: string; requested: boolean }): Promise<{ odiRequestedAt: string | null }> {
  const data = parseInput(ZRequestOdi, input);
  return db().$transaction(async (tx) => {
    const { askedAt } = await setOneOffAsk(tx, actor, data.planId, "ODI", data.requested);
    return { odiRequestedAt: askedAt };
  });
}
