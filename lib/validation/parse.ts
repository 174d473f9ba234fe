import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "./fields";

/** Domain functions re-validate their input: a bad value is a VALIDATION error with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/**
 * Validates input from a client, which may hold values that throw when read: React's decoder
 * turns a "$T" in an action's arguments into a temporary client reference, a proxy that throws
 * on almost any property access, and zod's length checks read `.length` even after the type
 * check failed. Such input is invalid input, not a server error.
 */
export function safeParseUntrusted<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { success: true; data: z.infer<S> } | { success: false; fieldErrors: FieldErrors } {
  try {
    const parsed = schema.safeParse(input);
    return parsed.success ? { success: true, data: parsed.data } : { success: false, fieldErrors: fieldErrorsOf(parsed.error) };
  } catch {
    return { success: false, fieldErrors: { _form: ["This input could not be read."] } };
  }
}
