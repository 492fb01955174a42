import type { ItemRow } from '#shared/contract/bridge';
import type { WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { checkAction } from '#shared/rules/commands';

/**
 * Whether the officer can work on a queue row: open (the claim transition starts from exactly the
 * statuses that are not terminal), in scope, and not held by someone else's live lease — the
 * command core's `claim` check (an own claim passes: claiming again renews it).
 *
 * `checkAction(…, 'claim')` reads only the item's kind, unitCode, status, claimedBy and
 * claimExpiresAt (claim has no body and no precondition on the kind's data), all of which a row
 * carries, so the row stands in for the item here. tests/unit/renderer/features/workspace/next.test.ts
 * pins that this equals the check on the full item; if claim ever gains a rule on the data, that
 * test fails and this needs the items themselves.
 */
export function rowIsWorkable(row: ItemRow, officer: Officer, now: Date): boolean {
  const asItem = { ...row, notes: [], data: {} } as unknown as WorkItem;
  return checkAction(asItem, 'claim', { officer, now }) === null;
}

export interface PageFetcher {
  (offset: number, limit: number): Promise<{ rows: readonly ItemRow[]; total: number }>;
}

export interface NextFound {
  readonly row: ItemRow;
  readonly index: number;
}

/**
 * The first row at or after `start` that passes `ok`, wrapping around to the top once and
 * stopping before `start` again; `skipId` (the item open now) never counts. Reads pages of `page`
 * rows and at most `maxRows` rows in all, so a queue of 100k rows all held by colleagues costs a
 * bounded number of queries, not a scan of everything.
 */
export async function findNext(fetch: PageFetcher, start: number, ok: (row: ItemRow) => boolean, opts: { skipId?: string | null; page?: number; maxRows?: number } = {}): Promise<NextFound | null> {
  const page = opts.page ?? 100;
  const maxRows = opts.maxRows ?? 5000;
  let read = 0;
  let total = Number.POSITIVE_INFINITY;
  // first from `start` to the end, then from the top up to `start`
  const passes: Array<[number, () => number]> = [
    [Math.max(0, start), () => total],
    [0, () => Math.min(start, total)],
  ];
  for (const [from, end] of passes) {
    for (let offset = from; offset < end() && read < maxRows; offset += page) {
      const limit = Math.min(page, maxRows - read);
      const res = await fetch(offset, limit);
      total = res.total;
      read += res.rows.length;
      const i = res.rows.findIndex((r) => r.id !== opts.skipId && ok(r));
      if (i >= 0 && offset + i < end()) return { row: res.rows[i]!, index: offset + i };
      if (res.rows.length < limit) break;
    }
    if (start <= 0) break;
  }
  return null;
}
