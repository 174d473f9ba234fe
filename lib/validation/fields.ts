import { z } from "@/lib/validation/zod";

/**
 * A YYYY-MM-DD text that names a day of the calendar. Date.parse alone is not enough: it rolls
 * "2026-11-31" over into 1 December instead of refusing it.
 */
export function isRealDay(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const time = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === iso;
}

/**
 * The calendar days the app accepts from a form or the URL (decision 020). Every date the app
 * deals in — births, plans, sessions, home logs, audit filters — falls inside. Outside it the
 * YYYY-MM-DD shape still admits year 0000 (which PostgreSQL has no such year for) and 9999, whose
 * week or day after is a 5-digit year no date parser reads back: those reached date arithmetic
 * and queries and answered 500.
 */
export const MIN_DAY = "1900-01-01";
export const MAX_DAY = "2200-12-31";

/** A real YYYY-MM-DD day within MIN_DAY … MAX_DAY (ISO strings of one shape compare as dates). */
export function isDayInRange(iso: string): boolean {
  return isRealDay(iso) && iso >= MIN_DAY && iso <= MAX_DAY;
}

/**
 * The one schema for a calendar day, as forms and URLs send it: YYYY-MM-DD, a real day, within
 * the bounds. One message, the first that applies; `messages` words it for the form at hand.
 */
export function calendarDay(messages: { required?: string; format?: string; real?: string } = {}) {
  return z.string({ error: messages.required ?? "Enter a date" }).superRefine((iso, ctx) => {
    const problem = !/^\d{4}-\d{2}-\d{2}$/.test(iso)
      ? (messages.format ?? "Enter a date as YYYY-MM-DD")
      : !isRealDay(iso)
        ? (messages.real ?? "Enter a real date")
        : !isDayInRange(iso)
          ? `Enter a date between ${MIN_DAY.slice(0, 4)} and ${MAX_DAY.slice(0, 4)}`
          : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/**
 * Text PostgreSQL and its driver can store: no NUL byte (a text column cannot hold one) and no
 * unpaired UTF-16 surrogate (not Unicode text at all; the query fails to encode). Anything else
 * from a client reaching a query with one of those answered 500.
 */
export function isStorableText(value: string): boolean {
  return !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** Search text from a form or the URL: trimmed, bounded, storable (it ends up in a query). */
export function searchText(max = 100) {
  return z.string().trim().max(max).refine(isStorableText, "Search text contains an invalid character");
}

/** An optional whole number from a form: "" and null mean "not set". */
export function optionalWhole(label: string, min: number, max: number) {
  return z.preprocess(
    (value) => (value === "" || value === null || value === undefined ? null : typeof value === "string" ? Number(value) : value),
    z
      .number({ error: `${label} must be a number` })
      .int(`${label} must be a whole number`)
      .min(min, `${label} must be at least ${min}`)
      .max(max, `${label} must be at most ${max}`)
      .nullable(),
  );
}

export function requiredText(label: string, max: number, min = 1) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(min, min === 1 ? `${label} is required` : `${label} needs at least ${min} characters`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine(isStorableText, `${label} contains an invalid character`);
}

export function optionalText(label: string, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    requiredText(label, max).nullable().optional().transform((v) => v ?? null),
  );
}

/** Field errors keyed by dotted path, as forms show them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (result[key] ??= []).push(issue.message);
  }
  return result;
}
