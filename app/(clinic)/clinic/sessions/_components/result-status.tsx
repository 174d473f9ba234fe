"use client";

import type { ActionResult } from "@/lib/server/with-route";

export type Status = { tone: "error" | "success"; message: string; action?: React.ReactNode } | null;

/** The form-level message for a failed action; a CONFLICT offers Reload (fresh data from the server). */
export function failureStatus(result: Extract<ActionResult<unknown>, { ok: false }>, reload: () => void): Status {
  return {
    tone: "error",
    message: result.message,
    action:
      result.code === "CONFLICT" ? (
        <button type="button" className="ml-1 min-h-11 font-medium underline" onClick={reload}>
          Reload
        </button>
      ) : undefined,
  };
}

/** Errors for a key and anything below it (`time`, `sections.lifting`). */
export function errorsFor(errors: Record<string, string[]>, key: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === key || k.startsWith(`${key}.`))
    .flatMap(([, v]) => v);
}
