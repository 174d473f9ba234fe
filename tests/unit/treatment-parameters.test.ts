// Per-kind parameters of a performed treatment (lib/validation/treatment-parameters.ts): what a
// clinician records for shock wave, laser, electrical and electromagnetic devices, needling,
// ice/heat, manual therapy, exercise and education, and the field each refusal is reported on.
import { describe, expect, it } from "vitest";
import type { CatalogCategory } from "@/lib/db/generated/enums";
import { checkParameters, guessDevice, PARAMETER_SCHEMAS, profilesFor, type ParameterProfile } from "@/lib/validation/treatment-parameters";

/** The field keys a profile refuses for these values (sorted), or [] when they pass. */
function refused(profile: ParameterProfile, values: Record<string, unknown>): string[] {
  const parsed = PARAMETER_SCHEMAS[profile].safeParse(values);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].sort();
}

const VALID: Record<ParameterProfile, Record<string, unknown>> = {
  SHOCK_WAVE: { device: "SHOCK_WAVE", pulses: 2000, pressureBar: 2.5, frequencyHz: 10, area: "Lumbar paraspinals" },
  LASER: { device: "LASER", doseJPerCm2: 6, wavelengthNm: 810, area: "L4–L5" },
  ELECTRICAL: { device: "ELECTRICAL", frequencyHz: 80, intensityMa: 25, area: "Lower back" },
  ELECTROMAGNETIC: { device: "ELECTROMAGNETIC", intensityPercent: 60, frequencyHz: 25, area: "Gluteals" },
  NEEDLING: { sites: ["L4 paraspinal left", "QL right"], needles: 6 },
  THERMAL: { iceMinutes: 10, heatMinutes: 10 },
  MANUAL_THERAPY: { region: "Lumbar spine", technique: "Soft-tissue release" },
  EXERCISE: { sets: 3, reps: 10, loadKg: 2.5 },
  EDUCATION: { topic: "Lifting technique" },
};

describe("parameter schemas: valid values pass", () => {
  it.each(Object.entries(VALID))("%s", (profile, values) => {
    expect(refused(profile as ParameterProfile, values)).toEqual([]);
  });

  it("accepts numbers typed into a form as text and returns them as numbers", () => {
    const parsed = PARAMETER_SCHEMAS.SHOCK_WAVE.parse({ device: "SHOCK_WAVE", pulses: "1500", pressureBar: "2.0", frequencyHz: "8", area: " L5 " });
    expect(parsed).toEqual({ device: "SHOCK_WAVE", pulses: 1500, pressureBar: 2, frequencyHz: 8, area: "L5" });
  });

  it("accepts the bounds of each range", () => {
    expect(refused("SHOCK_WAVE", { device: "SHOCK_WAVE", pulses: 100, pressureBar: 0.5, frequencyHz: 1, area: "a" })).toEqual([]);
    expect(refused("SHOCK_WAVE", { device: "SHOCK_WAVE", pulses: 6000, pressureBar: 5, frequencyHz: 22, area: "a" })).toEqual([]);
    expect(refused("LASER", { device: "LASER", doseJPerCm2: 60, area: "a" })).toEqual([]);
    expect(refused("THERMAL", { iceMinutes: 0, heatMinutes: 60 })).toEqual([]);
  });

  it("leaves the optional fields optional", () => {
    expect(refused("LASER", { device: "LASER", doseJPerCm2: 4, area: "L5" })).toEqual([]);
    expect(refused("MANUAL_THERAPY", { region: "Thoracic" })).toEqual([]);
    expect(refused("EXERCISE", {})).toEqual([]);
    expect(refused("EDUCATION", {})).toEqual([]);
  });
});

describe("parameter schemas: out of range values are refused on their field", () => {
  it.each<[ParameterProfile, Record<string, unknown>, string[]]>([
    ["SHOCK_WAVE", { pulses: 99, pressureBar: 5.5 }, ["pressureBar", "pulses"]],
    ["SHOCK_WAVE", { pulses: 6001, frequencyHz: 23 }, ["frequencyHz", "pulses"]],
    ["SHOCK_WAVE", { pulses: 2000.5 }, ["pulses"]],
    ["LASER", { doseJPerCm2: 0.4 }, ["doseJPerCm2"]],
    ["LASER", { doseJPerCm2: 61, wavelengthNm: 500 }, ["doseJPerCm2", "wavelengthNm"]],
    ["ELECTRICAL", { frequencyHz: 151, intensityMa: 0.5 }, ["frequencyHz", "intensityMa"]],
    ["ELECTROMAGNETIC", { intensityPercent: 101, frequencyHz: 0 }, ["frequencyHz", "intensityPercent"]],
    ["NEEDLING", { needles: 61 }, ["needles"]],
    ["NEEDLING", { needles: 0 }, ["needles"]],
    ["THERMAL", { iceMinutes: 61, heatMinutes: -1 }, ["heatMinutes", "iceMinutes"]],
    ["EXERCISE", { sets: 21, reps: 0, loadKg: 301 }, ["loadKg", "reps", "sets"]],
  ])("%s %j → %j", (profile, change, keys) => {
    expect(refused(profile, { ...VALID[profile], ...change })).toEqual(keys);
  });

  it("says which field and what range in the message", () => {
    const parsed = PARAMETER_SCHEMAS.LASER.safeParse({ ...VALID.LASER, doseJPerCm2: 0.2 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("Dose (J/cm²) must be at least 0.5");
  });
});

describe("parameter schemas: missing fields are refused on their field", () => {
  const without = (profile: ParameterProfile, ...keys: string[]) => Object.fromEntries(Object.entries(VALID[profile]).filter(([k]) => !keys.includes(k)));

  it.each<[ParameterProfile, string[]]>([
    ["SHOCK_WAVE", ["pulses", "pressureBar", "frequencyHz", "area"]],
    ["LASER", ["doseJPerCm2", "area"]],
    ["ELECTRICAL", ["frequencyHz", "intensityMa", "area"]],
    ["ELECTROMAGNETIC", ["intensityPercent", "frequencyHz", "area"]],
    ["NEEDLING", ["needles", "sites"]],
    ["THERMAL", ["heatMinutes", "iceMinutes"]],
    ["MANUAL_THERAPY", ["region"]],
  ])("%s without %j", (profile, keys) => {
    expect(refused(profile, without(profile, ...keys))).toEqual([...keys].sort());
  });

  it("refuses blank text and an empty list of needling sites", () => {
    expect(refused("SHOCK_WAVE", { ...VALID.SHOCK_WAVE, area: "   " })).toEqual(["area"]);
    expect(refused("MANUAL_THERAPY", { region: "" })).toEqual(["region"]);
    expect(refused("NEEDLING", { needles: 4, sites: [] })).toEqual(["sites"]);
    expect(refused("NEEDLING", { needles: 4, sites: ["L4", " "] })).toEqual(["sites.1"]);
  });

  it("needs some ice or heat: zero of both is refused on the ice minutes", () => {
    const parsed = PARAMETER_SCHEMAS.THERMAL.safeParse({ iceMinutes: 0, heatMinutes: 0 });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["iceMinutes", "Give the ice or heat minutes"]]);
  });

  it("refuses a device that does not match the profile", () => {
    expect(refused("LASER", { ...VALID.LASER, device: "SHOCK_WAVE" })).toEqual(["device"]);
  });
});

describe("profilesFor", () => {
  it.each<[CatalogCategory, ParameterProfile[]]>([
    ["ELECTRO_LASER_SHOCKWAVE", ["SHOCK_WAVE", "LASER", "ELECTRICAL", "ELECTROMAGNETIC"]],
    ["NEEDLING", ["NEEDLING"]],
    ["THERMAL", ["THERMAL"]],
    ["MANUAL_THERAPY", ["MANUAL_THERAPY"]],
    ["EDUCATION", ["EDUCATION"]],
    ["STRETCH", ["EXERCISE"]],
    ["STRENGTH", ["EXERCISE"]],
    ["POSTURE", ["EXERCISE"]],
  ])("%s → %j", (category, profiles) => {
    expect(profilesFor(category)).toEqual(profiles);
  });
});

describe("guessDevice", () => {
  it.each<[string, ParameterProfile | null]>([
    ["Shock wave therapy", "SHOCK_WAVE"],
    ["Radial shockwave", "SHOCK_WAVE"],
    ["Laser therapy", "LASER"],
    ["High-intensity LASER", "LASER"],
    ["Super inductive stimulation", "ELECTROMAGNETIC"],
    ["Pulsed electromagnetic field", "ELECTROMAGNETIC"],
    ["Wireless electrical muscle stimulation", "ELECTRICAL"],
    ["TENS", "ELECTRICAL"],
    ["Interferential current", null],
    ["Deep tissue massage", null],
  ])("%s → %s", (name, device) => {
    expect(guessDevice(name)).toBe(device);
  });
});

describe("checkParameters", () => {
  it("requires a device for electro / laser / shock wave treatments", () => {
    const noDevice = Object.fromEntries(Object.entries(VALID.LASER).filter(([k]) => k !== "device"));
    const result = checkParameters("ELECTRO_LASER_SHOCKWAVE", noDevice);
    expect(result).toEqual({ ok: false, errors: { device: [expect.stringMatching(/^Choose the device: shock wave, laser, electrical, electromagnetic$/)] } });
    expect(checkParameters("ELECTRO_LASER_SHOCKWAVE", { ...VALID.LASER, device: "ULTRASOUND" })).toMatchObject({ ok: false, errors: { device: [expect.any(String)] } });
    expect(checkParameters("ELECTRO_LASER_SHOCKWAVE", null)).toMatchObject({ ok: false, errors: { device: [expect.any(String)] } });
  });

  it("validates against the chosen device's profile", () => {
    expect(checkParameters("ELECTRO_LASER_SHOCKWAVE", VALID.SHOCK_WAVE)).toEqual({ ok: true, value: VALID.SHOCK_WAVE });
    expect(checkParameters("ELECTRO_LASER_SHOCKWAVE", { ...VALID.ELECTRICAL, intensityMa: 150 })).toEqual({ ok: false, errors: { intensityMa: ["Intensity (mA) must be at most 100"] } });
    // Laser values sent as shock wave are judged as shock wave: pulses, pressure and frequency are missing.
    const crossed = checkParameters("ELECTRO_LASER_SHOCKWAVE", { ...VALID.LASER, device: "SHOCK_WAVE" });
    expect(crossed.ok ? [] : Object.keys(crossed.errors).sort()).toEqual(["frequencyHz", "pressureBar", "pulses"]);
  });

  it("needs no device for single-profile categories and strips unknown keys", () => {
    expect(checkParameters("NEEDLING", { sites: ["L4"], needles: "3", colour: "red" })).toEqual({ ok: true, value: { sites: ["L4"], needles: 3 } });
    expect(checkParameters("MANUAL_THERAPY", { region: "  Lumbar " })).toEqual({ ok: true, value: { region: "Lumbar" } });
    expect(checkParameters("STRENGTH", {})).toEqual({ ok: true, value: {} });
  });

  it("reports each refused field under its own key, with every message", () => {
    const result = checkParameters("THERMAL", { iceMinutes: 70, heatMinutes: "x" });
    expect(result).toEqual({ ok: false, errors: { iceMinutes: ["Ice (min) must be at most 60"], heatMinutes: ["Heat (min) must be a number"] } });
    const needling = checkParameters("NEEDLING", { sites: [], needles: 0 });
    expect(needling).toEqual({ ok: false, errors: { sites: ["Name at least one needling site"], needles: ["Needles must be at least 1"] } });
  });
});
