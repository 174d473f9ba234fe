// Home adherence counted against what the schedule planned, the clinician's alert thresholds,
// and the sentences the progress view builds from them.
import { describe, expect, it } from "vitest";
import { adherenceText, changeSentence } from "@/app/_components/progress/wording";
import { activeFrom, adherence, adherenceActivities, alertsByUrgency, alertsFor, fairChance, type Adherence, type AdherenceActivity, type AdherenceLog } from "@/lib/domain/progress/rules";
import { addDays } from "@/lib/domain/schedule/dates";

const TODAY = "2026-03-28";

function activity(daysPerWeek: number | null, options: { id?: string; start?: string; from?: string; timesPerDay?: number | null } = {}): AdherenceActivity {
  const start = options.start ?? addDays(TODAY, -27);
  return { id: options.id ?? `a${daysPerWeek}`, daysPerWeek, timesPerDay: options.timesPerDay ?? null, start, from: options.from ?? start };
}

/** A done log for `activityId` on each of the last `days` days (today included). */
function everyDay(activityId: string, days: number, done = true): AdherenceLog[] {
  return Array.from({ length: days }, (_, back) => ({ activityId, date: addDays(TODAY, -back), done }));
}

describe("adherence: planned occurrences follow each activity's frequency", () => {
  it.each([
    [7, 7, 28],
    [5, 5, 20],
    [3, 3, 12],
    [1, 1, 4],
  ])("%i days a week plans %i in the last 7 days and %i in the last 28", (perWeek, in7, in28) => {
    const a = activity(perWeek);
    expect(adherence([a], [], TODAY, 7)).toEqual({ days: 7, planned: in7, done: 0, ratio: 0 });
    expect(adherence([a], [], TODAY, 28).planned).toBe(in28);
  });

  it("plans the same count in any 7 consecutive days, wherever the plan's week starts", () => {
    for (let shift = 0; shift < 7; shift++) {
      const a = activity(3, { start: addDays(TODAY, -27 - shift) });
      expect(adherence([a], [], TODAY, 7).planned).toBe(3);
    }
  });

  it("no days-per-week means daily", () => {
    expect(adherence([activity(null)], [], TODAY, 7).planned).toBe(7);
  });

  it("adds up the occurrences of several activities", () => {
    const logs = [...everyDay("a7", 7), ...everyDay("a3", 7)];
    const result = adherence([activity(7), activity(3)], logs, TODAY, 7);
    expect(result).toMatchObject({ planned: 10, done: 10, ratio: 1 });
  });

  it("expects max(1, timesPerDay) logs per due day and counts each logged slot (ADR 025)", () => {
    const a = activity(7, { timesPerDay: 2 });
    // One slot logged each day: half of what was planned.
    expect(adherence([a], everyDay(a.id, 7), TODAY, 7)).toMatchObject({ planned: 14, done: 7, ratio: 0.5 });
    // Both slots every day: all of it.
    expect(adherence([a], [...everyDay(a.id, 7), ...everyDay(a.id, 7)], TODAY, 7)).toMatchObject({ planned: 14, done: 14, ratio: 1 });
  });

  it("counts at most the day's slots, and not-done logs not at all", () => {
    const a = activity(7, { timesPerDay: 3 });
    const today = [1, 2, 3, 4].map(() => ({ activityId: a.id, date: TODAY, done: true }));
    expect(adherence([a], today, TODAY, 1)).toMatchObject({ planned: 3, done: 3, ratio: 1 });
    expect(adherence([a], [{ activityId: a.id, date: TODAY, done: true }, { activityId: a.id, date: TODAY, done: false }], TODAY, 1)).toMatchObject({ planned: 3, done: 1 });
  });

  it("keeps once-a-day activities (timesPerDay null or 1) at one planned and at most one done per due day", () => {
    for (const timesPerDay of [null, 1]) {
      const a = activity(7, { timesPerDay });
      expect(adherence([a], [...everyDay(a.id, 7), ...everyDay(a.id, 7)], TODAY, 7)).toMatchObject({ planned: 7, done: 7, ratio: 1 });
    }
  });
});

describe("adherence: partial weeks and activities added later", () => {
  it("a plan started 3 days ago plans only those 3 days of a daily activity", () => {
    const a = activity(7, { start: addDays(TODAY, -2) });
    expect(adherence([a], everyDay(a.id, 2), TODAY, 7)).toEqual({ days: 7, planned: 3, done: 2, ratio: 2 / 3 });
    expect(adherence([a], [], TODAY, 28).planned).toBe(3);
  });

  it("a plan started 3 days ago plans a 3-a-week activity on its first and third day", () => {
    const a = activity(3, { start: addDays(TODAY, -2) });
    expect(adherence([a], [], TODAY, 7).planned).toBe(2);
  });

  it("a plan that starts tomorrow plans nothing yet", () => {
    const a = activity(7, { start: addDays(TODAY, 1) });
    expect(adherence([a], [], TODAY, 7)).toEqual({ days: 7, planned: 0, done: 0, ratio: null });
  });

  it("an activity added yesterday counts from yesterday, not from the plan's start", () => {
    const a = activity(7, { start: addDays(TODAY, -20), from: addDays(TODAY, -1) });
    // A log from before it was added (e.g. entered in error) does not count either.
    const logs = everyDay(a.id, 5);
    expect(adherence([a], logs, TODAY, 7)).toMatchObject({ planned: 2, done: 2, ratio: 1 });
  });

  it("an activity added later keeps the plan's weekly rhythm for its due days", () => {
    // Plan day 20 is today; days 17–20 are week days 3–6 and a 3-a-week activity is due on day 4 only.
    const a = activity(3, { start: addDays(TODAY, -20), from: addDays(TODAY, -3) });
    expect(adherence([a], [], TODAY, 7).planned).toBe(1);
  });
});

describe("adherence: what counts as done", () => {
  it("does not count logs on days the activity was not due", () => {
    const a = activity(3);
    const result = adherence([a], everyDay(a.id, 7), TODAY, 7);
    expect(result).toMatchObject({ planned: 3, done: 3, ratio: 1 });
  });

  it("does not count a log marked not done", () => {
    const a = activity(7);
    const logs = [...everyDay(a.id, 7, false), { activityId: a.id, date: TODAY, done: true }];
    expect(adherence([a], logs, TODAY, 7)).toMatchObject({ planned: 7, done: 1 });
    expect(adherence([a], logs, TODAY, 7).ratio).toBeCloseTo(1 / 7);
  });

  it("does not count another activity's log or a log outside the window", () => {
    const a = activity(7);
    const logs = [{ activityId: "other", date: TODAY, done: true }, { activityId: a.id, date: addDays(TODAY, -7), done: true }];
    expect(adherence([a], logs, TODAY, 7).done).toBe(0);
    expect(adherence([a], logs, TODAY, 28).done).toBe(1);
  });

  it("gives 5 of 7 as 5/7", () => {
    const a = activity(7);
    expect(adherence([a], everyDay(a.id, 5), TODAY, 7)).toEqual({ days: 7, planned: 7, done: 5, ratio: 5 / 7 });
  });

  it("has no ratio (null, not 0) when nothing was planned", () => {
    expect(adherence([], everyDay("a7", 7), TODAY, 7)).toEqual({ days: 7, planned: 0, done: 0, ratio: null });
  });
});

const fullAdherence: Adherence = { days: 7, planned: 7, done: 7, ratio: 1 };
const quiet = {
  today: TODAY,
  homePainLast7Days: [] as number[],
  adherence7: fullAdherence,
  adherenceFairChance: true,
  reviewDate: null as string | null,
  completedSessions: 0,
  nprs: null as { baseline: number; latest: number } | null,
  odi: null as { baseline: number; latest: number } | null,
};
const kinds = (input: Partial<typeof quiet>) => alertsFor({ ...quiet, ...input }).map((a) => a.kind);

describe("alertsFor", () => {
  it("raises nothing for a patient doing well", () => {
    expect(alertsFor(quiet)).toEqual([]);
  });

  it("home pain: 7 raises the alert, 6 does not", () => {
    expect(kinds({ homePainLast7Days: [6, 6, 2] })).toEqual([]);
    const alerts = alertsFor({ ...quiet, homePainLast7Days: [3, 7, 5] });
    expect(alerts).toEqual([{ kind: "HIGH_HOME_PAIN", message: "Reported pain 7/10 at home in the last 7 days" }]);
    expect(alertsFor({ ...quiet, homePainLast7Days: [9, 7] })[0]?.message).toContain("9/10");
  });

  it("adherence: 50 % is fine, 49 % raises the alert, nothing planned raises nothing", () => {
    expect(kinds({ adherence7: { days: 7, planned: 100, done: 50, ratio: 0.5 } })).toEqual([]);
    const alerts = alertsFor({ ...quiet, adherence7: { days: 7, planned: 100, done: 49, ratio: 0.49 } });
    expect(alerts).toEqual([{ kind: "LOW_ADHERENCE", message: "Home adherence 49 % in the last 7 days" }]);
    expect(kinds({ adherence7: { days: 7, planned: 0, done: 0, ratio: null } })).toEqual([]);
  });

  it("review date: due today is not overdue, due yesterday is", () => {
    expect(kinds({ reviewDate: TODAY })).toEqual([]);
    expect(kinds({ reviewDate: addDays(TODAY, 1) })).toEqual([]);
    expect(alertsFor({ ...quiet, reviewDate: addDays(TODAY, -1) })).toEqual([{ kind: "REVIEW_OVERDUE", message: "Plan review was due 27 Mar 2026" }]);
  });

  describe("no meaningful change by the sixth session", () => {
    const flat = { nprs: { baseline: 7, latest: 6 }, odi: { baseline: 40, latest: 35 } };

    it("waits for the sixth session: 5 sessions raise nothing, 6 do", () => {
      expect(kinds({ ...flat, completedSessions: 5 })).toEqual([]);
      const alerts = alertsFor({ ...quiet, ...flat, completedSessions: 6 });
      expect(alerts).toEqual([{ kind: "NO_MEANINGFUL_CHANGE", message: "No meaningful change in pain or disability after 6 sessions: re-evaluate" }]);
    });

    it("a meaningful NPRS improvement alone is enough", () => {
      expect(kinds({ completedSessions: 6, nprs: { baseline: 7, latest: 5 }, odi: { baseline: 40, latest: 38 } })).toEqual([]);
      // 30 % of a low baseline counts too: 3 → 2.
      expect(kinds({ completedSessions: 8, nprs: { baseline: 3, latest: 2 }, odi: null })).toEqual([]);
    });

    it("a meaningful ODI improvement alone is enough", () => {
      expect(kinds({ completedSessions: 6, nprs: { baseline: 7, latest: 6 }, odi: { baseline: 44.4, latest: 34.4 } })).toEqual([]);
    });

    it("neither improving meaningfully raises it, and so does getting worse", () => {
      expect(kinds({ completedSessions: 6, ...flat })).toEqual(["NO_MEANINGFUL_CHANGE"]);
      expect(kinds({ completedSessions: 7, nprs: { baseline: 4, latest: 7 }, odi: { baseline: 30, latest: 45 } })).toEqual(["NO_MEANINGFUL_CHANGE"]);
    });

    it("no baseline (no change to judge) raises it", () => {
      expect(kinds({ completedSessions: 6, nprs: null, odi: null })).toEqual(["NO_MEANINGFUL_CHANGE"]);
    });
  });

  it("lists every alert at once, most urgent first", () => {
    expect(
      kinds({
        homePainLast7Days: [8],
        adherence7: { days: 7, planned: 7, done: 1, ratio: 1 / 7 },
        reviewDate: addDays(TODAY, -10),
        completedSessions: 6,
      }),
    ).toEqual(["HIGH_HOME_PAIN", "LOW_ADHERENCE", "REVIEW_OVERDUE", "NO_MEANINGFUL_CHANGE"]);
  });
});

describe("alertsByUrgency (the dashboard's order)", () => {
  const alert = (patientId: string, kind: "HIGH_HOME_PAIN" | "LOW_ADHERENCE" | "REVIEW_OVERDUE" | "NO_MEANINGFUL_CHANGE") => ({ patientId, kind, message: `${patientId} ${kind}` });

  it("groups by patient, most urgent alert first, then more alerts, then the order given", () => {
    const groups = alertsByUrgency([
      alert("ada", "REVIEW_OVERDUE"),
      alert("ben", "NO_MEANINGFUL_CHANGE"),
      alert("cai", "LOW_ADHERENCE"),
      alert("cai", "REVIEW_OVERDUE"),
      alert("dee", "LOW_ADHERENCE"),
      alert("eve", "HIGH_HOME_PAIN"),
      alert("fay", "REVIEW_OVERDUE"),
    ]);
    expect(groups.map((g) => g[0]!.patientId)).toEqual(["eve", "cai", "dee", "ada", "fay", "ben"]);
    expect(groups[1]!.map((a) => a.kind)).toEqual(["LOW_ADHERENCE", "REVIEW_OVERDUE"]);
    expect(groups.flat()).toHaveLength(7);
  });

  it("returns nothing for no alerts", () => {
    expect(alertsByUrgency([])).toEqual([]);
  });
});

describe("progress view wording", () => {
  const improved = { baseline: 7, latest: 4, change: -3, meaning: "meaningful-improvement" as const };

  it("says a change against baseline with its meaning, for the clinician", () => {
    expect(changeSentence("NPRS", improved, [], "clinician")).toBe("Pain down 3 points since baseline (7 → 4): meaningful improvement");
    expect(changeSentence("NPRS", { baseline: 5, latest: 6, change: 1, meaning: "no-meaningful-change" }, [], "clinician")).toBe(
      "Pain up 1 point since baseline (5 → 6): no meaningful change",
    );
    expect(changeSentence("ODI", { baseline: 30, latest: 45, change: 15, meaning: "worse" }, [], "clinician")).toBe("ODI up 15 points since baseline (30 → 45 %): worse");
  });

  it("says it in plain words for the patient", () => {
    expect(changeSentence("NPRS", improved, [], "patient")).toBe("Your pain is 3 points lower than when you started — that's a real improvement.");
    expect(changeSentence("NPRS", { baseline: 4, latest: 7, change: 3, meaning: "worse" }, [], "patient")).toContain("3 points higher");
  });

  it("explains a missing change: baseline only, or no baseline", () => {
    expect(changeSentence("NPRS", null, [{ date: TODAY, score: 7, context: "BASELINE" }], "clinician")).toBe("NPRS: baseline only, no follow-up score yet.");
    expect(changeSentence("ODI", null, [{ date: TODAY, score: 30, context: "INTERIM" }], "clinician")).toBe("ODI: no baseline recorded, so no change to judge.");
  });

  it("writes adherence as done of planned with a rounded percentage", () => {
    expect(adherenceText({ days: 7, planned: 7, done: 5, ratio: 5 / 7 })).toBe("5 of 7 planned (71 %)");
    expect(adherenceText({ days: 28, planned: 0, done: 0, ratio: null })).toBe("No home activities planned");
  });
});

describe("the fair-chance rule before a low-adherence alert (ADR 041)", () => {
  const none: Adherence = { days: 7, planned: 1, done: 0, ratio: 0 };

  it("holds the alert back while the patient has not had a fair chance, whatever the ratio", () => {
    expect(kinds({ adherence7: none, adherenceFairChance: false })).toEqual([]);
    expect(kinds({ adherence7: none, adherenceFairChance: true })).toEqual(["LOW_ADHERENCE"]);
  });

  it("a daily activity active from today has had no chance; from three days ago, it has", () => {
    const today = (from: string) => fairChance([activity(7, { from })], TODAY);
    expect(today(TODAY)).toEqual({ daysEnded: 0, dueDaysEnded: 0, fair: false });
    expect(today(addDays(TODAY, -2))).toEqual({ daysEnded: 2, dueDaysEnded: 2, fair: false });
    expect(today(addDays(TODAY, -3))).toEqual({ daysEnded: 3, dueDaysEnded: 3, fair: true });
  });

  it("counts due days, not calendar days: a weekly activity waits for its third due day", () => {
    const weekly = (daysAgo: number) => fairChance([activity(1, { start: addDays(TODAY, -daysAgo) })], TODAY);
    expect(weekly(10)).toMatchObject({ daysEnded: 10, dueDaysEnded: 2, fair: false });
    expect(weekly(14)).toMatchObject({ dueDaysEnded: 2, fair: false });
    expect(weekly(15)).toMatchObject({ dueDaysEnded: 3, fair: true });
  });

  it("nothing to do at home is never a fair chance to miss", () => {
    expect(fairChance([], TODAY).fair).toBe(false);
  });

  it("counts from the day the plan became active (clinic time), not from an earlier start date", () => {
    const plan = { startDate: new Date("2026-03-01T00:00:00Z"), createdAt: new Date("2026-03-01T09:00:00Z") };
    // 23:30 UTC on 27 March is already 28 March in Auckland.
    const activatedAt = new Date(`${addDays(TODAY, -1)}T23:30:00Z`);
    expect(activeFrom({ ...plan, activatedAt: null }, "Europe/London")).toBe("2026-03-01");
    expect(activeFrom({ ...plan, activatedAt }, "Europe/London")).toBe(addDays(TODAY, -1));
    expect(activeFrom({ ...plan, activatedAt }, "Pacific/Auckland")).toBe(TODAY);
    const [a] = adherenceActivities({ ...plan, activatedAt }, [{ id: "x", daysPerWeek: 7, timesPerDay: null, createdAt: plan.createdAt }], "Europe/London");
    expect(a).toMatchObject({ start: "2026-03-01", from: addDays(TODAY, -1) });
    // Adherence no longer counts the weeks the plan sat in draft as missed.
    expect(adherence([a!], [], TODAY, 7).planned).toBe(2);
    // A start date after activation still wins.
    expect(activeFrom({ startDate: new Date(`${TODAY}T00:00:00Z`), activatedAt: new Date("2026-03-10T10:00:00Z") }, "UTC")).toBe(TODAY);
  });
});
