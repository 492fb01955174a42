import { AttachmentContentTypeSchema } from '#shared/domain/attachments';
import type { BlobMeta, BlobRepo } from '../store';
import type { Conn } from './db';

/**
 * Blobs, bytes and metadata in one row (why in the database: pg/migrations.ts). Rows are
 * immutable and never deleted, so metadata once read stays true on every instance and is cached
 * (bounded) as the SQLite store does: intake checks the same few photos over and over.
 */
const MAX_KNOWN = 20_000;

interface Row {
  sha256: string;
  content_type: string;
  size: number;
  taken_at: string | null;
  gps_lat: number | null;
  gps_lng: number | null;
}

export function blobRepo(c: Conn, known: Map<string, BlobMeta>): BlobRepo {
  return {
    async put(meta, bytes) {
      // a blob already stored is not sent again
      if (known.has(meta.sha256)) return;
      await c.run(
        'INSERT INTO blobs (sha256, content_type, size, taken_at, gps_lat, gps_lng, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256) DO NOTHING',
        [meta.sha256, meta.contentType, meta.size, meta.takenAt, meta.gps?.lat ?? null, meta.gps?.lng ?? null, bytes],
      );
    },
    async meta(sha256) {
      const cached = known.get(sha256);
      if (cached) return cached;
      const [row] = await c.query<Row>('SELECT sha256, content_type, size, taken_at, gps_lat, gps_lng FROM blobs WHERE sha256 = $1', [sha256]);
      if (!row) return undefined;
      const meta: BlobMeta = {
        sha256: row.sha256,
        contentType: AttachmentContentTypeSchema.parse(row.content_type),
        size: row.size,
        takenAt: row.taken_at,
        gps: row.gps_lat === null || row.gps_lng === null ? null : { lat: row.gps_lat, lng: row.gps_lng },
      };
      if (known.size >= MAX_KNOWN) known.clear();
      known.set(sha256, meta);
      return meta;
    },
    async read(sha256) {
      const [row] = await c.query<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE sha256 = $1', [sha256]);
      return row?.bytes;
    },
  };
}
