// Each patient's treatment plans over time, with their lifecycle status (DESIGN.md), dates, and
// how many sessions fall in which window. Pure and deterministic; offsets in days from today.
//
// Most patients have one or two plans, a few have many (a capped geometric draw); the latest
// plan of a patient starts recently more often than long ago (recency^2.2 over four years), so
// recent months are denser. Only a patient's latest plan can be open (DRAFT, ACTIVE, ON_HOLD);
// earlier ones are COMPLETED, CANCELLED or ENTERED_IN_ERROR, and plans never overlap in time.
import type { PlanStatus } from "../../../lib/db/generated/enums";
import { CONDITIONS } from "./catalog";
import type { CareTeamEntry, PatientShape } from "./people";
import { fitToTotal, intBetween, mulberry32, pick, triangular, weightedIndex, type Rng } from "./random";

export type Window = { from: number; to: number; count: number };
export type PlanShape = {
  no: number;
  patientNo: number;
  clinicNo: number;
  clinicianNo: number;
  /** Another care-team member who sometimes sees the patient (the plan's clinician when alone). */
  otherClinicianNo: number;
  status: PlanStatus;
  statusReason: string | null;
  conditionIndex: number;
  title: string;
  goals: string;
  templateIndex: number | null;
  created: number;
  start: number;
  /** Planned length in days (start to expected discharge). */
  duration: number;
  review: number | null;
  end: number | null;
  plannedSessions: number;
  /** Sessions before today (completed, cancelled, missed) and booked from today on. */
  past: Window;
  future: Window;
  /** Days on which home activities can have been logged; null: none (drafts, errors). */
  logs: { from: number; to: number } | null;
  /** Pain on arrival (0–10) and how much it improves by the planned end. */
  basePain: number;
  improvement: number;
};

export const HISTORY_DAYS = 1460;
export const EARLIEST_START = -2000;
const MAX_PLANS = 12;

const HOLD_REASONS = ["Patient travelling abroad for three weeks", "Awaiting MRI results before progressing", "Patient unwell (flu); resume when recovered", "Paused at patient's request: family commitments"];
const CANCEL_REASONS = ["Patient moved away from the area", "Symptoms resolved early; patient declined further visits", "Referred on to orthopaedics", "Patient chose to stop treatment", "Insurance authorisation ended"];
const ERROR_REASONS = ["Entered for the wrong patient", "Duplicate of another plan", "Created in error during booking"];

/** 0 plans for 4 %, otherwise 1 + a geometric draw (each further plan 52 % as likely), capped. */
export function drawPlanCount(rng: Rng): number {
  if (rng() < 0.04) return 0;
  let k = 1;
  while (k < MAX_PLANS && rng() < 0.52) k++;
  return k;
}

const sessionsIn = (days: number, perWeek: number) => Math.max(1, Math.round((days / 7) * perWeek));

type Draft = Omit<PlanShape, "no" | "plannedSessions"> & { perWeek: number };

function closedPlan(rng: Rng, base: Omit<Draft, "status" | "statusReason" | "end" | "past" | "future" | "logs" | "review">, status: PlanStatus, length: number): Draft {
  const end = base.start + length;
  const review = rng() < 0.85 ? base.start + intBetween(rng, 28, 42) : null;
  if (status === "ENTERED_IN_ERROR") {
    const count = rng() < 0.3 && end <= -1 ? 1 : 0;
    return { ...base, status, statusReason: pick(rng, ERROR_REASONS), end: null, review, past: { from: base.start, to: Math.min(end, -1), count }, future: { from: 0, to: 0, count: 0 }, logs: null };
  }
  // A plan closed today has no past sessions yet; its home logs may include today.
  const past = { from: base.start, to: end, count: end <= -1 ? sessionsIn(length + 1, base.perWeek) : 0 };
  const reason = status === "CANCELLED" ? pick(rng, CANCEL_REASONS) : rng() < 0.5 ? "Goals met; discharged with a home programme" : null;
  return { ...base, status, statusReason: reason, end, review, past, future: { from: 0, to: 0, count: 0 }, logs: { from: base.start, to: end } };
}

function latestStatus(rng: Rng, patient: PatientShape, ongoing: boolean): PlanStatus {
  if (patient.showcase) return "ACTIVE";
  const r = rng();
  if (patient.archived) return r < 0.85 ? "COMPLETED" : "CANCELLED";
  if (ongoing) return r < 0.78 ? "ACTIVE" : r < 0.86 ? "ON_HOLD" : r < 0.93 ? "DRAFT" : r < 0.97 ? "CANCELLED" : "ENTERED_IN_ERROR";
  return r < 0.8 ? "COMPLETED" : r < 0.9 ? "CANCELLED" : r < 0.94 ? "ENTERED_IN_ERROR" : "ACTIVE";
}

function latestPlan(rng: Rng, patient: PatientShape, base: Omit<Draft, "status" | "statusReason" | "end" | "past" | "future" | "logs" | "review" | "start" | "created">): Draft {
  const elapsed = patient.showcase ? intBetween(rng, 21, 35) : patient.archived ? intBetween(rng, 200, HISTORY_DAYS) : Math.floor(HISTORY_DAYS * rng() ** 2.2);
  const ongoing = elapsed < base.duration;
  let status = latestStatus(rng, patient, ongoing);
  if (status === "ON_HOLD" && elapsed < 7) status = "ACTIVE";
  const start = -elapsed;
  const at = { ...base, start, created: start - intBetween(rng, 0, 7) };
  const review = start + intBetween(rng, 28, 42);
  const none = { from: 0, to: 0, count: 0 };
  switch (status) {
    case "DRAFT": {
      const draftStart = intBetween(rng, 0, 14);
      return { ...at, start: draftStart, created: -intBetween(rng, 0, 5), status, statusReason: null, end: null, review: null, past: none, future: { from: draftStart, to: draftStart + 14, count: intBetween(rng, 0, 2) }, logs: null };
    }
    case "ACTIVE": {
      const past = elapsed >= 1 ? { from: start, to: -1, count: sessionsIn(Math.min(elapsed, base.duration), base.perWeek) } : none;
      const futureTo = ongoing ? Math.min(start + base.duration, 35) : 21;
      const futureCount = ongoing ? Math.min(8, sessionsIn(futureTo + 1, base.perWeek)) : rng() < 0.5 ? 1 : 0;
      return { ...at, status, statusReason: null, end: null, review, past, future: { from: 0, to: futureTo, count: futureCount }, logs: { from: start, to: 0 } };
    }
    case "ON_HOLD": {
      const holdFrom = -intBetween(rng, 1, Math.min(21, elapsed - 1));
      const past = holdFrom - 1 >= start ? { from: start, to: holdFrom - 1, count: sessionsIn(holdFrom - start, base.perWeek) } : none;
      const future = rng() < 0.5 ? { from: 7, to: 21, count: 1 } : none;
      return { ...at, status, statusReason: pick(rng, HOLD_REASONS), end: null, review, past, future, logs: { from: start, to: holdFrom } };
    }
    case "CANCELLED": {
      const length = ongoing ? intBetween(rng, 0, Math.max(0, elapsed - 1)) : Math.max(1, Math.round(base.duration * (0.1 + 0.6 * rng())));
      return closedPlan(rng, at, status, length);
    }
    case "COMPLETED":
      return closedPlan(rng, at, status, Math.min(base.duration + intBetween(rng, -7, 14), elapsed - 1));
    default:
      return closedPlan(rng, at, status, intBetween(rng, 1, 10));
  }
}

function earlierStatus(rng: Rng): PlanStatus {
  const r = rng();
  return r < 0.84 ? "COMPLETED" : r < 0.96 ? "CANCELLED" : "ENTERED_IN_ERROR";
}

function earlierLength(rng: Rng, status: PlanStatus, duration: number): number {
  if (status === "COMPLETED") return duration + intBetween(rng, -7, 14);
  if (status === "CANCELLED") return Math.max(1, Math.round(duration * (0.1 + 0.6 * rng())));
  return intBetween(rng, 1, 10);
}

/** Plans for every patient; the counts are then nudged so the total is exactly `totalPlans`. */
export function buildPlans(options: { patients: PatientShape[]; careTeam: CareTeamEntry[]; totalPlans: number; totalSessions: number; seed: number }) {
  const rng = mulberry32(options.seed);
  const drawn = options.patients.map((p) => (p.showcase ? 5 : p.archived ? Math.min(3, Math.max(1, drawPlanCount(rng))) : drawPlanCount(rng)));
  const counts = fitToTotal(drawn, options.totalPlans, rng, (i, delta, value) => {
    const p = options.patients[i]!;
    if (p.showcase || p.archived) return false;
    return delta > 0 ? value >= 1 && value < MAX_PLANS : value > 1;
  });
  const teams = new Map<number, CareTeamEntry[]>();
  for (const m of options.careTeam) teams.set(m.patientNo, [...(teams.get(m.patientNo) ?? []), m]);

  const drafts: Draft[] = [];
  options.patients.forEach((patient, i) => {
    const m = counts[i]!;
    if (m === 0) return;
    const team = teams.get(patient.no)!;
    const primary = team.find((t) => t.isPrimary)!.clinicianNo;
    const others = team.filter((t) => !t.isPrimary).map((t) => t.clinicianNo);
    const base = () => {
      const conditionIndex = patient.showcase ? 0 : weightedIndex(rng, CONDITIONS.map((c) => c.weight));
      const condition = CONDITIONS[conditionIndex]!;
      const clinicianNo = others.length > 0 && rng() < 0.2 ? pick(rng, others) : primary;
      const alternatives = team.map((t) => t.clinicianNo).filter((no) => no !== clinicianNo);
      const responder = rng() < 0.7;
      return {
        patientNo: patient.no,
        clinicNo: patient.clinicNo,
        clinicianNo,
        otherClinicianNo: alternatives.length > 0 ? pick(rng, alternatives) : clinicianNo,
        conditionIndex,
        title: pick(rng, condition.titles),
        goals: pick(rng, condition.goals),
        templateIndex: patient.showcase ? 0 : condition.template && rng() < condition.template.share ? condition.template.index : null,
        duration: Math.round(triangular(rng, 28, 84)),
        perWeek: triangular(rng, 0.8, 1.9),
        basePain: Math.round(triangular(rng, 3.5, 9.4)),
        improvement: responder ? triangular(rng, 2.5, 5.5) : rng() < 0.85 ? triangular(rng, 0, 1.5) : -1,
      };
    };
    const latest = latestPlan(rng, patient, base());
    const mine: Draft[] = [latest];
    // Walk back in time: each earlier plan ended before a gap and the next plan's start.
    let nextStart = Math.min(latest.start, latest.created);
    const earlier: { b: ReturnType<typeof base>; status: PlanStatus; length: number; gap: number }[] = [];
    for (let k = 1; k < m; k++) {
      const b = base();
      const status = earlierStatus(rng);
      earlier.push({ b, status, length: earlierLength(rng, status, b.duration), gap: 10 + Math.floor(rng() ** 1.5 * 400) });
    }
    const span = earlier.reduce((s, e) => s + e.length + e.gap, 0);
    const gapsTotal = earlier.reduce((s, e) => s + e.gap, 0);
    // Squeeze the gaps (never the plans) when the history would reach before the group's records.
    const room = nextStart - EARLIEST_START - (span - gapsTotal);
    const squeeze = span > nextStart - EARLIEST_START && gapsTotal > 0 ? Math.max(0, room) / gapsTotal : 1;
    for (const e of earlier) {
      const start = nextStart - Math.max(1, Math.floor(e.gap * squeeze)) - e.length;
      mine.push(closedPlan(rng, { ...e.b, start, created: start - intBetween(rng, 0, 7) }, e.status, e.length));
      nextStart = mine.at(-1)!.created;
    }
    drafts.push(...mine.reverse());
  });

  // Exact session total: nudge past sessions of completed plans (at most one every other day).
  const fixed = drafts.reduce((s, d) => s + d.future.count + (d.status === "COMPLETED" ? 0 : d.past.count), 0);
  const completed = drafts.filter((d) => d.status === "COMPLETED");
  const naturalSessions = fixed + completed.reduce((s, d) => s + d.past.count, 0);
  const fitted = fitToTotal(completed.map((d) => d.past.count), options.totalSessions - fixed, rng, (i, delta, value) => {
    const d = completed[i]!;
    return delta > 0 ? value < Math.min(30, Math.ceil((d.past.to - d.past.from + 1) / 2)) : value > 1;
  });
  completed.forEach((d, i) => (d.past.count = fitted[i]!));

  const plans: PlanShape[] = drafts.map(({ perWeek, ...d }, i) => {
    const booked = d.past.count + d.future.count;
    const planned = Math.max(1, Math.round((d.duration / 7) * perWeek));
    const plannedSessions = d.status === "COMPLETED" ? Math.max(1, booked + intBetween(rng, -2, 2)) : Math.max(planned, booked);
    return { ...d, no: i + 1, plannedSessions };
  });
  return { plans, stats: { naturalSessions } };
}
