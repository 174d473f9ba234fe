// Upload limits (issue 13): pictures up to 10 MB, videos up to 200 MB. Pure.
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 200 * 1024 * 1024;
/** The three widths every picture is served at (srcset), each in WebP and AVIF. */
export const IMAGE_WIDTHS = [320, 640, 1280] as const;
export const IMAGE_FORMATS = ["webp", "avif"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
/** A decoded picture larger than this many pixels is refused (a decompression bomb). */
export const MAX_IMAGE_PIXELS = 50_000_000;

export function limitFor(kind: "IMAGE" | "VIDEO"): number {
  return kind === "IMAGE" ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES;
}
