// The storage contract, run against both drivers: the local filesystem and the S3 driver talking
// to a real S3-compatible server (s3rver) started here on loopback.
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "@/lib/storage/local";
import { createS3Storage } from "@/lib/storage/s3";
import type { MediaStorage } from "@/lib/storage/types";

let localRoot: string;
let s3Dir: string;
let s3rver: S3rver;
let s3Endpoint: string;

beforeAll(async () => {
  localRoot = await mkdtemp(path.join(tmpdir(), "media-local-"));
  s3Dir = await mkdtemp(path.join(tmpdir(), "media-s3rver-"));
  s3rver = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir, configureBuckets: [{ name: "media-test", configs: [] }] });
  const address = (await s3rver.run()) as AddressInfo;
  s3Endpoint = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await s3rver?.close();
  await rm(localRoot, { recursive: true, force: true });
  await rm(s3Dir, { recursive: true, force: true });
});

const drivers: [string, () => MediaStorage][] = [
  ["local", () => createLocalStorage(localRoot)],
  [
    "s3 (s3rver)",
    () =>
      createS3Storage({
        bucket: "media-test",
        region: "us-east-1",
        endpoint: s3Endpoint,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        keyPrefix: "env-a",
      }),
  ],
];

/** A stream of `size` bytes in 64 KiB chunks, each byte its offset mod 251: ranges are checkable. */
function patterned(size: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const n = Math.min(65_536, size - sent);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) chunk[i] = (sent + i) % 251;
      sent += n;
      this.push(chunk);
    },
  });
}

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe.each(drivers)("media storage: %s driver", (_name, make) => {
  it("puts a stream, gets it back whole and in byte ranges, lists and deletes it", async () => {
    const storage = make();
    const size = 9 * 1024 * 1024 + 123; // more than one 8 MiB multipart part
    const put = await storage.put("t1/clip/video.mp4", patterned(size), { contentType: "video/mp4" });
    expect(put.size).toBe(size);

    const whole = await storage.get("t1/clip/video.mp4");
    expect(whole?.size).toBe(size);
    expect(whole?.range).toBeNull();
    const all = await bytes(whole!.body);
    expect(all.length).toBe(size);
    expect(all[size - 1]).toBe((size - 1) % 251);

    const part = await storage.get("t1/clip/video.mp4", { start: 1000, end: 1999 });
    expect(part?.range).toEqual({ start: 1000, end: 1999 });
    const slice = await bytes(part!.body);
    expect(slice.length).toBe(1000);
    expect(slice[0]).toBe(1000 % 251);
    expect(slice[999]).toBe(1999 % 251);

    // An open-ended range ("bytes=N-") is asked as far past the end; it is clamped to the size.
    const tail = await storage.get("t1/clip/video.mp4", { start: size - 10, end: Number.MAX_SAFE_INTEGER });
    expect(tail?.range).toEqual({ start: size - 10, end: size - 1 });
    expect((await bytes(tail!.body)).length).toBe(10);

    // A range that starts past the end cannot be satisfied (HTTP 416).
    const past = await storage.get("t1/clip/video.mp4", { start: size, end: size + 10 });
    expect(past).toMatchObject({ size, range: null, unsatisfiable: true });
    expect((await bytes(past!.body)).length).toBe(0);

    await storage.put("t1/clip/poster.webp", Readable.from([Buffer.from("poster")]), { contentType: "image/webp" });
    await storage.put("t2/other.webp", Readable.from([Buffer.from("other")]), { contentType: "image/webp" });
    expect(await storage.list("t1/")).toEqual(["t1/clip/poster.webp", "t1/clip/video.mp4"]);

    await storage.delete("t1/clip/video.mp4");
    await storage.delete("t1/clip/never-there.mp4");
    expect(await storage.get("t1/clip/video.mp4")).toBeNull();
    expect(await storage.list("t1/")).toEqual(["t1/clip/poster.webp"]);
    expect(await text((await storage.get("t2/other.webp"))!.body)).toBe("other");
  });

  it("replaces an object put twice under one key", async () => {
    const storage = make();
    await storage.put("t3/a.webp", Readable.from([Buffer.from("first")]), { contentType: "image/webp" });
    await storage.put("t3/a.webp", Readable.from([Buffer.from("second!")]), { contentType: "image/webp" });
    const got = await storage.get("t3/a.webp");
    expect(got?.size).toBe(7);
    expect(await text(got!.body)).toBe("second!");
  });

  it("leaves nothing under the key when the source stream fails mid-way", async () => {
    const storage = make();
    const before = await storage.list("t4/");
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent++ < 3) this.push(Buffer.alloc(1024 * 1024, 7));
        else this.destroy(new Error("client went away"));
      },
    });
    await expect(storage.put("t4/broken.mp4", failing, { contentType: "video/mp4" })).rejects.toThrow();
    expect(await storage.get("t4/broken.mp4")).toBeNull();
    expect(await storage.list("t4/")).toEqual(before);
  });

  it("refuses keys that could leave the storage root", async () => {
    const storage = make();
    for (const key of ["../escape", "a/../../b", "/abs", "a//b", "a/b/", "a\\b", ""]) {
      await expect(storage.put(key, Readable.from([Buffer.from("x")]), { contentType: "image/webp" })).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(key)).rejects.toThrow(/Invalid storage key/);
    }
  });
});
