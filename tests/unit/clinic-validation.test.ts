// The clinic settings schema (decision 030): phone shapes, address normalisation and limits, and
// time zones from the runtime's IANA list (plus UTC).
import { describe, expect, it } from "vitest";
import { isSupportedTimeZone, normalizeAddress, phoneProblem, supportedTimeZones, ZClinicSettings } from "@/lib/validation/clinic";

const base = { version: 1, name: "Riverside Physio", address: null, phone: null, timeZone: "Europe/London" };

describe("phoneProblem", () => {
  it.each(["020 7946 0321", "+44 20 7946 0321", "+44 (0)20 7946 0321", "(020) 7946-0321", "+1 212.555.0100", "0800123456"])("accepts %s", (phone) => {
    expect(phoneProblem(phone)).toBeNull();
  });
  it.each([
    ["letters", "020 7946 CALL"],
    ["an extension word", "020 7946 0321 ext 4"],
    ["a plus in the middle", "020+7946 0321"],
    ["too few digits", "123 45"],
    ["16 digits", "+44 1234 5678 901234"],
    ["over 40 characters", `0${" ".repeat(39)}1`],
    ["a trailing separator", "020 7946 0321-"],
    ["markup", "<b>020 7946 0321</b>"],
  ])("refuses %s", (_what, phone) => {
    expect(phoneProblem(phone)).not.toBeNull();
  });
});

describe("normalizeAddress", () => {
  it("trims lines, collapses spaces, drops blank lines, and joins with \\n", () => {
    expect(normalizeAddress("  14  Mill Lane \r\n\r\n\tRiverside RV1 2AB\r")).toBe("14 Mill Lane\nRiverside RV1 2AB");
  });
  it("is null for blank input", () => {
    expect(normalizeAddress(" \n \r\n")).toBeNull();
  });
});

describe("ZClinicSettings", () => {
  it("turns blank address and phone into null", () => {
    expect(ZClinicSettings.parse({ ...base, address: "  ", phone: "" })).toEqual(base);
  });
  it("counts the address limit after normalising", () => {
    const padded = `${"a".repeat(150)}\n\n\n${" ".repeat(100)}\n${"b".repeat(149)}`;
    expect(ZClinicSettings.parse({ ...base, address: padded }).address).toHaveLength(300);
    expect(ZClinicSettings.safeParse({ ...base, address: `${"a".repeat(150)}\n${"b".repeat(150)}` }).success).toBe(false);
  });
  it("refuses a version that is not a positive int4", () => {
    for (const version of [0, -1, 1.5, 2_147_483_648, "1"]) expect(ZClinicSettings.safeParse({ ...base, version }).success).toBe(false);
  });
  it("accepts the runtime's IANA zones and UTC, nothing else", () => {
    expect(supportedTimeZones()).toContain("UTC");
    expect(supportedTimeZones()).toContain("Europe/London");
    for (const zone of ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Kyiv"]) expect(isSupportedTimeZone(zone)).toBe(true);
    for (const zone of ["", "europe/london", "GMT+1", "+01:00", "Mars/Olympus_Mons", "Europe/London "]) {
      expect(ZClinicSettings.safeParse({ ...base, timeZone: zone }).success, zone).toBe(zone === "Europe/London " ? true : false);
    }
  });
});
