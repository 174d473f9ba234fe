// Renders the app's PNG icons from app/icon.svg (decision 036): `npx tsx scripts/render-icons.ts`.
// The PNGs are committed; run this again after changing the SVG.
//   public/icons/icon-{192,512}.png      the icon as drawn (rounded square), manifest purpose "any"
//   public/icons/maskable-{192,512}.png  full-bleed background, the mark inside the 80 % safe zone
//                                        (launchers crop to a circle or squircle), purpose "maskable"
//   app/apple-icon.png (180 px)          full bleed: iOS rounds the corners itself and would fill
//                                        transparent corners with black
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

async function render(svg: string, size: number, file: string): Promise<void> {
  const png = await sharp(Buffer.from(svg), { density: 72 * (size / 512) * 4 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
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
