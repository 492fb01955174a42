import type { Statements } from './db';
import { halves, HashIndex, toHex, VIEW_NAMES } from '#shared/rules/phash';
import { FORENSICS_THRESHOLDS } from '#shared/rules/forensics';
import type { PhotoMatch, PhotoViews } from '../store';

/**
 * Perceptual hashes of accident photos (table photo_hashes, migration 0080) and the in-memory
 * multi-index over them (shared/rules/phash.ts HashIndex), loaded when the store opens and added
 * to on every write.
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
  item_id: string;
}

function viewsOf(row: Pick<Row, 'hash' | 'views'>): PhotoViews {
  const out: (string | null)[] = [decode(row.hash, 0)];
  for (let v = 1; v < VIEW_COUNT; v++) out.push(decode(row.views, (v - 1) * 8));
  return out;
}

export function forensicsQueries(s: Statements, maxDistance = FORENSICS_THRESHOLDS.nearDuplicateDistance) {
  const index = new HashIndex<Entry>(maxDistance);
  const addToIndex = (sha256: string, views: PhotoViews): void => {
    views.forEach((hash, view) => {
      if (hash !== null) index.add(hash, { sha256, view });
    });
  };
  for (const row of s.get('SELECT sha256, hash, views FROM photo_hashes').iterate() as IterableIterator<Row>) addToIndex(row.sha256, viewsOf(row));

  return {
    photoViews(sha256: string): PhotoViews | undefined {
      const row = s.get('SELECT hash, views FROM photo_hashes WHERE sha256 = ?').get(sha256) as Row | undefined;
      return row && viewsOf(row);
    },
    addPhotoHashes(itemId: string, photos: readonly { sha256: string; views: PhotoViews }[]): void {
      const insert = s.get('INSERT OR IGNORE INTO photo_hashes (sha256, hash, views, item_id) VALUES (?, ?, ?, ?)');
      for (const p of photos) {
        if (p.views.length !== VIEW_COUNT || !p.views[0]) throw new Error(`photo ${p.sha256}: ${VIEW_COUNT} views with a whole-frame hash expected`);
        // the first case keeps the photo; a later case with the very same bytes is found by it
        if (insert.run(p.sha256, encode(p.views[0]), Buffer.concat(p.views.slice(1).map((v) => encode(v ?? null))), itemId).changes === 1) addToIndex(p.sha256, p.views);
      }
    },
    nearPhotos(views: PhotoViews, distance: number = maxDistance): PhotoMatch[] {
      const best = new Map<string, number>();
      views.forEach((hash, qv) => {
        if (hash === null) return;
        for (const m of index.near(hash, distance)) {
          // a view is compared with a whole frame only (shared/rules/phash.ts VIEW_CROP)
          if (qv !== 0 && m.value.view !== 0) continue;
          const known = best.get(m.value.sha256);
          if (known === undefined || m.distance < known) best.set(m.value.sha256, m.distance);
        }
      });
      const owner = s.get('SELECT item_id FROM photo_hashes WHERE sha256 = ?').pluck();
      const out: PhotoMatch[] = [];
      for (const [sha256, d] of best) {
        const itemId = owner.get(sha256) as string | undefined;
        if (itemId !== undefined) out.push({ sha256, itemId, distance: d });
      }
      return out.sort((a, b) => a.distance - b.distance);
    },
    photoIndexSize(): number {
      return index.size;
    },
  };
}
