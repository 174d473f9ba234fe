import "server-only";
import type { Tx } from "@/lib/db";
import type { Instrument } from "@/lib/db/generated/enums";
import { openAsksOn as openOn, type Ask } from "@/lib/domain/measures/from-rows";
import { loadPlanMeasures } from "@/lib/domain/measures/load";

// What a patient's active plan asks them to answer at home (issue 16, decision 046). The
// questionnaire side (forms, scoring: lib/clinical/instruments) calls these two functions; the
// measure-schedule side (lib/domain/measures) owns how an ask arises: a scheduled measure falling
// due, or a clinician's one-off "Ask now" (a ONCE entry; the ODI request is one of those, and
// TreatmentPlan.odiRequestedAt is still honoured as a one-off ODI request, kept in step).

export type { Ask } from "@/lib/domain/measures/from-rows";

/** The asks open on this plan now, oldest first. */
export async function openAsks(tx: Tx, planId: string, now: Date): Promise<Ask[]> {
  const loaded = await loadPlanMeasures(tx, planId, now, { patientOnly: true });
  return loaded ? openOn(loaded, now).map(({ instrument, askedAt, reason }) => ({ instrument, askedAt, reason })) : [];
}

/** The open asks with the date each fell due (for the patient's Today page), oldest first. */
export async function openAsksWithDue(tx: Tx, planId: string, now: Date): Promise<(Ask & { dueDate: string | null })[]> {
  const loaded = await loadPlanMeasures(tx, planId, now, { patientOnly: true });
  return loaded ? openOn(loaded, now).map(({ instrument, askedAt, reason, dueDate }) => ({ instrument, askedAt, reason, dueDate })) : [];
}

/**
 * Takes the plan's open ask for this instrument for one answer, inside the answer's transaction:
 * true when there was one and it is now answered; false when there was none (never asked, already
 * answered, withdrawn), so of two racing answers exactly one is stored. The claim is a row per
 * schedule entry and due date under a unique index: the second of two racing claims waits for
 * the first to commit and then inserts nothing.
 */
export async function claimAsk(tx: Tx, planId: string, instrument: Instrument, now: Date): Promise<boolean> {
  const loaded = await loadPlanMeasures(tx, planId, now, { patientOnly: true });
  if (!loaded) return false;
  const ask = openOn(loaded, now).find((a) => a.instrument === instrument);
  if (!ask) return false;
  let claimed: boolean;
  if (ask.scheduleId && ask.dueDate) {
    const inserted = await tx.$executeRaw`
      INSERT INTO "MeasureOccurrence" ("id", "clinicId", "planId", "scheduleId", "dueDate")
      SELECT 'mo' || replace(gen_random_uuid()::text, '-', ''), s."clinicId", s."planId", s."id", ${ask.dueDate}::date
        FROM "MeasureSchedule" s WHERE s."id" = ${ask.scheduleId} AND s."removedAt" IS NULL
      ON CONFLICT ("scheduleId", "dueDate") DO NOTHING`;
    claimed = inserted === 1;
  } else {
    const closed = await tx.treatmentPlan.updateMany({ where: { id: planId, odiRequestedAt: { not: null, lte: now } }, data: { odiRequestedAt: null } });
    claimed = closed.count === 1;
  }
  // The one-off ODI request's column is kept in step (decision 046).
  if (claimed && instrument === "ODI" && loaded.odiRequestedAt) await tx.treatmentPlan.updateMany({ where: { id: planId }, data: { odiRequestedAt: null } });
  return claimed;
}
