import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireActor, type RequireActorOptions } from "@/lib/auth/session";
import { AppError, type FieldErrors } from "@/lib/errors";
import { safeParseUntrusted } from "@/lib/validation/parse";
import { toErrorResponse, type ErrorBody } from "./map-error";
import { assertJsonFromOwnOrigin } from "./same-origin-json";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps a route handler: refuses a data-changing request that is not JSON from the app's own
 * origin (415/403, before anything else runs), resolves the actor, validates the route params with
 * zod, runs the handler and maps every failure once (401/403/404/409/415/422/503; never a stack
 * trace). An actor who must still replace an initial password gets 403 "Change your password first".
 */
export function withRoute<P extends z.ZodType>(
  paramsSchema: P,
  handler: (args: { actor: Actor; params: z.infer<P>; request: Request }) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<NextResponse> => {
    try {
      assertJsonFromOwnOrigin(request);
      const actor = await requireActor();
      // A route without dynamic segments may get no params object at all.
      const parsed = paramsSchema.safeParse((await context?.params) ?? {});
      // An id that cannot exist answers like one that does not exist.
      if (!parsed.success) throw new AppError("NOT_FOUND", "Not found");
      const result = await handler({ actor, params: parsed.data, request });
      // A handler that builds its own response (a file download) gets it sent as it is, never cached
      // (a stricter "private, no-store" it set is kept).
      if (result instanceof Response) {
        if (!/\bno-store\b/.test(result.headers.get("Cache-Control") ?? "")) result.headers.set("Cache-Control", "no-store");
        return result as NextResponse;
      }
      return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
    }
  };
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorBody["error"]["code"]; message: string; fieldErrors?: FieldErrors };

/**
 * Wraps a server action: resolves the actor, validates the input with the same zod schema the
 * form uses and calls one domain function. Expected failures come back as a form result.
 * While the actor must replace an initial password every action answers FORBIDDEN "Change your
 * password first", except the one that changes it (`allowPendingPasswordChange`); likewise until
 * the session has passed its second step, except the actions of that step (`allowPendingSecondFactor`).
 */
export function authedAction<S extends z.ZodType, T>(
  schema: S,
  fn: (actor: Actor, input: z.infer<S>) => Promise<T>,
  options: RequireActorOptions = {},
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      // Who is asking comes first: an anonymous caller learns nothing, not even field errors.
      const actor = await requireActor(options);
      const parsed = safeParseUntrusted(schema, input);
      if (!parsed.success) {
        return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields. Nothing was saved.", fieldErrors: parsed.fieldErrors };
      }
      return { ok: true, data: await fn(actor, parsed.data) };
    } catch (error) {
      const { body } = toErrorResponse(error);
      return { ok: false, code: body.error.code, message: body.error.message, fieldErrors: body.error.fieldErrors };
    }
  };
}
