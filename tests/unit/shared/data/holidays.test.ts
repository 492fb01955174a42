import { describe, expect, it } from 'vitest';
import { HOLIDAY_CALENDAR } from '#shared/data/holidays';

const weekday = (ymd: string) => new Date(`${ymd}T00:00:00Z`).getUTCDay();

describe('holiday calendar data', () => {
  it('covers 2025 to 2027, with only 2027 provisional', () => {
    expect(Object.keys(HOLIDAY_CALENDAR).map(Number)).toEqual([2025, 2026, 2027]);
    expect(HOLIDAY_CALENDAR[2025]!.provisional).toBe(false);
    expect(HOLIDAY_CALENDAR[2026]!.provisional).toBe(false);
    expect(HOLIDAY_CALENDAR[2027]!.provisional).toBe(true);
  });

  for (const year of Object.values(HOLIDAY_CALENDAR)) {
    describe(String(year.year), () => {
      it('lists valid, unique dates of its own year', () => {
        for (const d of [...year.holidays, ...year.workdays]) {
          expect(d).toMatch(new RegExp(`^${year.year}-\\d{2}-\\d{2}$`));
          expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
        }
        expect(new Set(year.holidays).size).toBe(year.holidays.length);
        expect(new Set(year.workdays).size).toBe(year.workdays.length);
      });

      it('has make-up working days only on weekends and never on a holiday', () => {
        for (const d of year.workdays) {
          expect([0, 6], d).toContain(weekday(d));
          expect(year.holidays, d).not.toContain(d);
        }
      });

      it('nets exactly the 13 statutory days off (borrowed weekdays are paid back on weekends)', () => {
        // Statutory days on a weekend are moved to a weekday and bridging weekdays are worked
        // back on a Saturday or Sunday, so weekdays off minus make-up days is always 13.
        const weekdaysOff = year.holidays.filter((d) => ![0, 6].includes(weekday(d))).length;
        expect(weekdaysOff - year.workdays.length).toBe(13);
      });
    });
  }

  it('pins the published 2025 and 2026 arrangements', () => {
    expect(HOLIDAY_CALENDAR[2025]!.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(HOLIDAY_CALENDAR[2026]!.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(HOLIDAY_CALENDAR[2025]!.holidays).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect(HOLIDAY_CALENDAR[2026]!.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
  });
});
