import { beforeEach, describe, expect, it, vi } from 'vitest';
import { workingDaysLeft } from '#shared/rules/workdays';
import { daysLeftCached, urgencyOf } from '../../../../../renderer/features/applications/daysLeft';

// Count the calendar walks behind the memo without changing their answers.
vi.mock('#shared/rules/workdays', async (importOriginal) => {
  const actual = await importOriginal<typeof import('#shared/rules/workdays')>();
  return { ...actual, workingDaysLeft: vi.fn(actual.workingDaysLeft) };
});
const walks = vi.mocked(workingDaysLeft);

// Thursday 26 Nov 2026 ends (Shanghai) at 15:59:59.999Z; Friday 27 Nov is the next working day.
const DUE_THU = '2026-11-26T15:59:59.999Z';
const DUE_FRI = '2026-11-27T15:59:59.999Z';

describe('daysLeftCached', () => {
  // braces: a function returned from beforeEach would run as its teardown
  beforeEach(() => {
    walks.mockClear();
  });

  it('has no days left without a deadline', () => {
    expect(daysLeftCached(null, '2026-11-26T08:00:00.000Z')).toBeNull();
    expect(walks).not.toHaveBeenCalled();
  });

  it('answers what workingDaysLeft answers', () => {
    const now = '2026-11-26T08:00:00.000Z';
    expect(daysLeftCached(DUE_THU, now)).toBe(0);
    expect(daysLeftCached(DUE_FRI, now)).toBe(1);
    expect(daysLeftCached('2026-11-20T15:59:59.999Z', now)).toBe(workingDaysLeft('2026-11-20T15:59:59.999Z', now));
  });

  it('walks the calendar once per deadline within a minute', () => {
    const due = '2026-12-04T15:59:59.999Z';
    daysLeftCached(due, '2026-11-26T09:10:01.000Z');
    daysLeftCached(due, '2026-11-26T09:10:30.000Z');
    daysLeftCached(due, '2026-11-26T09:10:59.999Z');
    expect(walks).toHaveBeenCalledTimes(1);
  });

  it('recounts in the next minute, so a deadline passing at midnight Shanghai turns overdue', () => {
    expect(daysLeftCached(DUE_THU, '2026-11-26T15:59:30.000Z')).toBe(0);
    // same deadline a minute later: it is now Friday 00:00:30 in Shanghai
    expect(daysLeftCached(DUE_THU, '2026-11-26T16:00:30.000Z')).toBe(-1);
    expect(walks).toHaveBeenCalledTimes(2);
  });

  it('does not hand one minute\'s answers to an earlier minute either', () => {
    expect(daysLeftCached(DUE_FRI, '2026-11-27T16:05:00.000Z')).toBeLessThan(0);
    expect(daysLeftCached(DUE_FRI, '2026-11-26T08:00:00.000Z')).toBe(1);
  });
});

describe('urgencyOf', () => {
  it.each([
    [null, 'ok'],
    [-5, 'overdue'],
    [-1, 'overdue'],
    [0, 'overdue'], // the deadline day itself is already red
    [1, 'soon'],
    [2, 'soon'],
    [3, 'ok'],
    [20, 'ok'],
  ] as const)('rates %s working days left as %s', (days, urgency) => {
    expect(urgencyOf(days)).toBe(urgency);
  });
});
