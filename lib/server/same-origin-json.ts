import "server-only";
import { AppError } from "@/lib/errors";
import { configuredOrigin } from "@/lib/security/deployment";

// Methods that read: everything else changes data and must come from the app's own pages.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The origin of an Origin header, or null for a missing, opaque ("null") or malformed one. */
function parseOrigin(value: string | null): URL | null {
  if (!value || value === "null") return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Refuses a request that changes data unless it is JSON (415 otherwise) sent by the app's own
 * origin (403 otherwise). A cross-site form or `fetch` can forge neither: a form cannot send
 * application/json, and a browser always sends Origin on such requests and never lets a page
 * choose it. The app's origin is NEXTAUTH_URL's when set, else the request's Host header.
 */
export function assertJsonFromOwnOrigin(request: Request, expectedOrigin: string | null = configuredOrigin()): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (mediaType(request.headers.get("content-type")) !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json.");
  }
  const origin = parseOrigin(request.headers.get("origin"));
  const sameOrigin = expectedOrigin ? origin?.origin === expectedOrigin : Boolean(origin) && origin!.host === request.headers.get("host");
  if (!sameOrigin) throw new AppError("FORBIDDEN", "Requests from other sites are refused.");
}
