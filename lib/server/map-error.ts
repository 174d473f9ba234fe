import "server-only";
import { isAppError, type ErrorCode, type FieldErrors } from "@/lib/errors";

export type ErrorBody = { error: { code: ErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors } };

/** Maps any thrown value to a client-safe status and body; never leaks a stack or health data. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (isAppError(error)) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } } };
  }
  if (isDatabaseUnavailable(error)) {
    return { status: 503, body: { error: { code: "UNAVAILABLE", message: "The service is temporarily unavailable. Try again shortly." } } };
  }
  // Log the error class only: messages of database errors can quote the data they were given.
  console.error(`[error] unexpected ${error instanceof Error ? error.name : typeof error}`);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong on our side." } } };
}

function isDatabaseUnavailable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : "";
  return /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|DatabaseNotReachable/i.test(text);
}
