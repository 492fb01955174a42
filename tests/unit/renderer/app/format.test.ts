import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, shanghaiToday } from '../../../../renderer/app/format';

describe('formatDateTime', () => {
  it('shows a UTC instant in Shanghai time (UTC+8)', () => {
    expect(formatDateTime('2026-11-26T08:00:00.000Z')).toBe('2026-11-26 16:00');
  });

  it('moves an evening UTC instant onto the next Shanghai day', () => {
    expect(formatDateTime('2026-11-26T16:30:00Z')).toBe('2026-11-27 00:30');
  });

  it('crosses month and year boundaries', () => {
    expect(formatDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00');
    expect(formatDateTime('2026-02-28T20:15:00.000Z')).toBe('2026-03-01 04:15');
  });

  it('treats a deadline at 23:59:59.999 Shanghai as that same day', () => {
    expect(formatDateTime('2026-11-26T15:59:59.999Z')).toBe('2026-11-26 23:59');
  });

  it('accepts an instant with an explicit offset', () => {
    expect(formatDateTime('2026-11-27T00:30:00+08:00')).toBe('2026-11-27 00:30');
  });

  it('shows nothing for a missing time', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('')).toBe('');
  });

  it('passes an unparseable value through unchanged instead of throwing', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('formatDate', () => {
  it('gives the Shanghai calendar day of an instant', () => {
    expect(formatDate('2026-11-26T08:00:00.000Z')).toBe('2026-11-26');
    expect(formatDate('2026-11-26T16:00:00.000Z')).toBe('2026-11-27');
    expect(formatDate('2026-11-26T15:59:59.999Z')).toBe('2026-11-26');
  });

  it('shows nothing for a missing date and passes garbage through', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('garbage')).toBe('garbage');
  });
});

describe('shanghaiToday', () => {
  it('is already tomorrow in Shanghai from 16:00 UTC on', () => {
    expect(shanghaiToday(Date.parse('2026-11-26T15:59:59.999Z'))).toBe('2026-11-26');
    expect(shanghaiToday(Date.parse('2026-11-26T16:00:00.000Z'))).toBe('2026-11-27');
  });

  it('rolls the year over at 16:00 UTC on 31 December', () => {
    expect(shanghaiToday(Date.parse('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('defaults to the current clock', () => {
    const before = shanghaiToday(Date.now());
    const today = shanghaiToday();
    const after = shanghaiToday(Date.now());
    expect([before, after]).toContain(today);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
