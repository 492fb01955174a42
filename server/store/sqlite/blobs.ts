import fs from 'node:fs';
import path from 'node:path';
import type { Statements } from './db';
import { AttachmentContentTypeSchema } from '#shared/domain/attachments';
import type { BlobMeta } from '../store';

/**
 * Blob bytes live on disk under `<dir>/<first two hex>/<sha256>`, written to a temp file and renamed
 * so a crash never leaves a half file under a valid name. The table only holds metadata.
 */
export function blobQueries(s: Statements, dir: string) {
  const fileOf = (sha256: string) => path.join(dir, sha256.slice(0, 2), sha256);
  // Blob rows are immutable and never deleted, so a row once read stays true; intake checks the
  // same few photos over and over during bulk loads. Bounded so a long-running exchange stays small.
  const known = new Map<string, BlobMeta>();
  const MAX_KNOWN = 20_000;

  return {
    putBlob(meta: BlobMeta, bytes: Buffer): void {
      const file = fileOf(meta.sha256);
      if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        fs.writeFileSync(tmp, bytes);
        fs.renameSync(tmp, file);
      }
      s.get('INSERT OR IGNORE INTO blobs (sha256, content_type, size, taken_at, gps_lat, gps_lng) VALUES (?, ?, ?, ?, ?, ?)').run(
        meta.sha256,
        meta.contentType,
        meta.size,
        meta.takenAt,
        meta.gps?.lat ?? null,
        meta.gps?.lng ?? null,
      );
    },
    getBlob(sha256: string): BlobMeta | undefined {
      const cached = known.get(sha256);
      if (cached) return cached;
      const row = s.get('SELECT * FROM blobs WHERE sha256 = ?').get(sha256) as
        | { sha256: string; content_type: string; size: number; taken_at: string | null; gps_lat: number | null; gps_lng: number | null }
        | undefined;
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
    readBlob(sha256: string): Buffer | undefined {
      try {
        return fs.readFileSync(fileOf(sha256));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}
