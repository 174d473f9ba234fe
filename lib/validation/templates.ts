import { z } from "@/lib/validation/zod";
import { Setting, TreatmentPhase } from "@/lib/enums";
import { ZDose } from "./catalog";
import { ZId, ZVersion } from "./common";
import { ZBodyRegions, ZFacetFilters, ZTags } from "./facets";
import { requiredText, searchText, isStorableText } from "./fields";

export const MAX_TEMPLATE_ITEMS = 40;

// ICD-10 (WHO and ICD-10-CM): letter (U is reserved), two characters, then an optional
// dot and up to four more, e.g. M54.5 or M62.830.
const ICD10 = /^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$/;

/** Uppercases and removes spaces; "m62830" becomes "M62.830" (the dot is often left out when typed). */
export function normaliseIcd10(value: string): string {
  const compact = value.replaceAll(/\s+/g, "").toUpperCase();
  return /^[A-Z0-9]{4,7}$/.test(compact) ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

export const ZIcd10Code = z.preprocess(
  (value) => (value === undefined || value === null ? null : typeof value === "string" ? (value.trim() === "" ? null : normaliseIcd10(value)) : value),
  z.string({ error: "Enter an ICD-10 code" }).regex(ICD10, "Enter an ICD-10 code such as M54.5 or M62.830").nullable(),
);

export const ZTemplateItemInput = z.object({
  catalogItemId: ZId,
  setting: z.enum(Setting, { error: "Choose a setting" }),
  phase: z.enum(TreatmentPhase, { error: "Choose a phase" }),
  dose: ZDose,
});
export type TTemplateItemInput = z.infer<typeof ZTemplateItemInput>;

export const ZTemplateInput = z.object({
  name: requiredText("Name", 120, 2),
  condition: requiredText("Condition", 200),
  icd10Code: ZIcd10Code,
  description: z
    .string({ error: "Description must be text" })
    .trim()
    .max(4000, "Description must be at most 4000 characters")
    .refine(isStorableText, "Description contains an invalid character")
    .default(""),
  items: z
    .array(ZTemplateItemInput, { error: "Add at least one treatment" })
    .min(1, "Add at least one treatment")
    .max(MAX_TEMPLATE_ITEMS, `A template holds at most ${MAX_TEMPLATE_ITEMS} treatments`),
  // Search facets (decision 040): left out, they are left as they are.
  bodyRegions: ZBodyRegions.optional(),
  tags: ZTags.optional(),
});
export type TTemplateInput = z.infer<typeof ZTemplateInput>;

export const ZTemplateUpdate = ZTemplateInput.extend({ id: ZId, version: ZVersion });
export type TTemplateUpdate = z.infer<typeof ZTemplateUpdate>;

/** Templates are ACTIVE or RETIRED; a retired one is hidden from clinicians and can be reinstated. */
export const ZTemplateStatusChange = z.object({
  id: ZId,
  version: ZVersion,
  status: z.enum(["ACTIVE", "RETIRED"], { error: "Choose active or retired" }),
});
export type TTemplateStatusChange = z.infer<typeof ZTemplateStatusChange>;

export const ZTemplateFilters = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  q: searchText().optional().catch(undefined),
  status: z.enum(["ACTIVE", "RETIRED"]).optional().catch(undefined),
  ...ZFacetFilters,
});
export type TTemplateFilters = z.infer<typeof ZTemplateFilters>;

// ---- Protocols saved from a plan (decision 039)

/** "Save as protocol" from a plan: the clinician's own, or proposed to the clinic's protocols. */
export const ZSaveAsTemplate = z.object({
  planId: ZId,
  name: requiredText("Name", 120, 2),
  description: z
    .string({ error: "Description must be text" })
    .trim()
    .max(4000, "Description must be at most 4000 characters")
    .refine(isStorableText, "Description contains an invalid character")
    .default(""),
  visibility: z.enum(["OWN", "PROPOSE"], { error: "Choose: your own protocol, or propose it to the clinic" }),
});
export type TSaveAsTemplate = z.input<typeof ZSaveAsTemplate>;

export const MIN_DECLINE_REASON_LENGTH = 5;

/** An admin's answer to a proposal: approve (optionally under another name) or decline with a reason. */
export const ZReviewProposal = z.discriminatedUnion("decision", [
  z.object({ id: ZId, version: ZVersion, decision: z.literal("APPROVE"), name: requiredText("Name", 120, 2).optional() }),
  z.object({
    id: ZId,
    version: ZVersion,
    decision: z.literal("DECLINE"),
    reason: requiredText("Reason", 1000, MIN_DECLINE_REASON_LENGTH),
  }),
]);
export type TReviewProposal = z.input<typeof ZReviewProposal>;
