import type {
  BodyRegion,
  CatalogKind,
  CatalogCategory,
  Setting,
  Contraindication,
  TreatmentPhase,
} from "../../lib/db/generated/enums";

export type SeedDose = {
  durationMin?: number;
  sets?: number;
  reps?: number;
  holdSec?: number;
  timesPerDay?: number;
  daysPerWeek?: number;
};

export type SeedCatalogItem = {
  name: string;
  kind: CatalogKind;
  category: CatalogCategory;
  setting: Setting;
  description: string;
  patientInstructions: string;
  dose: SeedDose;
  contraindications: Contraindication[];
  equipment: string[];
};

export type SeedTemplateItem = {
  catalogName: string;
  setting: Setting;
  phase: TreatmentPhase;
  dose: SeedDose;
};

export const CATALOG: SeedCatalogItem[] = [
  {
    name: "Alternating ice and heat therapy",
    kind: "MODALITY",
    category: "THERMAL",
    setting: "BOTH",
    description:
      "Contrast thermal therapy alternating cold (10-15 min) and heat (15-20 min) over the painful area. Cold limits circulation to reduce swelling and pain; heat then increases blood flow and relaxes muscle, creating a circulatory 'pumping' effect.",
    patientInstructions:
      "Wrap an ice pack in a thin towel and place it on the sore part of your lower back for 10 minutes. Then swap to a warm (not hot) heat pack, also wrapped in a towel, for 10 minutes. Check your skin between swaps and never put ice or heat directly on bare skin or fall asleep lying on a pack. Stop if your skin turns white, blisters, becomes very red or feels numb, and tell your physiotherapist.",
    dose: { durationMin: 20, timesPerDay: 3, daysPerWeek: 7 },
    contraindications: ["IMPAIRED_SENSATION", "INFECTION_OR_OPEN_WOUND"],
    equipment: ["Ice pack", "Heat pack", "Towel"],
  },
  {
    name: "Chiropractic adjustment",
    kind: "MODALITY",
    category: "MANUAL_THERAPY",
    setting: "IN_CLINIC",
    description:
      "Clinician-applied spinal manipulation or mobilisation of restricted lumbar and sacroiliac segments. Used to restore spinal mobility, reduce protective muscle guarding and improve physical function.",
    patientInstructions:
      "Wear loose, comfortable clothing to your appointment. You will lie on a treatment table while your clinician moves your back into position and applies a quick, controlled push; you may hear a pop or click, which is normal. Mild soreness for a day afterwards is common. Tell your clinician straight away if you feel sharp pain, dizziness, or numbness or tingling in your legs.",
    dose: { durationMin: 15 },
    contraindications: ["OSTEOPOROSIS", "ACUTE_FRACTURE", "MALIGNANCY", "ANTICOAGULANTS", "BLEEDING_DISORDER"],
    equipment: ["Treatment table"],
  },
  {
    name: "Deep tissue massage",
    kind: "MODALITY",
    category: "MANUAL_THERAPY",
    setting: "IN_CLINIC",
    description:
      "Slow, firm massage targeting the deeper layers of the lumbar paraspinal, quadratus lumborum and gluteal muscles. Used to break down muscle adhesions and trigger points ('knots') that restrict movement and maintain pain and spasm.",
    patientInstructions:
      "You will lie face down on a treatment table while your therapist works firmly into the tight muscles of your lower back and hips. The pressure can feel strong, but it should never be more than you can comfortably breathe through, so tell your therapist if it is too much. Drink some water afterwards and expect mild tenderness for a day or two. Tell your therapist if you bruise easily or take blood thinners, and stop the session if pain becomes sharp or spreads down your leg.",
    dose: { durationMin: 30 },
    contraindications: ["ANTICOAGULANTS", "BLEEDING_DISORDER", "ACUTE_FRACTURE", "INFECTION_OR_OPEN_WOUND"],
    equipment: ["Treatment table", "Massage lotion", "Towel"],
  },
  {
    name: "Muscle release therapy (manual)",
    kind: "MODALITY",
    category: "MANUAL_THERAPY",
    setting: "IN_CLINIC",
    description:
      "Hands-on myofascial and trigger-point release with sustained pressure on restricted connective tissue of the lower back and hips. Used to ease fascial restrictions, increase range of motion and reduce discomfort.",
    patientInstructions:
      "You will lie on a treatment table while your therapist holds gentle, steady pressure on tight spots in your lower back and hips. You may feel a slow stretching or melting sensation as the muscle lets go. Breathe slowly and let your body relax into the pressure. Tell your therapist if the pressure causes sharp pain, or numbness or tingling down your leg.",
    dose: { durationMin: 20 },
    contraindications: ["BLEEDING_DISORDER", "ACUTE_FRACTURE", "INFECTION_OR_OPEN_WOUND"],
    equipment: ["Treatment table"],
  },
  {
    name: "Foam-roller release",
    kind: "EXERCISE",
    category: "STRETCH",
    setting: "BOTH",
    description:
      "Self-myofascial release with a foam roller over the gluteals, hip muscles and mid back (not directly over the lumbar spine). Reduces soft-tissue tension around the lower back and helps maintain the gains from manual therapy between visits.",
    patientInstructions:
      "Sit on the foam roller with it under one buttock, supporting yourself with your hands, and slowly roll back and forth for about a minute. Repeat on the other side, then lie with the roller across your mid back (not your lower back) and roll gently for another minute. Move slowly and pause on tender spots for a few breaths, keeping the pressure uncomfortable but tolerable. Stop if you feel sharp pain, or pain, numbness or tingling spreading down your leg.",
    dose: { durationMin: 5, timesPerDay: 1, daysPerWeek: 5 },
    contraindications: ["ACUTE_FRACTURE", "OSTEOPOROSIS"],
    equipment: ["Foam roller", "Exercise mat"],
  },
  {
    name: "Child's pose stretch",
    kind: "EXERCISE",
    category: "STRETCH",
    setting: "BOTH",
    description:
      "Gentle kneeling flexion stretch for the lumbar extensors and latissimus dorsi. Reduces muscle tension and guarding in the lower back and is well tolerated in the acute phase.",
    patientInstructions:
      "Kneel on a mat with your knees apart and your big toes touching. Slowly sit your hips back towards your heels while reaching your arms forward along the floor and letting your forehead rest down. Hold for 30 seconds, breathing slowly, then walk your hands back and come up gently. Stop and tell your physiotherapist if pain spreads down your leg or you feel numbness.",
    dose: { holdSec: 30, reps: 3, timesPerDay: 2, daysPerWeek: 7 },
    contraindications: [],
    equipment: ["Exercise mat"],
  },
  {
    name: "Bridging",
    kind: "EXERCISE",
    category: "STRENGTH",
    setting: "HOME",
    description:
      "Supine hip extension exercise that activates the gluteals, hamstrings and lumbar stabilisers. Builds support for the lower back and reduces overload on the spinal muscles that spasm.",
    patientInstructions:
      "Lie on your back with your knees bent and feet flat on the floor, hip-width apart. Tighten your stomach muscles gently, then squeeze your buttocks and lift your hips until your body forms a straight line from shoulders to knees. Hold for 5 seconds, then lower slowly. Keep your lower back from arching, and stop if you feel sharp pain or pain travelling down your leg.",
    dose: { sets: 2, reps: 10, holdSec: 5, daysPerWeek: 5 },
    contraindications: ["ACUTE_FRACTURE"],
    equipment: ["Exercise mat"],
  },
  {
    name: "Cat-cow stretch",
    kind: "EXERCISE",
    category: "STRETCH",
    setting: "BOTH",
    description:
      "Rhythmic flexion-extension mobility exercise in four-point kneeling. Restores segmental spinal movement and increases blood flow to the back muscles.",
    patientInstructions:
      "Start on your hands and knees, with your hands under your shoulders and your knees under your hips. Breathe out and slowly round your back towards the ceiling, tucking your chin. Breathe in and gently let your stomach drop while you lift your head, moving only as far as is comfortable. Stop if the movement causes sharp pain or pain spreading down your leg.",
    dose: { reps: 10, timesPerDay: 2, daysPerWeek: 7 },
    contraindications: [],
    equipment: ["Exercise mat"],
  },
  {
    name: "Core strengthening program",
    kind: "EXERCISE",
    category: "STRENGTH",
    setting: "BOTH",
    description:
      "Progressive trunk stabilisation program (e.g. abdominal bracing, dead bug, bird dog, side plank). Improves endurance and control of the deep trunk muscles to support the lumbar spine and reduce recurrence of spasm.",
    patientInstructions:
      "Do the core exercises your physiotherapist has shown you, in the order given, with slow and controlled movements. Gently tighten your stomach muscles as if bracing for a light poke, and keep breathing normally throughout; do not hold your breath. Rest for about a minute between sets. Stop if you feel sharp pain, or pain, numbness or tingling in your legs, and tell your physiotherapist.",
    dose: { sets: 3, reps: 10, holdSec: 5, daysPerWeek: 5 },
    contraindications: ["ACUTE_FRACTURE"],
    equipment: ["Exercise mat"],
  },
  {
    name: "Posture correction",
    kind: "EXERCISE",
    category: "POSTURE",
    setting: "BOTH",
    description:
      "Postural retraining with position resets (neutral pelvis, shoulder-blade setting, chin tuck) and ergonomic changes to sitting and standing. Reduces sustained load on the lower back muscles that contributes to spasm.",
    patientInstructions:
      "Several times a day, sit or stand tall with your weight even on both feet or sitting bones and your lower back in a gentle natural curve. Gently draw your shoulder blades back and down and tuck your chin slightly, then hold for 5 seconds and relax. Get up and move for a minute or two at least every 30 minutes when sitting. Stop any position that increases pain in your back or legs.",
    dose: { reps: 10, holdSec: 5, timesPerDay: 3, daysPerWeek: 7 },
    contraindications: [],
    equipment: ["Lumbar support cushion"],
  },
  {
    name: "Dry needling",
    kind: "MODALITY",
    category: "NEEDLING",
    setting: "IN_CLINIC",
    description:
      "Insertion of fine, sterile, single-use filament needles into myofascial trigger points of the lumbar and gluteal muscles. Used to release trigger points, reduce muscle tone and relieve local and referred pain.",
    patientInstructions:
      "Eat a light meal beforehand and wear clothing that lets your lower back be uncovered. Your clinician will place very fine needles into tight spots in the muscle; you may feel a brief twitch or deep ache, which is expected. Lie still and tell your clinician at once if you feel faint, sharp pain or unwell. Some soreness for a day or two afterwards is normal, but contact the clinic if you notice swelling, redness or heat where a needle went in.",
    dose: { durationMin: 15 },
    contraindications: ["ANTICOAGULANTS", "BLEEDING_DISORDER", "NEEDLE_PHOBIA", "INFECTION_OR_OPEN_WOUND", "PREGNANCY"],
    equipment: ["Sterile single-use needles", "Sharps container", "Gloves", "Treatment table"],
  },
  {
    name: "Laser therapy",
    kind: "MODALITY",
    category: "ELECTRO_LASER_SHOCKWAVE",
    setting: "IN_CLINIC",
    description:
      "Photobiomodulation (low-level or high-intensity laser) applied over painful lumbar soft tissue. Used to reduce pain and inflammation and support tissue healing.",
    patientInstructions:
      "You will lie comfortably while your clinician moves a small laser probe over your lower back; you may feel gentle warmth or nothing at all. You must wear the protective glasses you are given and never look into the beam. Tell your clinician if you are or might be pregnant. Let them know straight away if the area feels too hot or uncomfortable.",
    dose: { durationMin: 10 },
    contraindications: ["PREGNANCY", "MALIGNANCY"],
    equipment: ["Therapeutic laser device", "Protective eyewear"],
  },
  {
    name: "Shock wave therapy",
    kind: "MODALITY",
    category: "ELECTRO_LASER_SHOCKWAVE",
    setting: "IN_CLINIC",
    description:
      "Extracorporeal shock wave therapy (radial or focused) delivering acoustic pulses to myofascial trigger points and tendon insertions. Used for pain reduction and to stimulate healing in persistent muscular lower back pain.",
    patientInstructions:
      "Your clinician will put gel on your lower back and press a handheld device on it that delivers rapid tapping pulses. The treatment can feel uncomfortable, so tell your clinician and they will turn the intensity down. Avoid strenuous exercise for 48 hours afterwards and expect some redness or soreness. Contact the clinic if you notice bruising, swelling or pain that keeps getting worse.",
    dose: { durationMin: 10 },
    contraindications: ["PREGNANCY", "MALIGNANCY", "ANTICOAGULANTS", "BLEEDING_DISORDER", "ACUTE_FRACTURE", "INFECTION_OR_OPEN_WOUND"],
    equipment: ["Shock wave device", "Coupling gel"],
  },
  {
    name: "Super inductive stimulation",
    kind: "MODALITY",
    category: "ELECTRO_LASER_SHOCKWAVE",
    setting: "IN_CLINIC",
    description:
      "High-intensity electromagnetic stimulation (super inductive system) that induces deep muscle contractions and neural stimulation without skin contact. Used for pain relief, muscle relaxation and reducing spasm in the lumbar muscles.",
    patientInstructions:
      "Before treatment, remove anything metal and any phones, watches or bank cards from your pockets. You will sit or lie while your clinician positions a coil applicator over your lower back, which makes the muscles twitch or tighten rhythmically. Tell your clinician if you have a pacemaker, any metal implant, or are or might be pregnant. Tell them straight away if the contractions become painful, so they can lower the intensity.",
    dose: { durationMin: 20 },
    contraindications: ["PACEMAKER_OR_IMPLANT", "PREGNANCY", "MALIGNANCY"],
    equipment: ["Super inductive stimulation device"],
  },
  {
    name: "Wireless electrical muscle stimulation",
    kind: "MODALITY",
    category: "ELECTRO_LASER_SHOCKWAVE",
    setting: "IN_CLINIC",
    description:
      "Electrical stimulation (EMS/TENS) delivered through adhesive electrodes by a wireless, cable-free device. Used to modulate pain and to relax or re-educate the lumbar muscles.",
    patientInstructions:
      "Your clinician will stick small pads onto clean, dry skin on your lower back and connect them to a small wireless unit. You will feel tingling or gentle muscle twitching, which should be comfortable and never painful. Tell your clinician if you have a pacemaker or implant, are pregnant, or have reduced feeling in your skin. Ask them to turn the device down or stop it if the sensation becomes sharp, burning or uncomfortable.",
    dose: { durationMin: 20 },
    contraindications: ["PACEMAKER_OR_IMPLANT", "PREGNANCY", "MALIGNANCY", "IMPAIRED_SENSATION", "INFECTION_OR_OPEN_WOUND"],
    equipment: ["Wireless EMS/TENS unit", "Electrode pads"],
  },
  {
    name: "Education: lifting and posture",
    kind: "EDUCATION",
    category: "EDUCATION",
    setting: "BOTH",
    description:
      "Patient education on safe lifting technique, pacing, desk and driving ergonomics, and staying active rather than resting in bed. Addresses the main causes of lower back spasm and reduces the risk of recurrence.",
    patientInstructions:
      "When you lift, stand close to the object with your feet apart, bend at your hips and knees rather than your back, and keep the load close to your body. Tighten your stomach muscles gently, lift smoothly with your legs, and turn by moving your feet instead of twisting your back. Break up long periods of sitting or standing and keep gently active, as staying in bed slows recovery. Ask for help with heavy loads, and contact your clinician if you develop numbness, leg weakness or problems controlling your bladder or bowels.",
    dose: { durationMin: 15 },
    contraindications: [],
    equipment: ["Education handout"],
  },
];

export const LOWER_BACK_SPASM_TEMPLATE: {
  name: "Lower back spasm";
  condition: string;
  icd10Code: "M62.830";
  description: string;
  items: SeedTemplateItem[];
} = {
  name: "Lower back spasm",
  condition: "Lower back muscle spasm",
  icd10Code: "M62.830",
  description:
    "Lower back muscle spasm is a sudden, involuntary tightening of the lower back muscles that causes tension, sudden pain, chronic discomfort and weakness in the lower back. " +
    "Patients describe a dull ache or a sharp pain in one spot, which may travel to the hip or legs. " +
    "Common causes are injury to the muscles, tendons and ligaments from heavy lifting, poor posture, muscular overuse, and sports injuries such as football, cricket, hockey, basketball and golf. " +
    "This protocol relieves pain and spasm first, then restores spinal mobility, builds trunk strength, and maintains results with posture correction and lifting education.",
  items: [
    { catalogName: "Alternating ice and heat therapy", setting: "BOTH", phase: "PAIN_RELIEF", dose: { durationMin: 20, timesPerDay: 3, daysPerWeek: 7 } },
    { catalogName: "Deep tissue massage", setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 30 } },
    { catalogName: "Muscle release therapy (manual)", setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 20 } },
    { catalogName: "Dry needling", setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 15 } },
    { catalogName: "Laser therapy", setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 10 } },
    { catalogName: "Chiropractic adjustment", setting: "IN_CLINIC", phase: "MOBILITY", dose: { durationMin: 15 } },
    { catalogName: "Child's pose stretch", setting: "HOME", phase: "MOBILITY", dose: { holdSec: 30, reps: 3, timesPerDay: 2, daysPerWeek: 7 } },
    { catalogName: "Cat-cow stretch", setting: "HOME", phase: "MOBILITY", dose: { reps: 10, timesPerDay: 2, daysPerWeek: 7 } },
    { catalogName: "Foam-roller release", setting: "HOME", phase: "MOBILITY", dose: { durationMin: 5, timesPerDay: 1, daysPerWeek: 5 } },
    { catalogName: "Bridging", setting: "HOME", phase: "STRENGTHENING", dose: { sets: 2, reps: 10, holdSec: 5, daysPerWeek: 5 } },
    { catalogName: "Core strengthening program", setting: "BOTH", phase: "STRENGTHENING", dose: { sets: 3, reps: 10, holdSec: 5, daysPerWeek: 5 } },
    { catalogName: "Posture correction", setting: "BOTH", phase: "MAINTENANCE", dose: { reps: 10, holdSec: 5, timesPerDay: 3, daysPerWeek: 7 } },
    { catalogName: "Education: lifting and posture", setting: "BOTH", phase: "MAINTENANCE", dose: { durationMin: 15 } },
  ],
};

// Search facets of the demo catalog and protocol (decision 040): where in the body and what they
// are commonly used for, as labels to search by; no claim of effectiveness.
export type SeedFacets = { bodyRegions: BodyRegion[]; conditions: string[]; tags: string[] };

const BACK: BodyRegion[] = ["LOWER_BACK"];
export const CATALOG_FACETS: Record<string, SeedFacets> = {
  "Alternating ice and heat therapy": { bodyRegions: BACK, conditions: ["low back pain", "muscle spasm"], tags: ["thermal", "home", "pain relief"] },
  "Chiropractic adjustment": { bodyRegions: ["LOWER_BACK", "PELVIS_HIP"], conditions: ["low back pain"], tags: ["manual therapy", "mobility"] },
  "Deep tissue massage": { bodyRegions: BACK, conditions: ["muscle spasm", "low back pain"], tags: ["manual therapy", "pain relief"] },
  "Muscle release therapy (manual)": { bodyRegions: BACK, conditions: ["muscle spasm"], tags: ["manual therapy", "pain relief"] },
  "Foam-roller release": { bodyRegions: ["LOWER_BACK", "UPPER_BACK"], conditions: ["muscle spasm"], tags: ["self-release", "home", "mobility"] },
  "Child's pose stretch": { bodyRegions: ["LOWER_BACK", "PELVIS_HIP"], conditions: ["low back pain"], tags: ["stretch", "home", "no equipment", "mobility"] },
  Bridging: { bodyRegions: ["LOWER_BACK", "PELVIS_HIP"], conditions: ["low back pain"], tags: ["strength", "home", "no equipment"] },
  "Cat-cow stretch": { bodyRegions: BACK, conditions: ["low back pain", "muscle spasm"], tags: ["stretch", "home", "no equipment", "mobility"] },
  "Core strengthening program": { bodyRegions: ["LOWER_BACK", "PELVIS_HIP"], conditions: ["low back pain"], tags: ["strength", "core"] },
  "Posture correction": { bodyRegions: ["LOWER_BACK", "UPPER_BACK", "NECK"], conditions: ["postural back pain"], tags: ["posture", "home", "desk workers"] },
  "Dry needling": { bodyRegions: BACK, conditions: ["muscle spasm"], tags: ["needling", "pain relief"] },
  "Laser therapy": { bodyRegions: BACK, conditions: ["low back pain"], tags: ["electrotherapy", "pain relief"] },
  "Shock wave therapy": { bodyRegions: BACK, conditions: ["low back pain"], tags: ["electrotherapy"] },
  "Super inductive stimulation": { bodyRegions: BACK, conditions: ["muscle spasm"], tags: ["electrotherapy"] },
  "Wireless electrical muscle stimulation": { bodyRegions: BACK, conditions: ["muscle spasm"], tags: ["electrotherapy", "home"] },
  "Education: lifting and posture": { bodyRegions: ["LOWER_BACK", "WHOLE_BODY"], conditions: ["low back pain", "postural back pain"], tags: ["education", "lifting", "desk workers"] },
};

export const LOWER_BACK_SPASM_FACETS: Omit<SeedFacets, "conditions"> = { bodyRegions: ["LOWER_BACK"], tags: ["spasm", "acute", "lumbar"] };
