/**
 * Renders build/icon.png (512×512, what electron-builder derives every platform's icon from) from
 * the SVG below. Run `npx tsx build/make-icon.ts` after changing the drawing; the PNG is committed.
 */
import sharp from 'sharp';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');

// A police-blue shield with a white badge star and a check mark: "work items, handled".
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1f4e9c"/>
      <stop offset="1" stop-color="#0d2a5c"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="96" fill="url(#bg)"/>
  <path d="M256 76 L404 128 V248 C404 344 342 412 256 444 C170 412 108 344 108 248 V128 Z" fill="#ffffff" fill-opacity="0.12" stroke="#ffd54a" stroke-width="14" stroke-linejoin="round"/>
  <polygon points="256,142 274,196 331,196 285,229 302,283 256,250 210,283 227,229 181,196 238,196" fill="#ffd54a"/>
  <path d="M190 330 L240 376 L330 296" fill="none" stroke="#ffffff" stroke-width="30" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

await sharp(Buffer.from(SVG)).resize(512, 512).png({ compressionLevel: 9 }).toFile(OUT);
console.log(`wrote ${OUT}`);
