import { randomUUID } from 'node:crypto';
import { APPOINTMENT_SERVICES } from '#shared/data/appointments';
import { CommandSchema } from '#shared/domain/commands';
import { slotsOn } from '#shared/rules/appointments';
import { addWorkingDays, isWorkingDay, shanghaiDate } from '#shared/rules/workdays';
import { AppError } from '#shared/errors';
import type { Store } from '../store/store';
import { createAppointment } from '../domain/intake';
import { runCommand } from '../domain/apply';
import { DEMO_OFFICERS } from '../officers';
import { person } from './people';
import { cityGeo } from './places';
import { Rng } from './prng';

/** The halls that get bookings: every district of the cities with a demo clerk (Zhengzhou, Luoyang). */
const CITIES = [...new Set(DEMO_OFFICERS.filter((o) => o.role === 'clerk').map((o) => o.unitCode))];
/** Working days booked ahead, today included when the hall opens today. */
const DAYS_AHEAD = 5;
const MIN = 60_000;

/**
 * The hall windows' appointments (issue 10's demo data): for each district hall, bookings on today
 * and the coming working days over the appointment services, at most a few per slot so the
 * capacity check never refuses one. A booking was made the evening before its day or earlier, so
 * today's morning slots exist even when the demo starts in the afternoon; today's slots already
 * begun are worked at their own instants by a clerk of the city: checked in a few minutes before,
 * served, or marked no-show after the slot (about one in eight) — all but the first of each hall,
 * which the window has not marked yet (a check-in is allowed all the slot's day), so a hall has a
 * booking of today to check in at any hour. Everything goes through intake and the command runner,
 * like the rest of the demo.
 */
export async function seedAppointments(store: Store, now: Date, seed = 2026): Promise<{ booked: number; worked: number }> {
  const rng = new Rng(seed ^ 0x5a17);
  let booked = 0;
  let worked = 0;
  const days: string[] = [];
  let t = now.toISOString();
  if (isWorkingDay(shanghaiDate(t))) days.push(shanghaiDate(t));
  while (days.length < DAYS_AHEAD) {
    t = addWorkingDays(t, 1);
    days.push(shanghaiDate(t));
  }
  for (const cityCode of CITIES) {
    const city = cityGeo(cityCode);
    const clerk = DEMO_OFFICERS.find((o) => o.role === 'clerk' && o.unitCode === cityCode)!;
    await store.transaction(async (tx) => {
      for (const district of city.districts) {
        for (const [d, day] of days.entries()) {
          // fewer bookings further ahead, as in a real week
          const count = rng.int(6, 12) - d;
          let unmarked = false;
          for (let k = 0; k < count; k++) {
            const service = rng.pick(APPOINTMENT_SERVICES);
            const slots = slotsOn(service, day);
            const slot = rng.pick(slots);
            const bookedAt = new Date(Date.parse(`${day}T00:00:00+08:00`) - rng.int(4 * 60, 5 * 24 * 60) * MIN);
            const citizen = person(rng, city, now.getUTCFullYear());
            let id: string;
            try {
              const body = {
                serviceCode: service.code,
                unitCode: district.code,
                slotStart: slot.start,
                citizen: { name: citizen.name, idNumber: citizen.idNumber, phone: citizen.phone },
                submittedAt: bookedAt.toISOString(),
              };
              id = (await createAppointment(tx, body, bookedAt)).id;
            } catch (err) {
              if (err instanceof AppError && err.code === 'slot_full') continue;
              throw err;
            }
            booked++;
            const start = Date.parse(slot.start);
            if (start > now.getTime()) continue;
            if (!unmarked) {
              unmarked = true;
              continue;
            }
            const steps: [string, number][] = rng.chance(0.125)
              ? [['no_show', Date.parse(slot.end) + rng.int(1, 20) * MIN]]
              : [
                  ['check_in', start - rng.int(1, 10) * MIN],
                  ['serve', start + rng.int(5, Math.max(6, (Date.parse(slot.end) - start) / MIN)) * MIN],
                ];
            for (const [type, at] of steps) {
              if (at > now.getTime()) break;
              const version = (await tx.items.getWork(id))!.version;
              const cmd = CommandSchema.parse({ id: randomUUID(), itemId: id, type, expectedVersion: version, body: {} });
              if ((await runCommand({ db: tx, officer: clerk, leaseScale: 1, now: () => new Date(at) }, cmd)).status !== 'applied') break;
              worked++;
            }
          }
        }
      }
    });
  }
  return { booked, worked };
}
