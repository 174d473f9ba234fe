// The seed's step illustrations (decision 028): for every home exercise of the seed catalog, its
// start / movement / end positions; for in-clinic treatments where it helps, one "what to expect"
// picture of the patient on the couch and where the clinician's hands or device go. All drawn here
// from the figure rig in ./figure.ts; no picture comes from elsewhere.
// Captions repeat the wording of the catalog's own patient instructions (prisma/seed-data/catalog.ts);
// alt texts describe what is drawn.
import { arrow, CLINICIAN, doubleArrow, figure, FLOOR, joints, picture, toward, type Point, type Pose } from "./figure";

export type Illustration = {
  /** Unique within its catalog item; part of the cache key. */
  key: string;
  svg: string;
  altText: string;
  caption: string | null;
};

// Heights of body parts resting on the mat (the mat's top is at FLOOR - 2).
const REST = { torso: FLOOR - 17, limb: FLOOR - 10, head: FLOOR - 19 };
const p = (x: number, y: number): Point => ({ x, y });

// ---- Kneeling on all fours (cat-cow, bird dog) --------------------------------------------------
const KNEE = p(150, REST.limb);
function allFours(options: { bend?: number; head?: number; nearArm?: Pose["arms"]["near"]; farLeg?: Pose["legs"]["far"] } = {}): Pose {
  return {
    hip: p(150, REST.limb - 56),
    torso: 334,
    bend: options.bend ?? 0,
    head: options.head ?? 345,
    arms: { near: options.nearArm ?? { reach: p(226, REST.limb - 6), flip: true, end: 0 }, far: { reach: p(220, REST.limb - 6), flip: true, end: 0 } },
    legs: {
      near: { reach: p(KNEE.x - 54, REST.limb), end: 180 },
      far: options.farLeg ?? { reach: p(KNEE.x - 60, REST.limb), end: 180 },
    },
  };
}
// Knees on the mat: the thigh runs from the hip straight down to the knee.
const kneelingLeg = (pose: Pose) => {
  pose.legs.near = { upper: 90, lower: 180, end: 180 };
  if (!("reach" in pose.legs.far) || pose.legs.far.reach.x < 120) pose.legs.far = { upper: 92, lower: 180, end: 180 };
  return pose;
};

// ---- Lying on the back, knees bent (bridging, core) --------------------------------------------
const FEET = p(262, REST.limb);
function onBack(options: { hip?: Point; arms?: Pose["arms"] } = {}): Pose {
  const hip = options.hip ?? p(200, REST.torso);
  const hipToShoulder = { x: -78, y: 0 };
  const neck = options.hip ? toward(hip, 180 - liftAngle(hip), 78) : p(hip.x + hipToShoulder.x, hip.y);
  const torso = (Math.atan2(neck.y - hip.y, neck.x - hip.x) * 180) / Math.PI;
  return {
    hip,
    torso,
    head: 180,
    arms: options.arms ?? { near: { reach: p(hip.x - 8, REST.limb + 1), end: 0 }, far: { reach: p(hip.x - 14, REST.limb), end: 0 } },
    legs: { near: { reach: FEET, end: 0 }, far: { reach: p(FEET.x - 6, FEET.y), end: 0 } },
  };
}
// The hip raised so that the shoulders rest at REST.torso: the torso's angle above the floor.
function liftAngle(hip: Point): number {
  return (Math.asin(Math.min(1, (REST.torso - hip.y) / 78)) * 180) / Math.PI;
}

// ---- A treatment couch, the patient face down on it, a clinician behind it ------------------------
const COUCH_TOP = 182;
function couch(): string {
  return (
    `<rect x="58" y="${COUCH_TOP}" width="290" height="14" rx="5" fill="#94a3b8"/>` +
    `<path d="M84 ${COUCH_TOP + 14} V${FLOOR + 6} M322 ${COUCH_TOP + 14} V${FLOOR + 6}" stroke="#94a3b8" stroke-width="9" stroke-linecap="round"/>`
  );
}
const PRONE: Pose = {
  hip: p(236, COUCH_TOP - 15),
  torso: 180,
  head: 178,
  // Arms along the body.
  arms: { near: { upper: 2, lower: 0, end: 0 }, far: { upper: 0, lower: 0, end: 0 } },
  legs: { near: { upper: 0, lower: 0, end: 15 }, far: { upper: 1, lower: 0, end: 15 } },
};
/** Where on the patient's lower back the clinician's hands go. */
const LOWER_BACK = p(214, COUCH_TOP - 32);
function clinicianReaching(hands: Point, options: { farHands?: Point } = {}): Pose {
  return {
    hip: p(288, 130),
    torso: 240,
    head: 205,
    arms: { near: { reach: hands, flip: true, end: 180 }, far: { reach: options.farHands ?? p(hands.x + 10, hands.y - 2), flip: true, end: 180 } },
    legs: { near: { reach: p(296, REST.limb), flip: true, end: 180 }, far: { reach: p(306, REST.limb), flip: true, end: 180 } },
  };
}
function treatment(extra: { hands: Point; device?: string; after?: string; goggles?: boolean; farHands?: Point }): string {
  const clinician = clinicianReaching(extra.hands, { farHands: extra.farHands });
  return picture(
    figure(clinician, CLINICIAN, "body", { goggles: extra.goggles }) +
      couch() +
      figure(PRONE, undefined, "all", { goggles: extra.goggles }) +
      (extra.device ?? "") +
      figure(clinician, CLINICIAN, "arms") +
      (extra.after ?? ""),
    {},
  );
}

// ---- Props ----------------------------------------------------------------------------------------
const roller = (c: Point) =>
  `<circle cx="${c.x}" cy="${c.y}" r="21" fill="#fde68a" stroke="#b45309" stroke-width="4"/><circle cx="${c.x}" cy="${c.y}" r="6" fill="#b45309"/>`;
function pack(at: Point, fill: string, stroke: string): string {
  // A pack wrapped in a towel: the towel's pale edge around the coloured pack.
  return (
    `<rect x="${at.x - 30}" y="${at.y - 13}" width="60" height="20" rx="7" fill="#f1f5f9" stroke="#64748b" stroke-width="2.5"/>` +
    `<rect x="${at.x - 22}" y="${at.y - 9}" width="44" height="12" rx="5" fill="${fill}" stroke="${stroke}" stroke-width="2"/>`
  );
}
const waves = (at: Point, color: string) =>
  [0, 1, 2]
    .map((i) => `<path d="M${at.x - 16 + i * 14} ${at.y} q4 -7 0 -14 q-4 -7 0 -14" fill="none" stroke="${color}" stroke-width="3.5" stroke-linecap="round"/>`)
    .join("");
const chair = () =>
  `<path d="M140 188 H208 M146 188 V${FLOOR + 6} M202 188 V${FLOOR + 6} M140 188 V112" fill="none" stroke="#94a3b8" stroke-width="9" stroke-linecap="round"/>`;

// ---- The illustrations ----------------------------------------------------------------------------

function childsPose(): Illustration[] {
  const mat: [number, number] = [40, 360];
  const knee = p(196, REST.limb);
  const shins = { upper: 90, lower: 180, end: 180 } as const;
  const kneeling: Pose = {
    hip: p(knee.x, REST.limb - 58),
    torso: 272,
    head: 272,
    // Arms hanging a little forward of the body, so they show.
    arms: { near: { upper: 78, lower: 70 }, far: { upper: 82, lower: 74 } },
    legs: { near: shins, far: { upper: 92, lower: 180, end: 180 } },
  };
  const halfway: Pose = {
    hip: p(168, REST.limb - 48),
    torso: 330,
    bend: 6,
    head: 10,
    arms: { near: { reach: p(292, REST.limb), flip: true, end: 0 }, far: { reach: p(286, REST.limb), flip: true, end: 0 } },
    legs: { near: { reach: p(knee.x - 54, REST.limb), end: 180 }, far: { reach: p(knee.x - 58, REST.limb), end: 180 } },
  };
  const resting: Pose = {
    hip: p(146, REST.limb - 30),
    torso: 10,
    bend: 9,
    head: 28,
    arms: { near: { reach: p(312, REST.limb), flip: true, end: 0 }, far: { reach: p(306, REST.limb), flip: true, end: 0 } },
    legs: { near: { reach: p(knee.x - 54, REST.limb), end: 180 }, far: { reach: p(knee.x - 58, REST.limb), end: 180 } },
  };
  // The legs stay kneeling: knees at `knee`, shins flat behind.
  halfway.legs.near = { reach: p(knee.x - 54, REST.limb), end: 180 };
  const h = joints(halfway).hip;
  return [
    {
      key: "start",
      svg: picture(figure(kneeling), { mat }),
      altText: "Drawing of a person kneeling upright on a mat, seen from the side, shins flat on the mat behind them.",
      caption: "Kneel on a mat with your knees apart and your big toes touching.",
    },
    {
      key: "movement",
      svg: picture(figure(halfway) + arrow(p(h.x + 10, h.y - 36), p(h.x - 40, h.y - 8), 16) + arrow(p(250, 196), p(300, 214), -8), { mat }),
      altText: "Drawing of the same person sitting their hips back towards their heels while reaching both arms forward along the mat; arrows show the hips moving back and the arms reaching forward.",
      caption: "Slowly sit your hips back towards your heels while reaching your arms forward along the floor.",
    },
    {
      key: "end",
      svg: picture(figure(resting), { mat }),
      altText: "Drawing of the person folded forward with hips on heels, chest over the thighs, forehead resting on the mat and arms stretched forward along it.",
      caption: "Let your forehead rest down and hold for 30 seconds, breathing slowly.",
    },
  ];
}

function bridging(): Illustration[] {
  const mat: [number, number] = [40, 360];
  const start = onBack();
  const up = onBack({ hip: p(186, REST.torso - 28) });
  const j = joints(up);
  return [
    {
      key: "start",
      svg: picture(figure(start), { mat }),
      altText: "Drawing of a person lying on their back on a mat, seen from the side, knees bent and feet flat on the mat, arms by their sides.",
      caption: "Lie on your back with your knees bent and feet flat on the floor, hip-width apart.",
    },
    {
      key: "end",
      svg: picture(figure(up) + arrow(p(j.hip.x, REST.torso + 6), p(j.hip.x, j.hip.y - 30), 0), { mat }),
      altText: "Drawing of the same person with hips lifted so that shoulders, hips and knees form a straight line; an arrow points up under the hips.",
      caption: "Squeeze your buttocks and lift your hips until your body forms a straight line from shoulders to knees. Hold for 5 seconds, then lower slowly.",
    },
  ];
}

function catCow(): Illustration[] {
  const mat: [number, number] = [40, 360];
  const neutral = kneelingLeg(allFours());
  const cat = kneelingLeg(allFours({ bend: 16, head: 70 }));
  const cow = kneelingLeg(allFours({ bend: -10, head: 315 }));
  const top = joints(cat).bendControl;
  return [
    {
      key: "start",
      svg: picture(figure(neutral), { mat }),
      altText: "Drawing of a person on hands and knees on a mat, seen from the side, hands under the shoulders, knees under the hips, back flat.",
      caption: "Start on your hands and knees, with your hands under your shoulders and your knees under your hips.",
    },
    {
      key: "round",
      svg: picture(figure(cat) + arrow(p(top.x - 2, top.y + 10), p(top.x - 2, top.y - 34), 0), { mat }),
      altText: "Drawing of the person rounding the back up towards the ceiling with the head tucked down; an arrow points up from the middle of the back.",
      caption: "Breathe out and slowly round your back towards the ceiling, tucking your chin.",
    },
    {
      key: "drop",
      svg: picture(figure(cow) + arrow(p(top.x - 2, top.y - 40), p(top.x - 2, top.y - 4), 0), { mat }),
      altText: "Drawing of the person letting the stomach sink towards the mat with the head lifted; an arrow points down towards the middle of the back.",
      caption: "Breathe in and gently let your stomach drop while you lift your head.",
    },
  ];
}

function foamRoller(): Illustration[] {
  const mat: [number, number] = [30, 370];
  const under = p(150, FLOOR - 23);
  const sitting: Pose = {
    hip: p(154, under.y - 30),
    torso: 252,
    head: 280,
    arms: { near: { reach: p(96, REST.limb - 4), end: 180 }, far: { reach: p(90, REST.limb - 4), end: 180 } },
    legs: { near: { reach: p(236, REST.limb), end: 0 }, far: { reach: p(228, REST.limb), end: 0 } },
  };
  const mid = p(146, FLOOR - 23);
  const lying: Pose = {
    hip: p(214, REST.torso - 4),
    torso: 200,
    bend: -3,
    head: 190,
    // Hands behind the head.
    arms: { near: { reach: p(110, 188), flip: true, end: 180 }, far: { reach: p(106, 190), flip: true, end: 180 } },
    legs: { near: { reach: p(292, REST.limb), end: 0 }, far: { reach: p(286, REST.limb), end: 0 } },
  };
  return [
    {
      key: "buttock",
      svg: picture(roller(under) + figure(sitting) + doubleArrow(p(112, FLOOR + 26), p(200, FLOOR + 26)), { mat }),
      altText: "Drawing of a person sitting on a foam roller on a mat, seen from the side, hands on the mat behind them and feet flat in front; a two-headed arrow shows rolling back and forth.",
      caption: "Sit on the foam roller with it under one buttock, supporting yourself with your hands, and slowly roll back and forth.",
    },
    {
      key: "mid-back",
      svg: picture(roller(mid) + figure(lying) + doubleArrow(p(104, FLOOR + 26), p(192, FLOOR + 26)), { mat }),
      altText: "Drawing of a person lying on their back with a foam roller across the middle of the back (not the lower back), hands behind the head, knees bent and feet flat; a two-headed arrow shows rolling gently.",
      caption: "Lie with the roller across your mid back (not your lower back) and roll gently.",
    },
  ];
}

function core(): Illustration[] {
  const mat: [number, number] = [40, 360];
  const bracing = onBack({ arms: { near: { reach: p(176, REST.torso - 18), end: 0 }, far: { reach: p(170, REST.torso - 20), end: 0 } } });
  const birdDog = kneelingLeg(allFours({ nearArm: { upper: 345, lower: 345, end: 345 }, farLeg: { upper: 178, lower: 178, end: 100 } }));
  return [
    {
      key: "bracing",
      svg: picture(figure(bracing), { mat }),
      altText: "Drawing of a person lying on their back on a mat with knees bent, feet flat and both hands resting on the stomach.",
      caption: "Gently tighten your stomach muscles as if bracing for a light poke, and keep breathing normally.",
    },
    {
      key: "bird-dog",
      svg: picture(figure(birdDog), { mat }),
      altText: "Drawing of a person on hands and knees with one arm stretched forward and the opposite leg stretched back, level with the back (the bird dog exercise).",
      caption: "One of the exercises in the programme: bird dog, with slow and controlled movements.",
    },
  ];
}

function posture(): Illustration[] {
  const seat = 188;
  const feet = { near: { reach: p(236, REST.limb), end: 0 }, far: { reach: p(228, REST.limb), end: 0 } } as const;
  const slumped: Pose = {
    hip: p(166, seat - 16),
    torso: 290,
    bend: 14,
    head: 330,
    arms: { near: { reach: p(224, seat - 22), flip: true, end: 10 }, far: { reach: p(218, seat - 24), flip: true, end: 10 } },
    legs: feet,
  };
  const tall: Pose = {
    hip: p(162, seat - 16),
    torso: 270,
    bend: -2,
    head: 272,
    arms: { near: { reach: p(214, seat - 24), flip: true, end: 10 }, far: { reach: p(208, seat - 26), flip: true, end: 10 } },
    legs: feet,
  };
  const cushion = `<rect x="140" y="${seat - 52}" width="13" height="30" rx="6" fill="#fde68a" stroke="#b45309" stroke-width="3"/>`;
  const neck = joints(tall).neck;
  const standing: Pose = {
    hip: p(200, REST.limb - 108),
    torso: 270,
    bend: -2,
    head: 271,
    arms: { near: { upper: 82, lower: 78, end: 80 }, far: { upper: 86, lower: 82, end: 84 } },
    legs: { near: { upper: 90, lower: 90, end: 0 }, far: { upper: 91, lower: 90, end: 0 } },
  };
  return [
    {
      key: "slumped",
      svg: picture(chair() + figure(slumped)),
      altText: "Drawing of a person sitting slumped on a chair, seen from the side, back rounded and head pushed forward.",
      caption: "Before: sitting slumped, with the back rounded.",
    },
    {
      key: "sitting-tall",
      svg: picture(chair() + cushion + figure(tall) + arrow(p(neck.x + 34, neck.y + 40), p(neck.x + 34, neck.y - 20), 0)),
      altText: "Drawing of the same person sitting tall on the chair with a small cushion behind the lower back, shoulders back and chin slightly tucked; an arrow points upwards.",
      caption: "Sit tall with your lower back in a gentle natural curve, shoulder blades drawn back and down, chin slightly tucked.",
    },
    {
      key: "standing-tall",
      svg: picture(figure(standing)),
      altText: "Drawing of a person standing tall, seen from the side, weight even on both feet, arms relaxed by the sides.",
      caption: "Or stand tall with your weight even on both feet. Hold for 5 seconds and relax.",
    },
  ];
}

function iceAndHeat(): Illustration[] {
  const mat: [number, number] = [30, 370];
  const prone: Pose = {
    hip: p(158, REST.torso),
    torso: 0,
    head: 0,
    // Arms stretched forward on the mat, beyond the head.
    arms: { near: { upper: 4, lower: 0, end: 0 }, far: { upper: 2, lower: 0, end: 0 } },
    legs: { near: { upper: 180, lower: 180, end: 168 }, far: { upper: 179, lower: 180, end: 168 } },
  };
  const on = p(174, REST.torso - 20);
  return [
    {
      key: "ice",
      svg: picture(figure(prone) + pack(on, "#93c5fd", "#1d4ed8"), { mat }),
      altText: "Drawing of a person lying face down on a mat with a blue ice pack, wrapped in a towel, resting on the lower back.",
      caption: "An ice pack wrapped in a thin towel on the sore part of your lower back for 10 minutes.",
    },
    {
      key: "heat",
      svg: picture(figure(prone) + pack(on, "#fca5a5", "#b91c1c") + waves(p(on.x, on.y - 16), "#dc2626"), { mat }),
      altText: "Drawing of the same person with a red warm heat pack, wrapped in a towel, on the lower back instead; wavy lines above it show warmth.",
      caption: "Then swap to a warm (not hot) heat pack, also wrapped in a towel, for 10 minutes.",
    },
  ];
}

// In-clinic "what to expect" pictures: the patient face down on the couch, the clinician behind it.
function shockWave(): Illustration[] {
  const tip = p(LOWER_BACK.x, LOWER_BACK.y - 2);
  const device =
    `<path d="M${tip.x} ${tip.y} L${tip.x + 10} ${tip.y - 40}" stroke="#334155" stroke-width="14" stroke-linecap="round"/>` +
    `<path d="M${tip.x - 12} ${tip.y + 2} q12 -8 24 0" fill="none" stroke="#c2410c" stroke-width="3"/>` +
    `<path d="M${tip.x - 20} ${tip.y + 6} q20 -13 40 0" fill="none" stroke="#c2410c" stroke-width="3"/>`;
  return [
    {
      key: "expect",
      svg: treatment({ hands: p(tip.x + 8, tip.y - 34), farHands: p(tip.x + 12, tip.y - 44), device }),
      altText: "Drawing of a patient lying face down on a treatment couch while a clinician standing behind it presses a handheld device on the lower back; small arcs show the pulses.",
      caption: "What to expect: a handheld device pressed on your lower back, with gel, delivering rapid tapping pulses.",
    },
  ];
}

function laser(): Illustration[] {
  const probe = p(LOWER_BACK.x + 4, LOWER_BACK.y - 26);
  const device =
    `<path d="M${probe.x} ${probe.y} L${probe.x + 14} ${probe.y - 30}" stroke="#334155" stroke-width="9" stroke-linecap="round"/>` +
    `<path d="M${probe.x - 2} ${probe.y + 6} L${probe.x - 6} ${probe.y + 18}" stroke="#dc2626" stroke-width="3" stroke-dasharray="4 3"/>`;
  return [
    {
      key: "expect",
      svg: treatment({ hands: p(probe.x + 12, probe.y - 26), farHands: p(probe.x + 16, probe.y - 32), device, goggles: true }),
      altText: "Drawing of a patient lying face down on a treatment couch while a clinician moves a small probe just above the lower back; both wear protective glasses.",
      caption: "What to expect: a small laser probe moved over your lower back. Wear the protective glasses you are given.",
    },
  ];
}

function dryNeedling(): Illustration[] {
  // Fine needles drawn small and far: the picture shows the setting, not the needles.
  const needles = [0, 12, 24].map((dx) => `<path d="M${LOWER_BACK.x - 10 + dx} ${LOWER_BACK.y - 15} v-9" stroke="#64748b" stroke-width="1.5"/>`).join("");
  return [
    {
      key: "expect",
      svg: treatment({ hands: p(LOWER_BACK.x + 30, LOWER_BACK.y - 16), farHands: p(LOWER_BACK.x + 40, LOWER_BACK.y - 18), after: needles }),
      altText: "Drawing of a patient lying still face down on a treatment couch with the lower back uncovered, and a clinician standing behind the couch with a hand beside the lower back.",
      caption: "What to expect: you lie still on the couch while very fine needles are placed into tight spots in the muscle.",
    },
  ];
}

function chiropractic(): Illustration[] {
  const hands = p(LOWER_BACK.x, LOWER_BACK.y - 14);
  return [
    {
      key: "expect",
      svg: treatment({ hands, farHands: p(hands.x + 4, hands.y - 4), after: arrow(p(hands.x - 26, hands.y - 46), p(hands.x - 26, hands.y - 12), 0) }),
      altText: "Drawing of a patient lying face down on a treatment couch with a clinician's hands placed on the lower back; a short arrow shows a quick push downwards.",
      caption: "What to expect: you lie on the couch while your clinician applies a quick, controlled push.",
    },
  ];
}

function deepTissue(): Illustration[] {
  const hands = p(LOWER_BACK.x - 6, LOWER_BACK.y - 14);
  return [
    {
      key: "expect",
      svg: treatment({ hands, farHands: p(hands.x + 14, hands.y), after: arrow(p(hands.x - 44, hands.y - 36), p(hands.x + 30, hands.y - 36), -8) }),
      altText: "Drawing of a patient lying face down on a treatment couch while a therapist's hands work along the muscles of the lower back; an arrow shows a slow stroke along the back.",
      caption: "What to expect: you lie face down while your therapist works firmly into the tight muscles of your lower back and hips.",
    },
  ];
}

/** Every seeded illustration, by catalog item name (prisma/seed-data/catalog.ts), in display order. */
export function illustrations(): Record<string, Illustration[]> {
  return {
    "Child's pose stretch": childsPose(),
    Bridging: bridging(),
    "Cat-cow stretch": catCow(),
    "Foam-roller release": foamRoller(),
    "Core strengthening program": core(),
    "Posture correction": posture(),
    "Alternating ice and heat therapy": iceAndHeat(),
    "Shock wave therapy": shockWave(),
    "Laser therapy": laser(),
    "Dry needling": dryNeedling(),
    "Chiropractic adjustment": chiropractic(),
    "Deep tissue massage": deepTissue(),
  };
}
