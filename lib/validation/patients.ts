import { z } from "@/lib/validation/zod";
import { Contraindication } from "@/lib/enums";
import { ZId, ZVersion } from "./common";
import { optionalText, requiredText, isRealDay, searchText } from "./fields";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const ZDateOfBirth = z
  .string({ error: "Enter the date of birth" })
  .regex(isoDate, "Enter the date of birth as YYYY-MM-DD")
  .refine(isRealDay, "Enter a real date")
  .refine((v) => v >= "1900-01-01", "The date of birth must be after 1900")
  .refine((v) => v <= new Date().toISOString().slice(0, 10), "The date of birth cannot be in the future");

export const ZFlags = z
  .array(z.enum(Contraindication))
  .max(Object.keys(Contraindication).length)
  .transform((flags) => [...new Set(flags)]);

export const ZPatientDetails = z.object({
  firstName: requiredText("First name", 80),
  lastName: requiredText("Last name", 80),
  dateOfBirth: ZDateOfBirth,
  email: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().toLowerCase().email("Enter a valid email address").max(254).nullable().optional().transform((v) => v ?? null),
  ),
  phone: optionalText("Phone", 40),
  contraindications: ZFlags,
});
export type TPatientDetails = z.infer<typeof ZPatientDetails>;

export const ZUpdatePatient = ZPatientDetails.extend({ patientId: ZId, version: ZVersion });
export type TUpdatePatient = z.infer<typeof ZUpdatePatient>;

/** Roster query from the URL; malformed values are ignored. */
export const ZRosterFilters = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  q: searchText().optional().catch(undefined),
  planStatus: z.enum(["ACTIVE", "ON_HOLD", "DRAFT", "NONE"]).optional().catch(undefined),
  alert: z.enum(["FLAGGED", "REVIEW_DUE", "OVERRIDE"]).optional().catch(undefined),
  /** The dashboard's alerts panel: every patient's alerts instead of the most urgent ones. */
  alerts: z.enum(["all"]).optional().catch(undefined),
});
export type TRosterFilters = z.infer<typeof ZRosterFilters>;
