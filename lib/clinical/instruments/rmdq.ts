import type { InstrumentDefinition } from "./definition";

// Roland-Morris Disability Questionnaire, 24 items answered yes/no; score = the number of yes
// answers, 0–24, higher is more disability (Roland & Morris, Spine 1983;8:141–144; scoring as
// described at scientificspine.com: "scored by adding up the number of items checked"). The
// statements' wording belongs to the authors and is not shipped: the clinic records which numbered
// items the patient ticked on the form it holds. Meaningful change 5 points (DESIGN.md; Ostelo et
// al., Spine 2008;33(1):90–94, MIC 5 for the Roland Disability Questionnaire).
const ITEMS = Array.from({ length: 24 }, (_, i) => ({
  id: `item${i + 1}`,
  title: `Item ${i + 1}`,
  prompt: `Item ${i + 1} of the patient's completed Roland-Morris form`,
  kind: "yes-no" as const,
}));

export const RMDQ: InstrumentDefinition = {
  code: "RMDQ",
  name: "Roland-Morris Disability Questionnaire",
  label: "RMDQ",
  wording: "LICENSED",
  licence: "The 24 statements are the authors' wording and are not shipped; items are recorded by number from the clinic's own copy of the form.",
  instructions: "Tick each numbered statement the patient marked as applying to them today.",
  itemNoun: "items",
  items: ITEMS,
  scoring: { method: "sum", decimals: 0 },
  missing: { maxMissing: 0, minAnswered: 24 },
  range: { min: 0, max: 24 },
  unit: "/24",
  direction: "lower-is-better",
  bands: [],
  mcid: {
    points: 5,
    source: "Ostelo RWJG et al. Interpreting change scores for pain and functional status in low back pain. Spine 2008;33(1):90–94.",
    population: "Low back pain (international consensus on minimal important change)",
  },
};
