import { HALL_HOURS, type AppointmentServiceDef } from '../data/appointments';
import { isWorkingDay, shanghaiDate } from './workdays';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MIN_MS = 60_000;

export interface Slot {
  readonly start: string;
  readonly end: string;
}

/** Minutes after Shanghai midnight of an instant. */
function shanghaiMinutes(t: number): number {
  const local = new Date(t + SHANGHAI_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/**
 * Why `startIso` is not a bookable slot start of `service`, or null when it is: a working day,
 * inside the hall's hours, on the service's grid (09:00 + k × slotMinutes within each opening
 * period), the whole slot before the period ends, and not in the past.
 */
export function slotProblem(service: AppointmentServiceDef, startIso: string, now: Date): string | null {
  const t = Date.parse(startIso);
  if (Number.isNaN(t)) return 'not an instant';
  if (t % MIN_MS !== 0) return 'a slot starts on a whole minute';
  if (t <= now.getTime()) return 'the slot has begun or is past';
  if (!isWorkingDay(shanghaiDate(startIso))) return 'the hall is closed that day (weekend or holiday)';
  const m = shanghaiMinutes(t);
  const period = HALL_HOURS.find(([from, to]) => m >= from && m + service.slotMinutes <= to);
  if (!period) return 'outside the hall hours (09:00–12:00, 13:30–17:00)';
  if ((m - period[0]) % service.slotMinutes !== 0) return `slots of this service start every ${service.slotMinutes} minutes`;
  return null;
}

export function slotOf(service: AppointmentServiceDef, startIso: string): Slot {
  const t = Date.parse(startIso);
  return { start: new Date(t).toISOString(), end: new Date(t + service.slotMinutes * MIN_MS).toISOString() };
}

/** Every slot of `service` on the Shanghai date `ymd` (none on a day the hall is closed). */
export function slotsOn(service: AppointmentServiceDef, ymd: string): Slot[] {
  if (!isWorkingDay(ymd)) return [];
  const midnight = Date.parse(`${ymd}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
  const out: Slot[] = [];
  for (const [from, to] of HALL_HOURS) {
    for (let m = from; m + service.slotMinutes <= to; m += service.slotMinutes) {
      const start = midnight + m * MIN_MS;
      out.push({ start: new Date(start).toISOString(), end: new Date(start + service.slotMinutes * MIN_MS).toISOString() });
    }
  }
  return out;
}
