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
