// Outcome-measure scoring and meaningful-change rules exactly as DESIGN.md states them.
import { ODI_SECTIONS, type OdiSection } from "@/lib/clinical/odi-sections";

export type OdiBand = "minimal" | "moderate" | "severe" | "crippling" | "bed-bound";
export type OdiAnswers = Partial<Record<OdiSection, number | null>>;

export type OdiResult = { ok: true; score: number; band: OdiBand; answered: number } | { ok: false; reason: string };

/** ODI = sum ÷ (5 × sections answered) × 100; refuses with more than one section missing. */
export function scoreOdi(answers: OdiAnswers): OdiResult {
  const values: number[] = [];
  for (const section of ODI_SECTIONS) {
    const value = answers[section];
    if (value === null || value === undefined) continue;
    if (!Number.isInteger(value) || value < 0 || value > 5) return { ok: false, reason: `${section} must be 0–5` };
    values.push(value);
  }
  const missing = ODI_SECTIONS.length - values.length;
  if (missing > 1) return { ok: false, reason: `${missing} sections missing; at most one may be missing` };
  const sum = values.reduce((a, b) => a + b, 0);
  const score = Math.round((sum / (5 * values.length)) * 1000) / 10;
  return { ok: true, score, band: odiBand(score), answered: values.length };
}

export function odiBand(score: number): OdiBand {
  if (score <= 20) return "minimal";
  if (score <= 40) return "moderate";
  if (score <= 60) return "severe";
  if (score <= 80) return "crippling";
  return "bed-bound";
}

export type ChangeMeaning = "meaningful-improvement" | "no-meaningful-change" | "worse";

/** Lower is better for NPRS and ODI. Meaningful: ≥ 2 points or ≥ 30 % (NPRS), ≥ 10 points or ≥ 30 % (ODI). */
export function changeMeaning(instrument: "NPRS" | "ODI" | "RMDQ", baseline: number, current: number): ChangeMeaning {
  // Work in tenths of a point so one-decimal scores compare exactly (37.8 → 27.8 is 10 points).
  const tenths = (value: number) => Math.round(value * 10);
  const threshold = { NPRS: 20, ODI: 100, RMDQ: 50 }[instrument];
  const base = tenths(baseline);
  const change = base - tenths(current);
  const meaningful = (delta: number) => delta >= threshold || (instrument !== "RMDQ" && base > 0 && delta * 10 >= base * 3);
  if (change > 0 && meaningful(change)) return "meaningful-improvement";
  if (change < 0 && meaningful(-change)) return "worse";
  return "no-meaningful-change";
}
