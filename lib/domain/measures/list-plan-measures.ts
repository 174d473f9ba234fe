import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Instrument, MeasureRespondent, MeasureRule } from "@/lib/db/generated/enums";
import type { IsoDate } from "@/lib/domain/schedule/dates";
import { loadPlanMeasures } from "./load";

export type PlanMeasureDto = {
  id: string;
  instrument: Instrument;
  rule: MeasureRule;
  everyWeeks: number | null;
  answeredBy: MeasureRespondent;
  version: number;
  askedAt: string;
  /** Due date of the occurrence in force (the latest one asked), if any. */
  currentDue: IsoDate | null;
  nextDue: IsoDate | null;
  lastAnsweredOn: IsoDate | null;
  open: boolean;
  overdueSince: IsoDate | null;
  note: "no-end-date" | null;
};

export type PlanMeasures = { today: IsoDate; entries: PlanMeasureDto[] };

/**
 * A plan's measure schedule with where each entry stands today (decision 046), for its
 * patient's care team (outcome:read); NOT_FOUND otherwise. Audited as a read of the record.
 */
export async function listPlanMeasures(actor: Actor, planId: string): Promise<PlanMeasures> {
  const patient = patientScope(actor, "outcome:read");
  // The schedule is the care team's working list; the patient sees what is asked of them on Today.
  if (actor.role === "PATIENT") throw new AppError("FORBIDDEN", "Not available in the patient portal.");
  return db().$transaction(async (tx) => {
    const plan = await tx.treatmentPlan.findFirst({ where: { id: planId, clinicId: actor.clinicId, patient }, select: { id: true, patientId: true } });
    if (!plan) throw await refusedRecord(actor, { entityType: "TreatmentPlan", entityId: planId, what: "Plan" });
    const loaded = (await loadPlanMeasures(tx, plan.id, new Date()))!;
    await recordAuditEvent(tx, { actor, action: "plan.measures.read", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    return {
      today: loaded.today,
      entries: loaded.entries.map((e) => ({
        id: e.id,
        instrument: e.instrument,
        rule: e.rule,
        everyWeeks: e.everyWeeks,
        answeredBy: e.answeredBy,
        version: e.version,
        askedAt: e.createdAt.toISOString(),
        currentDue: e.status.current?.dueDate ?? null,
        nextDue: e.status.nextDue,
        lastAnsweredOn: e.status.lastAnsweredOn,
        open: e.status.open,
        overdueSince: e.status.overdueSince,
        note: e.status.note,
      })),
    };
  });
}
