import "server-only";
import { BearerTokenError } from "@/lib/auth/api-client-auth";
import { bearerCredential } from "@/lib/auth/api-token";

/**
 * For the hand-written route handlers that take no API client (ADR 047): a request carrying a
 * bearer token is refused with 401 `WWW-Authenticate: Bearer error="invalid_token"` before
 * anything else is looked at, as withRoute refuses it on a route without `api`. The caller maps
 * the error with toErrorResponse and errorHeaders.
 */
export function refuseBearerToken(request: Request): void {
  if (bearerCredential(request.headers.get("authorization")) !== undefined) throw new BearerTokenError("invalid_token");
}
