import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingDays,
  endOfShanghaiDay,
  isWorkingDay,
  shanghaiDate,
  statutoryDueAt,
  workingDaysBetween,
  workingDaysLeft,
} from '#shared/rules/workdays';

/** An instant at the given Shanghai wall-clock time. */
const sh = (ymd: string, hhmm = '10:00') => new Date(`${ymd}T${hhmm}:00+08:00`).toISOString();

describe('working days on the Shanghai calendar', () => {
  it('treats plain weekdays as working days and weekends as rest days', () => {
    expect(isWorkingDay('2025-11-12')).toBe(true); // Wed
    expect(isWorkingDay('2025-11-15')).toBe(false); // Sat
    expect(isWorkingDay('2025-11-16')).toBe(false); // Sun
  });

  it('knows the 2025 National Day and Mid-Autumn break and its make-up days', () => {
    for (let d = 1; d <= 8; d++) expect(isWorkingDay(`2025-10-0${d}`), `Oct ${d}`).toBe(false);
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday make-up
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday make-up
    expect(isWorkingDay('2025-10-09')).toBe(true);
  });

  it('knows the 2026 Spring Festival with its make-up Saturdays', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true); // Sat make-up
    for (let d = 15; d <= 23; d++) expect(isWorkingDay(`2026-02-${d}`), `Feb ${d}`).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true); // Sat make-up
  });

  it('falls back to weekends only for years without a calendar', () => {
    expect(isWorkingDay('2030-10-01')).toBe(true); // a Tuesday, no data for 2030
    expect(isWorkingDay('2030-10-05')).toBe(false); // Saturday
  });

  it('rejects strings that are not calendar dates', () => {
    expect(() => isWorkingDay('2025-13-01')).toThrow(RangeError);
    expect(() => isWorkingDay('20251001')).toThrow(RangeError);
  });

  it('reads the date of an instant in Shanghai, not UTC', () => {
    expect(shanghaiDate('2025-09-30T16:30:00.000Z')).toBe('2025-10-01');
    expect(endOfShanghaiDay('2025-10-09')).toBe('2025-10-09T15:59:59.999Z');
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of submission, even a working day', () => {
    expect(addWorkingDays(sh('2025-11-12', '08:00'), 1)).toBe(endOfShanghaiDay('2025-11-13'));
    expect(addWorkingDays(sh('2025-11-12', '23:30'), 1)).toBe(endOfShanghaiDay('2025-11-13'));
  });

  it('skips the whole National Day break', () => {
    expect(addWorkingDays(sh('2025-09-30'), 1)).toBe('2025-10-09T15:59:59.999Z');
    // Sep 28 (Sun) was a make-up working day, so Sep 27 + 1 lands on it.
    expect(addWorkingDays(sh('2025-09-27'), 1)).toBe(endOfShanghaiDay('2025-09-28'));
    expect(addWorkingDays(sh('2025-09-26'), 5)).toBe(endOfShanghaiDay('2025-10-10'));
  });

  it('counts the make-up Saturdays around the 2026 Spring Festival', () => {
    expect(addWorkingDays(sh('2026-02-13'), 1)).toBe(endOfShanghaiDay('2026-02-14'));
    expect(addWorkingDays(sh('2026-02-13'), 2)).toBe(endOfShanghaiDay('2026-02-24'));
    expect(addWorkingDays(sh('2026-02-24'), 4)).toBe(endOfShanghaiDay('2026-02-28'));
  });

  it('crosses the year boundary through the New Year holiday', () => {
    // 2026-01-01..03 off, Sunday 01-04 is a make-up working day
    expect(addWorkingDays(sh('2025-12-31'), 1)).toBe(endOfShanghaiDay('2026-01-04'));
    expect(addWorkingDays(sh('2025-12-31'), 2)).toBe(endOfShanghaiDay('2026-01-05'));
  });

  it('uses the Shanghai date of a late-evening UTC instant', () => {
    // 2025-09-30T17:00Z is already Oct 1 in Shanghai: the next working day is still Oct 9.
    expect(addWorkingDays('2025-09-30T17:00:00.000Z', 1)).toBe(endOfShanghaiDay('2025-10-09'));
    // 2025-11-13T15:00Z is 23:00 Thursday in Shanghai: next working day Friday.
    expect(addWorkingDays('2025-11-13T15:00:00.000Z', 1)).toBe(endOfShanghaiDay('2025-11-14'));
  });

  it('gives the end of the submission day for a zero limit', () => {
    expect(addWorkingDays(sh('2025-10-03'), 0)).toBe(endOfShanghaiDay('2025-10-03'));
  });
});

describe('counting working days', () => {
  it('counts working days after the start date up to the end date', () => {
    expect(workingDaysBetween(sh('2025-09-30'), sh('2025-10-09'))).toBe(1);
    expect(workingDaysBetween(sh('2025-11-10'), sh('2025-11-17'))).toBe(5);
    expect(workingDaysBetween(sh('2025-11-17'), sh('2025-11-10'))).toBe(-5);
    expect(workingDaysBetween(sh('2025-11-10'), sh('2025-11-10', '20:00'))).toBe(0);
  });

  it('round-trips with addWorkingDays', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-12-01T00:00:00Z'), max: new Date('2027-11-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 }),
        (from, n) => {
          const iso = from.toISOString();
          const due = addWorkingDays(iso, n);
          expect(workingDaysBetween(iso, due)).toBe(n);
          if (n > 0) expect(isWorkingDay(shanghaiDate(due))).toBe(true);
        },
      ),
    );
  });

  it('reports days left: 0 on the due date, negative once overdue', () => {
    const due = endOfShanghaiDay('2025-11-14'); // Friday
    expect(workingDaysLeft(due, sh('2025-11-12'))).toBe(2);
    expect(workingDaysLeft(due, sh('2025-11-14', '09:00'))).toBe(0);
    expect(workingDaysLeft(due, sh('2025-11-15'))).toBe(-1); // the Saturday after still reads overdue
    expect(workingDaysLeft(due, sh('2025-11-18'))).toBe(-2);
  });
});

describe('statutoryDueAt', () => {
  it('adds the working days a supplement paused the clock', () => {
    const submitted = sh('2025-11-10'); // Monday
    expect(statutoryDueAt(submitted, 5, 0)).toBe(endOfShanghaiDay('2025-11-17'));
    expect(statutoryDueAt(submitted, 5, 3)).toBe(endOfShanghaiDay('2025-11-20'));
  });

  it('pushes a limit over the National Day break', () => {
    // Sep 30, Oct 9, 10, 11 (Sat make-up), 13, 14, 15, 16, 17, 20
    expect(statutoryDueAt(sh('2025-09-29'), 10, 0)).toBe(endOfShanghaiDay('2025-10-20'));
  });
});
