import "server-only";
// Receives an upload's bytes into a private temporary file, never into memory: the stream is
// piped with backpressure, so resident memory stays flat whatever the size. On the way it
// identifies the content from its first bytes, enforces the size limit of that kind as soon as it
// is passed, and looks for markup hidden in the bytes. Any refusal removes the temporary file.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { containsMarkup, DETECT_BYTES, detectMedia, MARKER_OVERLAP, type DetectedMedia } from "./detect";
import { MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, limitFor } from "@/lib/validation/media-limits";

export type SpooledUpload = { file: string; size: number; detected: DetectedMedia; remove: () => Promise<void> };

// Videos are scanned for markup only near their start and end (where a sniffing client looks):
// over 200 MB of compressed data, short ASCII markers occur by chance.
const VIDEO_SCAN_BYTES = 64 * 1024;

const tooLarge = (kind: "IMAGE" | "VIDEO") =>
  new AppError("PAYLOAD_TOO_LARGE", kind === "IMAGE" ? "Pictures can be at most 10 MB." : "Videos can be at most 200 MB.");
const unsupported = () =>
  new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload a JPEG, PNG, WebP or AVIF picture, or an MP4 (H.264) or WebM video.");
const markup = () => new AppError("UNSUPPORTED_MEDIA_TYPE", "This file contains markup or script and cannot be uploaded.");

class Inspector extends Transform {
  detected: DetectedMedia | null = null;
  size = 0;
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (!this.detected) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length >= DETECT_BYTES) {
        this.detected = detectMedia(this.head);
        if (!this.detected) return done(unsupported());
      }
    }
    const kind = this.detected?.kind;
    if (this.size > (kind ? limitFor(kind) : MAX_VIDEO_BYTES)) return done(tooLarge(kind ?? "VIDEO"));
    // Scan with the previous chunk's last bytes in front, so a marker split across chunks is seen.
    const window = Buffer.concat([this.tail, chunk]);
    const scanned = kind === "VIDEO" ? this.size - chunk.length < VIDEO_SCAN_BYTES : true;
    if (scanned && containsMarkup(window)) return done(markup());
    this.tail = window.subarray(Math.max(0, window.length - Math.max(MARKER_OVERLAP, VIDEO_SCAN_BYTES)));
    done(null, chunk);
  }

  _flush(done: TransformCallback): void {
    if (this.size === 0) return done(new AppError("VALIDATION", "The file is empty."));
    if (!this.detected) {
      this.detected = detectMedia(this.head);
      if (!this.detected) return done(unsupported());
    }
    if (this.detected.kind === "VIDEO" && containsMarkup(this.tail)) return done(markup());
    if (this.size > limitFor(this.detected.kind)) return done(tooLarge(this.detected.kind));
    done();
  }
}

/**
 * Spools `body` to a temporary file. `declaredLength` (Content-Length) lets an oversized upload be
 * refused before a byte is read, and a body shorter than declared (the client went away) be told
 * apart from a complete one.
 */
export async function spoolUpload(body: Readable, options: { declaredLength: number | null }): Promise<SpooledUpload> {
  if (options.declaredLength !== null && options.declaredLength > Math.max(MAX_IMAGE_BYTES, MAX_VIDEO_BYTES)) {
    body.destroy();
    throw tooLarge("VIDEO");
  }
  if (options.declaredLength === 0) {
    body.destroy();
    throw new AppError("VALIDATION", "The file is empty.");
  }
  const dir = path.join(tmpdir(), "riverside-uploads");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomBytes(16).toString("hex")}.upload`);
  const remove = () => rm(file, { force: true });
  const inspector = new Inspector();
  try {
    await pipeline(body, inspector, createWriteStream(file, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await remove();
    body.destroy();
    if (error instanceof AppError) throw error;
    // The request stream broke off (the client disconnected or the connection reset).
    throw new AppError("VALIDATION", "The upload did not complete. Nothing was saved.");
  }
  if (options.declaredLength !== null && inspector.size !== options.declaredLength) {
    await remove();
    throw new AppError("VALIDATION", "The upload did not complete. Nothing was saved.");
  }
  return { file, size: inspector.size, detected: inspector.detected!, remove };
}
