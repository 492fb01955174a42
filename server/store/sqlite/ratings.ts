import type { Statements } from './db';
import { ItemKindSchema } from '#shared/domain/items';
import type { RatingRecord } from '../store';

/**
 * Citizens' ratings (table ratings, migration 0110): one per item, never changed. Unit and service
 * are copied from the item when it is rated, so the satisfaction figures group this table alone.
 */
interface Row {
  item_id: string;
  kind: string;
  unit_code: string;
  service_code: string;
  stars: number;
  comment: string | null;
  at: string;
}

export function ratingQueries(s: Statements) {
  return {
    addRating(r: RatingRecord): boolean {
      const info = s
        .get('INSERT INTO ratings (item_id, kind, unit_code, service_code, stars, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO NOTHING')
        .run(r.itemId, r.kind, r.unitCode, r.serviceCode, r.stars, r.comment, r.at);
      return info.changes === 1;
    },
    getRating(itemId: string): RatingRecord | undefined {
      const row = s.get('SELECT * FROM ratings WHERE item_id = ?').get(itemId) as Row | undefined;
      if (!row) return undefined;
      return { itemId: row.item_id, kind: ItemKindSchema.parse(row.kind), unitCode: row.unit_code, serviceCode: row.service_code, stars: row.stars, comment: row.comment, at: row.at };
    },
  };
}
