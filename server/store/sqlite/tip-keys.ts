import { z } from 'zod';
import { TipCategorySchema } from '#shared/domain/items';
import type { Statements } from './db';
import type { TipMatchInput } from '../store';

/**
 * The lookup keys of tips (table tip_keys, migration 100): one row per tip and key
 * (shared/rules/tipDuplicates.ts `lookupKeys`: venues, house numbers, roads, phones, accounts,
 * plates), with the tip's city and submission time. Its primary key (city, key, submitted_at,
 * tip_id) is the lookup: the tips of one key in one city within a window, newest first, read from
 * the index alone and cut at a limit, however many tips a key has. Written once at intake; a tip's
 * text never changes afterwards.
 */
const LocationSchema = z.object({ address: z.string(), lat: z.number().nullable(), lng: z.number().nullable() }).nullable();

interface MatchRow {
  id: string;
  submitted_at: string;
  category: string;
  content: string;
  location: string | null;
}

export function tipKeyQueries(s: Statements) {
  return {
    recordTipKeys(tipId: string, city: string, submittedAt: string, keys: readonly string[]): void {
      const insert = s.get('INSERT OR IGNORE INTO tip_keys (city, key, submitted_at, tip_id) VALUES (?, ?, ?, ?)');
      for (const key of new Set(keys)) insert.run(city, key, submittedAt, tipId);
    },
    tipsByKey(city: string, key: string, from: string, to: string, limit: number): string[] {
      return s
        .get('SELECT tip_id FROM tip_keys WHERE city = ? AND key = ? AND submitted_at >= ? AND submitted_at <= ? ORDER BY submitted_at DESC LIMIT ?')
        .pluck()
        .all(city, key, from, to, limit) as string[];
    },
    tipMatchInputs(ids: readonly string[]): TipMatchInput[] {
      const read = s.get(
        `SELECT id, submitted_at, json_extract(data, '$.category') AS category, json_extract(data, '$.content') AS content,
           json_extract(data, '$.location') AS location FROM items WHERE id = ? AND kind = 'tip'`,
      );
      const out: TipMatchInput[] = [];
      for (const id of ids) {
        const row = read.get(id) as MatchRow | undefined;
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
