import type { ItemRow } from '#shared/contract/bridge';
import { WaybillSchema } from '#shared/domain/commands';
import { findAppointmentService } from '#shared/data/appointments';
import type { Appointment, AppointmentStatus } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { childrenOf, covers, findUnit } from '#shared/domain/units';
import { isValidIdNumber } from '#shared/rules/idNumber';
import { maskIdNumber } from '#shared/rules/masking';
import { formatClock, shanghaiMidnight, shanghaiToday } from '../../app/format';

/**
 * The hall window's pure rules (no React, no bridge): which halls a clerk may sit at, today's
 * Shanghai day, the appointment counts and slot groups, what a scan or a typed text means, and the
 * waybill as typed. HallPage.tsx and its hooks only call these.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The district halls a clerk may work at: their own unit when it is a district, else the
 * districts below their city (a station's clerk sits at its district's hall). Appointments are
 * booked at districts (server/seed/appointments.ts, intake), so only districts are offered.
 */
export function hallsOf(officer: Pick<Officer, 'unitCode'>): string[] {
  const own = findUnit(officer.unitCode);
  if (!own) return [];
  if (own.level === 'district') return [own.code];
  if (own.level === 'station' && own.parent) return [own.parent];
  const out: string[] = [];
  const walk = (code: string) => {
    for (const u of childrenOf(code)) {
      if (u.level === 'district') out.push(u.code);
      else if (u.level === 'city') walk(u.code);
    }
  };
  walk(own.code);
  return out.sort();
}

/** The remembered hall if it is still one of `halls`, else the first. */
export function pickHall(halls: readonly string[], remembered: string | null): string | null {
  if (remembered !== null && halls.includes(remembered)) return remembered;
  return halls[0] ?? null;
}

/** localStorage key of the hall a clerk last chose (per badge: a shared PC has several clerks). */
export function hallStorageKey(badge: string): string {
  return `console.hall.${badge}`;
}

/** [start, end) of the Asia/Shanghai day containing `nowMs` as UTC ISO, and its date `YYYY-MM-DD`. */
export function shanghaiDayOf(nowMs: number): { date: string; start: string; end: string } {
  const date = shanghaiToday(nowMs);
  const start = shanghaiMidnight(date);
  return { date, start, end: new Date(Date.parse(start) + DAY_MS).toISOString() };
}

/** `HH:MM` of an instant in Shanghai. */
export const shanghaiClock = formatClock;

/** When a booking's slot ends, from its row: the slot starts at `dueAt` and lasts its service's slot length. */
export function slotEndOf(row: Pick<ItemRow, 'label' | 'dueAt'>): string | null {
  const service = findAppointmentService(row.label);
  if (!service || !row.dueAt) return null;
  return new Date(Date.parse(row.dueAt) + service.slotMinutes * 60_000).toISOString();
}

/**
 * A booking as the command core checks C/S/X on it, from its queue row alone: the kind, unit,
 * status, claim and version are the row's, the slot is `dueAt` plus the service's length, and the
 * marks the core does not read (checked in, served, no-show) are left empty. So the keys follow
 * the row the clerk sees in the same render, with no items.get per booking or per reload.
 */
export function bookingOf(row: ItemRow): Appointment | null {
  const end = slotEndOf(row);
  if (row.kind !== 'appointment' || !row.dueAt || !end) return null;
  const status = row.status as AppointmentStatus;
  return {
    id: row.id,
    kind: 'appointment',
    unitCode: row.unitCode,
    status,
    version: row.version,
    claimedBy: row.claimedBy,
    claimExpiresAt: row.claimExpiresAt,
    submittedAt: row.submittedAt,
    dueAt: row.dueAt,
    updatedAt: row.updatedAt,
    notes: [],
    data: { serviceCode: row.label, slot: { start: row.dueAt, end }, citizen: { name: row.person, idNumberMasked: row.personIdMasked, phoneMasked: '' }, checkedIn: null, served: null, noShow: null },
  };
}

/** Weekday 0 (Sunday) … 6 of a Shanghai date `YYYY-MM-DD`. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export type AppointmentCounts = Readonly<Record<Exclude<AppointmentStatus, 'withdrawn'>, number>> & { readonly total: number };

/** How many of the day's appointments are booked, checked in, served, missed (withdrawn ones are not counted). */
export function countAppointments(rows: readonly Pick<ItemRow, 'status'>[]): AppointmentCounts {
  const c = { booked: 0, checked_in: 0, served: 0, no_show: 0, total: 0 };
  for (const r of rows) {
    if (r.status === 'booked' || r.status === 'checked_in' || r.status === 'served' || r.status === 'no_show') {
      c[r.status]++;
      c.total++;
    }
  }
  return c;
}

/** Appointments in slot order (start, then id), each marked whether it opens a new slot time. */
export function inSlotOrder<T extends Pick<ItemRow, 'id' | 'dueAt'>>(rows: readonly T[]): { row: T; slot: string; first: boolean }[] {
  const sorted = [...rows].sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.id.localeCompare(b.id));
  let last: string | null = null;
  return sorted.map((row) => {
    const slot = row.dueAt ? shanghaiClock(row.dueAt) : '';
    const first = slot !== last;
    last = slot;
    return { row, slot, first };
  });
}

/** The id of the slot's row the window should look at first: the first still booked or checked in, else the first. */
export function firstOpenIndex(rows: readonly Pick<ItemRow, 'status'>[]): number {
  const i = rows.findIndex((r) => r.status === 'booked' || r.status === 'checked_in');
  return i >= 0 ? i : rows.length > 0 ? 0 : -1;
}

/**
 * What the scan/search field holds, once complete: an item id (scanned from a booking slip or a
 * notice), a full resident ID number (read from a card: only its masked form leaves this
 * function, since the cache holds masked numbers only), or text to narrow the lists by.
 */
export type Scan =
  | { readonly type: 'empty' }
  | { readonly type: 'id'; readonly id: string }
  | { readonly type: 'idNumber'; readonly masked: string }
  | { readonly type: 'badIdNumber' }
  | { readonly type: 'text'; readonly text: string };

const ITEM_ID = /^(APT|APP)-\d{6}-\d{1,9}$/;
const ID_NUMBER = /^\d{17}[\dX]$/;

export function readScan(raw: string): Scan {
  const s = raw.replace(/\s+/g, '').toUpperCase();
  if (s === '') return { type: 'empty' };
  if (ITEM_ID.test(s)) return { type: 'id', id: s };
  if (ID_NUMBER.test(s)) return isValidIdNumber(s) ? { type: 'idNumber', masked: maskIdNumber(s) } : { type: 'badIdNumber' };
  return { type: 'text', text: raw.trim() };
}

/** Whether the field holds a whole ID number (a reader has finished typing it): it is read and cleared at once. */
export function isWholeIdNumber(raw: string): boolean {
  return ID_NUMBER.test(raw.replace(/\s+/g, '').toUpperCase());
}

/** The rows a scan finds: by id, by the masked ID number, or by text in the name, masked ID, id or service. */
export function matchRows<T extends Pick<ItemRow, 'id' | 'person' | 'personIdMasked' | 'label'>>(rows: readonly T[], scan: Scan, labelOf: (code: string) => string = (c) => c): T[] {
  switch (scan.type) {
    case 'id':
      return rows.filter((r) => r.id === scan.id);
    case 'idNumber':
      return rows.filter((r) => r.personIdMasked === scan.masked);
    case 'text': {
      const q = scan.text.toLowerCase();
      return rows.filter((r) => r.id.toLowerCase().includes(q) || r.person.toLowerCase().includes(q) || r.personIdMasked.toLowerCase().includes(q) || labelOf(r.label).toLowerCase().includes(q));
    }
    default:
      return [];
  }
}

/** The waybill as typed: spaces dropped, upper case (a scanner may send either). */
export function normalizeWaybill(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase().slice(0, 13);
}

/** Why the waybill cannot be sent yet: `incomplete` while fewer than 13 characters, `format` when 13 that fit neither form. */
export function waybillProblem(value: string): 'incomplete' | 'format' | null {
  if (WaybillSchema.safeParse(value).success) return null;
  if (value.length < 13) return /^(?:[A-Z]{0,2}|[A-Z]{2}\d{0,9}|[A-Z]{2}\d{9}[A-Z]?|\d{0,12})$/.test(value) ? 'incomplete' : 'format';
  return 'format';
}

/** Why an appointment action cannot be done, in the window's words (null: it can); the command core decides whether. */
export type AppointmentBlock =
  | { readonly type: 'status' }
  | { readonly type: 'notToday'; readonly date: string }
  | { readonly type: 'notEnded'; readonly end: string }
  | { readonly type: 'other' };

/**
 * The window's wording of a refusal `checkAction` gave for `action` on `item`: the status, the
 * slot's day (check-in), the slot's end (no-show). Which rule refused is read from the item and
 * the clock, never from the core's message text.
 */
export function appointmentBlock(item: Appointment, action: 'check_in' | 'serve' | 'no_show', nowMs: number): AppointmentBlock {
  const from: Record<typeof action, AppointmentStatus> = { check_in: 'booked', serve: 'checked_in', no_show: 'booked' };
  if (item.status !== from[action]) return { type: 'status' };
  if (action === 'check_in' && shanghaiDayOf(Date.parse(item.data.slot.start)).date !== shanghaiDayOf(nowMs).date) return { type: 'notToday', date: shanghaiDayOf(Date.parse(item.data.slot.start)).date };
  if (action === 'no_show' && nowMs < Date.parse(item.data.slot.end)) return { type: 'notEnded', end: item.data.slot.end };
  return { type: 'other' };
}

/** Whether a unit is one of the clerk's (the lists show applications of the clerk's whole scope). */
export function inClerkScope(officer: Pick<Officer, 'unitCode'>, unitCode: string): boolean {
  return covers(officer.unitCode, unitCode);
}
