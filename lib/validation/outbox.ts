import { z } from "@/lib/validation/zod";

export const OUTBOX_STATUSES = ["QUEUED", "SENDING", "RETRYING", "SENT", "FAILED", "CANCELLED"] as const;

/** Outbox filters from the URL; a malformed value is ignored rather than failing the page. */
export const ZOutboxFilters = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
});
export type TOutboxFilters = z.infer<typeof ZOutboxFilters>;

/** A message id as the app makes them (newId: "c" + 24 base-36 characters). */
export const ZMessageId = z.object({ messageId: z.string().regex(/^c[a-z0-9]{24}$/) });
