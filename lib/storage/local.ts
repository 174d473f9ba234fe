// The local-filesystem driver: objects are files under one root directory (.data/media by default).
// A put writes to a temporary file beside the target and renames it into place, so a reader never
// sees half an object and a failed write leaves nothing under the key.
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertPrefix, assertStorageKey, type ByteRange, type MediaStorage } from "./types";

const TEMP_SUFFIX = ".partial";

export function createLocalStorage(root: string): MediaStorage {
  const fileOf = (key: string) => {
    assertStorageKey(key);
    return path.join(root, ...key.split("/"));
  };

  return {
    driver: "local",

    async put(key, body: Readable) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`;
      try {
        await pipeline(body, createWriteStream(temp, { flags: "wx" }));
        const { size } = await stat(temp);
        await rename(temp, file);
        return { size };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async get(key, range?: ByteRange) {
      const file = fileOf(key);
      let size: number;
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        size = info.size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      if (!range) return { body: createReadStream(file), size, range: null };
      if (range.start >= size) return { body: Readable.from([]), size, range: null, unsatisfiable: true };
      const clamped = { start: range.start, end: Math.min(range.end, size - 1) };
      return { body: createReadStream(file, clamped), size, range: clamped };
    },

    async delete(key) {
      await rm(fileOf(key), { force: true });
    },

    async list(prefix = "") {
      assertPrefix(prefix);
      const keys: string[] = [];
      const walk = async (dir: string, base: string) => {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
          throw error;
        }
        for (const entry of entries) {
          const key = base ? `${base}/${entry.name}` : entry.name;
          if (entry.isDirectory()) await walk(path.join(dir, entry.name), key);
          // An unfinished put's temporary file is listed too: "nothing left behind" must see it.
          else if (entry.isFile()) keys.push(key);
        }
      };
      await walk(root, "");
      return keys.filter((key) => key.startsWith(prefix)).sort();
    },
  };
}
