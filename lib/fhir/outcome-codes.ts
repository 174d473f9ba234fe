// Codes of the outcome measures. LOINC where a code exists that we verified; our own text code
// (SYSTEMS.instrument) otherwise, never a guessed LOINC.
//  - NPRS: 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" (active;
//    https://www.healthassure.in/codes/loinc-72514-3-pain-severity-0-10-verbal-numeric-rating-score-reported,
//    and DESIGN.md). Not 38208-5 (older IHE templates) nor 56840-2 (DISCOURAGED in LOINC).
//  - ODI: 97909-6 "Oswestry disability index score ODI" (https://loinc.org/97909-6, panel 97908-8
//    "Oswestry Disability Index", https://loinc.org/97908-8/panel). Our ODI uses adapted wording
//    (DESIGN.md): the score is the ODI score, so the score code applies; the panel code is not
//    used for our Questionnaire, whose items are not LOINC's.
//  - RMDQ, PSFS: no LOINC code found in our searches (2026-12-06): text codes.
import type { CodeableConcept } from "@medplum/fhirtypes";
import type { Instrument } from "@/lib/db/generated/enums";
import { SYSTEMS } from "./systems";

export const INSTRUMENT_TITLES: Record<Instrument, string> = {
  NPRS: "Numeric Pain Rating Scale",
  ODI: "Oswestry Disability Index (adapted wording)",
  RMDQ: "Roland-Morris Disability Questionnaire",
  PSFS: "Patient-Specific Functional Scale",
};

export const NPRS_CODE: CodeableConcept = {
  coding: [
    { system: SYSTEMS.loinc, code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported" },
    { system: SYSTEMS.instrument, code: "NPRS", display: INSTRUMENT_TITLES.NPRS },
  ],
  text: "Pain (NPRS 0–10)",
};

const ODI_SCORE_CODE: CodeableConcept = {
  coding: [
    { system: SYSTEMS.loinc, code: "97909-6", display: "Oswestry disability index score ODI" },
    { system: SYSTEMS.instrument, code: "ODI", display: INSTRUMENT_TITLES.ODI },
  ],
  text: "ODI score (adapted wording)",
};

/** The code of the Observation that carries an instrument's score. */
export function scoreCode(instrument: Instrument): CodeableConcept {
  switch (instrument) {
    case "NPRS":
      return NPRS_CODE;
    case "ODI":
      return ODI_SCORE_CODE;
    case "RMDQ":
      return { coding: [{ system: SYSTEMS.instrument, code: "RMDQ", display: INSTRUMENT_TITLES.RMDQ }], text: "RMDQ score (0–24)" };
    case "PSFS":
      return { coding: [{ system: SYSTEMS.instrument, code: "PSFS", display: INSTRUMENT_TITLES.PSFS }], text: "PSFS score (mean, 0–10)" };
  }
}
