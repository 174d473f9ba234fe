import "server-only";
// Pictures are decoded and encoded anew with sharp: the orientation of the EXIF tag is applied to
// the pixels and no metadata is written back (EXIF, GPS, XMP, ICC comments all go), at three
// widths in WebP and AVIF. The uploaded bytes themselves are never stored or served.
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/errors";
import { IMAGE_FORMATS, IMAGE_WIDTHS, MAX_IMAGE_PIXELS, type ImageFormat } from "@/lib/validation/media-limits";

export type Rendition = { width: number; format: ImageFormat; data: Buffer };
export type ImageRenditions = { widths: number[]; height: number; renditions: Rendition[] };

const SHARP_FORMAT: Record<string, string> = { jpeg: "jpeg", png: "png", webp: "webp", avif: "heif" };
const damaged = () => new AppError("VALIDATION", "The picture is incomplete or damaged. Nothing was saved.");

/** The widths served for a picture `width` pixels wide: never enlarged, never twice the same. */
export function renditionWidths(width: number): number[] {
  return [...new Set(IMAGE_WIDTHS.map((w) => Math.min(w, width)))];
}

export async function renderImage(file: string, format: "jpeg" | "png" | "webp" | "avif"): Promise<ImageRenditions> {
  // failOn "error": a truncated or corrupt picture is refused rather than half-decoded.
  const input = () => sharp(file, { failOn: "error", limitInputPixels: MAX_IMAGE_PIXELS, animated: false });
  let meta: Metadata;
  try {
    meta = await input().metadata();
  } catch {
    throw damaged();
  }
  // The bytes said one format; the decoder must agree (a polyglot or a mislabelled container does not).
  if (meta.format !== SHARP_FORMAT[format] || !meta.width || !meta.height) throw damaged();
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) throw new AppError("PAYLOAD_TOO_LARGE", "The picture has too many pixels (at most 50 megapixels).");
  // Width and height as shown, after the EXIF orientation is applied.
  const upright = (meta.orientation ?? 1) >= 5 ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  const widths = renditionWidths(upright.width);
  const renditions: Rendition[] = [];
  try {
    for (const width of widths) {
      const resized = input().rotate().resize({ width, withoutEnlargement: true });
      for (const out of IMAGE_FORMATS) {
        const data = out === "webp" ? await resized.clone().webp({ quality: 80 }).toBuffer() : await resized.clone().avif({ quality: 50, effort: 2 }).toBuffer();
        renditions.push({ width, format: out, data });
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged();
  }
  return { widths, height: Math.round((upright.height * widths[widths.length - 1]!) / upright.width), renditions };
}
