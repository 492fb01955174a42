import type { AuditQuery } from '#shared/contract/api';
import { shanghaiMidnight as midnight, shanghaiToday as todayYmd } from '../../app/format';

/** The audit viewer's filters as typed, and the exchange's query they make. */
const DAY_MS = 86_400_000;
export const PERIODS = ['today', 'last_7_days', 'last_30_days', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export interface Filters {
  readonly actor: string;
  readonly itemId: string;
  readonly action: string;
  readonly period: Period;
  readonly from: string;
  readonly to: string;
}
export const NO_FILTERS: Filters = { actor: '', itemId: '', action: '', period: 'last_7_days', from: '', to: '' };


/** Why the filters cannot be sent (an i18n key under audit:filters.problem), or the exchange's query. */
export function queryOf(f: Filters, nowMs: number): { problem: string } | { query: Omit<AuditQuery, 'limit'> } {
  const actor = f.actor.trim();
  const itemId = f.itemId.trim().toUpperCase();
  if (actor !== '' && actor !== 'intake' && !/^\d{6}$/.test(actor)) return { problem: 'badge' };
  if (itemId !== '' && !/^[A-Z]{2,4}-\d{6}-\d{1,9}$/.test(itemId)) return { problem: 'itemId' };
  const today = todayYmd(nowMs);
  let from: string | undefined;
  let to: string | undefined;
  if (f.period === 'today') from = midnight(today);
  if (f.period === 'last_7_days') from = new Date(Date.parse(midnight(today)) - 6 * DAY_MS).toISOString();
  if (f.period === 'last_30_days') from = new Date(Date.parse(midnight(today)) - 29 * DAY_MS).toISOString();
  if (f.period === 'custom') {
    if (!f.from || !f.to) return { problem: 'dates' };
    if (f.to < f.from) return { problem: 'order' };
    if (f.from > today) return { problem: 'future' };
    from = midnight(f.from);
    to = new Date(Date.parse(midnight(f.to)) + DAY_MS).toISOString();
  }
  return {
    query: {
      ...(actor ? { actor } : {}),
      ...(itemId ? { itemId } : {}),
      ...(f.action ? { action: f.action } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    },
  };
}

