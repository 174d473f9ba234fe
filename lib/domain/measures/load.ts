import "server-only";
import type { Tx } from "@/lib/db";
import type { Instrument } from "@/lib/db/generated/enums";
import { todayIn, toIsoDate, type IsoDate } from "@/lib/domain/schedule/dates";
import { entryStatus, type EntryStatus, type MeasureEntry, type PlanFacts, type ResponseFact } from "./rules";

// One plan's schedule, loaded for the rules (decision 046): the plan and its clinic's time zone,
// the entries in force, the plan's responses of their instruments and the claimed occurrences.
// Four statements; no access check here: callers have scoped the plan (or are the asked-measures
// contract, which runs inside a patient's own, already-scoped transaction).

export type LoadedEntry = MeasureEntry & { version: number; status: EntryStatus };
export type LoadedPlan = {
  planId: string;
  patientId: string;
  timeZone: string;
  today: IsoDate;
  plan: PlanFacts;
  odiRequestedAt: Date | null;
  entries: LoadedEntry[];
  responses: ResponseFact[];
};

export async function loadPlanMeasures(tx: Tx, planId: string, now: Date, opts: { patientOnly?: boolean } = {}): Promise<LoadedPlan | null> {
  const plan = await tx.treatmentPlan.findUnique({
    where: { id: planId },
    select: { id: true, patientId: true, status: true, startDate: true, endDate: true, odiRequestedAt: true, clinic: { select: { timezone: true } } },
  });
  if (!plan) return null;
  const timeZone = plan.clinic.timezone;
  const rows = await tx.measureSchedule.findMany({
    where: { planId, removedAt: null, ...(opts.patientOnly ? { answeredBy: "PATIENT", rule: { not: "EACH_SESSION" } } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, instrument: true, rule: true, everyWeeks: true, answeredBy: true, createdAt: true, version: true },
  });
  const instruments = [...new Set<Instrument>([...rows.map((r) => r.instrument), ...(plan.odiRequestedAt ? (["ODI"] as const) : [])])];
  const [responses, claims] = instruments.length
    ? await Promise.all([
        tx.outcomeResponse.findMany({ where: { planId, instrument: { in: instruments } }, orderBy: { recordedAt: "asc" }, select: { instrument: true, recordedAt: true, context: true } }),
        rows.length ? tx.measureOccurrence.findMany({ where: { scheduleId: { in: rows.map((r) => r.id) } }, select: { scheduleId: true, dueDate: true } }) : Promise.resolve([]),
      ])
    : [[], []];
  const facts: PlanFacts = { startDate: toIsoDate(plan.startDate), endDate: plan.endDate ? toIsoDate(plan.endDate) : null, status: plan.status };
  const today = todayIn(timeZone, now);
  const responseFacts: ResponseFact[] = responses.map((r) => ({ ...r, recordedOn: todayIn(timeZone, r.recordedAt) }));
  const claimed = new Map<string, Set<IsoDate>>();
  for (const c of claims) {
    const set = claimed.get(c.scheduleId) ?? new Set<IsoDate>();
    set.add(toIsoDate(c.dueDate));
    claimed.set(c.scheduleId, set);
  }
  const entries = rows.map((r) => {
    const entry: MeasureEntry = { ...r, createdOn: todayIn(timeZone, r.createdAt) };
    return { ...entry, version: r.version, status: entryStatus(entry, facts, responseFacts, claimed.get(r.id) ?? new Set(), today) };
  });
  return { planId, patientId: plan.patientId, timeZone, today, plan: facts, odiRequestedAt: plan.odiRequestedAt, entries, responses: responseFacts };
}
