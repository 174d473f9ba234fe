// What the measures are called on the schedule, the patient's Today page and the dashboard
// (issue 16, decision 046). Pure. The ODI's patient wording is the clinic's own adaptation, so
// its name says so (issue 16); the questionnaire pages carry the full definitions.
import type { Instrument, MeasureRule } from "@/lib/enums";

export const MEASURE_NAME: Record<Instrument, string> = {
  NPRS: "Pain rating (NPRS)",
  ODI: "Oswestry (ODI, adapted wording)",
  RMDQ: "Roland-Morris (RMDQ)",
  PSFS: "Patient-Specific Functional Scale (PSFS)",
};

/** The patient's questionnaire page for an instrument; NPRS is the daily pain report on Today. */
export function questionnaireHref(instrument: Instrument): string {
  return instrument === "NPRS" ? "/my#pain-heading" : `/my/questionnaire/${instrument.toLowerCase()}`;
}

export function describeRule(rule: MeasureRule, everyWeeks: number | null): string {
  switch (rule) {
    case "AT_START":
      return "At the start";
    case "EVERY_N_WEEKS":
      return everyWeeks === 1 ? "Every week" : `Every ${everyWeeks} weeks`;
    case "AT_DISCHARGE":
      return "At discharge";
    case "EACH_SESSION":
      return "Each session";
    case "ONCE":
      return "Asked once";
  }
}
