import type { InstrumentDefinition } from "./definition";

// Patient-Specific Functional Scale (Stratford, Gill, Westaway & Binkley, "Assessing disability and
// change on individual patients: a report of a patient specific measure", Physiotherapy Canada
// 1995;47:258–263; free to use). The patient names up to five activities they have difficulty with
// and rates each 0 (unable to perform) to 10 (able to perform at the same level as before the
// injury or problem); "Total score = sum of the activity scores / number of activities". Later
// administrations re-rate the same named activities.
//
// Meaningful change: 2.3 points, the minimum important difference for a "medium" patient-perceived
// change in Abbott JH & Schmitt JS, "Minimum important differences for the Patient-Specific
// Functional Scale, 4 region-specific outcome measures, and the Numeric Pain Rating Scale", JOSPT
// 2014;44(8):560–564: 1,708 consecutive patients with musculoskeletal disorders in 5 physical therapy
// clinics; MID 1.3 (small), 2.3 (medium), 2.7 (large) change, relatively stable across body regions.
// The medium value is used because the small one (1.3) lies below the PSFS's minimum detectable
// change for the average score (2 points at 90 % confidence, as printed on the Stratford form).
const ITEMS = Array.from({ length: 5 }, (_, i) => ({
  id: `activity${i + 1}`,
  title: `Activity ${i + 1}`,
  prompt: i === 0 ? "An important activity you are unable to do, or find hard, because of your problem" : "Another activity (optional)",
  kind: "named-activity" as const,
  min: 0,
  max: 10,
  minLabel: "Unable to do it",
  maxLabel: "Able to do it as well as before the injury or problem",
}));

export const PSFS: InstrumentDefinition = {
  code: "PSFS",
  name: "Patient-Specific Functional Scale",
  label: "PSFS",
  wording: "PUBLIC",
  licence: "Free to use (Stratford et al., Physiotherapy Canada 1995;47:258–263).",
  instructions: "Name up to five important activities you are unable to do or have difficulty with because of your problem, and rate each from 0 (unable to do it) to 10 (able to do it as well as before).",
  itemNoun: "activities",
  items: ITEMS,
  scoring: { method: "mean", decimals: 1 },
  missing: { maxMissing: 4, minAnswered: 1 },
  range: { min: 0, max: 10 },
  unit: "/10",
  direction: "higher-is-better",
  bands: [],
  mcid: {
    points: 2.3,
    source: "Abbott JH, Schmitt JS. Minimum important differences for the Patient-Specific Functional Scale… JOSPT 2014;44(8):560–564 (MID for a medium change).",
    population: "Adults with musculoskeletal disorders in physical therapy clinics, across body regions",
  },
};
