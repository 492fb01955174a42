import type { QueueColumn, QueueFilter } from '#shared/contract/bridge';

/**
 * Building blocks for a kind's `mapping().filter`: ag-grid's filter models (text, number, date)
 * as the console core's queue filters. A kind says which grid column is which; these say how
 * each kind of filter reads. (features/accidents/columns.tsx predates them and spells the same
 * rules out inline.)
 */
export type FilterModel = { filterType?: string; type?: string; filter?: string | number | null; dateFrom?: string | null };

export const TEXT_FILTER = { filterOptions: ['contains', 'equals', 'startsWith'], maxNumConditions: 1 };
export const DATE_FILTER = { filterOptions: ['lessThan', 'greaterThan'], maxNumConditions: 1 };
export const NUMBER_FILTER = { filterOptions: ['equals', 'greaterThan', 'lessThan'], maxNumConditions: 1 };

export const modelOf = (raw: unknown): FilterModel => (raw ?? {}) as FilterModel;

type TextOp = 'contains' | 'equals' | 'startsWith';
function textOp(m: FilterModel): TextOp {
  return m.type === 'equals' ? 'equals' : m.type === 'startsWith' ? 'startsWith' : 'contains';
}

/** The typed text, trimmed (empty: no filter). */
export function filterText(m: FilterModel): string {
  return String(m.filter ?? '').trim();
}

/** A text column filtered as typed. */
export function textFilter(col: QueueColumn, m: FilterModel): QueueFilter | null {
  const text = filterText(m);
  return text === '' ? null : { col, op: textOp(m), value: text.slice(0, 200) };
}

/** `2026-11-20 00:00:00` picked in the date filter is a Shanghai date: its day starts at 16:00Z the day before. */
function shanghaiDayStart(ymdTime: string, plusDays: number): string {
  return new Date(Date.parse(`${ymdTime.slice(0, 10)}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();
}

/** Before the picked (Shanghai) day, or after it (from the next day on). */
export function dateFilter(col: QueueColumn, m: FilterModel): QueueFilter | null {
  if (!m.dateFrom) return null;
  return m.type === 'lessThan' ? { col, op: 'before', value: shanghaiDayStart(m.dateFrom, 0) } : { col, op: 'after', value: shanghaiDayStart(m.dateFrom, 1) };
}

/** A count: greater than n is the core's "at least n + 1", less than n its `before`. */
export function countFilter(col: QueueColumn, m: FilterModel): QueueFilter | null {
  const n = typeof m.filter === 'number' ? Math.max(0, Math.floor(m.filter)) : Number.NaN;
  if (!Number.isFinite(n)) return null;
  if (m.type === 'greaterThan') return { col, op: 'after', value: String(n + 1) };
  if (m.type === 'lessThan') return { col, op: 'before', value: String(n) };
  return { col, op: 'equals', value: String(n) };
}

/**
 * A column the grid shows as words but the core stores as codes (status, category, a unit): the
 * codes whose shown words match what was typed, as an `in` filter; none matching filters all out.
 * `value` is capped at the bridge's 200 characters (the first codes win).
 */
export function codesFilter(col: QueueColumn, m: FilterModel, codes: readonly string[], label: (code: string) => string): QueueFilter | null {
  const text = filterText(m);
  if (text === '') return null;
  const op = textOp(m);
  const matching = codes.filter((c) => {
    const shown = label(c);
    return c === text || (op === 'equals' ? shown === text : op === 'startsWith' ? shown.startsWith(text) : shown.includes(text));
  });
  let value = '';
  for (const c of matching) {
    const next = value === '' ? c : `${value},${c}`;
    if (next.length > 200) break;
    value = next;
  }
  return { col, op: 'in', value: value === '' ? '-' : value };
}

/** The holder column: "you" (as the grid shows the signed-in officer) is their badge. */
export function claimedByFilter(m: FilterModel, me: string, meLabel: string): QueueFilter | null {
  const text = filterText(m);
  if (text === '') return null;
  if (text === meLabel) return { col: 'claimedBy', op: 'equals', value: me };
  return textFilter('claimedBy', m);
}
