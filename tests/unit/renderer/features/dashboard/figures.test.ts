import { describe, expect, it } from 'vitest';
import type { ServiceUsageResponse, StatsResponse } from '#shared/contract/api';
import { formatPercent as reportPercent } from '#server/domain/weekly-report';
import { clearanceRows, formatAverage, formatDuration, formatPercent, lateness, lowestFirst, orderServices, tipCategoryBars } from '../../../../../renderer/features/dashboard/figures';


describe('formatting the figures', () => {
  it('writes a rate as the weekly report does: one decimal and a percent sign, a dash for none', () => {
    for (const r of [0, 1, 116 / 129, 2 / 3, 0.0005, 0.9995, null]) expect(formatPercent(r)).toBe(reportPercent(r));
    expect(formatPercent(116 / 129)).toBe('89.9%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes durations to one decimal and averages to two', () => {
    expect(formatDuration(55)).toBe('55.0');
    expect(formatDuration(90.74)).toBe('90.7');
    expect(formatDuration(null)).toBe('—');
    expect(formatAverage(4.2)).toBe('4.20');
    expect(formatAverage(null)).toBe('—');
  });

  it('says how late an overdue item is in hours under a day, in whole days after', () => {
    const now = Date.parse('2026-12-02T10:00:00.000Z');
    expect(lateness('2026-12-02T09:59:00.000Z', now)).toEqual({ unit: 'hours', count: 1 });
    expect(lateness('2026-12-01T11:00:00.000Z', now)).toEqual({ unit: 'hours', count: 23 });
    expect(lateness('2026-12-01T10:00:00.000Z', now)).toEqual({ unit: 'days', count: 1 });
    expect(lateness('2026-11-28T09:00:00.000Z', now)).toEqual({ unit: 'days', count: 4 });
  });
});

describe('lowest first', () => {
  const row = (key: string, decided: number, onTime: number) => ({ key, decided, timelyRate: decided === 0 ? null : onTime / decided });

  it('puts the lowest timely rate first and those with nothing decided last', () => {
    const rows = [row('a', 10, 10), row('none', 0, 0), row('b', 4, 2), row('c', 8, 7), row('d', 5, 1)];
    expect(lowestFirst(rows).map((r) => r.key)).toEqual(['d', 'b', 'c', 'a', 'none']);
  });

  it('among equal rates puts the one with more decided first, else keeps the given order', () => {
    const rows = [row('small', 2, 1), row('big', 10, 5), row('big2', 10, 5), row('none1', 0, 0), row('none2', 0, 0)];
    expect(lowestFirst(rows).map((r) => r.key)).toEqual(['big', 'big2', 'small', 'none1', 'none2']);
  });

  it('sorts by any rate given, leaving the input as it was', () => {
    const rows = [
      { k: 'x', avg: 4.5, n: 3 },
      { k: 'y', avg: null, n: 0 },
      { k: 'z', avg: 2.1, n: 5 },
    ];
    const sorted = lowestFirst(
      rows,
      (r) => r.avg,
      (r) => r.n,
    );
    expect(sorted.map((r) => r.k)).toEqual(['z', 'x', 'y']);
    expect(rows.map((r) => r.k)).toEqual(['x', 'y', 'z']);
  });
});

describe('accident clearance per unit', () => {
  const byUnit: StatsResponse['accidents']['byUnit'] = [
    { unitCode: '410102', name: '中原区分局', reported: 10, determined: 8, referred: 1, determinedWithin5Min: 6 },
    { unitCode: '410103', name: '二七区分局', reported: 4, determined: 0, referred: 1, determinedWithin5Min: 0 },
    { unitCode: '410105', name: '金水区分局', reported: 9, determined: 4, referred: 0, determinedWithin5Min: 1 },
  ];

  it('gives each unit its share within 5 minutes, the lowest first, and the durations asked for it', () => {
    const rows = clearanceRows(byUnit, new Map([['410105', { median: 12.5, p90: 30 }]]));
    expect(rows.map((r) => [r.unitCode, r.share, r.median, r.p90])).toEqual([
      ['410105', 0.25, 12.5, 30],
      ['410102', 0.75, null, null],
      ['410103', null, null, null],
    ]);
    expect(rows[1]).toMatchObject({ reported: 10, determined: 8, referred: 1, within5: 6 });
  });
});

describe('tips and services', () => {
  it('shows the categories that received tips, most first', () => {
    const none = { pending: 0, routed: 0, case_opened: 0, unfounded: 0, duplicate: 0 };
    const bars = tipCategoryBars([
      { category: 'fire', received: 2, outcomes: { ...none, routed: 2 } },
      { category: 'vice', received: 0, outcomes: none },
      { category: 'fraud', received: 7, outcomes: { ...none, pending: 7 } },
    ]);
    expect(bars.map((b) => b.category)).toEqual(['fraud', 'fire']);
  });

  it('puts the services that stand out first: poorly rated, then unused, then little used, the rest by use', () => {
    const svc = (code: string, received: number, flags: ServiceUsageResponse['services'][number]['flags']) => ({
      serviceCode: code,
      name: code,
      received,
      decided: 0,
      decidedOnTime: 0,
      timelyRate: null,
      ratings: { count: 0, average: null },
      flags,
    });
    const ordered = orderServices([svc('busy', 40, []), svc('little', 2, ['low_use']), svc('rated', 30, ['low_rating']), svc('quiet', 10, []), svc('none', 0, ['unused']), svc('tiny', 1, ['low_use'])]);
    expect(ordered.map((s) => s.serviceCode)).toEqual(['rated', 'none', 'tiny', 'little', 'busy', 'quiet']);
  });
});
