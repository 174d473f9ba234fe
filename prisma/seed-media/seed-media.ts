// Seeds the catalog's step illustrations (decision 028). Each drawing (./scenes.ts) is rendered to
// a PNG and stored through the same pipeline as an admin's upload (lib/media/store-upload.ts:
// identify, scan, decode, re-encode at the served widths in WebP and AVIF, write every rendition
// through the storage driver), then gets its CatalogMedia row with position, alt text and caption.
// Idempotent: an item that already has any picture or video (seeded or uploaded) is left alone,
// so re-running adds nothing and never undoes an admin's changes.
//
// Encoding AVIF is slow on a small machine, and test runs re-seed fresh databases many times, so
// the pipeline's output is cached under .data/seed-media-cache, keyed by a hash of the SVG, the
// served widths and formats, and the source of the rendition code: a change to any of them
// renders afresh. A cache hit writes the same bytes the pipeline made for that drawing before.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Db } from "../../lib/db/client";
import { newId } from "../../lib/db/new-id";
import { deleteObjects, renditionKey, storeUpload, type StoredUpload } from "../../lib/media/store-upload";
import type { MediaStorage } from "../../lib/storage";
import { ZMediaText } from "../../lib/validation/media";
import { IMAGE_FORMATS, IMAGE_WIDTHS } from "../../lib/validation/media-limits";
import { CLINIC, DEMO_USERS } from "../seed-data/demo";
import { svgToPng } from "./render";
import { illustrations } from "./scenes";

export type SeedMediaResult = { items: number; pictures: number; cached: number };

export const DEFAULT_CACHE_DIR = path.resolve(".data", "seed-media-cache");

type CacheManifest = { widths: number[]; height: number | null; renditions: { width: number; format: string }[] };

const here = path.dirname(fileURLToPath(import.meta.url));
let codeHash: Promise<string> | undefined;
/** A hash of the code that decides the rendered bytes. */
function renditionCodeHash(): Promise<string> {
  codeHash ??= (async () => {
    const hash = createHash("sha256");
    for (const file of ["../../lib/media/renditions.ts", "../../lib/validation/media-limits.ts", "./render.ts"]) hash.update(await readFile(path.join(here, file)));
    return hash.digest("hex");
  })();
  return codeHash;
}

async function cacheKey(svg: string): Promise<string> {
  return createHash("sha256")
    .update(JSON.stringify({ svg, widths: IMAGE_WIDTHS, formats: IMAGE_FORMATS, code: await renditionCodeHash() }))
    .digest("hex");
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Stores one drawing under `prefix`: from the cache when it holds it, else through the upload pipeline (and then into the cache). */
async function storeDrawing(storage: MediaStorage, svg: string, prefix: string, cacheDir: string | null): Promise<{ stored: StoredUpload; cached: boolean }> {
  const dir = cacheDir ? path.join(cacheDir, await cacheKey(svg)) : null;
  if (dir) {
    let manifest: CacheManifest | null = null;
    try {
      manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as CacheManifest;
    } catch {
      manifest = null;
    }
    if (manifest) {
      const written: string[] = [];
      try {
        let byteSize = 0;
        for (const r of manifest.renditions) {
          const data = await readFile(path.join(dir, `w${r.width}.${r.format}`));
          const key = renditionKey(prefix, r.width, r.format);
          written.push(key);
          await storage.put(key, Readable.from([data]), { contentType: `image/${r.format}` });
          byteSize += data.length;
        }
        const stored: StoredUpload = { kind: "IMAGE", contentType: "image/webp", widths: manifest.widths, height: manifest.height, storageKeys: written, byteSize };
        return { stored, cached: true };
      } catch (error) {
        await deleteObjects(storage, written);
        throw error;
      }
    }
  }
  const png = await svgToPng(svg);
  const stored = await storeUpload({ storage, body: Readable.from([png]), declaredLength: png.length, prefix });
  if (dir) await writeCache(storage, stored, prefix, dir);
  return { stored, cached: false };
}

/** Copies what the pipeline stored into the cache; written to a temporary folder and renamed, so a half-written entry is never read. */
async function writeCache(storage: MediaStorage, stored: StoredUpload, prefix: string, dir: string): Promise<void> {
  const temp = `${dir}.${process.pid}.partial`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  const renditions: CacheManifest["renditions"] = [];
  for (const key of stored.storageKeys) {
    const match = /\/w(\d+)\.(webp|avif)$/.exec(key.slice(prefix.length));
    const object = match ? await storage.get(key) : null;
    if (!match || !object) {
      await rm(temp, { recursive: true, force: true });
      return;
    }
    const r = { width: Number(match[1]), format: match[2]! };
    await writeFile(path.join(temp, `w${r.width}.${r.format}`), await readAll(object.body));
    renditions.push(r);
  }
  const manifest: CacheManifest = { widths: stored.widths, height: stored.height, renditions };
  await writeFile(path.join(temp, "manifest.json"), JSON.stringify(manifest));
  await rm(dir, { recursive: true, force: true });
  await rename(temp, dir);
}

export async function seedCatalogMedia(
  db: Db,
  options: {
    clinicId: string;
    createdById: string;
    catalog: Map<string, { id: string }>;
    storage: MediaStorage;
    /** Where rendered drawings are kept between runs; null renders every time. */
    cacheDir?: string | null;
  },
): Promise<SeedMediaResult> {
  const { clinicId, storage } = options;
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  let items = 0;
  let pictures = 0;
  let cached = 0;
  for (const [name, drawings] of Object.entries(illustrations())) {
    const item = options.catalog.get(name);
    if (!item) throw new Error(`Seed illustrations name "${name}", which the seed catalog does not have`);
    if ((await db.catalogMedia.count({ where: { catalogItemId: item.id, clinicId } })) > 0) continue;
    items++;
    for (const [index, drawing] of drawings.entries()) {
      // The same text rules as an upload's (length, trimming, control characters).
      const text = ZMediaText.parse({ altText: drawing.altText, caption: drawing.caption ?? undefined });
      const id = newId();
      const { stored, cached: hit } = await storeDrawing(storage, drawing.svg, `catalog/${clinicId}/${id}`, cacheDir);
      if (hit) cached++;
      try {
        await db.catalogMedia.create({
          data: {
            id,
            clinicId,
            catalogItemId: item.id,
            kind: stored.kind,
            position: index + 1,
            altText: text.altText,
            caption: text.caption,
            contentType: stored.contentType,
            widths: stored.widths,
            height: stored.height,
            storageKeys: stored.storageKeys,
            byteSize: stored.byteSize,
            createdById: options.createdById,
          },
        });
      } catch (error) {
        await deleteObjects(storage, stored.storageKeys);
        throw error;
      }
      pictures++;
    }
  }
  return { items, pictures, cached };
}

/** The demo clinic's illustrations (prisma/seed.ts runs it after seedDemo). */
export async function seedDemoMedia(db: Db, storage: MediaStorage, options: { cacheDir?: string | null } = {}): Promise<SeedMediaResult> {
  const clinic = await db.clinic.findUniqueOrThrow({ where: { slug: CLINIC.slug }, select: { id: true } });
  const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.key === "admin")!.email }, select: { id: true } });
  const items = await db.catalogItem.findMany({ where: { clinicId: clinic.id }, select: { id: true, name: true } });
  return seedCatalogMedia(db, {
    clinicId: clinic.id,
    createdById: admin.id,
    catalog: new Map(items.map((i) => [i.name, { id: i.id }])),
    storage,
    cacheDir: options.cacheDir,
  });
}
