import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { safeParseUntrusted } from "@/lib/validation/parse";
import { toErrorResponse } from "./map-error";
import type { ActionResult } from "./with-route";

/** What a public action knows of its caller: the client address (ADR 010), for throttles and the audit trail. */
export type PublicContext = { ip: string | null };

/**
 * Wraps a server action that nobody needs to be signed in for (decision 034: "Forgot password?",
 * choosing a password through an emailed link). It resolves no actor (a session present is
 * ignored), validates the input with the form's zod schema, calls one domain function, which does
 * its own checks (a throttle, a single-use token), and maps failures once, like authedAction.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>, context: PublicContext) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const parsed = safeParseUntrusted(schema, input);
      if (!parsed.success) {
        return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields. Nothing was saved.", fieldErrors: parsed.fieldErrors };
      }
      return { ok: true, data: await fn(parsed.data, { ip: clientIp(await headers()) }) };
    } catch (error) {
      const { body } = toErrorResponse(error);
      return { ok: false, code: body.error.code, message: body.error.message, fieldErrors: body.error.fieldErrors };
    }
  };
}
