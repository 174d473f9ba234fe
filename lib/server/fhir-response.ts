import "server-only";
import { NextResponse } from "next/server";
import type { Resource } from "@medplum/fhirtypes";
import { operationOutcome, type IssueCode } from "@/lib/fhir/bundle";

/** The FHIR JSON media type (FHIR R4 http.html#mime-type). */
export const FHIR_JSON = "application/fhir+json; charset=utf-8";

/** A FHIR resource as the response body, typed application/fhir+json. */
export function fhirJson(resource: Resource, status = 200): Response {
  return new Response(JSON.stringify(resource), { status, headers: { "Content-Type": FHIR_JSON } });
}

const ISSUE_BY_STATUS: Record<number, IssueCode> = {
  400: "invalid",
  401: "login",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  415: "not-supported",
  422: "invalid",
  429: "throttled",
  503: "transient",
};

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/**
 * Wraps a route made with withRoute so that its failures answer as FHIR clients expect: an
 * OperationOutcome (application/fhir+json) with the same status and message, and the other
 * headers kept (Cache-Control, Retry-After…). Successful responses pass unchanged.
 */
export function fhirErrors(route: Handler): Handler {
  return async (request, context) => {
    const response = await route(request, context);
    if (response.ok) return response;
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    const headers = new Headers(response.headers);
    headers.delete("Content-Length");
    headers.set("Content-Type", FHIR_JSON);
    const outcome = operationOutcome(ISSUE_BY_STATUS[response.status] ?? "exception", body?.error?.message ?? "Something went wrong on our side.");
    return new NextResponse(JSON.stringify(outcome), { status: response.status, headers });
  };
}
