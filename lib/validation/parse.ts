import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "./fields";

/** Domain functions re-validate their input: a bad value is a VALIDATION error with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}
