// Scheduled measures computed from the rows of lib/db/statements/measures.ts: pure, so the domain
// functions (list-overdue-measures.ts, load.ts, asked-measures.ts, my-asks.ts) and the
// benchmark's ceiling (scripts/bench/ceiling/) run the same rules on the same inputs (decision
// 054). No "server-only": no database here.
import type { RowOf } from "@/lib/db/statements/define";
import type { measureClaims, measurePlan, measurePlanEntries, measureResponses, overdueEntries } from "@/lib/db/statements/measures";
import type { Instrument, MeasureRespondent } from "@/lib/enums";
import { todayIn, toIsoDate, zonedToUtc, type IsoDate } from "@/lib/domain/schedule/dates";
import { entryStatus, type EntryStatus, type MeasureEntry, type PlanFacts, type ResponseFact } from "./rules";

type Claim = RowOf<typeof measureClaims>;
type Response = RowOf<typeof measureResponses>;

function claimedByEntry(claims: readonly Claim[]): Map<string, Set<IsoDate>> {
  const claimed = new Map<string, Set<IsoDate>>();
  for (const c of claims) claimed.set(c.scheduleId, (claimed.get(c.scheduleId) ?? new Set<IsoDate>()).add(toIsoDate(c.dueDate)));
  return claimed;
}

const factsOf = (responses: readonly Response[], timeZone: string): ResponseFact[] =>
  responses.map((o) => ({ instrument: o.instrument, recordedAt: o.recordedAt, context: o.context, recordedOn: todayIn(timeZone, o.recordedAt) }));

export type OverdueMeasure = {
  planId: string;
  patientId: string;
  patientName: string;
  instrument: Instrument;
  answeredBy: MeasureRespondent;
  overdueSince: IsoDate;
};

/** The overdue measures, oldest first, one line per plan and instrument (several entries of one instrument overdue: the oldest). */
export function overdueFromRows(entries: readonly RowOf<typeof overdueEntries>[], responses: readonly Response[], claims: readonly Claim[], now: Date): OverdueMeasure[] {
  const byPlan = new Map<string, Response[]>();
  for (const r of responses) {
    const list = byPlan.get(r.planId);
    if (list) list.push(r);
    else byPlan.set(r.planId, [r]);
  }
  // Each plan's responses as facts once, whatever the number of its entries (a plan's entries share its clinic's zone).
  const factsByPlan = new Map<string, ResponseFact[]>();
  const claimed = claimedByEntry(claims);
  const out: OverdueMeasure[] = [];
  for (const r of entries) {
    const tz = r.timezone;
    let facts = factsByPlan.get(r.planId);
    if (!facts) factsByPlan.set(r.planId, (facts = factsOf(byPlan.get(r.planId) ?? [], tz)));
    const status = entryStatus(
      { id: r.id, instrument: r.instrument, rule: r.rule, everyWeeks: r.everyWeeks, answeredBy: r.answeredBy, createdAt: r.createdAt, createdOn: todayIn(tz, r.createdAt) },
      { startDate: toIsoDate(r.startDate), endDate: r.endDate ? toIsoDate(r.endDate) : null, status: "ACTIVE" },
      facts,
      claimed.get(r.id) ?? new Set(),
      todayIn(tz, now),
    );
    if (status.overdueSince) out.push({ planId: r.planId, patientId: r.patientId, patientName: `${r.firstName} ${r.lastName}`, instrument: r.instrument, answeredBy: r.answeredBy, overdueSince: status.overdueSince });
  }
  out.sort((a, b) => (a.overdueSince < b.overdueSince ? -1 : a.overdueSince > b.overdueSince ? 1 : a.patientName.localeCompare(b.patientName)));
  const seen = new Set<string>();
  return out.filter((o) => !seen.has(`${o.planId}:${o.instrument}`) && Boolean(seen.add(`${o.planId}:${o.instrument}`)));
}

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

/** The instruments whose responses a plan's schedule needs: its entries', and ODI while the legacy one-off request is open. */
export const instrumentsOf = (plan: RowOf<typeof measurePlan>, entries: readonly RowOf<typeof measurePlanEntries>[]): Instrument[] => [
  ...new Set<Instrument>([...entries.map((r) => r.instrument), ...(plan.odiRequestedAt ? (["ODI"] as const) : [])]),
];

/** One plan's schedule with each entry's status today (lib/domain/measures/load.ts's four statements). */
export function planMeasuresFromRows(
  plan: RowOf<typeof measurePlan>,
  entries: readonly RowOf<typeof measurePlanEntries>[],
  responses: readonly Response[],
  claims: readonly Claim[],
  now: Date,
): LoadedPlan {
  const timeZone = plan.timezone;
  const facts: PlanFacts = { startDate: toIsoDate(plan.startDate), endDate: plan.endDate ? toIsoDate(plan.endDate) : null, status: plan.status };
  const today = todayIn(timeZone, now);
  const responseFacts = factsOf(responses, timeZone);
  const claimed = claimedByEntry(claims);
  const loaded = entries.map((r) => {
    const entry: MeasureEntry = { id: r.id, instrument: r.instrument, rule: r.rule, everyWeeks: r.everyWeeks, answeredBy: r.answeredBy, createdAt: r.createdAt, createdOn: todayIn(timeZone, r.createdAt) };
    return { ...entry, version: r.version, status: entryStatus(entry, facts, responseFacts, claimed.get(r.id) ?? new Set(), today) };
  });
  return { planId: plan.id, patientId: plan.patientId, timeZone, today, plan: facts, odiRequestedAt: plan.odiRequestedAt, entries: loaded, responses: responseFacts };
}

export type Ask = { instrument: Instrument; askedAt: Date; reason: "requested" | "scheduled" };
export type OpenAsk = Ask & { scheduleId: string | null; dueDate: IsoDate | null };

/** What a plan asks its patient to answer at home now, one ask per instrument, the oldest first (decision 046). */
export function openAsksOn(loaded: LoadedPlan, now: Date): OpenAsk[] {
  if (loaded.plan.status !== "ACTIVE") return [];
  const asks: OpenAsk[] = [];
  for (const e of loaded.entries) {
    if (e.answeredBy !== "PATIENT" || e.rule === "EACH_SESSION" || !e.status.open || !e.status.current) continue;
    const askedAt = e.rule === "ONCE" ? e.createdAt : zonedToUtc(e.status.current.askFrom, "00:00", loaded.timeZone);
    if (askedAt > now) continue;
    asks.push({ instrument: e.instrument, askedAt, reason: e.rule === "ONCE" ? "requested" : "scheduled", scheduleId: e.id, dueDate: e.status.current.dueDate });
  }
  // A request made before decision 046 (or written straight to the column) is still an ask until
  // an ODI is recorded on the plan after it.
  const legacy = loaded.odiRequestedAt;
  if (legacy && legacy <= now && !loaded.responses.some((r) => r.instrument === "ODI" && r.recordedAt >= legacy)) {
    asks.push({ instrument: "ODI", askedAt: legacy, reason: "requested", scheduleId: null, dueDate: null });
  }
  // One ask per instrument (one answer satisfies every open occurrence of it), the oldest first.
  asks.sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime());
  const seen = new Set<Instrument>();
  return asks.filter((a) => !seen.has(a.instrument) && Boolean(seen.add(a.instrument)));
}

export type MyAsk = { instrument: Instrument; reason: "requested" | "scheduled"; dueDate: IsoDate; overdue: boolean };
export type MyAsks = { clinicianName: string; asks: MyAsk[] } | null;

/** Today's list of asks: each with the date it fell due (a one-off request: the day it was made) and whether that has passed. */
export function myAsksFrom(plan: { clinicianName: string } | undefined, asks: readonly (Ask & { dueDate: IsoDate | null })[], timeZone: string, now: Date): MyAsks {
  if (!plan) return null;
  const today = todayIn(timeZone, now);
  return {
    clinicianName: plan.clinicianName,
    asks: asks.map((a) => {
      const dueDate = a.dueDate ?? todayIn(timeZone, a.askedAt);
      return { instrument: a.instrument, reason: a.reason, dueDate, overdue: dueDate < today };
    }),
  };
}
