import fs from 'node:fs';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_HEADER, OutboundResponseSchema, ROUTES } from '#shared/contract/api';
import type { Officer } from '#shared/domain/officers';
import type { Appointment } from '#shared/domain/items';
import { findAppointmentService } from '#shared/data/appointments';
import { slotsOn } from '#shared/rules/appointments';
import { addWorkingDays, shanghaiDate } from '#shared/rules/workdays';
import { makeIdNumber } from '#shared/rules/idNumber';
import { maskIdNumber } from '#shared/rules/masking';
import { createSqliteStore } from '#server/store/sqlite/index';
import { createAppointment } from '#server/domain/intake';
import { runCommand } from '#server/domain/apply';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { changes, command, ID_NUMBER, openDb, postCommands } from './fixtures';

/**
 * The service hall on the exchange: appointments booked through intake (the catalogue's
 * appointment services, a district hall, a slot on the service's grid with a place left) and
 * their life cycle; the hand-over whose ID check the exchange does (the typed number compared
 * with the applicant's, every attempt audited, the number kept nowhere); EMS dispatch with its
 * waybill, told to the citizen through the outbound feed.
 */
let exchange: ExchangeHandle;
let clerk: string;

const SERVICE = findAppointmentService('appt_passport_first')!;
const HALL = '410105';
const citizen = (seq: number) => ({ name: '周某某', idNumber: makeIdNumber('410105', '19900101', seq), phone: '13812345678' });

/** The slots of the next working day after today (Shanghai), so a booking is always in the future. */
function nextDaySlots(service = SERVICE) {
  const day = shanghaiDate(addWorkingDays(new Date().toISOString(), 1));
  return slotsOn(service, day);
}

beforeAll(async () => {
  exchange = await startExchange();
  clerk = await login(exchange.url, '100001');
}, 120_000);

afterAll(async () => {
  await exchange?.stop();
});

describe('appointments through intake', () => {
  it('books a slot at a district hall; the clerks of the city get it in their feed, masked', async () => {
    const slot = nextDaySlots()[2]!;
    const res = await intake(exchange, 'appointment', { serviceCode: SERVICE.code, unitCode: HALL, slotStart: slot.start, citizen: citizen(1) });
    expect(res.status).toBe(200);
    expect(res.id).toMatch(/^APT-410100-\d+$/);
    const feed = await changes(exchange, clerk);
    const item = feed.items.find((i) => i.id === res.id) as Appointment | undefined;
    expect(item).toMatchObject({ kind: 'appointment', status: 'booked', unitCode: HALL, dueAt: slot.start, data: { serviceCode: SERVICE.code, slot } });
    expect(item!.data.citizen.idNumberMasked).not.toContain(citizen(1).idNumber.slice(6, 14));
    expect(JSON.stringify(item)).not.toContain(citizen(1).idNumber);
  });

  it('refuses a slot that is full, off the grid, on a closed day, past, of an unknown service or at a bureau without a hall', async () => {
    const slot = nextDaySlots()[4]!;
    for (let i = 0; i < SERVICE.perSlot; i++) {
      expect((await intake(exchange, 'appointment', { serviceCode: SERVICE.code, unitCode: HALL, slotStart: slot.start, citizen: citizen(10 + i) })).status).toBe(200);
    }
    const full = await intake(exchange, 'appointment', { serviceCode: SERVICE.code, unitCode: HALL, slotStart: slot.start, citizen: citizen(20) });
    expect(full).toMatchObject({ status: 409, body: { error: { code: 'slot_full' } } });
    // another hall's same slot still has places
    expect((await intake(exchange, 'appointment', { serviceCode: SERVICE.code, unitCode: '410102', slotStart: slot.start, citizen: citizen(21) })).status).toBe(200);

    const offGrid = new Date(Date.parse(slot.start) + 10 * 60_000).toISOString();
    const saturday = (() => {
      let t = Date.now() + 86_400_000;
      while (new Date(t + 8 * 3_600_000).getUTCDay() !== 6) t += 86_400_000;
      return `${shanghaiDate(new Date(t).toISOString())}T02:00:00.000Z`; // 10:00 in Shanghai
    })();
    const past = '2026-01-05T02:00:00.000Z';
    for (const [slotStart, unitCode, serviceCode, code] of [
      [offGrid, HALL, SERVICE.code, 'invalid'],
      [saturday, HALL, SERVICE.code, 'invalid'],
      [past, HALL, SERVICE.code, 'invalid'],
      [slot.start, '410100', SERVICE.code, 'invalid'],
      [slot.start, HALL, 'exit_passport_first', 'unknown_service'],
    ] as const) {
      const res = await intake(exchange, 'appointment', { serviceCode, unitCode, slotStart, citizen: citizen(30) });
      expect(res.status, `${slotStart} ${unitCode} ${serviceCode}`).toBeGreaterThanOrEqual(400);
      expect((res.body as { error: { code: string } }).error.code, `${slotStart} ${unitCode} ${serviceCode}`).toBe(code);
    }
  });

  it('a citizen cancels a booking; its place is free again; a cancelled booking takes no command', async () => {
    const slot = nextDaySlots()[6]!;
    const ids: string[] = [];
    for (let i = 0; i < SERVICE.perSlot; i++) ids.push((await intake(exchange, 'appointment', { serviceCode: SERVICE.code, unitCode: HALL, slotStart: slot.start, citizen: citizen(40 + i) })).id!);
    expect((await intake(exchange, 'appointment', { serviceCode: SERVICE.code, unitCode: HALL, slotStart: slot.start, citizen: citizen(50) })).status).toBe(409);
    expect((await intake(exchange, 'withdraw', { itemId: ids[0], reason: '行程有变' })).status).toBe(200);
    expect((await intake(exchange, 'appointment', { serviceCode: SERVICE.code, unitCode: HALL, slotStart: slot.start, citizen: citizen(50) })).status).toBe(200);
    const [r] = await postCommands(exchange, clerk, [command(ids[0]!, 'check_in', 2)]);
    expect(r?.status).toBe('invalid');
    // checking in on another day than the slot's is refused too
    const [early] = await postCommands(exchange, clerk, [command(ids[1]!, 'check_in', 1)]);
    expect(early).toMatchObject({ status: 'invalid' });
  });
});

describe('an appointment through its day (the exchange’s command core over a real store, with its clock set)', () => {
  const clerkOfficer: Officer = { badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' };
  const day = '2026-12-03'; // a Thursday, a working day
  const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

  it('booked → checked in → served; another booked → no-show only once its slot is over', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hall-'));
    const store = createSqliteStore(dir);
    try {
      const [nine, , , , , ten] = slotsOn(SERVICE, day);
      const booked = async (seq: number, start: string) =>
        (await store.transaction((tx) => createAppointment(tx, { serviceCode: SERVICE.code, unitCode: HALL, slotStart: start, citizen: citizen(seq) }, at('08:00')))).id;
      const a = await booked(60, nine!.start);
      const b = await booked(61, ten!.start);
      const run = async (id: string, type: string, now: Date) =>
        runCommand({ db: store, officer: clerkOfficer, leaseScale: 1, now: () => now }, command(id, type, (await store.items.getWork(id))!.version));

      expect((await run(a, 'serve', at('08:55'))).status).toBe('invalid'); // not checked in yet
      expect(await run(a, 'check_in', at('08:55'))).toMatchObject({ status: 'applied', item: { status: 'checked_in', data: { checkedIn: { by: '100001' } } } });
      expect((await run(a, 'check_in', at('08:56'))).status).toBe('invalid');
      expect((await run(a, 'no_show', at('12:00'))).status).toBe('invalid');
      expect(await run(a, 'serve', at('09:20'))).toMatchObject({ status: 'applied', item: { status: 'served', data: { served: { at: at('09:20').toISOString(), by: '100001' } } } });

      expect((await run(b, 'no_show', new Date(Date.parse(ten!.end) - 60_000))).status).toBe('invalid'); // the slot is not over
      expect(await run(b, 'no_show', new Date(Date.parse(ten!.end) + 60_000))).toMatchObject({ status: 'applied', item: { status: 'no_show' } });
      expect((await run(b, 'check_in', at('16:00'))).status).toBe('invalid');
      // each step is on the feed and in the audit chain
      expect(await store.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** An approved application waiting at the hall, for the window or by EMS. */
async function approved(pickup: 'window' | 'ems'): Promise<string> {
  const id = await scannedApplication(exchange, '410100', pickup === 'ems' ? { delivery: 'ems', emsAddress: '郑州市金水区花园路1号' } : {});
  const results = await postCommands(exchange, clerk, [command(id, 'claim', 1), command(id, 'decide', 2, { outcome: 'approve', pickup })]);
  expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
  return id;
}

function fileText(): string {
  // the database and its write-ahead log: whatever was written is in one of them
  return ['exchange.sqlite', 'exchange.sqlite-wal']
    .map((f) => path.join(exchange.dataDir, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('');
}

describe('the hand-over at the window', () => {
  const OTHER = makeIdNumber('410105', '19850312', 777);

  it('refuses another person’s number with id_mismatch, audits the attempt masked, keeps the number nowhere; the right one completes the item', async () => {
    const id = await approved('window');
    const other = await login(exchange.url, '100005'); // any clerk at the window, without a claim
    const [wrong] = await postCommands(exchange, other, [command(id, 'hand_over', 3, { idNumber: OTHER })]);
    expect(wrong).toMatchObject({ status: 'id_mismatch', item: { status: 'approved', version: 3 } });
    const [typo] = await postCommands(exchange, other, [command(id, 'hand_over', 3, { idNumber: `${ID_NUMBER.slice(0, 17)}${ID_NUMBER.endsWith('1') ? '2' : '1'}` })]);
    expect(typo?.status).toBe('invalid');

    const db = openDb(exchange);
    try {
      const audit = db.prepare("SELECT action, actor, detail FROM audit WHERE item_id = ? AND action LIKE 'hand_over%' ORDER BY seq").all(id) as { action: string; actor: string; detail: string }[];
      expect(audit.map((a) => [a.action, a.actor, JSON.parse(a.detail).code])).toEqual([
        ['hand_over_refused', '100005', 'id_mismatch'],
        ['hand_over_refused', '100005', 'invalid'],
      ]);
      expect(JSON.parse(audit[0]!.detail).body).toEqual({ idNumberMasked: maskIdNumber(OTHER) });
    } finally {
      db.close();
    }
    expect(fileText()).not.toContain(OTHER);

    const [right] = await postCommands(exchange, other, [command(id, 'hand_over', 3, { idNumber: ID_NUMBER.toLowerCase() })]);
    expect(right).toMatchObject({ status: 'applied', item: { status: 'completed', data: { handedOver: { by: '100005', idChecked: true } } } });
    const [again] = await postCommands(exchange, other, [command(id, 'hand_over', 4, { idNumber: ID_NUMBER })]);
    expect(again?.status).toBe('invalid');
    const db2 = openDb(exchange);
    try {
      const actions = (db2.prepare('SELECT action FROM audit WHERE item_id = ? ORDER BY seq').all(id) as { action: string }[]).map((a) => a.action);
      expect(actions.filter((a) => a.startsWith('hand_over'))).toEqual(['hand_over_refused', 'hand_over_refused', 'hand_over', 'hand_over_refused']);
      // the audit and command records hold the masked number at most
      const rows = db2.prepare("SELECT detail FROM audit WHERE item_id = ? UNION ALL SELECT result FROM commands WHERE item_id = ?").all(id, id) as { detail: string }[];
      for (const r of rows) expect(r.detail).not.toContain(ID_NUMBER);
    } finally {
      db2.close();
    }
  });

  it('an EMS item is not handed over at the window: it is dispatched with its waybill, and the citizen is told', async () => {
    const id = await approved('ems');
    const [over] = await postCommands(exchange, clerk, [command(id, 'hand_over', 3, { idNumber: ID_NUMBER })]);
    expect(over?.status).toBe('invalid');
    // a waybill that is none is refused as a request, before anything runs
    await expect(postCommands(exchange, clerk, [command(id, 'dispatch', 3, { waybill: 'EMS-123' })])).rejects.toThrow(/400.*waybill/);
    const [sent] = await postCommands(exchange, clerk, [command(id, 'dispatch', 3, { waybill: 'ea123456789cn' })]);
    expect(sent).toMatchObject({ status: 'applied', item: { status: 'completed', data: { dispatched: { waybill: 'EA123456789CN', by: '100001' } } } });
    const window = await approved('window');
    const [wrongWay] = await postCommands(exchange, clerk, [command(window, 'dispatch', 3, { waybill: '1100123456789' })]);
    expect(wrongWay?.status).toBe('invalid');

    const res = await fetch(`${exchange.url}${ROUTES.outbound}?after=0&limit=1000`, { headers: { [INTAKE_KEY_HEADER]: exchange.intakeKey } });
    const notices = OutboundResponseSchema.parse(await res.json()).notifications.filter((n) => n.itemId === id);
    expect(notices.map((n) => n.event)).toEqual(['approved', 'dispatched']);
    expect(notices[1]).toMatchObject({ waybill: 'EA123456789CN' });
    expect(JSON.stringify(notices)).not.toContain('100001');
  });
});
