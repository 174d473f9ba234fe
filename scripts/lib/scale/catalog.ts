// The treatments, protocols and conditions of the scale clinics: the demo catalog of
// prisma/seed-data plus a few common low-back and neck treatments, three protocols, and the
// conditions plans are written for.
import { CATALOG, LOWER_BACK_SPASM_TEMPLATE, type SeedCatalogItem, type SeedTemplateItem } from "../../../prisma/seed-data/catalog";

const EXTRA_ITEMS: SeedCatalogItem[] = [
  {
    name: "McKenzie prone press-up",
    kind: "EXERCISE",
    category: "STRETCH",
    setting: "BOTH",
    description: "Repeated lumbar extension in prone lying (McKenzie method), used when extension centralises back or leg pain.",
    patientInstructions: "Lie on your front with your hands under your shoulders. Straighten your arms to lift your chest while your hips stay on the floor, then lower slowly. Stop if pain spreads further down your leg.",
    dose: { reps: 10, timesPerDay: 3, daysPerWeek: 7 },
    contraindications: ["ACUTE_FRACTURE", "PREGNANCY"],
    equipment: ["Exercise mat"],
  },
  {
    name: "Hamstring stretch",
    kind: "EXERCISE",
    category: "STRETCH",
    setting: "HOME",
    description: "Supine or standing hamstring stretch to reduce posterior-chain tension that loads the lumbar spine.",
    patientInstructions: "Lie on your back, loop a towel around one foot and gently straighten the leg towards the ceiling until you feel a stretch behind the thigh. Hold, breathe, then swap legs.",
    dose: { holdSec: 30, reps: 3, daysPerWeek: 7 },
    contraindications: [],
    equipment: ["Towel"],
  },
  {
    name: "Hip flexor stretch",
    kind: "EXERCISE",
    category: "STRETCH",
    setting: "BOTH",
    description: "Half-kneeling hip flexor stretch for people who sit for long periods and stand with an increased lumbar curve.",
    patientInstructions: "Kneel on one knee with the other foot in front. Tuck your pelvis under and shift forward until you feel a stretch at the front of the hip. Hold, then swap sides.",
    dose: { holdSec: 30, reps: 3, daysPerWeek: 5 },
    contraindications: [],
    equipment: ["Exercise mat"],
  },
  {
    name: "Bird dog",
    kind: "EXERCISE",
    category: "STRENGTH",
    setting: "BOTH",
    description: "Four-point kneeling opposite arm and leg raise for trunk and hip extensor control.",
    patientInstructions: "On hands and knees, keep your back level and slowly reach one arm forward and the opposite leg back. Hold, return, and swap sides. Move slowly and keep breathing.",
    dose: { sets: 2, reps: 8, holdSec: 5, daysPerWeek: 5 },
    contraindications: [],
    equipment: ["Exercise mat"],
  },
  {
    name: "Walking programme",
    kind: "EXERCISE",
    category: "STRENGTH",
    setting: "HOME",
    description: "Graded daily walking that builds tolerance to activity, a first-line treatment for persistent low back pain.",
    patientInstructions: "Walk at a comfortable pace for the time agreed with your physiotherapist, adding a few minutes each week. Some discomfort is fine; ease off if pain stays worse the next morning.",
    dose: { durationMin: 20, daysPerWeek: 5 },
    contraindications: [],
    equipment: [],
  },
  {
    name: "Sciatic nerve glide",
    kind: "EXERCISE",
    category: "STRETCH",
    setting: "BOTH",
    description: "Neurodynamic sliding exercise for the sciatic nerve, used for lumbar radicular pain.",
    patientInstructions: "Sit tall on a chair. Straighten one knee while lifting your head to look up, then bend the knee while looking down. Keep it gentle: it should never provoke tingling that lasts.",
    dose: { reps: 10, timesPerDay: 2, daysPerWeek: 7 },
    contraindications: ["IMPAIRED_SENSATION"],
    equipment: ["Chair"],
  },
  {
    name: "Lumbar mobilisation",
    kind: "MODALITY",
    category: "MANUAL_THERAPY",
    setting: "IN_CLINIC",
    description: "Graded passive accessory mobilisation (Maitland grades I–IV) of stiff lumbar segments.",
    patientInstructions: "You will lie face down while your physiotherapist applies gentle rhythmic pressure over your spine. Tell them if it causes sharp pain.",
    dose: { durationMin: 15 },
    contraindications: ["OSTEOPOROSIS", "ACUTE_FRACTURE", "MALIGNANCY"],
    equipment: ["Treatment table"],
  },
  {
    name: "Cervical mobilisation",
    kind: "MODALITY",
    category: "MANUAL_THERAPY",
    setting: "IN_CLINIC",
    description: "Graded passive mobilisation of the cervical and upper thoracic spine for mechanical neck pain.",
    patientInstructions: "You will lie on your back while your physiotherapist gently moves your neck. Tell them at once if you feel dizzy, sick or have pins and needles in your arms.",
    dose: { durationMin: 15 },
    contraindications: ["OSTEOPOROSIS", "ACUTE_FRACTURE", "MALIGNANCY", "ANTICOAGULANTS"],
    equipment: ["Treatment table"],
  },
  {
    name: "Chin tuck exercise",
    kind: "EXERCISE",
    category: "POSTURE",
    setting: "HOME",
    description: "Deep neck flexor activation to correct forward head posture.",
    patientInstructions: "Sit tall and gently draw your chin straight back as if making a double chin. Hold for five seconds, relax, and repeat.",
    dose: { reps: 10, holdSec: 5, timesPerDay: 3, daysPerWeek: 7 },
    contraindications: [],
    equipment: [],
  },
  {
    name: "Heat wrap at work",
    kind: "MODALITY",
    category: "THERMAL",
    setting: "HOME",
    description: "Low-level continuous heat wrap worn during the working day for acute low back pain.",
    patientInstructions: "Wear the heat wrap over a thin layer of clothing for up to eight hours. Never sleep in it and remove it if the skin becomes red or sore.",
    dose: { durationMin: 240, daysPerWeek: 5 },
    contraindications: ["IMPAIRED_SENSATION", "INFECTION_OR_OPEN_WOUND"],
    equipment: ["Disposable heat wrap"],
  },
];

/** A catalog item that some clinics keep as a DRAFT: never assigned to a plan. */
export const DRAFT_ITEM: SeedCatalogItem = {
  name: "Blood flow restriction training",
  kind: "EXERCISE",
  category: "STRENGTH",
  setting: "IN_CLINIC",
  description: "Low-load strengthening with a pressure cuff on the limb (draft: awaiting staff training).",
  patientInstructions: "Your physiotherapist will fit a cuff and guide you through light exercises.",
  dose: { sets: 4, reps: 15 },
  contraindications: ["ANTICOAGULANTS", "BLEEDING_DISORDER", "PREGNANCY", "MALIGNANCY"],
  equipment: ["Pressure cuff"],
};

/** Every item a scale clinic may offer, by index: the demo catalog first, then the extras. */
export const SCALE_ITEMS: readonly SeedCatalogItem[] = [...CATALOG, ...EXTRA_ITEMS, DRAFT_ITEM];
export const DRAFT_ITEM_INDEX = SCALE_ITEMS.length - 1;
export const itemIndex = (name: string): number => {
  const i = SCALE_ITEMS.findIndex((item) => item.name === name);
  if (i < 0) throw new Error(`No catalog item "${name}"`);
  return i;
};
/** Demo items a clinic may not offer (the equipment is costly). */
export const OPTIONAL_ITEMS: ReadonlyMap<string, number> = new Map([
  ["Shock wave therapy", 0.3],
  ["Super inductive stimulation", 0.5],
  ["Laser therapy", 0.2],
  ["Dry needling", 0.1],
  ["Chiropractic adjustment", 0.35],
]);
export const EXTRA_ITEM_SHARE = 0.7;

export type ScaleTemplate = { name: string; condition: string; icd10Code: string; description: string; items: SeedTemplateItem[] };

export const SCALE_TEMPLATES: readonly ScaleTemplate[] = [
  LOWER_BACK_SPASM_TEMPLATE,
  {
    name: "Chronic low back pain — graded activity",
    condition: "Chronic non-specific low back pain",
    icd10Code: "M54.50",
    description: "Graded activity and strengthening for low back pain lasting more than twelve weeks, with manual therapy to ease the first weeks and education on pacing.",
    items: [
      { catalogName: "Lumbar mobilisation", setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 15 } },
      { catalogName: "Cat-cow stretch", setting: "HOME", phase: "MOBILITY", dose: { reps: 10, timesPerDay: 1, daysPerWeek: 7 } },
      { catalogName: "Walking programme", setting: "HOME", phase: "STRENGTHENING", dose: { durationMin: 20, daysPerWeek: 5 } },
      { catalogName: "Core strengthening program", setting: "BOTH", phase: "STRENGTHENING", dose: { sets: 3, reps: 10, holdSec: 5, daysPerWeek: 3 } },
      { catalogName: "Bridging", setting: "HOME", phase: "STRENGTHENING", dose: { sets: 2, reps: 12, holdSec: 5, daysPerWeek: 3 } },
      { catalogName: "Education: lifting and posture", setting: "BOTH", phase: "MAINTENANCE", dose: { durationMin: 15 } },
    ],
  },
  {
    name: "Sciatica — nerve mobility and core",
    condition: "Sciatica (lumbar radicular pain)",
    icd10Code: "M54.30",
    description: "Settles radicular pain with directional exercise and nerve glides, then restores trunk control.",
    items: [
      { catalogName: "Deep tissue massage", setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 30 } },
      { catalogName: "McKenzie prone press-up", setting: "HOME", phase: "MOBILITY", dose: { reps: 10, timesPerDay: 3, daysPerWeek: 7 } },
      { catalogName: "Sciatic nerve glide", setting: "BOTH", phase: "MOBILITY", dose: { reps: 10, timesPerDay: 2, daysPerWeek: 7 } },
      { catalogName: "Core strengthening program", setting: "BOTH", phase: "STRENGTHENING", dose: { sets: 2, reps: 10, holdSec: 5, daysPerWeek: 5 } },
      { catalogName: "Posture correction", setting: "BOTH", phase: "MAINTENANCE", dose: { reps: 10, holdSec: 5, timesPerDay: 3, daysPerWeek: 7 } },
    ],
  },
];

export type Condition = {
  weight: number;
  titles: readonly string[];
  condition: string;
  icd10Code: string;
  goals: readonly string[];
  /** Low-back conditions get the ODI and RMDQ; neck pain only the NPRS. */
  lowBack: boolean;
  /** Index into SCALE_TEMPLATES and the share of plans created from it. */
  template?: { index: number; share: number };
};

export const CONDITIONS: readonly Condition[] = [
  {
    weight: 30,
    titles: ["Lower back spasm — acute episode", "Lower back spasm — recurrence", "Lower back spasm — return to work"],
    condition: "Lower back muscle spasm",
    icd10Code: "M62.830",
    goals: ["Pain at rest below 3/10 within six weeks; sit through a full working day.", "Return to lifting at work without a flare-up.", "Sleep through the night without back pain; resume weekend sport."],
    lowBack: true,
    template: { index: 0, share: 0.6 },
  },
  {
    weight: 22,
    titles: ["Chronic low back pain — graded activity", "Persistent low back pain — strength and confidence"],
    condition: "Chronic non-specific low back pain",
    icd10Code: "M54.50",
    goals: ["Walk 30 minutes without increased pain.", "Reduce ODI by at least 10 points; return to gardening.", "Manage flare-ups independently with a home programme."],
    lowBack: true,
    template: { index: 1, share: 0.5 },
  },
  {
    weight: 12,
    titles: ["Sciatica — settle leg pain", "Sciatica — nerve mobility and core"],
    condition: "Sciatica (lumbar radicular pain)",
    icd10Code: "M54.30",
    goals: ["Centralise leg pain; sit for one hour.", "Leg pain below 2/10; return to driving."],
    lowBack: true,
    template: { index: 2, share: 0.5 },
  },
  {
    weight: 12,
    titles: ["Lumbar strain — lifting injury", "Lumbar strain — sports injury"],
    condition: "Strain of muscle and tendon of lower back",
    icd10Code: "S39.012A",
    goals: ["Return to full training in four weeks.", "Lift 15 kg from floor to waist without pain."],
    lowBack: true,
  },
  {
    weight: 8,
    titles: ["Lumbar disc displacement — conservative care"],
    condition: "Lumbar intervertebral disc displacement",
    icd10Code: "M51.26",
    goals: ["Avoid surgery: leg pain settled and full work duties in eight weeks."],
    lowBack: true,
  },
  {
    weight: 8,
    titles: ["Postural low back pain — desk worker"],
    condition: "Postural low back pain",
    icd10Code: "M54.59",
    goals: ["Work a full day at the desk with pain below 2/10.", "Take movement breaks every 30 minutes without reminders."],
    lowBack: true,
  },
  {
    weight: 8,
    titles: ["Neck pain — mobility and posture"],
    condition: "Neck pain (cervicalgia)",
    icd10Code: "M54.2",
    goals: ["Full neck rotation both ways; no headaches after work.", "Check blind spots when driving without pain."],
    lowBack: false,
  },
];

/** Treatments only for the neck or only for the low back; the rest suit either. */
export const NECK_ONLY: ReadonlySet<string> = new Set(["Cervical mobilisation", "Chin tuck exercise"]);
export const BACK_ONLY: ReadonlySet<string> = new Set([
  "McKenzie prone press-up", "Sciatic nerve glide", "Bridging", "Lumbar mobilisation", "Child's pose stretch", "Cat-cow stretch",
  "Core strengthening program", "Hamstring stretch", "Hip flexor stretch", "Bird dog", "Heat wrap at work", "Foam-roller release",
]);

/** Plan phase of a treatment by its category (ADR 005: pain relief → mobility → strength → maintenance). */
export const PHASE_BY_CATEGORY = {
  MANUAL_THERAPY: "PAIN_RELIEF",
  NEEDLING: "PAIN_RELIEF",
  ELECTRO_LASER_SHOCKWAVE: "PAIN_RELIEF",
  THERMAL: "PAIN_RELIEF",
  STRETCH: "MOBILITY",
  STRENGTH: "STRENGTHENING",
  POSTURE: "MAINTENANCE",
  EDUCATION: "MAINTENANCE",
} as const;
