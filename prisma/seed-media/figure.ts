// Original line figures for the seed's step illustrations (decision 028), drawn for this project:
// a person seen from the side is a head circle, a thick torso stroke (that can round or arch)
// and limb strokes placed by joint angles (forward kinematics), so every pose keeps the same body
// proportions. The limbs on the far side are drawn first in a lighter tone, the near ones last
// in the darker tone, which is what makes a pose read as a body rather than a stick tangle.
// Pure: returns SVG markup; prisma/seed-media/render.ts turns it into a picture.

export type Point = { x: number; y: number };
/** Degrees on screen: 0 points right, 90 points down, 180 left, 270 up. */
export type Angle = number;

/**
 * A limb by its two segment angles, or by the point its far end reaches (`reach`: the wrist or the
 * ankle), solved for the elbow or knee; `flip` puts that joint on the other side.
 */
export type Limb = { upper: Angle; lower: Angle; end?: Angle } | { reach: Point; flip?: boolean; end?: Angle };

export type Pose = {
  /** Where the hips are. */
  hip: Point;
  /** Direction from the hips to the neck. */
  torso: Angle;
  /** Positive rounds the back to the left of the hip→neck direction (upwards for a body facing right on all fours), negative arches it. */
  bend?: number;
  /** Direction from the neck to the head. */
  head: Angle;
  arms: { near: Limb; far: Limb };
  /** `end` is the foot's direction from the ankle. */
  legs: { near: Limb; far: Limb };
};

export const BODY = {
  torso: 78,
  neck: 8,
  headRadius: 17,
  upperArm: 42,
  forearm: 40,
  thigh: 58,
  shin: 54,
  foot: 17,
} as const;

export type FigureStyle = { near: string; far: string; skin?: string };
export const PATIENT: FigureStyle = { near: "#134e5e", far: "#6b9aa8" };
export const CLINICIAN: FigureStyle = { near: "#5b4b8a", far: "#a497c8" };

const rad = (deg: Angle) => (deg * Math.PI) / 180;
export const toward = (from: Point, angle: Angle, length: number): Point => ({
  x: from.x + Math.cos(rad(angle)) * length,
  y: from.y + Math.sin(rad(angle)) * length,
});
const f = (n: number) => (Math.round(n * 10) / 10).toString();
const pt = (p: Point) => `${f(p.x)} ${f(p.y)}`;

export type Joints = {
  hip: Point;
  neck: Point;
  shoulder: Point;
  head: Point;
  bendControl: Point;
  arms: Record<"near" | "far", { elbow: Point; wrist: Point; hand: Point }>;
  legs: Record<"near" | "far", { knee: Point; ankle: Point; toe: Point }>;
};

const deg = (r: number) => (r * 180) / Math.PI;

/** Segment angles of a limb, solving a `reach` limb's middle joint (law of cosines). */
function angles(root: Point, limb: Limb, a: number, b: number): { upper: Angle; lower: Angle } {
  if (!("reach" in limb)) return limb;
  const dx = limb.reach.x - root.x;
  const dy = limb.reach.y - root.y;
  const d = Math.min(Math.hypot(dx, dy), a + b - 0.01);
  const toTarget = deg(Math.atan2(dy, dx));
  const gamma = deg(Math.acos(Math.max(-1, Math.min(1, (a * a + d * d - b * b) / (2 * a * d)))));
  const upper = toTarget + (limb.flip ? gamma : -gamma);
  const elbow = toward(root, upper, a);
  return { upper, lower: deg(Math.atan2(limb.reach.y - elbow.y, limb.reach.x - elbow.x)) };
}

/** Where every joint of a pose lands. */
export function joints(pose: Pose): Joints {
  const neck = toward(pose.hip, pose.torso, BODY.torso);
  const mid = { x: (pose.hip.x + neck.x) / 2, y: (pose.hip.y + neck.y) / 2 };
  // Perpendicular to the torso, to the left of hip→neck (screen coordinates: angle - 90).
  const bendControl = toward(mid, pose.torso - 90, (pose.bend ?? 0) * 2);
  // The shoulder sits a little down the torso from the neck, on the curve when the back bends.
  const t = 0.1;
  const shoulder = {
    x: (1 - t) ** 2 * neck.x + 2 * (1 - t) * t * bendControl.x + t ** 2 * pose.hip.x,
    y: (1 - t) ** 2 * neck.y + 2 * (1 - t) * t * bendControl.y + t ** 2 * pose.hip.y,
  };
  const head = toward(neck, pose.head, BODY.neck + BODY.headRadius);
  const arm = (limb: Limb) => {
    const { upper, lower } = angles(shoulder, limb, BODY.upperArm, BODY.forearm);
    const elbow = toward(shoulder, upper, BODY.upperArm);
    const wrist = toward(elbow, lower, BODY.forearm);
    return { elbow, wrist, hand: toward(wrist, limb.end ?? lower, 9) };
  };
  const leg = (limb: Limb) => {
    const { upper, lower } = angles(pose.hip, limb, BODY.thigh, BODY.shin);
    const knee = toward(pose.hip, upper, BODY.thigh);
    const ankle = toward(knee, lower, BODY.shin);
    return { knee, ankle, toe: toward(ankle, limb.end ?? lower + 90, BODY.foot) };
  };
  return {
    hip: pose.hip,
    neck,
    shoulder,
    head,
    bendControl,
    arms: { near: arm(pose.arms.near), far: arm(pose.arms.far) },
    legs: { near: leg(pose.legs.near), far: leg(pose.legs.far) },
  };
}

const stroke = (d: string, color: string, width: number) =>
  `<path d="${d}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round"/>`;

export type FigureParts = "all" | "body" | "arms";

/**
 * The figure as SVG. `parts` lets a scene put something between the body and the arms
 * (a clinician standing behind a couch reaches over the patient with both arms).
 */
export function figure(pose: Pose, style: FigureStyle = PATIENT, parts: FigureParts = "all", extra: { goggles?: boolean } = {}): string {
  const j = joints(pose);
  const out: string[] = [];
  const armPath = (side: "near" | "far") => `M${pt(j.shoulder)} L${pt(j.arms[side].elbow)} L${pt(j.arms[side].wrist)} L${pt(j.arms[side].hand)}`;
  const legPath = (side: "near" | "far") => `M${pt(j.hip)} L${pt(j.legs[side].knee)} L${pt(j.legs[side].ankle)} L${pt(j.legs[side].toe)}`;
  if (parts !== "body") out.push(stroke(armPath("far"), style.far, 12));
  if (parts !== "arms") {
    out.push(stroke(legPath("far"), style.far, 15));
    // The torso: a thick curved stroke from the hips to the neck.
    out.push(stroke(`M${pt(j.hip)} Q${pt(j.bendControl)} ${pt(j.neck)}`, style.near, 30));
    out.push(stroke(`M${pt(j.neck)} L${pt(toward(j.neck, pose.head, BODY.neck))}`, style.near, 12));
    out.push(`<circle cx="${f(j.head.x)}" cy="${f(j.head.y)}" r="${BODY.headRadius}" fill="${style.near}"/>`);
    if (extra.goggles) {
      // Protective glasses: a light band across the face side of the head.
      const eye = toward(j.head, pose.head + 35, BODY.headRadius - 5);
      out.push(`<circle cx="${f(eye.x)}" cy="${f(eye.y)}" r="6" fill="#fbbf24" stroke="#ffffff" stroke-width="2"/>`);
    }
    out.push(stroke(legPath("near"), style.near, 17));
  }
  if (parts !== "body") {
    out.push(stroke(armPath("near"), style.near, 13));
  }
  return out.join("");
}

/** A curved movement arrow from `from` to `to`, bulging by `bulge` to the left of its direction. */
export function arrow(from: Point, to: Point, bulge = 0, color = "#c2410c"): string {
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  const dir = (Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI;
  const control = toward(mid, dir - 90, bulge);
  // The head points along the curve's tangent at its end.
  const tangent = (Math.atan2(to.y - control.y, to.x - control.x) * 180) / Math.PI;
  const back = toward(to, tangent + 180, 13);
  const left = toward(back, tangent - 90, 8);
  const right = toward(back, tangent + 90, 8);
  const shaftEnd = toward(to, tangent + 180, 8);
  return (
    stroke(`M${pt(from)} Q${pt(control)} ${pt(shaftEnd)}`, color, 5) +
    `<path d="M${pt(to)} L${pt(left)} L${pt(right)} Z" fill="${color}" stroke="${color}" stroke-width="2" stroke-linejoin="round"/>`
  );
}

/** A two-headed arrow (rolling back and forth). */
export function doubleArrow(a: Point, b: Point, color = "#c2410c"): string {
  const dir = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
  const head = (tip: Point, angle: Angle) => {
    const back = toward(tip, angle + 180, 13);
    return `<path d="M${pt(tip)} L${pt(toward(back, angle - 90, 8))} L${pt(toward(back, angle + 90, 8))} Z" fill="${color}" stroke="${color}" stroke-width="2" stroke-linejoin="round"/>`;
  };
  return stroke(`M${pt(toward(a, dir, 8))} L${pt(toward(b, dir + 180, 8))}`, color, 5) + head(b, dir) + head(a, dir + 180);
}

export const WIDTH = 400;
export const HEIGHT = 300;
export const FLOOR = 250;
/**
 * Drawn at 960 × 720 pixels: the served renditions are then 320, 640 and 960 wide (never
 * enlarged). Line art needs no more, and a 1280-wide AVIF would cost the seed most of its time.
 */
const SCALE = 2.4;

/** A whole picture: white ground, the floor line, then the scene's shapes. */
export function picture(body: string, options: { floor?: boolean; mat?: [number, number] } = {}): string {
  const floor = options.floor ?? true;
  const parts = [`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`];
  if (options.mat) parts.push(`<rect x="${options.mat[0]}" y="${FLOOR - 2}" width="${options.mat[1] - options.mat[0]}" height="9" rx="4" fill="#cbd5e1"/>`);
  if (floor) parts.push(`<path d="M12 ${FLOOR + 8} H${WIDTH - 12}" stroke="#64748b" stroke-width="3" stroke-linecap="round"/>`);
  parts.push(body);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH * SCALE}" height="${HEIGHT * SCALE}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${parts.join("")}</svg>`;
}
