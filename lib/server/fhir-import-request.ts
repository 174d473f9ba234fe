import "server-only";
import { AppError } from "@/lib/errors";
import { configuredOrigin } from "@/lib/security/deployment";

/** A protocol Bundle of 40 treatments is ~100 kB; a megabyte is far beyond any real one. */
export const MAX_FHIR_IMPORT_BYTES = 1024 * 1024;

const JSON_TYPES = new Set(["application/json", "application/fhir+json"]);

/**
 * The FHIR import's request checks (ADR 051), as assertJsonFromOwnOrigin but also taking FHIR's own
 * media type, application/fhir+json: anything else is 415, a request from another origin 403.
 */
export function assertFhirJsonFromOwnOrigin(request: Request, expectedOrigin: string | null = configuredOrigin()): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the resource as application/fhir+json (or application/json).");
  const raw = request.headers.get("origin");
  let origin: URL | null = null;
  try {
    origin = raw && raw !== "null" ? new URL(raw) : null;
  } catch {
    origin = null;
  }
  const same = origin && (origin.protocol === "https:" || origin.protocol === "http:") && (expectedOrigin ? origin.origin === expectedOrigin : origin.host === request.headers.get("host"));
  if (!same) throw new AppError("FORBIDDEN", "Requests from other sites are refused.");
}

/** The body as JSON: 413 past 1 MB, 400 when it is not JSON at all. */
export async function readFhirJsonBody(request: Request): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_FHIR_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The resource is too large (at most 1 MB).");
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body could not be read.");
  }
  if (text.length > MAX_FHIR_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The resource is too large (at most 1 MB).");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}
