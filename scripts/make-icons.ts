/**
 * Draws the Teams app icons (192×192 colour, 32×32 white outline on transparent) as PNG files.
 * Run once when the design changes: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Pixel = [number, number, number, number];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size: number, pixel: (x: number, y: number) => Pixel): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x + 0.5, y + 0.5), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A speech bubble (rounded rectangle plus tail) in unit coordinates 0..1. */
function inBubble(u: number, v: number, inset = 0): boolean {
  const [x0, y0, x1, y1, r] = [0.2 + inset, 0.24 + inset, 0.8 - inset, 0.68 - inset, 0.1];
  const cx = Math.min(Math.max(u, x0 + r), x1 - r);
  const cy = Math.min(Math.max(v, y0 + r), y1 - r);
  const body = u >= x0 && u <= x1 && v >= y0 && v <= y1 && (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  const tail = inset === 0 && v > y1 - 0.01 && v < 0.82 && u > 0.3 && u < 0.3 + (0.82 - v) * 0.9;
  return body || tail;
}

const accent: Pixel = [79, 82, 178, 255];
const white: Pixel = [255, 255, 255, 255];
const clear: Pixel = [0, 0, 0, 0];

const color = png(192, (x, y) => {
  const u = x / 192;
  const v = y / 192;
  if (!inBubble(u, v)) return accent;
  const dots = [0.36, 0.5, 0.64].some((d) => (u - d) ** 2 + (v - 0.46) ** 2 < 0.045 ** 2);
  return dots ? accent : white;
});
const outline = png(32, (x, y) => {
  const u = x / 32;
  const v = y / 32;
  return inBubble(u, v) && !inBubble(u, v, 0.07) ? white : clear;
});
writeFileSync('manifest/color.png', color);
writeFileSync('manifest/outline.png', outline);
console.log('wrote manifest/color.png and manifest/outline.png');
