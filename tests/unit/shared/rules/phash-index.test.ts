import { describe, expect, it } from 'vitest';
import { HashIndex, halves, toHex } from '#shared/rules/phash';

/**
 * The multi-index against its full scan on inputs the random-hash test in phash.test.ts does not
 * reach: clustered hashes (many stored near the same few, as photo hashes are, so some buckets are
 * large), the same hash stored many times, hashes with the first bit set (it is in no chunk),
 * every distance the index supports, and lookups between adds.
 */

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

function flipRandom(hash: string, bits: number, next: () => number): string {
  let [hi, lo] = halves(hash);
  for (let k = 0; k < bits; k++) {
    const b = next() % 64;
    if (b < 32) hi = (hi ^ (1 << (31 - b))) >>> 0;
    else lo = (lo ^ (1 << (63 - b))) >>> 0;
  }
  return toHex(hi, lo);
}

const key = (m: { value: number; distance: number }) => `${m.value}:${m.distance}`;

function expectSameAsScan(index: HashIndex<number>, queries: readonly string[], distances: readonly number[]): void {
  for (const q of queries) {
    for (const d of distances) {
      const fast = index.near(q, d);
      expect(fast.map(key).sort(), `distance ${d}, query ${q}`).toEqual(index.scan(q, d).map(key).sort());
      expect(new Set(fast.map((m) => m.value)).size, 'each entry once').toBe(fast.length);
      expect(fast.map((m) => m.distance), 'nearest first').toEqual([...fast.map((m) => m.distance)].sort((a, b) => a - b));
    }
  }
}

describe('HashIndex on clustered hashes', () => {
  it('finds what a full scan finds when the stored hashes cluster around a few', () => {
    const next = lcg(11);
    const centres = Array.from({ length: 12 }, () => toHex(next() & 0x7fffffff, next()));
    const index = new HashIndex<number>(6);
    for (let i = 0; i < 4000; i++) index.add(flipRandom(centres[i % centres.length]!, next() % 12, next), i);
    const queries = [...centres, ...Array.from({ length: 60 }, (_, i) => flipRandom(centres[i % centres.length]!, next() % 9, next))];
    expectSameAsScan(index, queries, [0, 2, 5, 6]);
  });

  it('reports every copy of a hash stored many times, each once', () => {
    const index = new HashIndex<number>(6);
    const h = '0123456789abcdef';
    for (let i = 0; i < 300; i++) index.add(h, i);
    index.add(flipRandom(h, 3, lcg(2)), 300);
    const found = index.near(h);
    expect(found.filter((m) => m.distance === 0).map((m) => m.value).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expectSameAsScan(index, [h, flipRandom(h, 6, lcg(3))], [0, 6]);
  });

  it('finds hashes whose first bit is set, though that bit is in no chunk', () => {
    const index = new HashIndex<number>(6);
    const base = 'f000000000000001';
    index.add(base, 1);
    index.add('7000000000000001', 2); // differs in the first bit only
    expect(index.near('7000000000000001', 0).map((m) => m.value)).toEqual([2]);
    expect(index.near(base, 1).map(key).sort()).toEqual(['1:0', '2:1']);
  });

  it('agrees with a full scan at every distance it supports, with lookups between adds', () => {
    for (let max = 0; max <= 11; max++) {
      const next = lcg(100 + max);
      const centres = Array.from({ length: 5 }, () => toHex(next(), next()));
      const index = new HashIndex<number>(max);
      for (let i = 0; i < 1500; i++) {
        index.add(flipRandom(centres[i % 5]!, next() % (max + 6), next), i);
        if (i % 500 === 499) expectSameAsScan(index, [flipRandom(centres[i % 5]!, next() % (max + 1), next)], [max]);
      }
      const queries = Array.from({ length: 15 }, (_, i) => flipRandom(centres[i % 5]!, next() % (max + 3), next));
      expectSameAsScan(index, queries, [...new Set([0, Math.floor(max / 2), max])]);
    }
  });
});
