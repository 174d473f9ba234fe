import "server-only";
// The upload pipeline from a request body to stored objects: spool (identify, limit, scan),
// check (decode a picture, walk a video's structure), then write the served objects under
// `prefix`. Whatever fails, the temporary file is removed and every object written is deleted.
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { MediaStorage } from "@/lib/storage";
import { renderImage } from "./renditions";
import { spoolUpload } from "./spool";
import { checkVideoStructure } from "./video-structure";

export type StoredUpload = {
  kind: "IMAGE" | "VIDEO";
  contentType: string;
  widths: number[];
  height: number | null;
  storageKeys: string[];
  byteSize: number;
};

/** The key of a picture's rendition: `<prefix>/w<width>.<format>`. */
export const renditionKey = (prefix: string, width: number, format: string) => `${prefix}/w${width}.${format}`;

export async function storeUpload(options: {
  storage: MediaStorage;
  body: Readable;
  declaredLength: number | null;
  prefix: string;
  /** Called once the content is known, before anything is stored: refuse what the caller cannot take. */
  accept?: (kind: "IMAGE" | "VIDEO") => void;
}): Promise<StoredUpload> {
  const { storage, prefix } = options;
  const spooled = await spoolUpload(options.body, { declaredLength: options.declaredLength });
  const written: string[] = [];
  try {
    options.accept?.(spooled.detected.kind);
    if (spooled.detected.kind === "IMAGE") {
      const image = await renderImage(spooled.file, spooled.detected.format);
      let byteSize = 0;
      for (const r of image.renditions) {
        const key = renditionKey(prefix, r.width, r.format);
        written.push(key);
        await storage.put(key, Readable.from([r.data]), { contentType: `image/${r.format}` });
        byteSize += r.data.length;
      }
      return { kind: "IMAGE", contentType: "image/webp", widths: image.widths, height: image.height, storageKeys: written.slice(), byteSize };
    }
    await checkVideoStructure(spooled.file, spooled.size, spooled.detected.format);
    const key = `${prefix}/video.${spooled.detected.format}`;
    written.push(key);
    await storage.put(key, createReadStream(spooled.file), { contentType: spooled.detected.contentType });
    return { kind: "VIDEO", contentType: spooled.detected.contentType, widths: [], height: null, storageKeys: [key], byteSize: spooled.size };
  } catch (error) {
    await deleteObjects(storage, written);
    throw error;
  } finally {
    await spooled.remove();
  }
}

/** Deletes objects, carrying on past failures (a later sweep can find what is left: ADR 024). */
export async function deleteObjects(storage: MediaStorage, keys: string[]): Promise<void> {
  for (const key of keys) {
    try {
      await storage.delete(key);
    } catch {
      console.error("[media] could not delete a stored object");
    }
  }
}
