/**
 * The State Council's public-holiday calendars (国务院办公厅关于部分节假日安排的通知) as data.
 *
 * `holidays` lists every day off of each holiday period, weekends inside the period included;
 * `workdays` lists the weekend days that are working days (调休上班). Any other date follows the
 * plain rule: Monday–Friday work, Saturday–Sunday rest. Years not listed here follow that plain
 * rule too (see shared/rules/workdays.ts), so ADD EACH NEW YEAR when the notice is published
 * (usually in November of the year before) and drop `provisional`.
 *
 * Since 2025 (2025 notice) the arrangement follows fixed principles: 春节 8 days from 除夕, 国庆 7
 * days from 10-01 (8 when Mid-Autumn joins it), 劳动节 5 days, 元旦/清明/端午/中秋 3 days, or only
 * the day itself when it falls on a Wednesday; exceptions happen (2026's Spring Festival was 9).
 * Since 2025 the statutory days are 13 (全国年节及纪念日放假办法, 2024 revision): New Year 1,
 * Spring Festival 4 (除夕–初三), Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1,
 * National Day 3.
 */
export interface HolidayYear {
  readonly year: number;
  /** True while the year is our estimate rather than the published notice. */
  readonly provisional: boolean;
  /** Source of the arrangement. */
  readonly source: string;
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

/** Inclusive run of YYYY-MM-DD dates (UTC arithmetic: these are calendar dates, not instants). */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export const HOLIDAY_CALENDAR: Readonly<Record<number, HolidayYear>> = {
  2025: {
    year: 2025,
    provisional: false,
    source: '国务院办公厅关于2025年部分节假日安排的通知',
    holidays: [
      '2025-01-01', // 元旦
      ...span('2025-01-28', '2025-02-04'), // 春节 8 days
      ...span('2025-04-04', '2025-04-06'), // 清明
      ...span('2025-05-01', '2025-05-05'), // 劳动节
      ...span('2025-05-31', '2025-06-02'), // 端午
      ...span('2025-10-01', '2025-10-08'), // 国庆 + 中秋 (Mid-Autumn is 10-06)
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    year: 2026,
    provisional: false,
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      ...span('2026-01-01', '2026-01-03'), // 元旦
      ...span('2026-02-15', '2026-02-23'), // 春节 9 days (腊月二十八–正月初七)
      ...span('2026-04-04', '2026-04-06'), // 清明
      ...span('2026-05-01', '2026-05-05'), // 劳动节
      ...span('2026-06-19', '2026-06-21'), // 端午
      ...span('2026-09-25', '2026-09-27'), // 中秋
      ...span('2026-10-01', '2026-10-07'), // 国庆
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  // Provisional: the 2027 notice was not available when this was written. The statutory days are
  // certain (除夕 02-05, 春节 02-06, 清明 04-05, 端午 06-09, 中秋 09-15); the arrangement applies
  // the principles the 2025 notice set out (春节 8 days from 除夕, 国庆 7 days from 10-01, 劳动节 5
  // days, the others 3 days or only the day itself when it falls on a Wednesday). Which weekend
  // days are worked back is our guess and may differ from the notice.
  2027: {
    year: 2027,
    provisional: true,
    source: 'estimate (statutory days per 全国年节及纪念日放假办法; bridging days guessed)',
    holidays: [
      ...span('2027-01-01', '2027-01-03'), // 元旦 (Fri–Sun)
      ...span('2027-02-05', '2027-02-12'), // 春节 8 days from 除夕 (Fri–Fri)
      ...span('2027-04-03', '2027-04-05'), // 清明 (Sat–Mon)
      ...span('2027-05-01', '2027-05-05'), // 劳动节
      '2027-06-09', // 端午 (Wed, single day)
      '2027-09-15', // 中秋 (Wed, single day)
      ...span('2027-10-01', '2027-10-07'), // 国庆
    ],
    workdays: ['2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
  },
};
