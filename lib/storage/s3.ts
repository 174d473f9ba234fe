// The S3-compatible driver (AWS S3, MinIO, Ceph RGW, R2, s3rver in the tests). Uploads go through
// @aws-sdk/lib-storage's Upload: the stream is sent in 8 MiB parts (multipart), so an object of
// unknown length never sits whole in memory; at most `queueSize` parts do.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
import { assertPrefix, assertStorageKey, type ByteRange, type MediaStorage } from "./types";

export type S3StorageConfig = {
  bucket: string;
  region: string;
  /** A custom endpoint (MinIO, R2, s3rver); empty for AWS itself. */
  endpoint?: string;
  /** Path-style URLs (endpoint/bucket/key): what most self-hosted servers need. */
  forcePathStyle?: boolean;
  /** Explicit keys; without them the SDK's default chain (environment, instance role) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Prepended to every key, so one bucket can hold several environments. */
  keyPrefix?: string;
};

const PART_SIZE = 8 * 1024 * 1024;

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey || error instanceof NotFound) return true;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}

export function createS3Storage(config: S3StorageConfig): MediaStorage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint || undefined,
    forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
    credentials: config.credentials,
    // Checksums only where S3 requires them: the default (trailing CRC32 in aws-chunked bodies)
    // is not understood by several S3-compatible servers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  } satisfies S3ClientConfig);
  const prefix = config.keyPrefix ? config.keyPrefix.replace(/\/?$/, "/") : "";
  const full = (key: string) => {
    assertStorageKey(key);
    return prefix + key;
  };
  const Bucket = config.bucket;

  return {
    driver: "s3",

    async put(key, body, options) {
      const upload = new Upload({
        client,
        params: { Bucket, Key: full(key), Body: body, ContentType: options.contentType },
        partSize: PART_SIZE,
        queueSize: 2,
        leavePartsOnError: false,
      });
      await upload.done();
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: full(key) }));
      return { size: head.ContentLength ?? 0 };
    },

    async get(key, range?: ByteRange) {
      try {
        if (range) {
          // Clamp against the real size first: S3 answers 416 for a start past the end.
          const head = await client.send(new HeadObjectCommand({ Bucket, Key: full(key) }));
          const size = head.ContentLength ?? 0;
          if (range.start >= size) return { body: Readable.from([]), size, range: null, unsatisfiable: true };
          const clamped = { start: range.start, end: Math.min(range.end, size - 1) };
          const out = await client.send(new GetObjectCommand({ Bucket, Key: full(key), Range: `bytes=${clamped.start}-${clamped.end}` }));
          return { body: out.Body as Readable, size, range: clamped };
        }
        const out = await client.send(new GetObjectCommand({ Bucket, Key: full(key) }));
        return { body: out.Body as Readable, size: out.ContentLength ?? 0, range: null };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: full(key) }));
    },

    async list(listPrefix = "") {
      assertPrefix(listPrefix);
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix + listPrefix, ContinuationToken }));
        for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key.slice(prefix.length));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys.sort();
    },
  };
}
