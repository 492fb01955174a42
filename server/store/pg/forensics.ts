import { halves, hammingDistance, HashIndex, toHex, VIEW_NAMES, type ViewHash } from '#shared/rules/phash';
import { FORENSICS_THRESHOLDS, type ForensicsThresholds } from '#shared/rules/forensics';
import type { ForensicsRepo, PhotoMatch, PhotoViews } from '../store';
import type { Conn } from './db';

/**
 * Photo forensics as in sqlite/forensics.ts (see there for the two indexes and why an index
 * entry is only a candidate, confirmed by its row): the same in-memory multi-index, loaded at
 * open. Other instances add photos too, so before each lookup the index takes in the rows
 * written since the last one it saw (photo_hashes.id, drawn under the writer lock, so ids
 * become visible in order and "after the last seen" misses none). Rows this instance writes are
 * taken in the same way; a photo is indexed once, whoever reads its row first.
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
  id: number;
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

/** The index shared by every connection of one store; `catchUp` reads through whichever connection asks. */
export class PhotoIndex {
  readonly wholeFrames: HashIndex<Entry>;
  readonly cropViews: HashIndex<Entry>;
  private readonly indexed = new Set<string>();
  private lastId = 0;

  constructor(readonly thresholds: ForensicsThresholds = FORENSICS_THRESHOLDS) {
    this.wholeFrames = new HashIndex<Entry>(thresholds.nearDuplicateDistance);
    this.cropViews = new HashIndex<Entry>(thresholds.nearDuplicateDistance);
  }

  /**
   * Takes in the rows after the last id seen. Inside a transaction that includes its own
   * uncommitted rows; should it roll back, their entries stay as candidates no row confirms.
   */
  async catchUp(c: Conn): Promise<void> {
    const rows = await c.query<Row>('SELECT id, sha256, hash, views, dhashes FROM photo_hashes WHERE id > $1 ORDER BY id', [this.lastId]);
    for (const row of rows) {
      if (this.indexed.has(row.sha256)) continue;
      this.indexed.add(row.sha256);
      viewsOf(row).forEach((hash, view) => {
        if (hash !== null) (view === 0 ? this.wholeFrames : this.cropViews).add(hash.p, { sha256: row.sha256, view });
      });
    }
    // two catch-ups may overlap (the pool and a transaction): the last id only moves forward
    if (rows.length > 0) this.lastId = Math.max(this.lastId, rows[rows.length - 1]!.id);
  }

  get size(): number {
    return this.wholeFrames.size + this.cropViews.size;
  }
}

export function forensicsRepo(c: Conn, index: PhotoIndex): ForensicsRepo {
  const t = index.thresholds;
  return {
    async photoViews(sha256) {
      const [row] = await c.query<Row>('SELECT hash, views, dhashes FROM photo_hashes WHERE sha256 = $1', [sha256]);
      return row && viewsOf(row);
    },
    async addPhotoHashes(itemId, photos) {
      for (const p of photos) {
        if (p.views.length !== VIEW_COUNT || !p.views[0]) throw new Error(`photo ${p.sha256}: ${VIEW_COUNT} views with a whole-frame hash expected`);
      }
      if (photos.length === 0) return;
      // the id is drawn under the writer lock (see the header); the first case keeps the photo
      await c.write(async (w) => {
        for (const p of photos) {
          const pBytes = p.views.slice(1).map((v) => encode(v?.p ?? null));
          const dBytes = p.views.map((v) => encode(v?.d ?? null));
          await w.run('INSERT INTO photo_hashes (sha256, hash, views, dhashes, item_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING', [
            p.sha256,
            encode(p.views[0]!.p),
            Buffer.concat(pBytes),
            Buffer.concat(dBytes),
            itemId,
          ]);
        }
      });
    },
    async nearPhotos(views: PhotoViews, distance: number = t.nearDuplicateDistance): Promise<PhotoMatch[]> {
      await index.catchUp(c);
      // candidates from the index: every photo and view pair within the distance
      const candidates = new Map<string, [number, number][]>();
      const collect = (qv: number, matches: readonly { value: Entry }[]): void => {
        for (const m of matches) {
          const pairs = candidates.get(m.value.sha256) ?? [];
          pairs.push([qv, m.value.view]);
          candidates.set(m.value.sha256, pairs);
        }
      };
      views.forEach((hash, qv) => {
        if (hash === null) return;
        // a view is compared with a whole frame only (shared/rules/phash.ts VIEW_CROP)
        collect(qv, index.wholeFrames.near(hash.p, distance));
        if (qv === 0) collect(qv, index.cropViews.near(hash.p, distance));
      });
      if (candidates.size === 0) return [];
      // each confirmed by its row and by the same views' dHash; its distance is the best confirmed pair's pHash distance
      const rows = await c.query<Row>('SELECT sha256, item_id, hash, views, dhashes FROM photo_hashes WHERE sha256 = ANY($1::text[])', [[...candidates.keys()]]);
      const out: PhotoMatch[] = [];
      for (const stored of rows) {
        const theirs = viewsOf(stored);
        let best = Infinity;
        for (const [qv, sv] of candidates.get(stored.sha256)!) {
          const q = views[qv];
          const e = theirs[sv];
          if (!q || !e || hammingDistance(q.d, e.d) > t.nearDuplicateConfirmDistance) continue;
          best = Math.min(best, hammingDistance(q.p, e.p));
        }
        if (best <= distance) out.push({ sha256: stored.sha256, itemId: stored.item_id, distance: best });
      }
      return out.sort((a, b) => a.distance - b.distance || (a.sha256 < b.sha256 ? -1 : 1));
    },
  };
}
