import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { isApiClientActor, type Actor } from "@/lib/auth/actor";
import { authenticateApiClient, BearerTokenError } from "@/lib/auth/api-client-auth";
import { bearerCredential } from "@/lib/auth/api-token";
import { clientIp } from "@/lib/auth/client-ip";
import { requireActor, type RequireActorOptions } from "@/lib/auth/session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { ApiScope } from "@/lib/db/generated/enums";
import { AppError, type FieldErrors } from "@/lib/errors";
import { safeParseUntrusted } from "@/lib/validation/parse";
import { errorHeaders, toErrorResponse, type ErrorBody } from "./map-error";
import { assertJsonFromOwnOrigin } from "./same-origin-json";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * What a route takes besides a signed-in user's session (ADR 047).
 * `api: { scope }`: the route also answers API clients whose bearer token has that scope
 * (`Authorization: Bearer rvp_…`). Then the handler's actor is the client (role API_CLIENT, its
 * scopes' grants at clinic scope, see API_SCOPE_PERMISSIONS), cookies are ignored, there is no
 * same-origin check (a browser never attaches a bearer token by itself), the client's rate limit
 * applies and the request is audited as `api.request` with the client named. A route without
 * `api` answers every bearer token 401.
 *
 *     export const GET = withRoute(z.object({ planId: ZId }), ({ actor, params }) => getPlan(actor, params.planId),
 *       { api: { scope: "PATIENT_READ" } });
 */
export type RouteOptions = { api?: { scope: ApiScope } };

/** The actor of a request: an API client for a bearer token (when the route takes one), else the session's user. */
async function routeActor(request: Request, options: RouteOptions): Promise<Actor> {
  const token = bearerCredential(request.headers.get("authorization"));
  if (token === undefined) {
    assertJsonFromOwnOrigin(request);
    return requireActor();
  }
  if (!options.api) throw new BearerTokenError("invalid_token");
  const actor = await authenticateApiClient(token, clientIp(request.headers) ?? "api");
  if (!actor.apiClient?.scopes.includes(options.api.scope)) throw new BearerTokenError("insufficient_scope", options.api.scope);
  return actor;
}

/** `api.request`: every request an API client made past authentication, with its outcome (no query string: it may hold search words). */
async function auditApiRequest(actor: Actor, request: Request, status: number): Promise<void> {
  if (!isApiClientActor(actor)) return;
  const detail = { method: request.method.toUpperCase(), path: new URL(request.url).pathname.slice(0, 300), status };
  await recordAuditEvent(db(), { actor, action: "api.request", entityType: "ApiClient", entityId: actor.apiClient.id, detail });
}

/**
 * Wraps a route handler: refuses a data-changing request that is not JSON from the app's own
 * origin (415/403, before anything else runs), resolves the actor, validates the route params with
 * zod, runs the handler and maps every failure once (401/403/404/409/415/422/503; never a stack
 * trace). An actor who must still replace an initial password gets 403 "Change your password first".
 */
export function withRoute<P extends z.ZodType>(
  paramsSchema: P,
  handler: (args: { actor: Actor; params: z.infer<P>; request: Request }) => Promise<unknown>,
  options: RouteOptions = {},
) {
  return async (request: Request, context: RouteContext): Promise<NextResponse> => {
    let actor: Actor | undefined;
    try {
      actor = await routeActor(request, options);
      // A route without dynamic segments may get no params object at all.
      const parsed = paramsSchema.safeParse((await context?.params) ?? {});
      // An id that cannot exist answers like one that does not exist.
      if (!parsed.success) throw new AppError("NOT_FOUND", "Not found");
      const result = await handler({ actor, params: parsed.data, request });
      // A handler that builds its own response (a file download) gets it sent as it is, never cached
      // (a stricter "private, no-store" it set is kept).
      if (result instanceof Response) {
        if (!/\bno-store\b/.test(result.headers.get("Cache-Control") ?? "")) result.headers.set("Cache-Control", "no-store");
        await auditApiRequest(actor, request, result.status);
        return result as NextResponse;
      }
      await auditApiRequest(actor, request, 200);
      return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      if (actor) await auditApiRequest(actor, request, status).catch(() => undefined);
      return NextResponse.json(body, { status, headers: { ...errorHeaders(error), "Cache-Control": "no-store" } });
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
