// Renders the app's PNG icons from app/icon.svg (decision 036): `npx tsx scripts/render-icons.ts`.
// The PNGs are committed; run this again after changing the SVG.
//   public/icons/icon-{192,512}.png      the icon as drawn (rounded square), manifest purpose "any"
//   public/icons/maskable-{192,512}.png  full-bleed background, the mark inside the 80 % safe zone
//                                        (launchers crop to a circle or squircle), purpose "maskable"
//   app/apple-icon.png (180 px)          full bleed: iOS rounds the corners itself and would fill
//                                        transparent corners with black
//   app/favicon.ico (16, 32, 48 px)      for clients that ask for /favicon.ico instead of reading
//                                        the page's <link rel="icon"> (bookmarks, feed readers;
//                                        decision 042)
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const root = path.resolve(import.meta.dirname, "..");
const source = readFileSync(path.join(root, "app/icon.svg"), "utf8");
const mark = /<g id="mark">[\s\S]*?<\/g>/.exec(source)?.[0];
const background = /<rect id="background"[^>]*fill="(#[0-9a-f]{6})"/i.exec(source)?.[1];
if (!mark || !background) throw new Error("app/icon.svg: expected <rect id=\"background\" fill=…> and <g id=\"mark\">");

/** The mark on a full square of the background colour, scaled about the centre. */
function fullBleed(scale: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" fill="${background}"/>
  <g transform="translate(256 256) scale(${scale}) translate(-256 -256)">${mark}</g>
</svg>`;
}

async function pngOf(svg: string, size: number): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 72 * (size / 512) * 4 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

async function render(svg: string, size: number, file: string): Promise<void> {
  const png = await pngOf(svg, size);
  writeFileSync(path.join(root, file), png);
  console.log(`${file}: ${size}×${size}, ${png.length} bytes`);
}

// The mark spans about 336 of 512 px; the maskable safe zone is a circle of 80 % of the width.
const maskable = fullBleed(0.78);
for (const size of [192, 512]) {
  await render(source, size, `public/icons/icon-${size}.png`);
  await render(maskable, size, `public/icons/maskable-${size}.png`);
}
await render(fullBleed(0.9), 180, "app/apple-icon.png");

/** An .ico file holding PNG images (allowed since Windows Vista; every browser reads it). */
async function renderIco(svg: string, sizes: number[], file: string): Promise<void> {
  const images = await Promise.all(sizes.map((size) => pngOf(svg, size)));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(sizes[i]! % 256, entry); // width (0 means 256)
    header.writeUInt8(sizes[i]! % 256, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  const ico = Buffer.concat([header, ...images]);
  writeFileSync(path.join(root, file), ico);
  console.log(`${file}: ${sizes.join(", ")} px, ${ico.length} bytes`);
}
await renderIco(source, [16, 32, 48], "app/favicon.ico");
