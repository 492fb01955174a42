import { z } from 'zod';
import { TipCategorySchema } from '#shared/domain/items';
import type { TipKeyRepo, TipMatchInput } from '../store';
import type { Conn } from './db';

/** Tip lookup keys (sqlite/tip-keys.ts): the primary key (city, key, submitted_at, tip_id) is the lookup. */
const LocationSchema = z.object({ address: z.string(), lat: z.number().nullable(), lng: z.number().nullable() }).nullable();

interface MatchRow {
  id: string;
  submitted_at: string;
  category: string;
  content: string;
  location: string | null;
}

export function tipKeyRepo(c: Conn): TipKeyRepo {
  return {
    async record(tipId, city, submittedAt, keys) {
      if (keys.length === 0) return;
      await c.run(
        `INSERT INTO tip_keys (city, key, submitted_at, tip_id) SELECT $1::text, k, $2::text, $3::text FROM unnest($4::text[]) AS k ON CONFLICT DO NOTHING`,
        [city, submittedAt, tipId, [...new Set(keys)]],
      );
    },
    async byKey(city, key, from, to, limit) {
      // newest first, ties as SQLite's backward walk of the same primary key gives them
      const rows = await c.query<{ tip_id: string }>(
        'SELECT tip_id FROM tip_keys WHERE city = $1 AND key = $2 AND submitted_at >= $3 AND submitted_at <= $4 ORDER BY submitted_at DESC, tip_id DESC LIMIT $5',
        [city, key, from, to, limit],
      );
      return rows.map((r) => r.tip_id);
    },
    async matchInputs(ids) {
      if (ids.length === 0) return [];
      const rows = await c.query<MatchRow>(
        `SELECT id, submitted_at, data::json ->> 'category' AS category, data::json ->> 'content' AS content, data::json ->> 'location' AS location
         FROM items WHERE id = ANY($1::text[]) AND kind = 'tip'`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const out: TipMatchInput[] = [];
      // in the order asked, as the SQLite store reads them one by one
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        // the JSON columns parsed with their schema (STYLE.md "Data"); only the fields scoring reads
        out.push({
          id: row.id,
          submittedAt: row.submitted_at,
          category: TipCategorySchema.parse(row.category),
          content: row.content,
          location: LocationSchema.parse(row.location === null ? null : JSON.parse(row.location)),
        });
      }
      return out;
    },
  };
}
