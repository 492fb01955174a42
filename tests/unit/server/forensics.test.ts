import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORENSICS_THRESHOLDS } from '#shared/rules/forensics';
import { hammingDistance } from '#shared/rules/phash';
import { MAX_DECODE_PIXELS, photoViewsOf } from '#server/domain/forensics';
import { renderPhoto, stampOf } from '#server/seed/photos';
import type { PhotoViews } from '#server/store/store';

/**
 * The near-duplicate threshold is chosen from these measurements (shared/rules/forensics.ts):
 * copies of generated scene photos must come out at or under it, different scenes above it.
 * The distances are printed so a change of the hash, the views or the scene generator shows its
 * effect on both sides of the threshold.
 */
const T = FORENSICS_THRESHOLDS.nearDuplicateDistance;
const ROLES = ['front_side', 'rear_side', 'collision', 'scene'] as const;
const CASES = 10;

const D = FORENSICS_THRESHOLDS.nearDuplicateConfirmDistance;

/**
 * As the store compares (store/sqlite/forensics.ts): a whole frame with a whole frame or a view;
 * `p` the nearest pHash of any such pair, `confirmed` the nearest of the pairs whose dHash is
 * within the confirm distance (64 when none is).
 */
function distance(a: PhotoViews, b: PhotoViews): { p: number; d: number; confirmed: number; confirmedD: number } {
  const out = { p: 64, d: 64, confirmed: 64, confirmedD: 64 };
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      if ((i !== 0 && j !== 0) || !x || !y) return;
      const p = hammingDistance(x.p, y.p);
      const d = hammingDistance(x.d, y.d);
      if (p < out.p || (p === out.p && d < out.d)) Object.assign(out, { p, d });
      if (d <= D && p < out.confirmed) Object.assign(out, { confirmed: p, confirmedD: d });
    }),
  );
  return out;
}

async function crop(bytes: Buffer, fraction: number, anchor: 'corner' | 'centre'): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const dx = Math.round(width * fraction);
  const dy = Math.round(height * fraction);
  const left = anchor === 'corner' ? dx : Math.round(dx / 2);
  const top = anchor === 'corner' ? dy : Math.round(dy / 2);
  return sharp(bytes).extract({ left, top, width: width - dx, height: height - dy }).jpeg({ quality: 80 }).toBuffer();
}

const COPIES: Record<string, (b: Buffer) => Promise<Buffer>> = {
  identical: async (b) => b,
  'recompressed (JPEG 60)': (b) => sharp(b).jpeg({ quality: 60 }).toBuffer(),
  'resized (50 %)': (b) => sharp(b).resize({ width: 240 }).jpeg({ quality: 80 }).toBuffer(),
  'cropped 5 % at a corner': (b) => crop(b, 0.05, 'corner'),
  'cropped 5 % centred': (b) => crop(b, 0.05, 'centre'),
  'brightness +15 %': (b) => sharp(b).modulate({ brightness: 1.15 }).jpeg({ quality: 80 }).toBuffer(),
};

const photos: { role: string; bytes: Buffer; views: PhotoViews }[] = [];

beforeAll(async () => {
  for (let c = 0; c < CASES; c++) {
    const at = new Date(Date.parse('2026-11-20T01:15:30.000Z') + c * 5.3 * 3_600_000).toISOString();
    for (const role of ROLES) {
      const bytes = await renderPhoto({ role, plates: [`豫A·${20000 + c * 13}`, `豫A·K${3000 + c}`], stamp: stampOf(at), variant: (c * 97) % 1000, takenAt: at, gps: null });
      const views = await photoViewsOf(bytes);
      if (!views) throw new Error('a generated scene photo must hash');
      photos.push({ role, bytes, views });
    }
  }
}, 60_000);

describe('near-duplicate distances on generated scene photos', () => {
  for (const [name, copy] of Object.entries(COPIES)) {
    it(`finds a copy ${name} at or under the threshold (pHash ${T}, confirmed by dHash ${D})`, async () => {
      const ds: ReturnType<typeof distance>[] = [];
      for (const p of photos.slice(0, 16)) ds.push(distance(p.views, (await photoViewsOf(await copy(p.bytes)))!));
      const confirmed = ds.map((x) => x.confirmed).sort((a, b) => a - b);
      console.info(`forensics: ${name}: pHash ${confirmed.join(' ')} (max ${confirmed.at(-1)}, threshold ${T}); dHash of those pairs max ${Math.max(...ds.map((x) => x.confirmedD))} (confirm ≤ ${D})`);
      expect(confirmed.at(-1)).toBeLessThanOrEqual(T);
      if (name === 'identical') expect(confirmed.at(-1)).toBe(0);
    });
  }

  it(`keeps different scenes above the threshold (${T})`, () => {
    const all: ReturnType<typeof distance>[] = [];
    for (let i = 0; i < photos.length; i++) for (let j = i + 1; j < photos.length; j++) all.push(distance(photos[i]!.views, photos[j]!.views));
    const ps = all.map((x) => x.p).sort((a, b) => a - b);
    const at = (q: number) => ps[Math.floor(q * (ps.length - 1))];
    const nearest = all.filter((x) => x.p <= T + 4).map((x) => `${x.p}/${x.d}`);
    console.info(`forensics: different scenes (${ps.length} pairs): pHash min ${ps[0]}, 1 % ${at(0.01)}, median ${at(0.5)} (threshold ${T}); pHash/dHash of the nearest: ${nearest.join(' ') || 'none within ' + (T + 4)}`);
    expect(Math.min(...all.map((x) => x.confirmed))).toBeGreaterThan(T);
  });
});

describe('decoding', () => {
  it('gives no hash, and throws nothing, for bytes that are not an image or a truncated one', async () => {
    expect(await photoViewsOf(Buffer.from('not an image at all'))).toBeNull();
    const jpeg = photos[0]!.bytes;
    const truncated = jpeg.subarray(0, 200);
    expect(await photoViewsOf(truncated)).toBeNull();
  });

  it('refuses to decode more pixels than the limit (a decompression bomb) and gives no hash', async () => {
    // a PNG header declaring 9000 × 9000 pixels (81 MP: over our limit, under sharp's default), with a tiny body
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(9000, 16);
    bomb.writeUInt32BE(9000, 20);
    expect((await sharp(bomb).metadata()).width).toBe(9000);
    expect(9000 * 9000).toBeGreaterThan(MAX_DECODE_PIXELS);
    // the limit bites at the header, before a pixel is decoded
    await expect(sharp(bomb, { limitInputPixels: MAX_DECODE_PIXELS }).metadata()).rejects.toThrow(/pixel limit/);
    expect(await photoViewsOf(bomb)).toBeNull();
  });

  it('gives no hash for a flat photo (nothing to compare)', async () => {
    const flat = await sharp({ create: { width: 480, height: 320, channels: 3, background: { r: 90, g: 90, b: 90 } } }).jpeg().toBuffer();
    expect(await photoViewsOf(flat)).toBeNull();
  });
});
