import type { ViewDef } from '../workspace/types';

/**
 * Saved views of the accident queue, in the order of their number keys; the console core
 * evaluates each in SQLite (items.query). The first is the default: the cases to decide (reported),
 * oldest first, which is also the order "next" claims them in. "Done today" are the cases decided
 * (determined or referred) since the start of today in Shanghai, closed ones included.
 */
const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The start of the Shanghai day containing `now`, as a UTC instant (no DST in China). */
export function shanghaiDayStart(now: Date): string {
  return new Date(Math.floor((now.getTime() + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS).toISOString();
}

const DONE = { col: 'status', op: 'in', value: 'determined,referred,closed' } as const;

export const VIEWS: readonly ViewDef[] = [
  { id: 'todo', labelKey: 'accidents:views.todo', testId: 'view-todo', query: { view: 'open', filters: [{ col: 'status', op: 'in', value: 'reported' }] } },
  { id: 'mine', labelKey: 'accidents:views.mine', testId: 'view-mine', query: { view: 'mine' } },
  { id: 'photos', labelKey: 'accidents:views.photos', testId: 'view-photos', query: { view: 'supplement' } },
  { id: 'referred', labelKey: 'accidents:views.referred', testId: 'view-referred', query: { view: 'all', filters: [{ col: 'status', op: 'in', value: 'referred' }] } },
  {
    id: 'doneToday',
    labelKey: 'accidents:views.doneToday',
    testId: 'view-done-today',
    query: { view: 'all', filters: [DONE] },
    queryAt: (now) => ({ view: 'all', filters: [DONE, { col: 'clearedAt', op: 'after', value: shanghaiDayStart(now) }] }),
  },
  { id: 'all', labelKey: 'accidents:views.all', testId: 'view-all', query: { view: 'all' } },
];
