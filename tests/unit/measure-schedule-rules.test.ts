// When scheduled outcome measures fall due and what answers them (issue 16, decision 046).
import { describe, expect, it } from "vitest";
import { entryStatus, occurrences, type MeasureEntry, type PlanFacts, type ResponseFact } from "@/lib/domain/measures/rules";
import { todayIn } from "@/lib/domain/schedule/dates";
import { ZAddMeasureSchedules, ZAskMeasureNow } from "@/lib/validation/measures";

const plan: PlanFacts = { startDate: "2026-11-02", endDate: null, status: "ACTIVE" };

function entry(rule: MeasureEntry["rule"], over: Partial<MeasureEntry> = {}): MeasureEntry {
  return { id: "e1", instrument: "ODI", rule, everyWeeks: rule === "EVERY_N_WEEKS" ? 2 : null, answeredBy: "PATIENT", createdAt: new Date("2026-11-02T09:00:00Z"), createdOn: "2026-11-02", ...over };
}

function answer(recordedOn: string, over: Partial<ResponseFact> = {}): ResponseFact {
  return { instrument: "ODI", recordedAt: new Date(`${recordedOn}T12:00:00Z`), recordedOn, context: "INTERIM", ...over };
}

const none = new Set<string>();

describe("occurrences", () => {
  it("every 2 weeks: due at start + 14, + 28 … (week 0 is the start measure's), none after the end date", () => {
    expect(occurrences(entry("EVERY_N_WEEKS"), plan, "2026-12-01").map((o) => o.dueDate)).toEqual(["2026-11-16", "2026-11-30"]);
    expect(occurrences(entry("EVERY_N_WEEKS"), { ...plan, endDate: "2026-11-29" }, "2026-12-31").map((o) => o.dueDate)).toEqual(["2026-11-16"]);
    const [first] = occurrences(entry("EVERY_N_WEEKS"), plan, "2026-12-01");
    // An answer counts from 3 days before the due date until 3 days before the next one.
    expect(first).toMatchObject({ windowStart: "2026-11-13", windowEnd: "2026-11-27" });
  });

  it("an entry added mid-plan asks nothing that fell due before it existed", () => {
    const late = entry("EVERY_N_WEEKS", { createdOn: "2026-11-20" });
    expect(occurrences(late, plan, "2026-12-01").map((o) => o.dueDate)).toEqual(["2026-11-30"]);
    expect(occurrences(entry("AT_START", { createdOn: "2026-11-20" }), plan, "2026-12-01")[0]?.dueDate).toBe("2026-11-20");
  });

  it("at discharge: due on the end date, asked a week before; nothing without an end date", () => {
    expect(occurrences(entry("AT_DISCHARGE"), plan, "2027-01-01")).toEqual([]);
    expect(occurrences(entry("AT_DISCHARGE"), { ...plan, endDate: "2026-12-20" }, "2026-12-13")).toEqual([{ dueDate: "2026-12-20", askFrom: "2026-12-13", windowStart: "2026-12-13", windowEnd: null }]);
    expect(occurrences(entry("AT_DISCHARGE"), { ...plan, endDate: "2026-12-20" }, "2026-12-12")).toEqual([]);
  });

  it("each session has no dated occurrences (sessions drive it)", () => {
    expect(occurrences(entry("EACH_SESSION", { instrument: "NPRS", answeredBy: "CLINICIAN" }), plan, "2026-12-31")).toEqual([]);
  });
});

describe("entryStatus", () => {
  it("at start: open on the start date, overdue the next day, answered by an answer from 3 days before", () => {
    expect(entryStatus(entry("AT_START"), plan, [], none, "2026-11-02")).toMatchObject({ open: true, overdueSince: null });
    expect(entryStatus(entry("AT_START"), plan, [], none, "2026-11-03")).toMatchObject({ open: true, overdueSince: "2026-11-02" });
    expect(entryStatus(entry("AT_START"), plan, [answer("2026-10-30")], none, "2026-11-03")).toMatchObject({ open: false, overdueSince: null, lastAnsweredOn: "2026-10-30" });
    expect(entryStatus(entry("AT_START"), plan, [answer("2026-10-29")], none, "2026-11-03")).toMatchObject({ open: true });
    // Another instrument does not count.
    expect(entryStatus(entry("AT_START"), plan, [answer("2026-11-02", { instrument: "RMDQ" })], none, "2026-11-03").open).toBe(true);
  });

  it("a claimed occurrence is answered", () => {
    expect(entryStatus(entry("AT_START"), plan, [], new Set(["2026-11-02"]), "2026-11-05").open).toBe(false);
  });

  it("every 2 weeks: the previous window's answer does not satisfy the next; overdue since the first missed one", () => {
    const e = entry("EVERY_N_WEEKS");
    expect(entryStatus(e, plan, [], none, "2026-11-10")).toMatchObject({ current: null, open: false, nextDue: "2026-11-16" });
    expect(entryStatus(e, plan, [answer("2026-11-14")], none, "2026-11-20")).toMatchObject({ open: false, lastAnsweredOn: "2026-11-14", nextDue: "2026-11-30" });
    // Answered the first, missed the second.
    expect(entryStatus(e, plan, [answer("2026-11-14")], none, "2026-12-02")).toMatchObject({ open: true, overdueSince: "2026-11-30" });
    // Missed both: overdue since the first.
    expect(entryStatus(e, plan, [], none, "2026-12-02")).toMatchObject({ open: true, overdueSince: "2026-11-16", nextDue: "2026-12-14" });
    // A late answer (before the next window) satisfies the current occurrence.
    expect(entryStatus(e, plan, [answer("2026-11-25")], none, "2026-11-25")).toMatchObject({ open: false });
  });

  it("once: counts only answers recorded after the ask, to the instant", () => {
    const e = entry("ONCE", { createdAt: new Date("2026-11-10T10:00:00Z"), createdOn: "2026-11-10" });
    const before = { ...answer("2026-11-10"), recordedAt: new Date("2026-11-10T09:59:00Z") };
    const after = { ...answer("2026-11-10"), recordedAt: new Date("2026-11-10T10:01:00Z") };
    expect(entryStatus(e, plan, [before], none, "2026-11-11")).toMatchObject({ open: true, overdueSince: "2026-11-10" });
    expect(entryStatus(e, plan, [before, after], none, "2026-11-11")).toMatchObject({ open: false });
  });

  it("at discharge: a DISCHARGE-context answer counts whenever taken; without an end date it says so", () => {
    const ended = { ...plan, endDate: "2026-12-20" };
    expect(entryStatus(entry("AT_DISCHARGE"), ended, [], none, "2026-12-21")).toMatchObject({ open: true, overdueSince: "2026-12-20" });
    expect(entryStatus(entry("AT_DISCHARGE"), ended, [answer("2026-12-01", { context: "DISCHARGE" })], none, "2026-12-21").open).toBe(false);
    expect(entryStatus(entry("AT_DISCHARGE"), plan, [], none, "2026-12-21")).toMatchObject({ open: false, note: "no-end-date" });
  });

  it("a plan that is not ACTIVE asks nothing", () => {
    expect(entryStatus(entry("AT_START"), { ...plan, status: "ON_HOLD" }, [], none, "2026-11-05")).toMatchObject({ open: false, overdueSince: null });
  });

  it("days are the clinic's: an answer at 23:30 in New York is on that day there, not the next UTC day (DST end week)", () => {
    // 2026-11-01 is the US DST change; 2026-11-13 23:30 EST = 2026-11-14 04:30 UTC.
    const recordedAt = new Date("2026-11-14T04:30:00Z");
    const recordedOn = todayIn("America/New_York", recordedAt);
    expect(recordedOn).toBe("2026-11-13");
    const e = entry("EVERY_N_WEEKS");
    // 2026-11-13 is the first day of the window of the 16 Nov occurrence.
    expect(entryStatus(e, plan, [{ instrument: "ODI", recordedAt, recordedOn, context: "INTERIM" }], none, "2026-11-17").open).toBe(false);
    // One day earlier in the clinic's zone (12 Nov) is outside it.
    const early = new Date("2026-11-13T04:30:00Z");
    expect(entryStatus(e, plan, [{ instrument: "ODI", recordedAt: early, recordedOn: todayIn("America/New_York", early), context: "INTERIM" }], none, "2026-11-17").open).toBe(true);
    // The London spring change: 2027-03-28 00:30 UTC is still 28 March (GMT), 23:30 UTC after it is 29 March (BST).
    expect(todayIn("Europe/London", new Date("2027-03-28T23:30:00Z"))).toBe("2027-03-29");
  });
});

describe("schedule validation", () => {
  const planId = "c".repeat(25);
  it("takes the ODI preset and the NPRS-each-session preset", () => {
    expect(ZAddMeasureSchedules.safeParse({ planId, entries: [
      { instrument: "ODI", rule: "AT_START", answeredBy: "PATIENT" },
      { instrument: "ODI", rule: "EVERY_N_WEEKS", everyWeeks: 2, answeredBy: "PATIENT" },
      { instrument: "ODI", rule: "AT_DISCHARGE", answeredBy: "PATIENT" },
    ] }).success).toBe(true);
    expect(ZAddMeasureSchedules.safeParse({ planId, entries: [{ instrument: "NPRS", rule: "EACH_SESSION", answeredBy: "CLINICIAN" }] }).success).toBe(true);
  });
  it.each([
    [{ instrument: "ODI", rule: "EVERY_N_WEEKS", answeredBy: "PATIENT" }, "everyWeeks"],
    [{ instrument: "ODI", rule: "EVERY_N_WEEKS", everyWeeks: 13, answeredBy: "PATIENT" }, "everyWeeks"],
    [{ instrument: "ODI", rule: "AT_START", everyWeeks: 2, answeredBy: "PATIENT" }, "everyWeeks"],
    [{ instrument: "ODI", rule: "EACH_SESSION", answeredBy: "PATIENT" }, "answeredBy"],
    [{ instrument: "NPRS", rule: "AT_START", answeredBy: "PATIENT" }, "answeredBy"],
    [{ instrument: "ODI", rule: "ONCE", answeredBy: "PATIENT" }, "rule"],
  ])("refuses %j on %s", (e, field) => {
    const parsed = ZAddMeasureSchedules.safeParse({ planId, entries: [e] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.some((i) => i.path.includes(field))).toBe(true);
  });
  it("a one-off ask is never NPRS", () => {
    expect(ZAskMeasureNow.safeParse({ planId, instrument: "NPRS", requested: true }).success).toBe(false);
    expect(ZAskMeasureNow.safeParse({ planId, instrument: "PSFS", requested: true }).success).toBe(true);
  });
});
