// What an upload is, from its first bytes (magic numbers), never from its name or declared type.
// Pure: the unit tests feed it byte prefixes.

export type DetectedMedia =
  | { kind: "IMAGE"; format: "jpeg" | "png" | "webp" | "avif" }
  | { kind: "VIDEO"; format: "mp4" | "webm"; contentType: "video/mp4" | "video/webm" };

/** How many leading bytes detectMedia needs to decide. */
export const DETECT_BYTES = 64;

const ascii = (buf: Buffer, start: number, end: number) => buf.subarray(start, end).toString("latin1");

// ISO-BMFF brands whose files are plain MP4 that can carry H.264 (QuickTime `qt  ` and HEIF are
// not). Which codec the tracks really use is checked by the structure check (an avc1/avc3 entry).
const MP4_BRANDS = new Set(["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash", "3gp5", "3gp6", "mmp4"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

/** The brands (major + compatible) of an `ftyp` box at offset 0, or null when there is none. */
export function ftypBrands(head: Buffer): string[] | null {
  if (head.length < 16 || ascii(head, 4, 8) !== "ftyp") return null;
  const size = head.readUInt32BE(0);
  if (size < 16 || size > 4096) return null;
  const brands = [ascii(head, 8, 12)];
  for (let at = 16; at + 4 <= Math.min(size, head.length); at += 4) brands.push(ascii(head, at, at + 4));
  return brands;
}

export function detectMedia(head: Buffer): DetectedMedia | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: "IMAGE", format: "jpeg" };
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { kind: "IMAGE", format: "png" };
  }
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return { kind: "IMAGE", format: "webp" };
  const brands = ftypBrands(head);
  if (brands) {
    if (AVIF_BRANDS.has(brands[0]!) || (brands[0] === "mif1" && brands.some((b) => AVIF_BRANDS.has(b)))) return { kind: "IMAGE", format: "avif" };
    if (brands.some((b) => MP4_BRANDS.has(b)) && !brands.includes("qt  ")) return { kind: "VIDEO", format: "mp4", contentType: "video/mp4" };
    return null;
  }
  // EBML header; the DocType must say webm (generic Matroska is not served to browsers).
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    const docType = head.indexOf(Buffer.from([0x42, 0x82]));
    if (docType > 0 && head.indexOf("webm", docType, "latin1") > docType && head.indexOf("webm", docType, "latin1") < docType + 8) {
      return { kind: "VIDEO", format: "webm", contentType: "video/webm" };
    }
  }
  return null;
}

// Markup and script that must never hide in a picture or a video (a polyglot that a browser or
// another tool could run as a page). Compared case-insensitively.
const MARKERS = ["<script", "<html", "<!doctype", "<svg", "<?xml", "<?php", "<iframe", "<body", "javascript:", "<object", "<embed"];
const MARKER_BUFFERS = MARKERS.map((m) => Buffer.from(m, "latin1"));
/** The longest marker, less one: the overlap a streaming scan keeps between chunks. */
export const MARKER_OVERLAP = Math.max(...MARKERS.map((m) => m.length)) - 1;

/** True when `bytes` contains markup or a script scheme (ASCII, any case). */
export function containsMarkup(bytes: Buffer): boolean {
  // Lower-case ASCII letters only, byte for byte, so offsets stay the same.
  const lower = Buffer.from(bytes);
  for (let i = 0; i < lower.length; i++) {
    const b = lower[i]!;
    if (b >= 0x41 && b <= 0x5a) lower[i] = b + 0x20;
  }
  return MARKER_BUFFERS.some((marker) => lower.includes(marker));
}
