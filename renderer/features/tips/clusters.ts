import type { BridgeResult } from '#shared/contract/bridge';
import type { TipCategory } from '#shared/domain/items';
import type { Language } from '../../app/i18n';
import { districtLabel } from './units';

export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

export type ClusterRows = BridgeResult<'tips.clusters'>['rows'];

export const CATEGORY_COLOR: Readonly<Record<TipCategory, string>> = {
  fraud: '#c62828',
  gang: '#4a148c',
  fire: '#ef6c00',
  vice: '#00838f',
  traffic: '#1565c0',
  other: '#757575',
};

export interface ClusterBar {
  readonly district: string;
  readonly label: string;
  readonly total: number;
  readonly counts: Readonly<Partial<Record<TipCategory, number>>>;
}

/**
 * The chart's bars: one per district, the most reports first (the place without a district last),
 * each split by category. Pure: tests/unit/renderer/tips-clusters.test.ts.
 */
export function clusterBars(rows: ClusterRows, lang: Language, unknown: string): ClusterBar[] {
  const byDistrict = new Map<string, { counts: Partial<Record<TipCategory, number>>; total: number; code: string | null }>();
  for (const r of rows) {
    const key = r.district ?? '';
    const bar = byDistrict.get(key) ?? { counts: {}, total: 0, code: r.district };
    bar.counts[r.category] = (bar.counts[r.category] ?? 0) + r.count;
    bar.total += r.count;
    byDistrict.set(key, bar);
  }
  return [...byDistrict.values()]
    .sort((a, b) => Number(a.code === null) - Number(b.code === null) || b.total - a.total || (a.code ?? '').localeCompare(b.code ?? ''))
    .map((b) => ({ district: b.code ?? '', label: districtLabel(b.code, lang, unknown), total: b.total, counts: b.counts }));
}
