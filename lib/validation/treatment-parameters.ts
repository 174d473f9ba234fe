// What a clinician records for each kind of treatment performed in a session. The profile comes
// from the catalog category; electro/laser/shock wave items choose their device.
import { z } from "@/lib/validation/zod";
import { isStorableText } from "./fields";
import type { CatalogCategory } from "@/lib/enums";

const whole = (label: string, min: number, max: number) =>
  z.coerce.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`);
const decimal = (label: string, min: number, max: number) =>
  z.coerce.number({ error: `${label} must be a number` }).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`);
const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label} is required`).max(max).refine(isStorableText, `${label} contains an invalid character`);

export const PARAMETER_SCHEMAS = {
  SHOCK_WAVE: z.object({
    device: z.literal("SHOCK_WAVE"),
    pulses: whole("Pulses", 100, 6000),
    pressureBar: decimal("Pressure (bar)", 0.5, 5),
    frequencyHz: decimal("Frequency (Hz)", 1, 22),
    area: text("Area treated", 120),
  }),
  LASER: z.object({
    device: z.literal("LASER"),
    doseJPerCm2: decimal("Dose (J/cm²)", 0.5, 60),
    wavelengthNm: whole("Wavelength (nm)", 600, 1100).optional(),
    area: text("Area treated", 120),
  }),
  ELECTRICAL: z.object({
    device: z.literal("ELECTRICAL"),
    frequencyHz: decimal("Frequency (Hz)", 1, 150),
    intensityMa: decimal("Intensity (mA)", 1, 100),
    area: text("Area treated", 120),
  }),
  ELECTROMAGNETIC: z.object({
    device: z.literal("ELECTROMAGNETIC"),
    intensityPercent: whole("Intensity (%)", 1, 100),
    frequencyHz: decimal("Frequency (Hz)", 1, 150),
    area: text("Area treated", 120),
  }),
  NEEDLING: z.object({
    sites: z.array(text("Site", 80)).min(1, "Name at least one needling site").max(30),
    needles: whole("Needles", 1, 60),
  }),
  THERMAL: z.object({
    iceMinutes: whole("Ice (min)", 0, 60),
    heatMinutes: whole("Heat (min)", 0, 60),
  }).refine((v) => v.iceMinutes + v.heatMinutes > 0, { message: "Give the ice or heat minutes", path: ["iceMinutes"] }),
  MANUAL_THERAPY: z.object({
    region: text("Region", 120),
    technique: z.string().trim().max(200).refine(isStorableText, "Technique contains an invalid character").optional(),
  }),
  EXERCISE: z.object({
    sets: whole("Sets", 1, 20).optional(),
    reps: whole("Reps", 1, 200).optional(),
    loadKg: decimal("Load (kg)", 0, 300).optional(),
  }),
  EDUCATION: z.object({ topic: z.string().trim().max(200).refine(isStorableText, "Topic contains an invalid character").optional() }),
} as const;

export type ParameterProfile = keyof typeof PARAMETER_SCHEMAS;

/** The parameter profile of a treatment: by category, and for electro/laser/shock wave by device. */
export function profilesFor(category: CatalogCategory): ParameterProfile[] {
  switch (category) {
    case "ELECTRO_LASER_SHOCKWAVE":
      return ["SHOCK_WAVE", "LASER", "ELECTRICAL", "ELECTROMAGNETIC"];
    case "NEEDLING":
      return ["NEEDLING"];
    case "THERMAL":
      return ["THERMAL"];
    case "MANUAL_THERAPY":
      return ["MANUAL_THERAPY"];
    case "EDUCATION":
      return ["EDUCATION"];
    default:
      return ["EXERCISE"];
  }
}

/** The device a treatment most likely uses, from its name, to preselect in the form. */
export function guessDevice(name: string): ParameterProfile | null {
  const n = name.toLowerCase();
  if (n.includes("shock")) return "SHOCK_WAVE";
  if (n.includes("laser")) return "LASER";
  if (n.includes("inductive") || n.includes("magnetic")) return "ELECTROMAGNETIC";
  if (n.includes("electric") || n.includes("tens") || n.includes("ems")) return "ELECTRICAL";
  return null;
}

export type ParameterCheck = { ok: true; value: Record<string, unknown> } | { ok: false; errors: Record<string, string[]> };

/** Validates performed-treatment parameters against the treatment's profile(s). */
export function checkParameters(category: CatalogCategory, parameters: unknown): ParameterCheck {
  const profiles = profilesFor(category);
  const device = (parameters as { device?: unknown } | null)?.device;
  const profile = profiles.length === 1 ? profiles[0]! : profiles.find((p) => p === device);
  if (!profile) return { ok: false, errors: { device: [`Choose the device: ${profiles.join(", ").toLowerCase().replaceAll("_", " ")}`] } };
  const parsed = PARAMETER_SCHEMAS[profile].safeParse(parameters);
  if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown> };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return { ok: false, errors };
}
