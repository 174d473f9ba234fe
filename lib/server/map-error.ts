import "server-only";
import { ApiRateLimitError, BearerTokenError } from "@/lib/auth/api-client-auth";
import { isAppError, type ErrorCode, type FieldErrors } from "@/lib/errors";

export type ErrorBody = { error: { code: ErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors } };

/**
 * The headers an error's response needs beyond the body (ADR 047): RFC 6750's WWW-Authenticate
 * for a refused bearer token, Retry-After for an API client over its rate limit.
 */
export function errorHeaders(error: unknown): Record<string, string> {
  if (error instanceof BearerTokenError) return { "WWW-Authenticate": error.wwwAuthenticate };
  if (error instanceof ApiRateLimitError) return { "Retry-After": String(error.retryAfterSeconds) };
  return {};
}

/** Maps any thrown value to a client-safe status and body; never leaks a stack or health data. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (isAppError(error)) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } } };
  }
  if (isDatabaseUnavailable(error)) {
    const code = (error as { code?: unknown }).code;
    console.error(`[error] database unavailable (${(error as Error).name}${typeof code === "string" ? ` ${code}` : ""})`);
    return { status: 503, body: { error: { code: "UNAVAILABLE", message: "The service is temporarily unavailable. Try again shortly." } } };
  }
  // Log the error class only: messages of database errors can quote the data they were given.
  console.error(`[error] unexpected ${error instanceof Error ? error.name : typeof error}`);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong on our side." } } };
}

// Prisma: P1001 can't reach the server, P1002 it timed out, P1008 operation timed out, P1017 the
// server closed the connection, P2024 no pooled connection in time, P2037 too many connections.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
// adapter-pg's kinds for socket errors and PostgreSQL's refusal of more connections.
const UNAVAILABLE_DRIVER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// SQLSTATE: class 08 connection exception; 57P01 admin shutdown, 57P02 crash shutdown, 57P03
// cannot connect now (starting up, shutting down, in recovery); 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
// pg and pg-pool errors that adapter-pg passes on as they are, and Prisma's maxWait (P2028).
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|timeout exceeded when trying to connect|not queryable|Unable to start a transaction in the given time/i;

type DriverCause = { kind?: unknown; code?: unknown; originalCode?: unknown };

function isUnavailableCause(cause: DriverCause | undefined): boolean {
  if (!cause || typeof cause !== "object") return false;
  if (UNAVAILABLE_DRIVER_KINDS.has(String(cause.kind))) return true;
  return [cause.code, cause.originalCode].some((code) => typeof code === "string" && UNAVAILABLE_SQLSTATE.test(code));
}

/**
 * The database is down, restarting, unreachable or out of connections: a 503 the client may
 * retry, not a 500. Looks at Prisma's error code, the driver adapter's error (on Prisma errors
 * as meta.driverAdapterError, or thrown as is) and pg's own messages, down the `cause` chain.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const e = error as Error & { code?: unknown; meta?: { driverAdapterError?: { cause?: DriverCause } }; cause?: unknown };
  if (typeof e.code === "string" && (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) return true;
  if (isUnavailableCause(e.meta?.driverAdapterError?.cause)) return true;
  if (e.name === "DriverAdapterError" && isUnavailableCause(e.cause as DriverCause)) return true;
  if (UNAVAILABLE_MESSAGE.test(`${e.name} ${e.message}`)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
