// The inputs of each parameter profile (lib/validation/treatment-parameters.ts), their labels, and
// how a form's text becomes the values the shared schema checks. Labels match the schema's messages.
import type { ParameterProfile } from "@/lib/validation/treatment-parameters";

export type ParameterField = {
  key: string;
  label: string;
  kind: "whole" | "decimal" | "text" | "list";
  optional?: boolean;
  hint?: string;
  /** Thermal: an empty box means none of it (0 minutes). */
  emptyIsZero?: boolean;
};

export type Device = "SHOCK_WAVE" | "LASER" | "ELECTRICAL" | "ELECTROMAGNETIC";

export const DEVICE_LABEL: Record<Device, string> = {
  SHOCK_WAVE: "Shock wave",
  LASER: "Laser",
  ELECTRICAL: "Electrical stimulation",
  ELECTROMAGNETIC: "Electromagnetic (inductive)",
};

const area: ParameterField = { key: "area", label: "Area treated", kind: "text", hint: "e.g. Lumbar paraspinals L4–L5" };

export const PROFILE_FIELDS: Record<ParameterProfile, ParameterField[]> = {
  SHOCK_WAVE: [
    { key: "pulses", label: "Pulses", kind: "whole", hint: "100 to 6000" },
    { key: "pressureBar", label: "Pressure (bar)", kind: "decimal", hint: "0.5 to 5" },
    { key: "frequencyHz", label: "Frequency (Hz)", kind: "decimal", hint: "1 to 22" },
    area,
  ],
  LASER: [
    { key: "doseJPerCm2", label: "Dose (J/cm²)", kind: "decimal", hint: "0.5 to 60" },
    { key: "wavelengthNm", label: "Wavelength (nm)", kind: "whole", optional: true, hint: "Optional, 600 to 1100" },
    area,
  ],
  ELECTRICAL: [
    { key: "frequencyHz", label: "Frequency (Hz)", kind: "decimal", hint: "1 to 150" },
    { key: "intensityMa", label: "Intensity (mA)", kind: "decimal", hint: "1 to 100" },
    area,
  ],
  ELECTROMAGNETIC: [
    { key: "intensityPercent", label: "Intensity (%)", kind: "whole", hint: "1 to 100" },
    { key: "frequencyHz", label: "Frequency (Hz)", kind: "decimal", hint: "1 to 150" },
    area,
  ],
  NEEDLING: [
    { key: "sites", label: "Needling sites", kind: "list", hint: "Separate sites with commas, e.g. L4 paraspinal left, QL right" },
    { key: "needles", label: "Needles", kind: "whole", hint: "Number of needles, 1 to 60" },
  ],
  THERMAL: [
    { key: "iceMinutes", label: "Ice (min)", kind: "whole", emptyIsZero: true, hint: "0 to 60" },
    { key: "heatMinutes", label: "Heat (min)", kind: "whole", emptyIsZero: true, hint: "0 to 60" },
  ],
  MANUAL_THERAPY: [
    { key: "region", label: "Region", kind: "text", hint: "e.g. Lumbar spine, right SIJ" },
    { key: "technique", label: "Technique", kind: "text", optional: true, hint: "Optional" },
  ],
  EXERCISE: [
    { key: "sets", label: "Sets", kind: "whole", optional: true },
    { key: "reps", label: "Reps", kind: "whole", optional: true },
    { key: "loadKg", label: "Load (kg)", kind: "decimal", optional: true },
  ],
  EDUCATION: [{ key: "topic", label: "Topic", kind: "text", optional: true, hint: "Optional" }],
};

export function isDevice(value: unknown): value is Device {
  return typeof value === "string" && value in DEVICE_LABEL;
}

/**
 * The parameters object for a profile from the form's text. Empty optional boxes are left out,
 * empty required number boxes too (the schema then says "must be a number"), sites are split on commas.
 */
export function readParameters(profile: ParameterProfile, get: (key: string) => string, device?: string): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  if (device !== undefined && device !== "") value.device = device;
  for (const field of PROFILE_FIELDS[profile]) {
    const raw = get(field.key).trim();
    if (field.kind === "list") value[field.key] = raw.split(",").map((s) => s.trim()).filter(Boolean);
    else if (raw === "" && field.emptyIsZero) value[field.key] = 0;
    else if (raw === "" && (field.optional || field.kind !== "text")) continue;
    else value[field.key] = field.kind === "decimal" ? raw.replace(",", ".") : raw;
  }
  return value;
}

/** Text for a form box from a stored value. */
export function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  return value === undefined || value === null ? "" : String(value);
}

const LABELS = new Map<string, string>(Object.values(PROFILE_FIELDS).flatMap((fields) => fields.map((f) => [f.key, f.label] as const)));

/** Stored JSON does not keep key order: the device first, then the order of the profile's form. */
function orderOf(parameters: Record<string, unknown>): string[] {
  if (isDevice(parameters.device)) return ["device", ...PROFILE_FIELDS[parameters.device].map((f) => f.key)];
  const keys = Object.keys(parameters);
  const fields = Object.values(PROFILE_FIELDS).find((list) => keys.every((k) => list.some((f) => f.key === k)));
  return fields ? fields.map((f) => f.key) : keys;
}

/** "Dose (J/cm²): 6" lines for a signed note, in the form's order; unknown keys keep their name. */
export function describeParameters(parameters: Record<string, unknown>): { label: string; value: string }[] {
  const order = orderOf(parameters);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(parameters)
    .filter(([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0))
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, v]) => (key === "device" ? { label: "Device", value: isDevice(v) ? DEVICE_LABEL[v] : String(v) } : { label: LABELS.get(key) ?? key, value: fieldText(v) }));
}
