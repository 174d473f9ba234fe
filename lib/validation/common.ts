import { z } from "zod";
import { searchText } from "./fields";

/** Record ids are cuids; anything else is refused before it reaches a query. */
export const ZId = z.string().regex(/^c[a-z0-9]{20,31}$/, "Invalid id");

export const ZPage = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  q: searchText().optional(),
});
