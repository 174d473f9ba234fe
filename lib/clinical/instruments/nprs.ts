import type { InstrumentDefinition } from "./definition";

// Numeric Pain Rating Scale: one item, 0–10, lower is better. Meaningful change 2 points or 30 %
// of baseline (docs/shared DESIGN.md), the consensus of Ostelo et al., "Interpreting change scores
// for pain and functional status in low back pain: towards international consensus regarding
// minimal important change", Spine 2008;33(1):90–94 (MIC 2 on the 0–10 NRS; a 30 % improvement
// from baseline as a useful threshold).
export const NPRS: InstrumentDefinition = {
  code: "NPRS",
  name: "Numeric Pain Rating Scale",
  label: "NPRS",
  wording: "PUBLIC",
  licence: "A 0–10 numeric rating of pain intensity; the scale and its end labels are in common public use.",
  instructions: "Choose the number that describes your pain right now.",
  itemNoun: "items",
  items: [{ id: "pain", title: "Pain", prompt: "How strong is your pain right now?", kind: "numeric", min: 0, max: 10, minLabel: "No pain", maxLabel: "Worst pain imaginable" }],
  scoring: { method: "sum", decimals: 0 },
  missing: { maxMissing: 0, minAnswered: 1 },
  range: { min: 0, max: 10 },
  unit: "/10",
  direction: "lower-is-better",
  bands: [],
  mcid: {
    points: 2,
    percent: 30,
    source: "Ostelo RWJG et al. Interpreting change scores for pain and functional status in low back pain. Spine 2008;33(1):90–94.",
    population: "Low back pain (international consensus on minimal important change)",
  },
};
