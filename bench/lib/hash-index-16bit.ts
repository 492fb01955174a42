import { halves, popcount32, toHex, type HashMatch } from '#shared/rules/phash';

/**
 * The near-duplicate index as it was before shared/rules/phash.ts HashIndex took 7 exact 9-bit
 * chunks with hashes inline in the buckets, kept verbatim so bench/accidents.bench.ts measures the
 * "before" in the same run as the "after" and the full scan. Not used by the exchange.
 */

/** XOR masks of every 16-bit value within Hamming distance 0, 1 and 2, by radius (0 first). */
const MASKS: readonly Int32Array[] = (() => {
  const byRadius: number[][] = [[0], [], []];
  for (let i = 0; i < 16; i++) byRadius[1]!.push(1 << i);
  for (let i = 0; i < 16; i++) for (let j = i + 1; j < 16; j++) byRadius[2]!.push((1 << i) | (1 << j));
  return [Int32Array.from(byRadius[0]!), Int32Array.from([...byRadius[0]!, ...byRadius[1]!]), Int32Array.from([...byRadius[0]!, ...byRadius[1]!, ...byRadius[2]!])];
})();

/**
 * The layout before (commit a2a8a7b). Multi-index hashing: the 64 bits are split into four 16-bit
 * chunks, each with a table chunk value → entries. Two hashes within distance d differ, by pigeonhole, by at most
 * ⌊d/4⌋ bits in at least one chunk, so probing every chunk value within that radius in each table
 * finds every match (then the full distance decides). d ≤ 3: one exact probe per table; d ≤ 7:
 * 17 probes; d ≤ 11: 137. Hashes are kept in one typed array; each table is an array of 65,536
 * buckets of entry numbers.
 */
export class ChunkIndex16<T> {
  /** hi, lo of entry i at 2i, 2i+1: a candidate's distance reads one cache line. */
  private words = new Uint32Array(2048);
  private readonly values: T[] = [];
  // filled, so V8 keeps them as packed arrays (a 65,536-long array of holes may be a dictionary)
  private readonly tables: (number[] | null)[][] = [0, 1, 2, 3].map(() => new Array<number[] | null>(65536).fill(null));
  /** Maximum distance `near` supports; chosen when the index is made. */
  constructor(readonly maxDistance: number) {
    if (maxDistance < 0 || maxDistance > 11) throw new Error('HashIndex supports distances 0..11 (probe radius ≤ 2)');
  }

  get size(): number {
    return this.values.length;
  }

  add(hash: string, value: T): void {
    const [hi, lo] = halves(hash);
    const i = this.values.length;
    if (2 * i === this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words[2 * i] = hi;
    this.words[2 * i + 1] = lo;
    this.values.push(value);
    const chunks = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
    for (let t = 0; t < 4; t++) {
      const table = this.tables[t]!;
      const c = chunks[t]!;
      const list = table[c];
      if (list) list.push(i);
      else table[c] = [i];
    }
  }

  /**
   * Entries within `distance` (≤ maxDistance) of `hash`, nearest first. An entry may be met in
   * several tables; only matches are de-duplicated (they are few), candidates are not.
   */
  near(hash: string, distance: number = this.maxDistance): HashMatch<T>[] {
    if (distance > this.maxDistance) throw new Error(`index built for distance ≤ ${this.maxDistance}`);
    const [hi, lo] = halves(hash);
    const masks = MASKS[Math.floor(distance / 4)]!;
    const words = this.words;
    const found: number[] = [];
    const dists: number[] = [];
    for (let t = 0; t < 4; t++) {
      const table = this.tables[t]!;
      const c = t === 0 ? hi >>> 16 : t === 1 ? hi & 0xffff : t === 2 ? lo >>> 16 : lo & 0xffff;
      for (let m = 0; m < masks.length; m++) {
        const list = table[c ^ masks[m]!]!;
        if (list === null) continue;
        for (let k = 0; k < list.length; k++) {
          const i = list[k]!;
          const d = popcount32((words[2 * i]! ^ hi) >>> 0) + popcount32((words[2 * i + 1]! ^ lo) >>> 0);
          if (d <= distance && !found.includes(i)) {
            found.push(i);
            dists.push(d);
          }
        }
      }
    }
    const out = found.map((i, k) => ({ value: this.values[i]!, hash: toHex(words[2 * i]!, words[2 * i + 1]!), distance: dists[k]! }));
    return out.length > 1 ? out.sort((a, b) => a.distance - b.distance) : out;
  }

  /** The same answer as `near` by comparing with every entry: the bench's baseline and the tests' oracle. */
  scan(hash: string, distance: number): HashMatch<T>[] {
    const [hi, lo] = halves(hash);
    const words = this.words;
    const out: HashMatch<T>[] = [];
    for (let i = 0; i < this.values.length; i++) {
      const d = popcount32((words[2 * i]! ^ hi) >>> 0) + popcount32((words[2 * i + 1]! ^ lo) >>> 0);
      if (d <= distance) out.push({ value: this.values[i]!, hash: toHex(words[2 * i]!, words[2 * i + 1]!), distance: d });
    }
    return out.sort((a, b) => a.distance - b.distance);
  }
}
