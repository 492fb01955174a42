import { describe, expect, it } from 'vitest';
import { HashIndex, PHASH_SIDE, cellAverage, dhash, halves, hammingDistance, phash, popcount32, toHex, viewHashes } from '#shared/rules/phash';

/** A smooth pattern with structure at low frequencies, different per seed. */
function pattern(seed: number, side = PHASH_SIDE): Uint8Array {
  const px = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const v = 128 + 60 * Math.sin((x * (1 + (seed % 5)) + seed) / (side / 6)) + 50 * Math.cos((y * (1 + ((seed >> 2) % 4)) - seed) / (side / 5));
      px[y * side + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return px;
}

/** Deterministic pseudo-random 64-bit hashes (with the DC bit 0, like real ones). */
function randomHashes(n: number, seed = 1): string[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  return Array.from({ length: n }, () => toHex(next() & 0x7fffffff, next()));
}

function flip(hash: string, bits: readonly number[]): string {
  let [hi, lo] = halves(hash);
  for (const b of bits) {
    if (b < 32) hi = (hi ^ (1 << (31 - b))) >>> 0;
    else lo = (lo ^ (1 << (63 - b))) >>> 0;
  }
  return toHex(hi, lo);
}

describe('phash', () => {
  it('gives 16 hex digits, the same for the same pixels, with the DC bit always 0', () => {
    const h = phash(pattern(3));
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(phash(pattern(3))).toBe(h);
    expect(halves(h!)[0] >>> 31).toBe(0);
  });

  it('has no hash for an image too flat to have structure', () => {
    expect(phash(new Uint8Array(PHASH_SIDE * PHASH_SIDE).fill(77))).toBeNull();
    const nearlyFlat = new Uint8Array(PHASH_SIDE * PHASH_SIDE).map((_, i) => 100 + (i % 2));
    expect(phash(nearlyFlat)).toBeNull();
  });

  it('ignores an overall brightness change and separates different patterns', () => {
    const a = pattern(5);
    // a shift of every pixel (none clips: the pattern stays within 18..238) changes only the DC term
    const brighter = a.map((v) => v + 12);
    expect(hammingDistance(phash(a)!, phash(brighter)!)).toBe(0);
    expect(hammingDistance(phash(a)!, phash(pattern(11))!)).toBeGreaterThan(16);
  });

  it('refuses pixels of the wrong size', () => {
    expect(() => phash(new Uint8Array(100))).toThrow(/32×32/);
  });
});

describe('hamming distance and popcount', () => {
  it('counts differing bits', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
    const h = '0123456789abcdef';
    expect(hammingDistance(h, h)).toBe(0);
    expect(hammingDistance(h, flip(h, [1, 33, 63]))).toBe(3);
    expect(hammingDistance('0000000000000000', '7fffffffffffffff')).toBe(63);
  });
});

describe('crop views', () => {
  it('hashes the whole frame and five 95 % sub-frames, and nothing for a flat photo', () => {
    const side = 128;
    const views = viewHashes(pattern(7, side), side, side);
    expect(views).toHaveLength(6);
    for (const v of views!) expect(v).toEqual({ p: expect.stringMatching(/^[0-9a-f]{16}$/), d: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(new Set(views!.map((v) => v!.p)).size).toBeGreaterThan(1);
    expect(viewHashes(new Uint8Array(side * side).fill(9), side, side)).toBeNull();
  });

  it('averages each cell of a view from its own source pixels', () => {
    const side = 64;
    const grey = new Uint8Array(side * side).map((_, i) => (i % side < side / 2 ? 0 : 200));
    const cells = cellAverage(grey, side, side, 0, 0, side, side);
    expect(cells[0]).toBe(0);
    expect(cells[31]).toBe(200);
    expect(() => cellAverage(grey, side, side, 0, 0, 16, 16)).toThrow();
  });
});

describe('dhash', () => {
  it('sets a bit where a block is darker than its right neighbour', () => {
    const rising = new Uint8Array(PHASH_SIDE * PHASH_SIDE).map((_, i) => (i % PHASH_SIDE) * 8);
    expect(dhash(rising)).toBe('ffffffffffffffff');
    expect(dhash(rising.map((v) => 255 - v))).toBe('0000000000000000');
    expect(hammingDistance(dhash(pattern(1)), dhash(pattern(1).map((v) => v + 10)))).toBe(0);
  });
});

describe('HashIndex (multi-index hashing)', () => {
  it('finds exactly what a full scan finds, at every distance it supports', () => {
    for (const max of [3, 6, 10]) {
      const index = new HashIndex<number>(max);
      const stored = randomHashes(3000, max);
      stored.forEach((h, i) => index.add(h, i));
      // plant neighbours of some stored hashes at every distance up to max + 2
      const queries = [...randomHashes(50, 99)];
      for (let d = 0; d <= max + 2; d++) queries.push(flip(stored[d * 7]!, Array.from({ length: d }, (_, k) => (k * 13 + d) % 64).filter((b, k, all) => all.indexOf(b) === k)));
      for (const q of queries) {
        for (const dist of [0, Math.floor(max / 2), max]) {
          const fast = index.near(q, dist).map((m) => `${m.value}:${m.distance}`).sort();
          const slow = index.scan(q, dist).map((m) => `${m.value}:${m.distance}`).sort();
          expect(fast, `max ${max}, distance ${dist}, query ${q}`).toEqual(slow);
        }
      }
    }
  });

  it('returns matches nearest first with their stored hash', () => {
    const index = new HashIndex<string>(6);
    const base = '1234567890abcdef';
    index.add(flip(base, [2, 40, 50]), 'three');
    index.add(base, 'same');
    index.add(flip(base, [5]), 'one');
    index.add(flip(base, [1, 2, 3, 4, 5, 6, 7, 8]), 'eight');
    const near = index.near(base);
    expect(near.map((m) => [m.value, m.distance])).toEqual([['same', 0], ['one', 1], ['three', 3]]);
    expect(near[0]!.hash).toBe(base);
    expect(index.size).toBe(4);
  });

  it('refuses a distance beyond what it was built for', () => {
    expect(() => new HashIndex(12)).toThrow();
    expect(() => new HashIndex(3).near('0000000000000000', 4)).toThrow();
  });
});
