// The clinic-group shape behind `npm run seed:scale`: exact totals, plan lifecycles a patient could
// really have (DESIGN.md, ADR 007), and the distributions docs/decisions/011-scale-data.md promises.
import { beforeAll, describe, expect, it } from "vitest";
import { SCALE_TARGETS, buildShape, type Shape } from "@/scripts/lib/scale/shape";
import { HISTORY_DAYS, type PlanShape } from "@/scripts/lib/scale/plans";
import { PLAN_TRANSITIONS } from "@/lib/domain/plans/rules";

const OPEN = new Set(["DRAFT", "ACTIVE", "ON_HOLD"]);
let shape: Shape;
let byPatient: Map<number, PlanShape[]>;

beforeAll(() => {
  shape = buildShape();
  byPatient = new Map();
  for (const plan of shape.plans) byPatient.set(plan.patientNo, [...(byPatient.get(plan.patientNo) ?? []), plan]);
});

describe("scale shape: totals", () => {
  it("has exactly the target numbers of clinics, clinicians, patients, plans and sessions", () => {
    expect(shape.clinics).toHaveLength(SCALE_TARGETS.clinics);
    expect(shape.clinicians).toHaveLength(SCALE_TARGETS.clinicians);
    expect(shape.patients).toHaveLength(SCALE_TARGETS.patients);
    expect(shape.plans).toHaveLength(SCALE_TARGETS.plans);
    expect(shape.plans.reduce((n, p) => n + p.past.count + p.future.count, 0)).toBe(SCALE_TARGETS.sessions);
    expect(shape.clinics.reduce((n, c) => n + c.patients, 0)).toBe(SCALE_TARGETS.patients);
  });

  it("needed only a small nudge to hit the session total (the drawn rates are realistic)", () => {
    expect(Math.abs(shape.stats.naturalSessions - SCALE_TARGETS.sessions) / SCALE_TARGETS.sessions).toBeLessThan(0.1);
  });

  it("is the same on every run", () => {
    const again = buildShape();
    expect(again.plans.slice(0, 50)).toEqual(shape.plans.slice(0, 50));
    expect(again.patients.at(-1)).toEqual(shape.patients.at(-1));
  });

  it("scales down for smaller targets", () => {
    const small = buildShape({ clinics: 2, clinicians: 6, patients: 300, plans: 600, sessions: 6_000, homeLogs: 0, outcomes: 0 });
    expect(small.clinics.map((c) => c.patients)).toEqual([157, 143]);
    expect(small.plans).toHaveLength(600);
  });
});

/** Every item that breaks a rule, by a readable name; an empty list means the rule holds. */
function violations<T>(items: Iterable<T>, name: (item: T) => string, rules: Record<string, (item: T) => boolean>): string[] {
  const out: string[] = [];
  for (const item of items) for (const [rule, holds] of Object.entries(rules)) if (!holds(item)) out.push(`${name(item)}: ${rule}`);
  return out.slice(0, 20);
}
const planName = (p: PlanShape) => `plan ${p.no} (${p.status})`;

describe("scale shape: people", () => {
  it("gives clinics different sizes, the first one largest", () => {
    const sizes = shape.clinics.map((c) => c.patients);
    expect(Math.max(...sizes)).toBe(sizes[0]);
    expect(sizes[0]! / Math.min(...sizes)).toBeGreaterThan(2.5);
  });

  it("gives every patient exactly one primary clinician, all from the patient's clinic", () => {
    const clinicOf = new Map(shape.clinicians.map((c) => [c.no, c.clinicNo]));
    expect(violations(shape.careTeam, (m) => `patient ${m.patientNo}`, { "clinician of the same clinic": (m) => clinicOf.get(m.clinicianNo) === shape.patients[m.patientNo - 1]!.clinicNo })).toEqual([]);
    const primaries = new Map<number, number>();
    for (const m of shape.careTeam) if (m.isPrimary) primaries.set(m.patientNo, (primaries.get(m.patientNo) ?? 0) + 1);
    expect(primaries.size).toBe(shape.patients.length);
    expect([...primaries.values()].every((n) => n === 1)).toBe(true);
  });

  it("follows the login scheme: no portal account when n is divisible by 10, archived when by 50", () => {
    expect(
      violations(shape.patients, (p) => `patient ${p.clinicNo}-${p.n}`, {
        "portal unless n % 10 = 0": (p) => p.portal === (p.n % 10 !== 0),
        "archived when n % 50 = 0": (p) => p.archived === (p.n % 50 === 0),
        "no logging without a portal account": (p) => p.portal || p.adherence === 0,
      }),
    ).toEqual([]);
  });
});

describe("scale shape: plans", () => {
  it("gives most patients one or two plans and some many", () => {
    const counts = shape.patients.map((p) => byPatient.get(p.no)?.length ?? 0);
    const share = (f: (n: number) => boolean) => counts.filter(f).length / counts.length;
    expect(share((n) => n <= 2)).toBeGreaterThan(0.7);
    expect(share((n) => n >= 6)).toBeGreaterThan(0.01);
    expect(share((n) => n === 0)).toBeGreaterThan(0.02);
  });

  it("starts more plans in the last year than three to four years ago", () => {
    const since = (from: number, to: number) => shape.plans.filter((p) => p.start > -to && p.start <= -from).length;
    expect(since(0, 365)).toBeGreaterThan(1.5 * since(3 * 365, 4 * 365));
    expect(Math.min(...shape.plans.map((p) => p.start))).toBeGreaterThanOrEqual(-(HISTORY_DAYS + 700));
  });

  it("keeps each patient's plans in sequence: only the latest may be open, none overlap", () => {
    const pairs = [...byPatient.values()].flatMap((plans) => plans.slice(0, -1).map((plan, i) => ({ plan, next: plans[i + 1]! })));
    expect(
      violations(pairs, ({ plan }) => planName(plan), {
        "an earlier plan is closed": ({ plan }) => !OPEN.has(plan.status),
        "ends before the next one is written": ({ plan, next }) => (plan.end ?? plan.start) < Math.min(next.start, next.created),
      }),
    ).toEqual([]);
  });

  it("uses only statuses reachable in the plan lifecycle, with the dates and reasons they imply", () => {
    expect(
      violations(shape.plans, planName, {
        "a lifecycle status": (p) => p.status in PLAN_TRANSITIONS,
        "end date exactly when completed or cancelled": (p) => (p.end !== null) === (p.status === "COMPLETED" || p.status === "CANCELLED"),
        "a reason when on hold, cancelled or in error": (p) => !["ON_HOLD", "CANCELLED", "ENTERED_IN_ERROR"].includes(p.status) || (p.statusReason?.length ?? 0) >= 5,
        "a draft starts today or later, with no past sessions or logs": (p) => p.status !== "DRAFT" || (p.start >= 0 && p.past.count === 0 && p.logs === null),
        "no home logs on a plan entered in error": (p) => p.status !== "ENTERED_IN_ERROR" || p.logs === null,
        "at least one planned session": (p) => p.plannedSessions >= 1,
      }),
    ).toEqual([]);
  });

  it("puts past sessions before today inside the plan, future ones from today, logs within the plan", () => {
    expect(
      violations(shape.plans, planName, {
        "past sessions between start and yesterday": (p) => p.past.count === 0 || (p.past.from >= p.start && p.past.from <= p.past.to && p.past.to <= -1),
        "past sessions before the end": (p) => p.past.count === 0 || p.end === null || p.past.to <= p.end,
        "future sessions only for open plans, from today": (p) => p.future.count === 0 || (p.future.from >= 0 && OPEN.has(p.status)),
        "logs from the start to the end or today": (p) => p.logs === null || (p.logs.from === p.start && p.logs.to <= (p.end ?? 0)),
      }),
    ).toEqual([]);
  });

  it("has at most one open plan per patient, none for archived patients, an ACTIVE one for each showcase patient", () => {
    expect(
      violations(shape.patients, (p) => `patient ${p.clinicNo}-${p.n}`, {
        "at most one ACTIVE or ON_HOLD plan": (p) => (byPatient.get(p.no) ?? []).filter((x) => x.status === "ACTIVE" || x.status === "ON_HOLD").length <= 1,
        "no open plan when archived": (p) => !p.archived || !(byPatient.get(p.no) ?? []).some((x) => OPEN.has(x.status)),
        "showcase: latest plan ACTIVE from the protocol, 3+ weeks in": (p) => {
          const latest = byPatient.get(p.no)?.at(-1);
          return !p.showcase || (latest?.status === "ACTIVE" && latest.templateIndex === 0 && latest.start <= -21);
        },
      }),
    ).toEqual([]);
  });

  it("has a realistic status mix: mostly completed history, a share of plans in progress", () => {
    const share = (status: string) => shape.plans.filter((p) => p.status === status).length / shape.plans.length;
    expect(share("COMPLETED")).toBeGreaterThan(0.6);
    expect(share("ACTIVE")).toBeGreaterThan(0.05);
    for (const status of ["ON_HOLD", "DRAFT", "CANCELLED", "ENTERED_IN_ERROR"]) expect(share(status)).toBeGreaterThan(0);
  });
});
