import type { Statements } from './db';
import { halves, hammingDistance, HashIndex, toHex, VIEW_NAMES, type ViewHash } from '#shared/rules/phash';
import { FORENSICS_THRESHOLDS, type ForensicsThresholds } from '#shared/rules/forensics';
import type { PhotoMatch, PhotoViews } from '../store';

/**
 * Perceptual hashes of accident photos (table photo_hashes, migration 0080) and the in-memory
 * multi-index over them (shared/rules/phash.ts HashIndex), loaded when the store opens and added
 * to on every write.
 *
 * Two indexes: the pHash of every whole frame, and of every crop view. A view is compared with a
 * whole frame only (shared/rules/phash.ts VIEW_CROP), so a query's whole frame is looked up in
 * both and its crop views in the first only: a photo's lookup reads 1 + 1 + 5 = 7 sixths of the
 * hashes a single index would read 6 times (bench/accidents.bench.ts "photo lookup at intake").
 * A match is confirmed with the dHash of the same two views (shared/rules/forensics.ts
 * `nearDuplicateConfirmDistance`).
 *
 * The index is not transactional: an intake that adds hashes and then rolls back leaves entries
 * no row has. So an entry is only a candidate: `nearPhotos` confirms each with its row (a primary
 * key lookup; a lookup has a handful of candidates) and reports the row's case. The index may
 * hold a photo twice after such a rollback and a retry; results are per photo, so that is harmless.
 */
const FLAT = Buffer.alloc(8, 0xff);
const VIEW_COUNT = VIEW_NAMES.length;

function encode(hash: string | null): Buffer {
  if (hash === null) return FLAT;
  const [hi, lo] = halves(hash);
  const b = Buffer.alloc(8);
  b.writeUInt32BE(hi, 0);
  b.writeUInt32BE(lo, 4);
  return b;
}

function decode(b: Buffer, at: number): string | null {
  if (b.subarray(at, at + 8).equals(FLAT)) return null;
  return toHex(b.readUInt32BE(at), b.readUInt32BE(at + 4));
}

interface Entry {
  readonly sha256: string;
  /** 0 = the whole frame, else a crop view (VIEW_NAMES). */
  readonly view: number;
}

interface Row {
  sha256: string;
  hash: Buffer;
  views: Buffer;
  dhashes: Buffer;
  item_id: string;
}

function viewsOf(row: Pick<Row, 'hash' | 'views' | 'dhashes'>): PhotoViews {
  const out: (ViewHash | null)[] = [];
  for (let v = 0; v < VIEW_COUNT; v++) {
    const p = v === 0 ? decode(row.hash, 0) : decode(row.views, (v - 1) * 8);
    const d = decode(row.dhashes, v * 8);
    out.push(p === null || d === null ? null : { p, d });
  }
  return out;
}

export function forensicsQueries(s: Statements, t: ForensicsThresholds = FORENSICS_THRESHOLDS) {
  const wholeFrames = new HashIndex<Entry>(t.nearDuplicateDistance);
  const cropViews = new HashIndex<Entry>(t.nearDuplicateDistance);
  const addToIndex = (sha256: string, views: PhotoViews): void => {
    views.forEach((hash, view) => {
      if (hash !== null) (view === 0 ? wholeFrames : cropViews).add(hash.p, { sha256, view });
    });
  };
  for (const row of s.get('SELECT sha256, hash, views, dhashes FROM photo_hashes').iterate() as IterableIterator<Row>) addToIndex(row.sha256, viewsOf(row));

  return {
    photoViews(sha256: string): PhotoViews | undefined {
      const row = s.get('SELECT hash, views, dhashes FROM photo_hashes WHERE sha256 = ?').get(sha256) as Row | undefined;
      return row && viewsOf(row);
    },
    addPhotoHashes(itemId: string, photos: readonly { sha256: string; views: PhotoViews }[]): void {
      const insert = s.get('INSERT OR IGNORE INTO photo_hashes (sha256, hash, views, dhashes, item_id) VALUES (?, ?, ?, ?, ?)');
      for (const p of photos) {
        if (p.views.length !== VIEW_COUNT || !p.views[0]) throw new Error(`photo ${p.sha256}: ${VIEW_COUNT} views with a whole-frame hash expected`);
        const pBytes = p.views.slice(1).map((v) => encode(v?.p ?? null));
        const dBytes = p.views.map((v) => encode(v?.d ?? null));
        // the first case keeps the photo; a later case with the very same bytes is found by it
        if (insert.run(p.sha256, encode(p.views[0].p), Buffer.concat(pBytes), Buffer.concat(dBytes), itemId).changes === 1) addToIndex(p.sha256, p.views);
      }
    },
    nearPhotos(views: PhotoViews, distance: number = t.nearDuplicateDistance): PhotoMatch[] {
      // candidates from the index: the nearest pHash per photo and view pair
      const candidates = new Map<string, { distance: number; pairs: [number, number][] }>();
      const collect = (qv: number, matches: readonly { value: Entry }[]): void => {
        for (const m of matches) {
          const c = candidates.get(m.value.sha256) ?? { distance: 64, pairs: [] };
          c.pairs.push([qv, m.value.view]);
          candidates.set(m.value.sha256, c);
        }
      };
      views.forEach((hash, qv) => {
        if (hash === null) return;
        // a view is compared with a whole frame only (shared/rules/phash.ts VIEW_CROP)
        collect(qv, wholeFrames.near(hash.p, distance));
        if (qv === 0) collect(qv, cropViews.near(hash.p, distance));
      });
      // each confirmed by its row (the index may hold entries of a rolled-back intake) and by the
      // same views' dHash; its distance is the best confirmed pair's pHash distance
      const row = s.get('SELECT item_id, hash, views, dhashes FROM photo_hashes WHERE sha256 = ?');
      const out: PhotoMatch[] = [];
      for (const [sha256, c] of candidates) {
        const stored = row.get(sha256) as Row | undefined;
        if (!stored) continue;
        const theirs = viewsOf(stored);
        let best = Infinity;
        for (const [qv, sv] of c.pairs) {
          const q = views[qv];
          const e = theirs[sv];
          if (!q || !e || hammingDistance(q.d, e.d) > t.nearDuplicateConfirmDistance) continue;
          best = Math.min(best, hammingDistance(q.p, e.p));
        }
        if (best <= distance) out.push({ sha256, itemId: stored.item_id, distance: best });
      }
      return out.sort((a, b) => a.distance - b.distance || (a.sha256 < b.sha256 ? -1 : 1));
    },
    photoIndexSize(): number {
      return wholeFrames.size + cropViews.size;
    },
  };
}
