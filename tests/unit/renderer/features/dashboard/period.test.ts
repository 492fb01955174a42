import { describe, expect, it } from 'vitest';
import { isoWeekOf as serverWeekOf, isoWeekRange as serverWeekRange, monthRange } from '#server/domain/stats';
import {
  bucketsOf,
  customRange,
  isoWeekOf,
  isoWeekRange,
  lastDayOf,
  MAX_BUCKETS,
  presetRange,
  recentMonths,
  recentWeeks,
} from '../../../../../renderer/features/dashboard/period';

// Wednesday 2 December 2026, 02:30 in Shanghai (still Tuesday 1 December in UTC)
const NOW = Date.parse('2026-12-01T18:30:00.000Z');

describe('preset periods in Shanghai days', () => {
  it('this week runs from Monday 00:00 Shanghai to the end of today', () => {
    expect(presetRange('this_week', NOW)).toEqual({ from: '2026-11-29T16:00:00.000Z', to: '2026-12-02T16:00:00.000Z' });
  });

  it('last week is the seven days from the Monday before', () => {
    expect(presetRange('last_week', NOW)).toEqual({ from: '2026-11-22T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' });
  });

  it('this month starts on the 1st in Shanghai, though UTC is still in the month before', () => {
    expect(presetRange('this_month', NOW)).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-02T16:00:00.000Z' });
  });

  it('the last 30 days are today and the 29 days before it', () => {
    const r = presetRange('last_30_days', NOW);
    expect(r).toEqual({ from: '2026-11-02T16:00:00.000Z', to: '2026-12-02T16:00:00.000Z' });
    expect((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000).toBe(30);
  });

  it('on a Monday this week is one day and last week ends where it starts', () => {
    const monday = Date.parse('2026-11-30T01:00:00.000Z'); // 09:00 Monday in Shanghai
    const week = presetRange('this_week', monday);
    expect(week).toEqual({ from: '2026-11-29T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(presetRange('last_week', monday).to).toBe(week.from);
  });

  it('this month is the same month the exchange counts for YYYY-MM', () => {
    expect(presetRange('this_month', NOW).from).toBe(monthRange('2026-12').from);
  });
});

describe('a custom period', () => {
  it('takes whole days, the last one included', () => {
    const r = customRange('2026-11-01', '2026-11-30', NOW);
    expect(r).toEqual({ ok: true, range: { from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' } });
    if (r.ok) expect(lastDayOf(r.range)).toBe('2026-11-30');
  });

  it('refuses a day that does not exist, a reversed range, one over 366 days and one starting after today', () => {
    expect(customRange('2026-02-30', '2026-03-01', NOW)).toEqual({ ok: false, problem: 'invalid' });
    expect(customRange('2026/11/01', '2026-11-02', NOW)).toEqual({ ok: false, problem: 'invalid' });
    expect(customRange('', '2026-11-02', NOW)).toEqual({ ok: false, problem: 'invalid' });
    expect(customRange('2026-11-10', '2026-11-09', NOW)).toEqual({ ok: false, problem: 'order' });
    expect(customRange('2025-01-01', '2026-01-02', NOW)).toEqual({ ok: false, problem: 'too_long' });
    expect(customRange('2025-01-01', '2026-01-01', NOW).ok).toBe(true); // 366 days
    expect(customRange('2026-12-03', '2026-12-04', NOW)).toEqual({ ok: false, problem: 'future' });
    expect(customRange('2026-12-02', '2026-12-02', NOW).ok).toBe(true); // today, in Shanghai
  });
});

describe('the chart buckets', () => {
  it('cuts a week into its days, labelled by the Shanghai date', () => {
    const { size, buckets } = bucketsOf(presetRange('last_week', NOW));
    expect(size).toBe('day');
    expect(buckets.map((b) => b.label)).toEqual(['11-23', '11-24', '11-25', '11-26', '11-27', '11-28', '11-29']);
    expect(buckets[0]).toEqual({ from: '2026-11-22T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z', label: '11-23' });
  });

  it('covers the period exactly, without gaps or overlap, at every size', () => {
    for (const [first, last] of [
      ['2026-11-01', '2026-11-30'],
      ['2026-06-03', '2026-11-18'],
      ['2025-12-03', '2026-12-01'],
    ] as const) {
      const r = customRange(first, last, NOW);
      if (!r.ok) throw new Error(r.problem);
      const { buckets } = bucketsOf(r.range);
      expect(buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
      expect(buckets[0]!.from).toBe(r.range.from);
      expect(buckets.at(-1)!.to).toBe(r.range.to);
      for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.from).toBe(buckets[i - 1]!.to);
    }
  });

  it('uses weeks from Monday past 31 days and months past 31 weeks', () => {
    const half = customRange('2026-06-03', '2026-11-18', NOW);
    const year = customRange('2025-12-03', '2026-12-01', NOW);
    if (!half.ok || !year.ok) throw new Error('ranges');
    const weeks = bucketsOf(half.range);
    expect(weeks.size).toBe('week');
    expect(weeks.buckets[1]!.label).toBe('06-08'); // the first whole week starts on a Monday
    const months = bucketsOf(year.range);
    expect(months.size).toBe('month');
    expect(months.buckets.map((b) => b.label)[0]).toBe('2025-12');
    expect(months.buckets).toHaveLength(13);
  });
});

describe('ISO weeks', () => {
  it('agrees with the exchange on every week of 2020 to 2030 (the weekly report takes the same bounds)', () => {
    for (let ms = Date.parse('2019-12-25T00:00:00Z'); ms < Date.parse('2031-01-05T00:00:00Z'); ms += 7 * 86_400_000 + 3_600_000 * 5) {
      const iso = new Date(ms).toISOString();
      const week = isoWeekOf(ms);
      expect(week).toBe(serverWeekOf(iso).label);
      expect(isoWeekRange(week)).toEqual(serverWeekRange(week));
    }
  });

  it('counts 53 weeks only in years that have them and refuses what is not a week', () => {
    expect(isoWeekRange('2026-W53')).toEqual({ from: '2026-12-27T16:00:00.000Z', to: '2027-01-03T16:00:00.000Z' });
    expect(isoWeekRange('2027-W53')).toBeNull();
    expect(isoWeekRange('2026-W00')).toBeNull();
    expect(isoWeekRange('2026-49')).toBeNull();
  });

  it('lists recent weeks and months newest first, across the year', () => {
    expect(recentWeeks(NOW, 3)).toEqual(['2026-W49', '2026-W48', '2026-W47']);
    expect(recentWeeks(Date.parse('2027-01-05T00:00:00Z'), 2)).toEqual(['2027-W01', '2026-W53']);
    expect(recentMonths(NOW, 13)).toEqual(['2026-12', '2026-11', '2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12']);
  });
});
