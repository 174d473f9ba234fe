// How each instrument's answers are stored in OutcomeResponse.answers, and the item answers the
// engine scores from them. The stored shapes predate definitions (NPRS { pain }, ODI section →
// 0–5|null, RMDQ { items: boolean[24] }) and are kept, so no stored response is rewritten.
import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";
import type { ItemAnswers } from "./engine";
import type { InstrumentCode } from "./index";

export type PsfsActivity = { activity: string; rating: number };

/** The engine's item answers for a stored answers document (anything unexpected maps to unanswered, so the score is refused). */
export function itemAnswersFromStored(code: InstrumentCode, stored: unknown): ItemAnswers {
  const obj = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  switch (code) {
    case "NPRS":
      return { pain: typeof obj.pain === "number" ? obj.pain : null };
    case "ODI":
      return Object.fromEntries(ODI_SECTIONS.map((s) => [s, typeof obj[s] === "number" ? (obj[s] as number) : null]));
    case "RMDQ": {
      const items = Array.isArray(obj.items) ? obj.items : [];
      return Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`item${i + 1}`, typeof items[i] === "boolean" ? (items[i] as boolean) : null]));
    }
    case "PSFS": {
      const activities = Array.isArray(obj.activities) ? (obj.activities as PsfsActivity[]) : [];
      return Object.fromEntries(activities.slice(0, 5).map((a, i) => [`activity${i + 1}`, { activity: String(a?.activity ?? ""), rating: Number(a?.rating) }]));
    }
  }
}

/** The PSFS activities named in a stored answers document, in order (to re-rate them later). */
export function psfsActivitiesFromStored(stored: unknown): string[] {
  const obj = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  return Array.isArray(obj.activities) ? (obj.activities as PsfsActivity[]).map((a) => String(a?.activity ?? "")).filter((n) => n.trim() !== "") : [];
}
