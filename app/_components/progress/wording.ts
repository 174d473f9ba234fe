// Sentences of the progress view, for a clinician or in words a patient understands. The
// meaning of a change comes from the domain (DESIGN thresholds); this only says it.
import type { Change, PainPoint, ScorePoint } from "@/lib/domain/progress/get-progress";
import type { Adherence, AlertKind } from "@/lib/domain/progress/rules";
import { odiBand } from "@/lib/domain/outcomes/rules";
import { formatDate } from "../format";
import { score } from "./series";

export type Audience = "clinician" | "patient";
type Instrument = "NPRS" | "ODI";

/** 3 → "3", 26.666 → "26.7". */
export { score };
const points = (n: number): string => `${score(n)} ${Math.abs(n) === 1 ? "point" : "points"}`;

export const MEANING_LABEL = {
  "meaningful-improvement": "meaningful improvement",
  "no-meaningful-change": "no meaningful change",
  worse: "worse",
} as const;

export const THRESHOLDS_NOTE = "Meaningful change: NPRS 2 points or 30 %, ODI 10 points or 30 % from baseline.";

function clinicianChange(instrument: Instrument, c: NonNullable<Change>): string {
  const subject = instrument === "NPRS" ? "Pain" : "ODI";
  const unit = instrument === "ODI" ? " %" : "";
  const moved = c.change === 0 ? "unchanged" : `${c.change < 0 ? "down" : "up"} ${points(Math.abs(c.change))}`;
  return `${subject} ${moved} since baseline (${score(c.baseline)} → ${score(c.latest)}${unit}): ${MEANING_LABEL[c.meaning]}`;
}

function patientChange(instrument: Instrument, c: NonNullable<Change>): string {
  if (instrument === "NPRS") {
    const diff = points(Math.abs(c.change));
    if (c.meaning === "meaningful-improvement") return `Your pain is ${diff} lower than when you started — that's a real improvement.`;
    if (c.meaning === "worse") return `Your pain is ${diff} higher than when you started. Please tell your clinician.`;
    if (c.change === 0) return "Your pain is the same as when you started.";
    return `Your pain is ${diff} ${c.change < 0 ? "lower" : "higher"} than when you started — not a clear change yet.`;
  }
  const scores = `(score ${score(c.baseline)} then, ${score(c.latest)} now, out of 100)`;
  if (c.meaning === "meaningful-improvement") return `Your back gets in the way of daily life much less than when you started ${scores} — that's a real improvement.`;
  if (c.meaning === "worse") return `Your back gets in the way of daily life more than when you started ${scores}. Please tell your clinician.`;
  return `Your back gets in the way of daily life about as much as when you started ${scores}.`;
}

/** The change since baseline with its meaning, or why there is none to show. */
export function changeSentence(instrument: Instrument, change: Change, series: readonly ScorePoint[], audience: Audience): string {
  if (change) return audience === "clinician" ? clinicianChange(instrument, change) : patientChange(instrument, change);
  const name = instrument === "NPRS" ? "pain score (NPRS)" : "disability score (ODI)";
  const hasBaseline = series.some((p) => p.context === "BASELINE");
  if (audience === "patient") return hasBaseline ? `Your ${name} will be compared with your first one at your next check.` : `No starting ${name} has been recorded yet.`;
  return hasBaseline ? `${instrument}: baseline only, no follow-up score yet.` : `${instrument}: no baseline recorded, so no change to judge.`;
}

/** One sentence on session pain, then the latest home-reported pain. */
export function painSummary(pain: readonly PainPoint[], audience: Audience): string {
  const before = pain.filter((p) => p.source === "session-before");
  const home = pain.filter((p) => p.source === "home").at(-1);
  const your = audience === "patient" ? "Your pain" : "Pain";
  const parts: string[] = [];
  const first = before[0];
  const last = before.at(-1);
  if (!first || !last) parts.push(audience === "patient" ? "No pain scores from your sessions yet." : "No pain recorded at sessions yet.");
  else if (before.length === 1) parts.push(`${your} before treatment was ${first.value}/10 at the only session so far (${formatDate(first.date)}).`);
  else parts.push(`${your} before treatment went from ${first.value} to ${last.value} out of 10 over ${before.length} sessions (${formatDate(first.date)} to ${formatDate(last.date)}).`);
  if (home) parts.push(`Latest pain reported at home: ${home.value}/10 on ${formatDate(home.date)}.`);
  return parts.join(" ");
}

/** One sentence on ODI from the first (baseline when there is one) to the latest score. */
export function odiSummary(odi: readonly ScorePoint[], audience: Audience): string {
  const first = odi.find((p) => p.context === "BASELINE") ?? odi[0];
  const last = odi.at(-1);
  if (!first || !last) return "No ODI recorded yet.";
  if (audience === "patient") {
    const at = (p: ScorePoint) => `${score(p.score)} out of 100 on ${formatDate(p.date)}`;
    return first === last ? `Your first score: ${at(first)} (lower is better).` : `Your score went from ${at(first)} to ${at(last)} (lower is better).`;
  }
  const at = (p: ScorePoint) => `${score(p.score)} % (${odiBand(p.score)}) on ${formatDate(p.date)}`;
  if (first === last) return `One ODI so far: ${at(first)}.`;
  return `ODI went from ${at(first)}${first.context === "BASELINE" ? " at baseline" : ""} to ${at(last)}, ${odi.length} scores in all.`;
}

/** "5 of 7 planned (71 %)"; "No home activities planned" when nothing was due. */
export function adherenceText(a: Adherence): string {
  if (a.planned === 0 || a.ratio === null) return "No home activities planned";
  return `${a.done} of ${a.planned} planned (${Math.round(a.ratio * 100)} %)`;
}

export const ALERT_LABEL: Record<AlertKind, string> = {
  HIGH_HOME_PAIN: "High pain at home",
  LOW_ADHERENCE: "Low home adherence",
  REVIEW_OVERDUE: "Review overdue",
  NO_MEANINGFUL_CHANGE: "Re-evaluate",
};
