import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { operationOutcome, type IssueCode } from "@/lib/fhir/bundle";
import { configuredOrigin } from "@/lib/security/deployment";
import type { ErrorBody } from "./map-error";
import { withRoute, type RouteOptions } from "./with-route";

// FHIR endpoints answer errors as an OperationOutcome (application/fhir+json), not the app's
// { error } body: FHIR clients read `issue[].diagnostics`. Everything else (session, params,
// error mapping, no-store) is withRoute's.

const ISSUE_CODE: Record<number, IssueCode> = { 400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 409: "conflict", 415: "not-supported", 422: "invalid", 429: "throttled" };

export const FHIR_JSON = "application/fhir+json";

/** The bulk export's routes take API clients with the BULK_EXPORT scope as well as signed-in admins (ADR 047, decision 050). */
export const BULK_API: RouteOptions = { api: { scope: "BULK_EXPORT" } };

/** The OperationOutcome for an HTTP status: 5xx is fatal, the rest an error. */
export function outcomeForStatus(status: number, diagnostics: string) {
  return operationOutcome(ISSUE_CODE[status] ?? "exception", diagnostics, status >= 500 ? "fatal" : "error");
}

export function fhirResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers: { "Content-Type": `${FHIR_JSON}; charset=utf-8`, "Cache-Control": "no-store", ...init.headers } });
}

/** The app's public origin (NEXTAUTH_URL's) for absolute URLs in headers and manifests; the request's own otherwise. */
export function publicOrigin(request: Request): string {
  return configuredOrigin() ?? new URL(request.url).origin;
}

export function withFhirRoute<P extends z.ZodType>(
  paramsSchema: P,
  handler: (args: { actor: Actor; params: z.infer<P>; request: Request }) => Promise<unknown>,
  options: RouteOptions = {},
) {
  const inner = withRoute(paramsSchema, handler, options);
  return async (request: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const response = await inner(request, context);
    if (response.status < 400 || !(response.headers.get("Content-Type") ?? "").startsWith("application/json")) return response;
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    const headers: Record<string, string> = {};
    // Kept as withRoute set them: a rate limit's Retry-After, a bearer refusal's WWW-Authenticate.
    for (const name of ["Retry-After", "WWW-Authenticate"]) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    return fhirResponse(outcomeForStatus(response.status, body?.error?.message ?? "The request failed."), { status: response.status, headers });
  };
}
