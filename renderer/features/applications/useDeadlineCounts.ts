import { useEffect, useState } from 'react';
import { DEADLINE_CLOCK_RUNS } from '#shared/domain/status';
import { addWorkingDays } from '#shared/rules/workdays';
import { bridge } from '../../app/bridge';
import { shanghaiToday } from '../../app/format';
import type { DeadlineBucket } from './DeadlineOverview';

/** Where the deadline counts at all (the same statuses the core's due_today / overdue views use). */
const CLOCK_RUNS = { col: 'status', op: 'in', value: DEADLINE_CLOCK_RUNS.application.join(',') } as const;

/**
 * Applications whose deadline clock runs, per bucket, as four counting queries (limit 0) against
 * the cache: overdue, due today, due within two working days, later. Re-counted when `tick` changes.
 */
export function useDeadlineCounts(enabled: boolean, tick: number, nowMs: number): Record<DeadlineBucket, number> | null {
  const [counts, setCounts] = useState<Record<DeadlineBucket, number> | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const nowIso = new Date(nowMs).toISOString();
    // the first instant after the second working day from now (addWorkingDays gives 23:59:59.999 of it)
    const soonEnd = new Date(Date.parse(addWorkingDays(nowIso, 2)) + 1).toISOString();
    const tomorrow = new Date(Date.parse(`${shanghaiToday(nowMs)}T00:00:00+08:00`) + 86_400_000).toISOString();
    const total = (q: Parameters<ReturnType<typeof bridge>['items.query']>[0]) => bridge()['items.query']({ ...q, limit: 0 }).then((r) => r.total);
    Promise.all([
      total({ kind: 'application', view: 'overdue' }),
      total({ kind: 'application', view: 'due_today' }),
      total({ kind: 'application', filters: [CLOCK_RUNS, { col: 'dueAt', op: 'after', value: tomorrow }, { col: 'dueAt', op: 'before', value: soonEnd }] }),
      total({ kind: 'application', filters: [CLOCK_RUNS, { col: 'dueAt', op: 'after', value: soonEnd }] }),
    ]).then(
      ([overdue, today, soon, later]) => alive && setCounts({ overdue, today, soon, later }),
      () => undefined, // the overview is a convenience; the queue shows the real error
    );
    return () => {
      alive = false;
    };
  }, [enabled, tick, nowMs]);
  return counts;
}
