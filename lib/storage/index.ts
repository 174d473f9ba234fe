// Which storage driver the app uses, from the environment (README "Media storage"):
//   MEDIA_S3_BUCKET set        → S3-compatible storage (MEDIA_S3_REGION, MEDIA_S3_ENDPOINT,
//                                MEDIA_S3_ACCESS_KEY_ID + MEDIA_S3_SECRET_ACCESS_KEY, MEDIA_S3_PREFIX)
//   otherwise                  → files under MEDIA_DIR, default .data/media in the project folder.
import path from "node:path";
import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";
import type { MediaStorage } from "./types";

type Env = Record<string, string | undefined>;

export function storageFromEnv(env: Env = process.env): MediaStorage {
  const bucket = env.MEDIA_S3_BUCKET?.trim();
  if (bucket) {
    const accessKeyId = env.MEDIA_S3_ACCESS_KEY_ID?.trim();
    const secretAccessKey = env.MEDIA_S3_SECRET_ACCESS_KEY?.trim();
    if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
      throw new Error("Set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or neither.");
    }
    return createS3Storage({
      bucket,
      region: env.MEDIA_S3_REGION?.trim() || "us-east-1",
      endpoint: env.MEDIA_S3_ENDPOINT?.trim() || undefined,
      forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE ? env.MEDIA_S3_FORCE_PATH_STYLE === "true" : undefined,
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      keyPrefix: env.MEDIA_S3_PREFIX?.trim() || undefined,
    });
  }
  // turbopackIgnore: a path known only at run time; without it the build traces the whole project.
  return createLocalStorage(path.resolve(/*turbopackIgnore: true*/ env.MEDIA_DIR?.trim() || path.join(process.cwd(), ".data", "media")));
}

// One driver per server process, chosen on first use.
const holder = globalThis as unknown as { __mediaStorage?: MediaStorage };

export function mediaStorage(): MediaStorage {
  holder.__mediaStorage ??= storageFromEnv();
  return holder.__mediaStorage;
}

export type { ByteRange, MediaStorage, StoredObjectBody } from "./types";
