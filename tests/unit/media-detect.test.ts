// What an upload is, from its bytes: magic numbers, markup scan, the Range header and the write
// guard of uploads.
import { describe, expect, it } from "vitest";
import { containsMarkup, detectMedia } from "@/lib/media/detect";
import { renditionWidths } from "@/lib/media/renditions";
import { pickObject } from "@/lib/domain/media/open-media";
import { assertUploadFromOwnOrigin, declaredLength, parseRange } from "@/lib/server/media-http";
import { avif, jpegWithExif, mp4, png, webm, webp } from "../fixtures/media";

const head = (b: Buffer) => b.subarray(0, 64);

describe("detectMedia", () => {
  it("recognises the accepted pictures and videos from their first bytes", async () => {
    expect(detectMedia(head(await jpegWithExif()))).toEqual({ kind: "IMAGE", format: "jpeg" });
    expect(detectMedia(head(await png()))).toEqual({ kind: "IMAGE", format: "png" });
    expect(detectMedia(head(await webp()))).toEqual({ kind: "IMAGE", format: "webp" });
    expect(detectMedia(head(await avif()))).toEqual({ kind: "IMAGE", format: "avif" });
    expect(detectMedia(head(mp4()))).toMatchObject({ kind: "VIDEO", format: "mp4", contentType: "video/mp4" });
    expect(detectMedia(head(webm()))).toMatchObject({ kind: "VIDEO", format: "webm", contentType: "video/webm" });
  });

  it.each([
    ["SVG", Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ["HTML", Buffer.from("<!doctype html><html><head></head><body></body></html>")],
    ["GIF", Buffer.from("GIF89a..................................")],
    ["PDF", Buffer.from("%PDF-1.7 ..................................")],
    ["QuickTime", mp4({ brand: "qt  " }).fill(0x20, 16, 28)],
    ["Matroska (not WebM)", Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x8b, 0x42, 0x82, 0x88]), Buffer.from("matroska"), Buffer.alloc(40)])],
    ["HEIC", Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheicmif1heicmiaf"), Buffer.alloc(40)])],
    ["a JPEG name on a PNG-less text", Buffer.from("photo.jpg is what the name says, but this is text")],
  ])("refuses %s", (_name, bytes) => {
    expect(detectMedia(head(bytes))).toBeNull();
  });
});

describe("containsMarkup", () => {
  it("finds markup and script schemes in any case, and nothing in plain binary data", async () => {
    expect(containsMarkup(Buffer.from("xx<ScRiPt>"))).toBe(true);
    expect(containsMarkup(Buffer.from("JAVASCRIPT:alert(1)"))).toBe(true);
    expect(containsMarkup(Buffer.from("<svg onload=x>"))).toBe(true);
    expect(containsMarkup(await png())).toBe(false);
  });
});

describe("renditionWidths", () => {
  it("never enlarges and never repeats a width", () => {
    expect(renditionWidths(4000)).toEqual([320, 640, 1280]);
    expect(renditionWidths(700)).toEqual([320, 640, 700]);
    expect(renditionWidths(100)).toEqual([100]);
  });
});

describe("pickObject", () => {
  const row = { kind: "IMAGE" as const, contentType: "image/webp", widths: [320, 640, 700], storageKeys: ["k/w320.webp", "k/w320.avif", "k/w640.webp", "k/w640.avif", "k/w700.webp", "k/w700.avif"] };
  it("serves the nearest width not above the asked one, WebP unless AVIF is asked", () => {
    expect(pickObject(row, {})).toEqual({ key: "k/w640.webp", contentType: "image/webp" });
    expect(pickObject(row, { w: 1280, f: "avif" })).toEqual({ key: "k/w700.avif", contentType: "image/avif" });
    expect(pickObject(row, { w: 320 })).toEqual({ key: "k/w320.webp", contentType: "image/webp" });
  });
});

describe("parseRange", () => {
  it("reads one range, open-ended or not, and ignores everything else", () => {
    expect(parseRange("bytes=0-1")).toEqual({ start: 0, end: 1 });
    expect(parseRange("bytes=100-")).toEqual({ start: 100, end: Number.MAX_SAFE_INTEGER });
    for (const header of [null, "", "bytes=-500", "bytes=5-1", "bytes=0-1,4-5", "items=0-1", "bytes=abc", `bytes=${"9".repeat(40)}-`]) {
      expect(parseRange(header)).toBeNull();
    }
  });
});

describe("declaredLength", () => {
  it("reads Content-Length and refuses a malformed one", () => {
    expect(declaredLength(new Request("http://x/", { method: "POST", headers: { "content-length": "12" }, body: "123456789012" }))).toBe(12);
    expect(declaredLength(new Request("http://x/"))).toBeNull();
  });
});

describe("assertUploadFromOwnOrigin", () => {
  const req = (headers: Record<string, string>) => new Request("http://app.example/api/v1/uploads/catalog/x", { method: "POST", headers: { host: "app.example", ...headers } });
  const octet = { "content-type": "application/octet-stream" };

  it("accepts a raw body from the app's own origin, or with Sec-Fetch-Site same-origin and no Origin", () => {
    expect(() => assertUploadFromOwnOrigin(req({ ...octet, origin: "http://app.example" }), null)).not.toThrow();
    expect(() => assertUploadFromOwnOrigin(req({ ...octet, origin: "https://plans.example" }), "https://plans.example")).not.toThrow();
    expect(() => assertUploadFromOwnOrigin(req({ ...octet, "sec-fetch-site": "same-origin" }), null)).not.toThrow();
  });

  it.each([
    ["another site's Origin", { ...octet, origin: "https://evil.example" }, 403],
    ["an opaque Origin", { ...octet, origin: "null" }, 403],
    ["no Origin and no Sec-Fetch-Site", { ...octet }, 403],
    ["Sec-Fetch-Site cross-site", { ...octet, origin: "http://app.example", "sec-fetch-site": "cross-site" }, 403],
    ["Sec-Fetch-Site same-site", { ...octet, "sec-fetch-site": "same-site" }, 403],
    ["a form's multipart body", { "content-type": "multipart/form-data; boundary=x", origin: "http://app.example" }, 415],
    ["a text/plain body", { "content-type": "text/plain", origin: "http://app.example" }, 415],
    ["JSON", { "content-type": "application/json", origin: "http://app.example" }, 415],
  ])("refuses %s", (_name, headers, status) => {
    let caught: unknown;
    try {
      assertUploadFromOwnOrigin(req(headers), null);
    } catch (error) {
      caught = error;
    }
    expect((caught as { status?: number })?.status).toBe(status);
  });
});
