import type { ViewDef } from '../workspace/types';

/**
 * Saved views of the tip queue, in the order of their number keys; the console core evaluates
 * each in SQLite (items.query), narrowing its generic views with a status filter. The first is the
 * default: new tips of level high or critical — in the queue's default order (most urgent, then
 * highest score, then oldest: columns.tsx), which is also the order "next" claims them in, so N
 * takes the most urgent tip nobody holds. "Routed by me": the routed tips the officer holds (a
 * tip routed within the jurisdiction stays with its router, who follows it up). "Overdue": the
 * core's view, a routed tip whose unit's deadline has passed.
 */
const status = (value: string) => ({ col: 'status', op: 'in', value }) as const;

export const VIEWS: readonly ViewDef[] = [
  { id: 'urgent', labelKey: 'tips:views.urgent', testId: 'view-urgent', query: { view: 'urgent', filters: [status('new')] } },
  { id: 'new', labelKey: 'tips:views.new', testId: 'view-new', query: { view: 'open', filters: [status('new')] } },
  { id: 'routedByMe', labelKey: 'tips:views.routedByMe', testId: 'view-routed-by-me', query: { view: 'mine', filters: [status('routed')] } },
  { id: 'overdue', labelKey: 'tips:views.overdue', testId: 'view-overdue', query: { view: 'overdue' } },
  { id: 'cases', labelKey: 'tips:views.cases', testId: 'view-cases', query: { view: 'all', filters: [status('case_opened')] } },
  { id: 'closed', labelKey: 'tips:views.closed', testId: 'view-closed', query: { view: 'all', filters: [status('closed')] } },
  { id: 'all', labelKey: 'tips:views.all', testId: 'view-all', query: { view: 'all' } },
];
