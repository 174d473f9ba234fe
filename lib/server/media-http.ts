import "server-only";
// HTTP details of the media routes: the write guard of an upload (a raw body, so the JSON guard of
// same-origin-json.ts does not apply) and the Range header. The routes themselves stay short.
import { AppError } from "@/lib/errors";
import { configuredOrigin } from "@/lib/security/deployment";
import type { Readable } from "node:stream";
import type { ByteRange } from "@/lib/storage";

/**
 * Refuses an upload that is not a raw `application/octet-stream` body (415) sent by the app's own
 * pages (403). A cross-site page cannot send that type without a CORS preflight, which this app
 * never grants, and a browser always sends Origin on a cross-site POST; without an Origin header
 * (some older browsers omit it on same-origin requests) Sec-Fetch-Site must say same-origin.
 */
export function assertUploadFromOwnOrigin(request: Request, expectedOrigin: string | null = configuredOrigin()): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/octet-stream") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as the raw request body (application/octet-stream).");
  }
  const originHeader = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  let sameOrigin: boolean;
  if (originHeader && originHeader !== "null") {
    let origin: URL | null = null;
    try {
      origin = new URL(originHeader);
    } catch {
      origin = null;
    }
    sameOrigin = origin !== null && (expectedOrigin ? origin.origin === expectedOrigin : origin.host === request.headers.get("host"));
  } else {
    sameOrigin = !originHeader && fetchSite === "same-origin";
  }
  if (!sameOrigin || (fetchSite !== null && fetchSite !== "same-origin")) {
    throw new AppError("FORBIDDEN", "Requests from other sites are refused.");
  }
}

/** Content-Length as a number, or null when absent; a malformed one is refused. */
export function declaredLength(request: Request): number | null {
  const value = request.headers.get("content-length");
  if (value === null) return null;
  if (!/^\d{1,15}$/.test(value.trim())) throw new AppError("VALIDATION", "Invalid Content-Length.");
  return Number(value.trim());
}

/**
 * One range of a `Range: bytes=…` header: "a-b" or "a-" (open-ended, as players ask). Anything
 * else (several ranges, a suffix range, another unit, nonsense) is ignored and the whole object
 * is sent, as RFC 9110 allows.
 */
export function parseRange(header: string | null): ByteRange | null {
  const match = header?.trim().match(/^bytes=(\d{1,15})-(\d{0,15})$/);
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] ? Number(match[2]) : Number.MAX_SAFE_INTEGER;
  return end >= start ? { start, end } : null;
}

/**
 * A stored object's Node stream as a response body. Not `Readable.toWeb`: when the browser drops
 * the request (a picture load cancelled by navigating away, a video seek) Node's adapter can
 * enqueue into the already-closed web stream and throw `ReadableStream is already closed` as an
 * uncaught exception. Here every hand-over is guarded, a cancel destroys the source (the file or
 * S3 socket is released), and back-pressure pauses the source until the consumer pulls again.
 */
export function responseBody(source: Readable): ReadableStream<Uint8Array> {
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      source.on("data", (chunk: Buffer) => {
        if (closed) return;
        try {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) source.pause();
        } catch {
          closed = true;
          source.destroy();
        }
      });
      source.once("end", () => {
        if (closed) return;
        closed = true;
        try {
          controller.close();
        } catch {
          // The consumer went away first: nothing left to close.
        }
      });
      source.once("error", (error) => {
        if (closed) return;
        closed = true;
        try {
          controller.error(error);
        } catch {
          // Already closed by the consumer.
        }
      });
    },
    pull() {
      source.resume();
    },
    cancel() {
      closed = true;
      source.destroy();
    },
  }, { highWaterMark: 4 });
}
