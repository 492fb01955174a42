import { describe, expect, it } from 'vitest';
import type { Appointment } from '#shared/domain/items';
import { makeIdNumber } from '#shared/rules/idNumber';
import { maskIdNumber } from '#shared/rules/masking';
import {
  appointmentBlock,
  countAppointments,
  firstOpenIndex,
  hallsOf,
  inSlotOrder,
  isWholeIdNumber,
  matchRows,
  normalizeWaybill,
  pickHall,
  readScan,
  shanghaiClock,
  shanghaiDayOf,
  waybillProblem,
} from '../../../../../renderer/features/hall/hall';

const ID = makeIdNumber('410105', '19850312', 123);

function row(id: string, dueAt: string, status = 'booked', extra: Partial<{ person: string; personIdMasked: string; label: string }> = {}) {
  return { id, dueAt, status, person: '张三', personIdMasked: '4101**********0000', label: 'appt_hukou_window', ...extra };
}

function appointment(status: Appointment['status'], start: string, end: string): Appointment {
  return {
    id: 'APT-410105-1',
    kind: 'appointment',
    unitCode: '410105',
    version: 1,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: '2026-12-01T00:00:00.000Z',
    dueAt: start,
    updatedAt: '2026-12-01T00:00:00.000Z',
    notes: [],
    status,
    data: { serviceCode: 'appt_hukou_window', slot: { start, end }, citizen: { name: '张三', idNumberMasked: maskIdNumber(ID), phoneMasked: '138****5678' }, checkedIn: null, served: null, noShow: null },
  };
}

describe('the halls a clerk may sit at', () => {
  it('are the districts of a city clerk’s city, in code order', () => {
    expect(hallsOf({ unitCode: '410100' })).toEqual(['410102', '410103', '410104', '410105', '410108']);
  });
  it('are the own district for a district clerk and the station’s district for a station clerk', () => {
    expect(hallsOf({ unitCode: '410105' })).toEqual(['410105']);
    expect(hallsOf({ unitCode: '41010501' })).toEqual(['410105']);
  });
  it('keep the remembered hall only while it is still one of them', () => {
    expect(pickHall(['410102', '410105'], '410105')).toBe('410105');
    expect(pickHall(['410102', '410105'], '410302')).toBe('410102');
    expect(pickHall([], null)).toBeNull();
  });
});

describe('today in Shanghai', () => {
  it('is the next day already at 16:00 UTC, and runs from 16:00 UTC to 16:00 UTC', () => {
    expect(shanghaiDayOf(Date.parse('2026-12-02T17:16:00Z'))).toEqual({ date: '2026-12-03', start: '2026-12-02T16:00:00.000Z', end: '2026-12-03T16:00:00.000Z' });
    expect(shanghaiDayOf(Date.parse('2026-12-02T15:59:59Z')).date).toBe('2026-12-02');
  });
  it('shows slot times on the Shanghai clock', () => {
    expect(shanghaiClock('2026-12-03T01:00:00.000Z')).toBe('09:00');
    expect(shanghaiClock('not a time')).toBe('');
  });
});

describe('the appointment list', () => {
  it('counts each status but not the withdrawn', () => {
    const c = countAppointments([{ status: 'booked' }, { status: 'booked' }, { status: 'checked_in' }, { status: 'served' }, { status: 'no_show' }, { status: 'withdrawn' }]);
    expect(c).toEqual({ booked: 2, checked_in: 1, served: 1, no_show: 1, total: 5 });
  });
  it('is in slot order, marking the first row of each slot time', () => {
    const out = inSlotOrder([row('APT-410105-3', '2026-12-03T02:00:00.000Z'), row('APT-410105-2', '2026-12-03T01:00:00.000Z'), row('APT-410105-1', '2026-12-03T01:00:00.000Z')]);
    expect(out.map((o) => [o.row.id, o.slot, o.first])).toEqual([
      ['APT-410105-1', '09:00', true],
      ['APT-410105-2', '09:00', false],
      ['APT-410105-3', '10:00', true],
    ]);
  });
  it('starts at the first booking still to be worked', () => {
    expect(firstOpenIndex([{ status: 'served' }, { status: 'no_show' }, { status: 'booked' }])).toBe(2);
    expect(firstOpenIndex([{ status: 'served' }])).toBe(0);
    expect(firstOpenIndex([])).toBe(-1);
  });
});

describe('a scan', () => {
  it('reads an item id in any case', () => {
    expect(readScan(' apt-410105-12 ')).toEqual({ type: 'id', id: 'APT-410105-12' });
    expect(readScan('APP-410100-4')).toEqual({ type: 'id', id: 'APP-410100-4' });
  });
  it('turns a whole ID number into its masked form only, lower-case x included', () => {
    const withX = makeIdNumber('410105', '19900101', 5);
    const x = withX.endsWith('X') ? withX : ID;
    const scan = readScan(x.toLowerCase());
    expect(scan).toEqual({ type: 'idNumber', masked: maskIdNumber(x) });
    expect(JSON.stringify(scan)).not.toContain(x.slice(4, 14));
    expect(isWholeIdNumber(ID)).toBe(true);
    expect(isWholeIdNumber(ID.slice(0, 17))).toBe(false);
  });
  it('refuses an ID number whose check character does not match', () => {
    const wrong = ID.slice(0, 17) + (ID.endsWith('1') ? '2' : '1');
    expect(readScan(wrong)).toEqual({ type: 'badIdNumber' });
  });
  it('finds rows by id, by the masked number, or by text in name, masked ID, id or service name', () => {
    const rows = [row('APT-410105-1', 'x', 'booked', { personIdMasked: maskIdNumber(ID) }), row('APT-410105-2', 'x', 'booked', { person: '李四' })];
    expect(matchRows(rows, readScan(ID)).map((r) => r.id)).toEqual(['APT-410105-1']);
    expect(matchRows(rows, readScan('apt-410105-2')).map((r) => r.id)).toEqual(['APT-410105-2']);
    expect(matchRows(rows, readScan('李四')).map((r) => r.id)).toEqual(['APT-410105-2']);
    expect(matchRows(rows, readScan('户籍'), () => '户籍窗口现场办理').map((r) => r.id)).toEqual(['APT-410105-1', 'APT-410105-2']);
    expect(matchRows(rows, readScan(''))).toEqual([]);
  });
});

describe('a waybill as typed', () => {
  it('is upper-cased without spaces, at most 13 characters', () => {
    expect(normalizeWaybill('ea 123456789 cn')).toBe('EA123456789CN');
    expect(normalizeWaybill('12345678901234')).toBe('1234567890123');
  });
  it('is accepted in either of the contract’s forms', () => {
    expect(waybillProblem('EA123456789CN')).toBeNull();
    expect(waybillProblem('1234567890123')).toBeNull();
  });
  it('is incomplete while it can still become one, and wrong once it cannot', () => {
    expect(waybillProblem('')).toBe('incomplete');
    expect(waybillProblem('EA12345')).toBe('incomplete');
    expect(waybillProblem('EA123456789C')).toBe('incomplete');
    expect(waybillProblem('123456')).toBe('incomplete');
    expect(waybillProblem('E1')).toBe('format');
    expect(waybillProblem('EA123456789C1')).toBe('format');
    expect(waybillProblem('EA1234567890C')).toBe('format');
  });
});

describe('why an appointment action is refused', () => {
  const start = '2026-12-03T01:00:00.000Z';
  const end = '2026-12-03T01:30:00.000Z';
  it('names the status when it does not allow the action', () => {
    expect(appointmentBlock(appointment('served', start, end), 'check_in', Date.parse(start))).toEqual({ type: 'status' });
    expect(appointmentBlock(appointment('booked', start, end), 'serve', Date.parse(start))).toEqual({ type: 'status' });
  });
  it('names the slot’s day for a check-in on another day', () => {
    expect(appointmentBlock(appointment('booked', start, end), 'check_in', Date.parse('2026-12-02T15:00:00Z'))).toEqual({ type: 'notToday', date: '2026-12-03' });
  });
  it('names the slot’s end for a no-show before it', () => {
    expect(appointmentBlock(appointment('booked', start, end), 'no_show', Date.parse('2026-12-03T01:29:00Z'))).toEqual({ type: 'notEnded', end });
  });
});

describe('a booking row', () => {
  it('ends its slot by its service’s length from dueAt, and has none for an unknown service', async () => {
    const { slotEndOf } = await import('../../../../../renderer/features/hall/hall');
    // appt_passport_first: 30-minute slots; appt_id_card_photo: 15
    expect(slotEndOf({ label: 'appt_passport_first', dueAt: '2026-12-03T01:00:00.000Z' })).toBe('2026-12-03T01:30:00.000Z');
    expect(slotEndOf({ label: 'appt_id_card_photo', dueAt: '2026-12-03T01:00:00.000Z' })).toBe('2026-12-03T01:15:00.000Z');
    expect(slotEndOf({ label: 'no_such_service', dueAt: '2026-12-03T01:00:00.000Z' })).toBeNull();
  });
});

describe('a booking from its row', () => {
  it('lets the command core decide C/S/X as on the cached item: status, the slot’s day, the slot’s end', async () => {
    const { bookingOf } = await import('../../../../../renderer/features/hall/hall');
    const { checkAction } = await import('#shared/rules/commands');
    const clerk = { badge: '100001', name: '王丽娜', role: 'clerk' as const, unitCode: '410100' };
    const row = {
      id: 'APT-410100-1', kind: 'appointment' as const, unitCode: '410105', status: 'booked', version: 1, claimedBy: null, claimedByName: null, claimExpiresAt: null,
      submittedAt: '2026-12-01T10:00:00.000Z', dueAt: '2026-12-03T01:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
      label: 'appt_passport_first', person: '周某某', personIdMasked: '4101**********0021', urgency: null, pending: false, conflict: false,
    };
    const at = (iso: string) => ({ officer: clerk, now: new Date(iso) });
    const booked = bookingOf(row)!;
    expect(booked.data.slot).toEqual({ start: '2026-12-03T01:00:00.000Z', end: '2026-12-03T01:30:00.000Z' });
    expect(checkAction(booked, 'check_in', at('2026-12-03T00:50:00.000Z'))).toBeNull();
    expect(checkAction(booked, 'check_in', at('2026-12-02T09:00:00.000Z'))?.code).toBe('invalid'); // the day before, in Shanghai
    expect(checkAction(booked, 'serve', at('2026-12-03T01:05:00.000Z'))?.code).toBe('invalid');
    expect(checkAction(booked, 'no_show', at('2026-12-03T01:29:00.000Z'))?.code).toBe('invalid');
    expect(checkAction(booked, 'no_show', at('2026-12-03T01:31:00.000Z'))).toBeNull();
    expect(checkAction(bookingOf({ ...row, status: 'checked_in' })!, 'serve', at('2026-12-03T01:05:00.000Z'))).toBeNull();
    expect(bookingOf({ ...row, kind: 'application' as never })).toBeNull();
  });
});
