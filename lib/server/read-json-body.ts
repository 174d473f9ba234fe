import "server-only";
import { AppError } from "@/lib/errors";

/** JSON bodies the app's routes take are small; a larger one is not a request of ours. */
const MAX_JSON_BYTES = 16 * 1024;

/**
 * A route's JSON body, or a 400 (413 past 16 kB) that says why. Read as text first so a body that
 * is not JSON, or nests beyond reason, is refused here rather than surfacing as a 500.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large (at most 16 kB).");
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body could not be read.");
  }
  if (text.length > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large (at most 16 kB).");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}
