// One interface for where media bytes live: the local filesystem (the embedded default) or an
// S3-compatible bucket. Bodies are streams both ways: nothing here holds a whole file in memory.
import type { Readable } from "node:stream";

/** An inclusive byte range, as HTTP Range counts it. */
export type ByteRange = { start: number; end: number };

export type StoredObjectBody = {
  body: Readable;
  /** The whole object's size in bytes (not the range's). */
  size: number;
  /** The range that `body` holds, or null for the whole object. */
  range: ByteRange | null;
  /** The asked range starts at or past the end (HTTP 416); `body` is empty. */
  unsatisfiable?: boolean;
};

export type MediaStorage = {
  readonly driver: "local" | "s3";
  /** Writes the stream under `key`, replacing any object there; resolves with the bytes written. */
  put(key: string, body: Readable, options: { contentType: string }): Promise<{ size: number }>;
  /** The object (or one range of it), or null when there is none. A range past the end is clamped. */
  get(key: string, range?: ByteRange): Promise<StoredObjectBody | null>;
  /** Removes the object; removing one that does not exist is not an error. */
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix`, sorted. */
  list(prefix?: string): Promise<string[]>;
};

// Keys are built by the app, never taken from a request; this still refuses anything that could
// walk out of the storage root or mean different things to the two drivers.
const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

export function assertStorageKey(key: string): void {
  if (key.length > 400 || !KEY.test(key) || key.split("/").some((part) => part === "." || part === "..")) {
    throw new Error("Invalid storage key");
  }
}

export function assertPrefix(prefix: string): void {
  if (prefix === "") return;
  assertStorageKey(prefix.replace(/\/$/, ""));
}
