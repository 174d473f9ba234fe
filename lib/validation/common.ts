import { z } from "@/lib/validation/zod";
import { searchText } from "./fields";

/** Record ids are cuids; anything else is refused before it reaches a query. */
export const ZId = z.string().regex(/^c[a-z0-9]{20,31}$/, "Invalid id");

/**
 * The optimistic-concurrency version a form was opened at. Versions are PostgreSQL int4 columns:
 * a larger number is not a version (it used to reach the query and answer 500).
 */
export const ZVersion = z.number().int().min(1).max(2_147_483_647);

export const ZPage = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  q: searchText().optional(),
});
