import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { Instrument, MeasureRespondent, MeasureRule, PlanStatus } from "@/lib/db/generated/enums";
import { todayIn, toIsoDate, type IsoDate } from "@/lib/domain/schedule/dates";
import { entryStatus, type EntryStatus, type MeasureEntry, type PlanFacts, type ResponseFact } from "./rules";

// One plan's schedule, loaded for the rules (decision 046): the plan and its clinic's time zone,
// the entries in force, the plan's responses of their instruments and the claimed occurrences.
// Four statements; no access check here: callers have scoped the plan (or are the asked-measures
// contract, which runs inside a patient's own, already-scoped transaction).

type PlanRow = { id: string; patientId: string; status: PlanStatus; startDate: Date; endDate: Date | null; odiRequestedAt: Date | null; timezone: string };
type EntryRow = { id: string; instrument: Instrument; rule: MeasureRule; everyWeeks: number | null; answeredBy: MeasureRespondent; createdAt: Date; version: number };

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
  // Raw reads (issue 18): Today runs this on every visit, and as Prisma calls the plan with its
  // clinic and the entries were three statements, each with its query plan compiled per call.
  const [plan] = await tx.$queryRaw<PlanRow[]>`
    SELECT t."id", t."patientId", t."status"::text AS "status", t."startDate", t."endDate", t."odiRequestedAt", c."timezone"
      FROM "TreatmentPlan" t JOIN "Clinic" c ON c."id" = t."clinicId"
     WHERE t."id" = ${planId}`;
  if (!plan) return null;
  const timeZone = plan.timezone;
  const rows = await tx.$queryRaw<EntryRow[]>`
    SELECT s."id", s."instrument"::text AS "instrument", s."rule"::text AS "rule", s."everyWeeks", s."answeredBy"::text AS "answeredBy", s."createdAt", s."version"
      FROM "MeasureSchedule" s
     WHERE s."planId" = ${planId} AND s."removedAt" IS NULL
       ${opts.patientOnly ? Prisma.sql`AND s."answeredBy" = 'PATIENT' AND s."rule" <> 'EACH_SESSION'` : Prisma.empty}
     ORDER BY s."createdAt" ASC`;
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
