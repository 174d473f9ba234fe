import { ODI_SECTIONS, type OdiSection } from "@/lib/clinical/odi-sections";
import type { InstrumentDefinition } from "./definition";

// Oswestry Disability Index (Fairbank & Pynsent, "The Oswestry Disability Index", Spine
// 2000;25(22):2940–2952): ten sections, each one of six graded statements scored 0 (least) to 5
// (most disability); index = total ÷ (5 × sections answered) × 100 ("for every question not
// answered, the denominator is reduced by 5"); this product refuses to score with more than one
// section missing (DESIGN.md). Bands 0–20 minimal, 21–40 moderate, 41–60 severe, 61–80 crippled,
// 81–100 bed-bound. Meaningful change 10 points or 30 % of baseline (Ostelo et al., Spine
// 2008;33(1):90–94: MIC 10 for the ODI; 30 % improvement from baseline).
//
// The published statements are licensed. What follows is OUR OWN plain-language adaptation, written
// for this product and labelled "ODI, adapted wording" wherever a score shows; a clinic that holds a
// licence loads the licensed statements (lib/domain/instruments) and the label becomes "ODI".

export const ODI_SECTION_TITLES: Record<OdiSection, string> = {
  painIntensity: "Pain intensity",
  personalCare: "Personal care",
  lifting: "Lifting",
  walking: "Walking",
  sitting: "Sitting",
  standing: "Standing",
  sleeping: "Sleeping",
  sexLife: "Sex life",
  socialLife: "Social life",
  travelling: "Travelling",
};

const ADAPTED: Record<OdiSection, { prompt: string; statements: [string, string, string, string, string, string] }> = {
  painIntensity: {
    prompt: "How strong is your pain right now?",
    statements: [
      "Right now I am free of pain.",
      "Right now my pain is slight.",
      "Right now my pain is noticeable but I can manage it.",
      "Right now my pain is strong.",
      "Right now my pain is very strong.",
      "Right now my pain is as bad as I can imagine.",
    ],
  },
  personalCare: {
    prompt: "Looking after yourself (washing, dressing)",
    statements: [
      "I wash and dress myself as usual, with no extra pain.",
      "I wash and dress myself as usual, but it hurts more.",
      "Washing and dressing hurt, so I go slowly and carefully.",
      "I need a little help, but I manage most of my washing and dressing.",
      "I need help every day with most of my washing and dressing.",
      "I can't dress myself, washing is a struggle, and I mostly stay in bed.",
    ],
  },
  lifting: {
    prompt: "Lifting things",
    statements: [
      "I can lift heavy things with no extra pain.",
      "I can lift heavy things, but it makes my pain worse.",
      "Pain stops me lifting heavy things from the floor, but I can if they are at a handy height, such as on a table.",
      "Pain stops me lifting heavy things, but I can lift light or medium things at a handy height.",
      "I can lift only very light things.",
      "I can't lift or carry anything at all.",
    ],
  },
  walking: {
    prompt: "Walking",
    statements: [
      "Pain does not limit how far I can walk.",
      "Because of pain I can't walk more than about a mile (1.5 km).",
      "Because of pain I can't walk more than about a quarter of a mile (400 m).",
      "Because of pain I can't walk more than about 100 metres.",
      "I can walk only with a stick or crutches.",
      "I am in bed most of the time and getting to the toilet is a struggle.",
    ],
  },
  sitting: {
    prompt: "Sitting",
    statements: [
      "I can sit in any chair for as long as I like.",
      "I can sit for as long as I like, but only in my favourite chair.",
      "Because of pain I can't sit for more than an hour.",
      "Because of pain I can't sit for more than half an hour.",
      "Because of pain I can't sit for more than ten minutes.",
      "Because of pain I can't sit at all.",
    ],
  },
  standing: {
    prompt: "Standing",
    statements: [
      "I can stand for as long as I like with no extra pain.",
      "I can stand for as long as I like, but it makes my pain worse.",
      "Because of pain I can't stand for more than an hour.",
      "Because of pain I can't stand for more than half an hour.",
      "Because of pain I can't stand for more than ten minutes.",
      "Because of pain I can't stand at all.",
    ],
  },
  sleeping: {
    prompt: "Sleeping",
    statements: [
      "Pain never wakes me or keeps me awake.",
      "Pain now and then wakes me or keeps me awake.",
      "Because of pain I get less than 6 hours' sleep.",
      "Because of pain I get less than 4 hours' sleep.",
      "Because of pain I get less than 2 hours' sleep.",
      "Because of pain I can't sleep at all.",
    ],
  },
  sexLife: {
    prompt: "Your sex life (you may skip this one)",
    statements: [
      "My sex life is as usual and gives me no extra pain.",
      "My sex life is as usual but gives me some extra pain.",
      "My sex life is nearly as usual but is very painful.",
      "Pain limits my sex life a great deal.",
      "Because of pain I have almost no sex life.",
      "Because of pain I have no sex life at all.",
    ],
  },
  socialLife: {
    prompt: "Social life (going out, seeing people, hobbies)",
    statements: [
      "My social life is as usual and gives me no extra pain.",
      "My social life is as usual, but it makes my pain worse.",
      "Pain makes little difference to my social life, apart from energetic things such as sport or dancing.",
      "Pain has cut down my social life and I go out less often.",
      "Pain has shrunk my social life to my own home.",
      "Because of pain I have no social life.",
    ],
  },
  travelling: {
    prompt: "Travelling (car, bus, train)",
    statements: [
      "I can travel anywhere with no extra pain.",
      "I can travel anywhere, but it makes my pain worse.",
      "My pain is bad, but I manage journeys of more than two hours.",
      "Because of pain I keep to journeys of less than an hour.",
      "Because of pain I keep to short, necessary journeys of less than half an hour.",
      "Because of pain I travel only to get treatment.",
    ],
  },
};

export const ODI_ADAPTED_LABEL = "ODI, adapted wording";
export const ODI_LICENSED_LABEL = "ODI";

export const ODI: InstrumentDefinition = {
  code: "ODI",
  name: "Oswestry Disability Index",
  label: ODI_ADAPTED_LABEL,
  wording: "ADAPTED",
  licence:
    "The published ODI statements are licensed (Fairbank & Pynsent, Spine 2000). These statements are this product's own plain-language adaptation, not the licensed text; scores use the ODI's scoring rule and are labelled \"ODI, adapted wording\".",
  instructions: "For each section, choose the one statement that best describes you today. If two seem to fit, choose the one further down. You may leave out one section if it does not apply to you.",
  itemNoun: "sections",
  items: ODI_SECTIONS.map((s) => ({
    id: s,
    title: ODI_SECTION_TITLES[s],
    prompt: ADAPTED[s].prompt,
    kind: "choice" as const,
    options: ADAPTED[s].statements.map((label, value) => ({ value, label })),
  })),
  scoring: { method: "percentage-of-answered", decimals: 1 },
  missing: { maxMissing: 1, minAnswered: 9 },
  range: { min: 0, max: 100 },
  unit: "%",
  direction: "lower-is-better",
  bands: [
    { key: "minimal", label: "Minimal disability", upTo: 20 },
    { key: "moderate", label: "Moderate disability", upTo: 40 },
    { key: "severe", label: "Severe disability", upTo: 60 },
    { key: "crippling", label: "Crippling back pain", upTo: 80 },
    { key: "bed-bound", label: "Bed-bound", upTo: 100 },
  ],
  mcid: {
    points: 10,
    percent: 30,
    source: "Ostelo RWJG et al. Interpreting change scores for pain and functional status in low back pain. Spine 2008;33(1):90–94.",
    population: "Low back pain (international consensus on minimal important change)",
  },
};
