// API clients (issue 17, ADR 047): what an admin enters to create or revoke one.
import { z } from "@/lib/validation/zod";
import { ZId, ZVersion } from "./common";
import { optionalText, requiredText } from "./fields";

export const API_SCOPES = ["PATIENT_READ", "CATALOG_READ", "BULK_EXPORT"] as const;

/** Each scope in the admin's words (the "read patient data, read catalog, bulk export"). */
export const API_SCOPE_LABELS: Record<(typeof API_SCOPES)[number], { label: string; hint: string }> = {
  PATIENT_READ: { label: "Read patient data", hint: "Patients, plans, sessions, outcomes and home logs of every patient of the clinic." },
  CATALOG_READ: { label: "Read catalog", hint: "Treatments and protocols." },
  BULK_EXPORT: { label: "Bulk export", hint: "Export the whole clinic's records as FHIR files." },
};

/** The longest life of a token (ADR 047); the form offers shorter ones too. */
export const API_CLIENT_MAX_DAYS = 365;
export const API_CLIENT_DEFAULT_RATE = 600;

export const ZCreateApiClient = z.object({
  name: requiredText("Name", 80, 2),
  description: optionalText("Description", 500),
  scopes: z
    .array(z.enum(API_SCOPES, { error: "Choose a listed scope" }), { error: "Choose at least one scope" })
    .min(1, "Choose at least one scope")
    .max(API_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, "Choose each scope once"),
  expiresInDays: z.coerce
    .number({ error: "Choose when the token expires" })
    .int("Choose a whole number of days")
    .min(1, "The token must be valid for at least a day")
    .max(API_CLIENT_MAX_DAYS, `A token can be valid for at most ${API_CLIENT_MAX_DAYS} days`),
  rateLimitPerMinute: z.coerce
    .number({ error: "Enter the requests per minute" })
    .int("Enter a whole number")
    .min(1, "Allow at least 1 request per minute")
    .max(6000, "At most 6000 requests per minute")
    .default(API_CLIENT_DEFAULT_RATE),
});
export type TCreateApiClient = z.input<typeof ZCreateApiClient>;

export const ZRevokeApiClient = z.object({ id: ZId, version: ZVersion });
export type TRevokeApiClient = z.input<typeof ZRevokeApiClient>;
