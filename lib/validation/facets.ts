import { z } from "@/lib/validation/zod";
import { BodyRegion } from "@/lib/enums";
import { isStorableText, searchText } from "./fields";

// Search facets of catalog treatments and protocols (decision 040). Conditions and tags are kept
// lowercase, trimmed and de-duplicated, so that matching them is exact and case-insensitive.
export const MAX_FACET_VALUES = 20;

/** "Low back pain, Sciatica" or ["Low back pain"] → ["low back pain", "sciatica"]. */
export function facetValues(what: string, maxLength: number) {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.split(",") : value),
    z
      .array(
        z
          .string({ error: `${what} must be text` })
          .trim()
          .toLowerCase()
          .max(maxLength, `Each ${what.toLowerCase()} must be at most ${maxLength} characters`)
          .refine(isStorableText, `${what} contains an invalid character`),
        { error: `${what} must be a list` },
      )
      .transform((values) => [...new Set(values.filter((v) => v !== ""))])
      .refine((values) => values.length <= MAX_FACET_VALUES, `At most ${MAX_FACET_VALUES} ${what.toLowerCase()}`),
  );
}

export const ZBodyRegions = z
  .array(z.enum(BodyRegion, { error: "Choose body regions from the list" }))
  .max(Object.keys(BodyRegion).length)
  .transform((regions) => [...new Set(regions)]);
export const ZConditions = facetValues("Conditions", 80);
export const ZTags = facetValues("Tags", 40);

/** The facet filters of a list page, from the URL: an unknown value is ignored, never a 500. */
export const ZFacetFilters = {
  region: z.enum(BodyRegion).optional().catch(undefined),
  tag: searchText(40)
    .transform((v) => v.toLowerCase())
    .optional()
    .catch(undefined),
};
