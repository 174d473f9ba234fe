import { z } from "@/lib/validation/zod";
import { calendarDay } from "./fields";
import { ZId } from "./common";

const isoDate = calendarDay();

/** Audit-log filters from the URL; a malformed value is ignored rather than failing the page. */
export const ZAuditFilters = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  actorId: ZId.optional().catch(undefined),
  patientId: ZId.optional().catch(undefined),
  action: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/).max(60).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
});
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

/** The date range as the domain re-checks it: a day outside the app's range is a VALIDATION error. */
export const ZAuditDates = z.object({ from: isoDate.optional(), to: isoDate.optional() });

/**
 * The export's filters (GET /api/v1/audit/export): the page's, but strict. The page ignores a
 * malformed filter; an export that ignored one would hand over more events than were asked for,
 * so a malformed value is refused (422) instead.
 */
export const ZAuditExportFilters = z.object({
  actorId: ZId.optional(),
  patientId: ZId.optional(),
  action: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/).max(60).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type TAuditExportFilters = z.infer<typeof ZAuditExportFilters>;
