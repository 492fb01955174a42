import type { WorkItem } from '#shared/domain/items';
import { rowToItem } from '../sqlite/items';

/** An items row as read (or as written), the columns `rowToItem` parses. */
export type ItemRow = Parameters<typeof rowToItem>[0];

/**
 * Parsed items by id with the row each was parsed from or written as, as the SQLite store keeps
 * them (sqlite/items.ts ParsedItems, where the reasons are): `rowToItem` is a pure function of
 * the row, so while a row read is the same, column for column, as the remembered one, its parse
 * is reused; parsing the JSON columns with the item schema is the largest cost of a command's
 * read. Keyed by content, so it stays right whatever another instance or a rolled-back
 * transaction wrote: a row that differs is parsed afresh. Written items enter only as the
 * caller's validated value. Items are frozen, as they are shared.
 */
const SAME_COLUMNS: readonly (keyof ItemRow)[] = [
  'version',
  'updated_at',
  'status',
  'claimed_by',
  'claim_expires_at',
  'unit_code',
  'kind',
  'submitted_at',
  'due_at',
  'notes',
  'data',
];
const PARSED_MAX = 5_000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class ParsedItems {
  private readonly map = new Map<string, { row: ItemRow; item: WorkItem }>();

  parse(row: ItemRow): WorkItem {
    const hit = this.map.get(row.id);
    if (hit && SAME_COLUMNS.every((c) => hit.row[c] === row[c])) return hit.item;
    const item = deepFreeze(rowToItem(row));
    this.remember(row, item);
    return item;
  }

  /** A written item: `row` as written from `item`. */
  remember(row: ItemRow, item: WorkItem): void {
    if (this.map.size >= PARSED_MAX) this.map.clear();
    this.map.set(row.id, { row, item: deepFreeze(item) });
  }
}
