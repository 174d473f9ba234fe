// Outcome-measure scoring and meaningful-change rules exactly as DESIGN.md states them, now read
// from the instruments' definitions (lib/clinical/instruments, docs/decisions/045) and scored by the
// one engine. These wrappers keep the older call sites' shapes.
import { ODI_SECTIONS, type OdiSection } from "@/lib/clinical/odi-sections";
import { CODE_DEFINITIONS, type InstrumentCode } from "@/lib/clinical/instruments";
import { bandOf, changeMeaningOf, scoreAnswers, type ChangeMeaning } from "@/lib/clinical/instruments/engine";

export type OdiBand = "minimal" | "moderate" | "severe" | "crippling" | "bed-bound";
export type OdiAnswers = Partial<Record<OdiSection, number | null>>;

export type OdiResult = { ok: true; score: number; band: OdiBand; answered: number } | { ok: false; reason: string };

/** ODI = sum ÷ (5 × sections answered) × 100; refuses with more than one section missing. */
export function scoreOdi(answers: OdiAnswers): OdiResult {
  const items: Record<string, number | null> = Object.fromEntries(ODI_SECTIONS.map((s) => [s, answers[s] ?? null]));
  for (const section of ODI_SECTIONS) {
    const value = items[section] ?? null;
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 5)) return { ok: false, reason: `${section} must be 0–5` };
  }
  const result = scoreAnswers(CODE_DEFINITIONS.ODI, items);
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, score: result.score, band: result.band as OdiBand, answered: result.answered };
}

export function odiBand(score: number): OdiBand {
  return bandOf(CODE_DEFINITIONS.ODI.bands, score) as OdiBand;
}

export type { ChangeMeaning };

/** By the instrument's MCID and direction: NPRS ≥ 2 points or ≥ 30 %, ODI ≥ 10 points or ≥ 30 %, RMDQ ≥ 5 points (lower is better); PSFS ≥ 2.3 points (higher is better). */
export function changeMeaning(instrument: InstrumentCode, baseline: number, current: number): ChangeMeaning {
  return changeMeaningOf(CODE_DEFINITIONS[instrument], baseline, current);
}
