import type { ViewDef } from '../workspace/types';

/**
 * Saved views of the application queue, in the order of their number keys; the console core
 * evaluates each in SQLite (items.query). The first is the default: the open work — every
 * application that is not finished (shared/domain/status.ts TERMINAL). "Due today" and "overdue"
 * count only applications whose deadline clock runs.
 */
export const VIEWS: readonly ViewDef[] = [
  { id: 'open', labelKey: 'applications:views.open', testId: 'view-open', query: { view: 'open' } },
  { id: 'mine', labelKey: 'applications:views.mine', testId: 'view-mine', query: { view: 'mine' } },
  { id: 'dueToday', labelKey: 'applications:views.dueToday', testId: 'view-due-today', query: { view: 'due_today' } },
  { id: 'overdue', labelKey: 'applications:views.overdue', testId: 'view-overdue', query: { view: 'overdue' } },
  { id: 'supplement', labelKey: 'applications:views.supplement', testId: 'view-supplement', query: { view: 'supplement' } },
  { id: 'all', labelKey: 'applications:views.all', testId: 'view-all', query: { view: 'all' } },
];
