// Turns an illustration's SVG into a PNG with sharp (librsvg), the picture that then goes through
// the upload pipeline like any admin's upload (decision 028). The PNG carries no metadata.
import sharp from "sharp";

export async function svgToPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg, "utf8")).png({ compressionLevel: 6 }).toBuffer();
}
