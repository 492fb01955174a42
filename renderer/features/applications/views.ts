import type { QueueView as CoreView } from '#shared/contract/bridge';

/**
 * Saved views of the application queue; the console core evaluates them in SQLite (items.query).
 * "Due today" and "overdue" only count open items: a finished application is no one's deadline.
 */
export const VIEWS = ['all', 'mine', 'dueToday', 'overdue', 'supplement'] as const;
export type QueueView = (typeof VIEWS)[number];

export const CORE_VIEW: Readonly<Record<QueueView, CoreView>> = {
  all: 'all',
  mine: 'mine',
  dueToday: 'due_today',
  overdue: 'overdue',
  supplement: 'supplement',
};

export const VIEW_TEST_ID: Readonly<Record<QueueView, string>> = {
  all: 'view-all',
  mine: 'view-mine',
  dueToday: 'view-due-today',
  overdue: 'view-overdue',
  supplement: 'view-supplement',
};

/** Not finished, by the status machine's terminal list. */
export const OPEN_APPLICATION_STATUSES = ['submitted', 'supplement_requested', 'approved'] as const;

export function isOpenStatus(status: string): boolean {
  return (OPEN_APPLICATION_STATUSES as readonly string[]).includes(status);
}
