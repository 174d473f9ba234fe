import { z } from "@/lib/validation/zod";
import { CatalogCategory, CatalogKind, CatalogStatus, Contraindication, Setting } from "@/lib/enums";
import { ZId, ZVersion } from "./common";
import { ZBodyRegions, ZConditions, ZFacetFilters, ZTags } from "./facets";
import { optionalWhole, requiredText, searchText } from "./fields";

export const ZDose = z.object({
  durationMin: optionalWhole("Duration", 1, 240),
  sets: optionalWhole("Sets", 1, 20),
  reps: optionalWhole("Reps", 1, 100),
  holdSec: optionalWhole("Hold", 1, 600),
  timesPerDay: optionalWhole("Times per day", 1, 10),
  daysPerWeek: optionalWhole("Days per week", 1, 7),
});
export type TDose = z.infer<typeof ZDose>;

const ZFlags = z
  .array(z.enum(Contraindication))
  .max(Object.keys(Contraindication).length)
  .transform((flags) => [...new Set(flags)]);

export const ZCatalogItemInput = z.object({
  name: requiredText("Name", 120, 2),
  kind: z.enum(CatalogKind, { error: "Choose a kind" }),
  category: z.enum(CatalogCategory, { error: "Choose a category" }),
  setting: z.enum(Setting, { error: "Choose a setting" }),
  description: requiredText("Description", 2000),
  patientInstructions: requiredText("Patient instructions", 4000),
  dose: ZDose,
  contraindications: ZFlags,
  equipment: z.array(requiredText("Equipment", 60)).max(20, "At most 20 pieces of equipment"),
  // Search facets (decision 040): left out, they are left as they are (an older client or an API
  // caller that does not know them never clears them).
  bodyRegions: ZBodyRegions.optional(),
  conditions: ZConditions.optional(),
  tags: ZTags.optional(),
});
export type TCatalogItemInput = z.infer<typeof ZCatalogItemInput>;

export const ZCatalogItemUpdate = ZCatalogItemInput.extend({ id: ZId, version: ZVersion });
export type TCatalogItemUpdate = z.infer<typeof ZCatalogItemUpdate>;

// Retiring carries the fingerprint of the usage the admin was shown (decision 040): without it the
// admin was never asked, and a different one means the usage changed since (CONFLICT).
export const ZCatalogStatusChange = z
  .object({ id: ZId, version: ZVersion, status: z.enum(CatalogStatus), usage: z.string().trim().min(1).max(64).optional() })
  .refine((v) => v.status !== "RETIRED" || v.usage !== undefined, {
    path: ["usage"],
    error: "Review where this treatment is used before retiring it.",
  });
export const ZCatalogDelete = z.object({ id: ZId, version: ZVersion });

export const ZCatalogFilters = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  q: searchText().optional().catch(undefined),
  kind: z.enum(CatalogKind).optional().catch(undefined),
  category: z.enum(CatalogCategory).optional().catch(undefined),
  setting: z.enum(Setting).optional().catch(undefined),
  status: z.enum(CatalogStatus).optional().catch(undefined),
  ...ZFacetFilters,
});
export type TCatalogFilters = z.infer<typeof ZCatalogFilters>;
