// The clinic's settings as the admins' form sends them (decision 030). Pure: the form imports it.
import { z } from "@/lib/validation/zod";
import { ZVersion } from "./common";
import { isStorableText, requiredText } from "./fields";

export const CLINIC_NAME_MAX = 120;
export const CLINIC_ADDRESS_MAX = 300;
export const CLINIC_ADDRESS_LINES = 6;
export const CLINIC_PHONE_MAX = 40;
/** The largest logo file accepted, before it is re-encoded. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** Logos are stored at most this many pixels wide. */
export const LOGO_WIDTH = 600;

/**
 * The IANA time zones this runtime knows, plus "UTC" (the schema's default, which
 * Intl.supportedValuesOf leaves out as an alias of Etc/UTC).
 */
export function supportedTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

let zoneSet: Set<string> | null = null;
export function isSupportedTimeZone(zone: string): boolean {
  zoneSet ??= new Set(supportedTimeZones());
  return zoneSet.has(zone);
}

// A phone number as people write it: an optional leading +, digits, spaces, brackets, dashes and
// dots, 7 to 15 digits in all (E.164 allows at most 15). "020 7946 0321", "+44 (0)20 7946 0321".
const PHONE_SHAPE = /^\+?[0-9()][0-9 ()\-.]*[0-9]$/;

export function phoneProblem(phone: string): string | null {
  if (phone.length > CLINIC_PHONE_MAX) return `Phone must be at most ${CLINIC_PHONE_MAX} characters`;
  if (!PHONE_SHAPE.test(phone)) return "Enter a phone number using digits, spaces, brackets, dashes and an optional leading +";
  const digits = phone.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return "A phone number has 7 to 15 digits";
  return null;
}

/** One address line per line; blank lines and spaces around each line go. Null when empty. */
export function normalizeAddress(address: string): string | null {
  const lines = address
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim().replace(/[ \t]+/g, " "))
    .filter(Boolean);
  return lines.length ? lines.join("\n") : null;
}

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const ZAddress = z.preprocess(
  blankToNull,
  z
    .string({ error: "Address must be text" })
    .max(CLINIC_ADDRESS_MAX * 2, `Address must be at most ${CLINIC_ADDRESS_MAX} characters`)
    .refine(isStorableText, "Address contains an invalid character")
    // Tabs and newlines only: other control characters would reach the printed plan and the .ics.
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Address contains an invalid character")
    .transform((v) => normalizeAddress(v))
    .refine((v) => v === null || v.length <= CLINIC_ADDRESS_MAX, `Address must be at most ${CLINIC_ADDRESS_MAX} characters`)
    .refine((v) => v === null || v.split("\n").length <= CLINIC_ADDRESS_LINES, `Address can have at most ${CLINIC_ADDRESS_LINES} lines`)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
);

const ZPhone = z.preprocess(
  blankToNull,
  z
    .string({ error: "Phone must be text" })
    .trim()
    .superRefine((v, ctx) => {
      const problem = phoneProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
);

export const ZClinicSettings = z.object({
  version: ZVersion,
  name: requiredText("Clinic name", CLINIC_NAME_MAX),
  address: ZAddress,
  phone: ZPhone,
  timeZone: z
    .string({ error: "Choose a time zone" })
    .trim()
    .refine(isSupportedTimeZone, "Choose a time zone from the list"),
});
export type TClinicSettings = z.infer<typeof ZClinicSettings>;

/** Removing the logo: the form's version, and `confirm` sent only from the confirmation step. */
export const ZRemoveClinicLogo = z.object({ version: ZVersion, confirm: z.literal(true) });
export type TRemoveClinicLogo = z.infer<typeof ZRemoveClinicLogo>;

