import "server-only";
// Checks that an uploaded video is whole and what it claims: an MP4's top-level boxes add up to
// exactly the file's size and include the movie header (moov) with an H.264 track and the media
// data (mdat); a WebM's EBML header and Segment fit the file. A file cut short fails here.
import { open, type FileHandle } from "node:fs/promises";
import { AppError } from "@/lib/errors";

const truncated = () => new AppError("VALIDATION", "The video is incomplete or damaged. Nothing was saved.");
const notH264 = () => new AppError("UNSUPPORTED_MEDIA_TYPE", "MP4 videos must use H.264 (most phones can export it). Nothing was saved.");
/** The movie header is read whole to find the codec; a real one is a few megabytes at most. */
const MAX_MOOV_BYTES = 32 * 1024 * 1024;

async function read(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function checkMp4(handle: FileHandle, size: number): Promise<void> {
  let at = 0;
  const seen = new Set<string>();
  let moov: { at: number; size: number } | null = null;
  while (at < size) {
    const header = await read(handle, at, 16);
    if (header.length < 8) throw truncated();
    let boxSize = header.readUInt32BE(0);
    const type = header.subarray(4, 8).toString("latin1");
    let headerSize = 8;
    if (boxSize === 1) {
      if (header.length < 16) throw truncated();
      const big = header.readBigUInt64BE(8);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw truncated();
      boxSize = Number(big);
      headerSize = 16;
    } else if (boxSize === 0) {
      boxSize = size - at; // "to the end of the file": only the last box may say so
    }
    if (boxSize < headerSize || at + boxSize > size) throw truncated();
    if (seen.size === 0 && type !== "ftyp") throw truncated();
    seen.add(type);
    if (type === "moov") moov = { at: at + headerSize, size: boxSize - headerSize };
    at += boxSize;
  }
  if (!moov || !seen.has("mdat")) throw truncated();
  if (moov.size > MAX_MOOV_BYTES) throw truncated();
  const body = await read(handle, moov.at, moov.size);
  // Sample entries of H.264 tracks are `avc1` or `avc3` boxes inside moov.
  if (!body.includes("avc1", 0, "latin1") && !body.includes("avc3", 0, "latin1")) throw notH264();
}

/** An EBML variable-length integer at `at`: its length in bytes and value (null when "unknown"). */
function vint(buf: Buffer, at: number): { length: number; value: number | null } | null {
  const first = buf[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > buf.length) return null;
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = buf[at + i]!;
    value = value * 256 + b;
    if (b !== 0xff) allOnes = false;
  }
  return { length, value: allOnes ? null : value };
}

/** An element ID's length (the ID keeps its marker bits). */
function idLength(first: number | undefined): number | null {
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  return length <= 4 ? length : null;
}

async function checkWebm(handle: FileHandle, size: number): Promise<void> {
  // EBML header: ID (4 bytes) + size + body.
  const head = await read(handle, 0, 64);
  const headerSize = vint(head, 4);
  if (!headerSize || headerSize.value === null) throw truncated();
  let at = 4 + headerSize.length + headerSize.value;
  // Segment: 18 53 80 67.
  const seg = await read(handle, at, 12);
  if (seg.length < 5 || seg.readUInt32BE(0) !== 0x18538067) throw truncated();
  const segSize = vint(seg, 4);
  if (!segSize) throw truncated();
  const bodyStart = at + 4 + segSize.length;
  if (segSize.value !== null) {
    if (bodyStart + segSize.value !== size) throw truncated();
    return;
  }
  // A live recording (MediaRecorder) leaves the Segment's size unknown: walk its children instead.
  at = bodyStart;
  let clusters = 0;
  while (at < size) {
    const el = await read(handle, at, 12);
    const idLen = idLength(el[0]);
    if (!idLen) throw truncated();
    const elSize = vint(el, idLen);
    if (!elSize) throw truncated();
    if (el.readUIntBE(0, idLen) === 0x1f43b675) clusters++;
    // A cluster of unknown size runs to the next cluster or the end: nothing more can be checked.
    if (elSize.value === null) break;
    if (at + idLen + elSize.length + elSize.value > size) throw truncated();
    at += idLen + elSize.length + elSize.value;
  }
  if (clusters === 0) throw truncated();
}

export async function checkVideoStructure(file: string, size: number, format: "mp4" | "webm"): Promise<void> {
  const handle = await open(file, "r");
  try {
    if (format === "mp4") await checkMp4(handle, size);
    else await checkWebm(handle, size);
  } finally {
    await handle.close();
  }
}
