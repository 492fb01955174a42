import type { ItemRow } from '#shared/contract/bridge';
import { isTerminal } from '#shared/domain/status';
import { formatDate } from '../../app/format';
import { daysLeftCached } from './daysLeft';
import type { DeadlineBucket } from './DeadlineOverview';

/**
 * Saved views of the queue. "Due today" and "overdue" only count open items: a completed or
 * rejected application is no longer anyone's deadline.
 */
export const VIEWS = ['all', 'mine', 'dueToday', 'overdue', 'supplement'] as const;
export type QueueView = (typeof VIEWS)[number];

export const VIEW_TEST_ID: Readonly<Record<QueueView, string>> = {
  all: 'view-all',
  mine: 'view-mine',
  dueToday: 'view-due-today',
  overdue: 'view-overdue',
  supplement: 'view-supplement',
};

export interface ViewContext {
  readonly me: string;
  readonly nowIso: string;
  readonly today: string;
}

/** Not finished: rows carry their status as a plain string, checked against the status machine. */
export function isOpen(row: ItemRow): boolean {
  return !isTerminal({ kind: row.kind, status: row.status as never });
}

export function inView(view: QueueView, row: ItemRow, ctx: ViewContext): boolean {
  switch (view) {
    case 'all':
      return true;
    case 'mine':
      return row.claimedBy === ctx.me;
    case 'dueToday':
      return row.dueAt !== null && isOpen(row) && formatDate(row.dueAt) === ctx.today;
    case 'overdue':
      return row.dueAt !== null && isOpen(row) && row.dueAt < ctx.nowIso;
    case 'supplement':
      return row.status === 'supplement_requested';
  }
}

/** Open rows with a deadline, by working days left (the overview beside the queue). */
export function deadlineCounts(rows: readonly ItemRow[], nowIso: string): Record<DeadlineBucket, number> {
  const counts: Record<DeadlineBucket, number> = { overdue: 0, today: 0, soon: 0, later: 0 };
  for (const row of rows) {
    if (!isOpen(row)) continue;
    const d = daysLeftCached(row.dueAt, nowIso);
    if (d === null) continue;
    counts[d < 0 ? 'overdue' : d === 0 ? 'today' : d <= 2 ? 'soon' : 'later'] += 1;
  }
  return counts;
}
