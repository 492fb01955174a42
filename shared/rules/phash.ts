/**
 * A 64-bit perceptual hash (DCT pHash: 32×32 greyscale, 2-D DCT, the top-left 8×8 without DC,
 * median threshold) and a multi-index over many of them, for near-duplicate photos across every
 * accident case of the province (DESIGN.md "What the exchange does because it sees everything").
 * Pure: the caller decodes the image (the exchange uses sharp, server/domain/forensics.ts) into
 * greyscale pixels, row by row.
 *
 * A hash is 16 lowercase hex digits (the form stored and sent); the index keeps it as two
 * unsigned 32-bit halves so distances are two popcounts, no BigInt.
 */
export const PHASH_SIDE = 32;
const N = PHASH_SIDE;
/** DCT rows/columns 0..7: the top-left 8×8 block of low frequencies. */
const FROM = 0;
const TO = 8;

/** cos((2x+1)uπ/2N) for u in FROM..TO-1, x in 0..N-1. */
const COS: Float64Array = (() => {
  const t = new Float64Array((TO - FROM) * N);
  for (let u = FROM; u < TO; u++) for (let x = 0; x < N; x++) t[(u - FROM) * N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));
  return t;
})();

/**
 * Below this pixel standard deviation (of 255) an image has no structure to compare (a flat
 * colour, a lens cap): its coefficients are rounding noise, so every such image would "match"
 * every other. It gets no hash.
 */
export const MIN_PIXEL_STDDEV = 2;

/** The hash of 32×32 greyscale pixels, or null when the image is too flat to have one. */
export function phash(pixels: Uint8Array): string | null {
  if (pixels.length !== N * N) throw new Error(`phash needs ${N}×${N} pixels, got ${pixels.length}`);
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < pixels.length; i++) {
    sum += pixels[i]!;
    sq += pixels[i]! * pixels[i]!;
  }
  const mean = sum / pixels.length;
  if (Math.sqrt(Math.max(0, sq / pixels.length - mean * mean)) < MIN_PIXEL_STDDEV) return null;

  // separable 2-D DCT-II, only the 8×8 block needed: rows first (N rows × 8), then columns
  const K = TO - FROM;
  const rows = new Float64Array(N * K);
  for (let y = 0; y < N; y++) {
    for (let u = 0; u < K; u++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += pixels[y * N + x]! * COS[u * N + x]!;
      rows[y * K + u] = s;
    }
  }
  const coeffs = new Float64Array(K * K);
  for (let v = 0; v < K; v++) {
    for (let u = 0; u < K; u++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += rows[y * K + u]! * COS[v * N + y]!;
      coeffs[v * K + u] = s;
    }
  }
  // The DC coefficient (index 0) is the mean brightness: left out of the median and its bit kept
  // 0, so a brighter or darker copy hashes alike. 63 bits carry the image.
  const sorted = Float64Array.from(coeffs.subarray(1)).sort();
  const median = sorted[31]!;
  let hi = 0;
  let lo = 0;
  for (let i = 1; i < 64; i++) {
    if (coeffs[i]! > median) {
      if (i < 32) hi |= 1 << (31 - i);
      else lo |= 1 << (63 - i);
    }
  }
  return toHex(hi >>> 0, lo >>> 0);
}

/**
 * Crop views: a hash of the whole frame is not robust to cropping (a 5 % crop moves every low
 * frequency; measured distances 10–18 of 64), so each photo is also hashed as five sub-frames that
 * leave out VIEW_CROP of the width and height: at each corner and centred. A copy cropped by about
 * that much matches one of the original's views closely (measured ≤ 8), and an original posted
 * after its cropped copy matches through its own views. Views are compared only with a whole
 * frame (see `isWholeFrame` in server/domain/forensics.ts), never view with view.
 */
export const VIEW_CROP = 0.05;
/** Whole frame first, then top-left, top-right, bottom-left, bottom-right, centre. */
export const VIEW_NAMES = ['whole', 'top_left', 'top_right', 'bottom_left', 'bottom_right', 'centre'] as const;

/**
 * The 32×32 area average of the rectangle [x0, x0+w) × [y0, y0+h) of a greyscale image
 * (`width` × `height`, row by row). Each output pixel averages the source pixels whose centres
 * fall in its cell, so cells over a source of at least 32 pixels are never empty.
 */
export function cellAverage(grey: Uint8Array, width: number, height: number, x0: number, y0: number, w: number, h: number): Uint8Array {
  if (w < N || h < N) throw new Error(`a view needs at least ${N}×${N} source pixels`);
  const out = new Uint8Array(N * N);
  for (let j = 0; j < N; j++) {
    const ya = Math.ceil(y0 + (j * h) / N - 0.5);
    const yb = Math.min(height, Math.ceil(y0 + ((j + 1) * h) / N - 0.5));
    for (let i = 0; i < N; i++) {
      const xa = Math.ceil(x0 + (i * w) / N - 0.5);
      const xb = Math.min(width, Math.ceil(x0 + ((i + 1) * w) / N - 0.5));
      let sum = 0;
      for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) sum += grey[y * width + x]!;
      out[j * N + i] = Math.round(sum / Math.max(1, (yb - ya) * (xb - xa)));
    }
  }
  return out;
}

/**
 * A difference hash (dHash) of 32×32 cells: 8 rows of 9 block averages, a bit per neighbour pair
 * (left darker than right). Independent of the DCT hash, so it confirms a pHash match: the synthetic
 * scenes that came within the pHash threshold of each other by chance were 10–20 apart in dHash,
 * copies at most 8 (tests/unit/server/forensics.test.ts).
 */
export function dhash(cells: Uint8Array): string {
  if (cells.length !== N * N) throw new Error(`dhash needs ${N}×${N} cells`);
  const avg = new Float64Array(8 * 9);
  for (let j = 0; j < 8; j++) {
    for (let i = 0; i < 9; i++) {
      const x0 = Math.floor((i * N) / 9);
      const x1 = Math.floor(((i + 1) * N) / 9);
      let sum = 0;
      for (let y = j * 4; y < j * 4 + 4; y++) for (let x = x0; x < x1; x++) sum += cells[y * N + x]!;
      avg[j * 9 + i] = sum / (4 * (x1 - x0));
    }
  }
  let hi = 0;
  let lo = 0;
  for (let j = 0; j < 8; j++) {
    for (let i = 0; i < 8; i++) {
      const bit = j * 8 + i;
      if (avg[j * 9 + i]! < avg[j * 9 + i + 1]!) {
        if (bit < 32) hi |= 1 << (31 - bit);
        else lo |= 1 << (63 - bit);
      }
    }
  }
  return toHex(hi >>> 0, lo >>> 0);
}

/** A view's hashes: `p` (pHash, indexed) and `d` (dHash, to confirm). */
export interface ViewHash {
  readonly p: string;
  readonly d: string;
}

/**
 * The hashes of a photo's views (VIEW_NAMES order) from its greyscale pixels, or null when the
 * whole frame is too flat to hash. A flat view is left out as null.
 */
export function viewHashes(grey: Uint8Array, width: number, height: number): (ViewHash | null)[] | null {
  if (grey.length !== width * height) throw new Error('pixel count does not match the size');
  const dx = Math.round(width * VIEW_CROP);
  const dy = Math.round(height * VIEW_CROP);
  const w = width - dx;
  const h = height - dy;
  const rects: readonly (readonly [number, number, number, number])[] = [
    [0, 0, width, height],
    [0, 0, w, h],
    [dx, 0, w, h],
    [0, dy, w, h],
    [dx, dy, w, h],
    [Math.round(dx / 2), Math.round(dy / 2), w, h],
  ];
  const hashes = rects.map(([x, y, rw, rh]): ViewHash | null => {
    const cells = cellAverage(grey, width, height, x, y, rw, rh);
    const p = phash(cells);
    return p === null ? null : { p, d: dhash(cells) };
  });
  return hashes[0] === null ? null : hashes;
}

export function toHex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

const HEX16 = /^[0-9a-f]{16}$/;

/** [hi, lo] of a hash's hex form. */
export function halves(hash: string): [number, number] {
  if (hash.length !== 16 || !HEX16.test(hash)) throw new Error(`not a 64-bit hash: ${hash}`);
  return [parseInt(hash.slice(0, 8), 16), parseInt(hash.slice(8), 16)];
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance of two hashes (hex form). */
export function hammingDistance(a: string, b: string): number {
  const [ah, al] = halves(a);
  const [bh, bl] = halves(b);
  return popcount32((ah ^ bh) >>> 0) + popcount32((al ^ bl) >>> 0);
}

export interface HashMatch<T> {
  readonly value: T;
  readonly hash: string;
  readonly distance: number;
}

/**
 * Chunk `[start, start + width)` of a 64-bit hash as its two halves (bit 0 is the top bit of `hi`),
 * for width ≤ 16. `hi`, `lo` may be signed: only their bits are read.
 */
function chunkOf(hi: number, lo: number, start: number, width: number): number {
  const end = start + width;
  const v = end <= 32 ? hi >>> (32 - end) : start >= 32 ? lo >>> (64 - end) : (hi << (end - 32)) | (lo >>> (64 - end));
  return v & ((1 << width) - 1);
}

/** Every `width`-bit XOR mask with at most `radius` bits set, fewest bits first. */
function probeMasks(width: number, radius: number): Int32Array {
  const masks: number[] = [];
  for (let v = 0; v < 1 << width; v++) if (popcount32(v) <= radius) masks.push(v);
  return Int32Array.from(masks.sort((a, b) => popcount32(a) - popcount32(b) || a - b));
}

const NO_PAIRS = new Uint32Array(0);
const NO_IDS = new Int32Array(0);

/**
 * Multi-index hashing (Norouzi et al.). The 63 bits after the first (a pHash's DC bit, always 0)
 * are split into `m` chunks, each with a table chunk value → bucket of entries. Two hashes within
 * distance d differ, by pigeonhole, by at most ⌊d/m⌋ bits in at least one chunk, so probing every
 * chunk value within that radius in each table finds every match, and the full distance decides.
 * (The first bit counts in the distance, only not in the buckets, so any 64-bit hash is found.)
 *
 * The layout follows measurements on 100k stored hashes at distance 6 (bench/accidents.bench.ts;
 * the figures are in bench/results/accidents.json), on this 2-core machine:
 * - m = d + 1 chunks probed exactly: 7 tables of 9-bit chunks, so a lookup is 7 bucket reads of
 *   ~N/512 entries each (~1,400 candidates for uniform hashes, ~1,800 for hashes derived from
 *   photos, which cluster). Four 16-bit chunks probed at radius 1 read 8x fewer candidates, but
 *   through 68 probes each a cache miss, and every candidate another one into the hash array:
 *   29–45k lookups/s against 110–160k here.
 * - A bucket holds its entries' hashes inline (hi, lo pairs in one Uint32Array, grown by doubling,
 *   so adding stays O(1) and needs no rebuild) and their entry numbers apart, read on a match only.
 *   Memory: about 8 + 12·m bytes per entry (plus up to 2x slack in the buckets).
 * - m stays between 4 (chunks of at most 16 bits: at most 65,536 buckets per table) and 7 (past 7,
 *   buckets grow so large that radius 1 over 7 chunks is cheaper).
 * - An entry met in several tables is reported by the first table that reaches it (where its chunk
 *   differs from the query's by at most the radius), so nothing needs a set of seen entries.
 */
export class HashIndex<T> {
  /** hi, lo of entry i at 2i, 2i+1: for `scan`, independent of the tables. */
  private words = new Uint32Array(2048);
  private readonly values: T[] = [];
  /** Chunk k is bits [starts[k], starts[k] + widths[k]); its table's buckets start at bases[k]. */
  private readonly starts: Int32Array;
  private readonly widths: Int32Array;
  private readonly bases: Int32Array;
  /** Per table, the probe masks for the largest radius, fewest bits first; probes[k][r] how many have ≤ r bits. */
  private readonly masks: Int32Array[];
  private readonly probes: Int32Array[];
  /** Bucket b (of every table, one after the other): `lens[b]` entries, hashes in `pairs[b]`, entry numbers in `ids[b]`. */
  private readonly pairs: Uint32Array[];
  private readonly ids: Int32Array[];
  private readonly lens: Int32Array;

  /** Maximum distance `near` supports; chosen when the index is made. */
  constructor(readonly maxDistance: number) {
    if (maxDistance < 0 || maxDistance > 11) throw new Error('HashIndex supports distances 0..11');
    const m = Math.min(7, Math.max(4, maxDistance + 1));
    const maxRadius = Math.floor(maxDistance / m);
    this.starts = new Int32Array(m);
    this.widths = new Int32Array(m);
    this.bases = new Int32Array(m);
    this.masks = [];
    this.probes = [];
    let buckets = 0;
    for (let k = 0; k < m; k++) {
      const start = 1 + Math.floor((k * 63) / m);
      const width = 1 + Math.floor(((k + 1) * 63) / m) - start;
      this.starts[k] = start;
      this.widths[k] = width;
      this.bases[k] = buckets;
      buckets += 1 << width;
      const masks = probeMasks(width, maxRadius);
      this.masks.push(masks);
      this.probes.push(Int32Array.from({ length: maxRadius + 1 }, (_, r) => masks.filter((x) => popcount32(x) <= r).length));
    }
    this.pairs = new Array<Uint32Array>(buckets).fill(NO_PAIRS);
    this.ids = new Array<Int32Array>(buckets).fill(NO_IDS);
    this.lens = new Int32Array(buckets);
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
    for (let k = 0; k < this.starts.length; k++) {
      const b = this.bases[k]! + chunkOf(hi, lo, this.starts[k]!, this.widths[k]!);
      const n = this.lens[b]!;
      let pairs = this.pairs[b]!;
      let ids = this.ids[b]!;
      if (n === ids.length) {
        const capacity = Math.max(4, 2 * n);
        pairs = new Uint32Array(2 * capacity);
        pairs.set(this.pairs[b]!);
        ids = new Int32Array(capacity);
        ids.set(this.ids[b]!);
        this.pairs[b] = pairs;
        this.ids[b] = ids;
      }
      pairs[2 * n] = hi;
      pairs[2 * n + 1] = lo;
      ids[n] = i;
      this.lens[b] = n + 1;
    }
  }

  /** Entries within `distance` (≤ maxDistance) of `hash`, nearest first, each once. */
  near(hash: string, distance: number = this.maxDistance): HashMatch<T>[] {
    if (distance > this.maxDistance) throw new Error(`index built for distance ≤ ${this.maxDistance}`);
    const [hi, lo] = halves(hash);
    const { starts, widths, bases, pairs: allPairs, lens } = this;
    const radius = Math.floor(distance / starts.length);
    const out: HashMatch<T>[] = [];
    for (let k = 0; k < starts.length; k++) {
      const c = chunkOf(hi, lo, starts[k]!, widths[k]!);
      const masks = this.masks[k]!;
      const probes = this.probes[k]![radius]!;
      for (let p = 0; p < probes; p++) {
        const b = bases[k]! + (c ^ masks[p]!);
        const pairs = allPairs[b]!;
        const n = lens[b]!;
        for (let j = 0; j < n; j++) {
          const dHi = popcount32(pairs[2 * j]! ^ hi);
          if (dHi > distance) continue;
          const d = dHi + popcount32(pairs[2 * j + 1]! ^ lo);
          if (d > distance || this.reachedBefore(k, pairs[2 * j]! ^ hi, pairs[2 * j + 1]! ^ lo, radius)) continue;
          out.push({ value: this.values[this.ids[b]![j]!]!, hash: toHex(pairs[2 * j]!, pairs[2 * j + 1]!), distance: d });
        }
      }
    }
    return out.length > 1 ? out.sort((a, b) => a.distance - b.distance) : out;
  }

  /** Whether a table before `k` reached the entry whose XOR with the query is (xHi, xLo). */
  private reachedBefore(k: number, xHi: number, xLo: number, radius: number): boolean {
    for (let e = 0; e < k; e++) if (popcount32(chunkOf(xHi, xLo, this.starts[e]!, this.widths[e]!)) <= radius) return true;
    return false;
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
