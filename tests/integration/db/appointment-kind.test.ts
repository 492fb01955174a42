import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ItemQuerySchema, type ItemQuery } from '#shared/contract/bridge';
import { ApplicationSchema, AppointmentSchema, type Application, type Appointment } from '#shared/domain/items';
import { openCache, type Cache } from '#db/cache';
import { runMigrations } from '#db/migrate';
import { fixtureItems, ME } from '../console/query-fixtures';
import { tempDir } from '../console/support';

const ctx = { badge: ME, nowMs: Date.parse('2026-12-03T01:00:00.000Z') };
const rows = (cache: Cache, q: Partial<ItemQuery>) => cache.queue.page(ItemQuerySchema.parse({ kind: 'application', limit: 1000, ...q }), ctx).rows;

/** An application of the query fixtures, decided for pickup at the window or by EMS. */
function approved(n: number, pickup: 'window' | 'ems', unitCode = '410100'): Application {
  const base = fixtureItems().find((i): i is Application => i.kind === 'application')!;
  return ApplicationSchema.parse({
    ...base,
    id: `APP-410100-${9000 + n}`,
    unitCode,
    status: 'approved',
    data: { ...base.data, delivery: pickup, decision: { outcome: 'approved', pickup, reasonCode: null, reasonText: null, decidedBy: ME, decidedAt: '2026-12-01T02:00:00.000Z' } },
  });
}

function appointment(n: number, unitCode: string, start: string, status: Appointment['status'] = 'booked'): Appointment {
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
  return AppointmentSchema.parse({
    id: `APT-410100-${n}`,
    kind: 'appointment',
    unitCode,
    status,
    version: 1,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: '2026-12-01T10:00:00.000Z',
    dueAt: start,
    updatedAt: '2026-12-01T10:00:00.000Z',
    notes: [],
    data: {
      serviceCode: 'appt_passport_first',
      slot: { start, end },
      citizen: { name: '周某某', idNumberMasked: '4101**********0021', phoneMasked: '138****5678' },
      checkedIn: null,
      served: null,
      noShow: null,
    },
  });
}

describe('appointments and the pickup column in the cache (migration 0090)', () => {
  it('a cache written at 0080 takes appointments after the upgrade and backfills how approved applications are collected', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const old = new Database(file);
    runMigrations(old, { upTo: 80 });
    // the kind constraint of 0010 refuses an appointment before 0090
    expect(() =>
      old.prepare("INSERT INTO items (id, kind, server_json, server_version, rev, status, terminal, unit_code, submitted_at, updated_at, label, person, person_id_masked, label_sort, search_text) VALUES ('APT-410100-1', 'appointment', '{}', 1, 1, 'booked', 0, '410105', '', '', '', '', '', '', '')").run(),
    ).toThrow(/CHECK constraint failed/);
    for (const app of [approved(1, 'window'), approved(2, 'ems')]) {
      old.prepare(
        `INSERT INTO items (id, kind, server_json, server_version, local_json, rev, status, terminal, unit_code, claimed_by, claim_expires_at,
          submitted_at, due_at, updated_at, label, person, person_id_masked, urgency, label_sort, search_text)
         VALUES (?, 'application', ?, 1, NULL, 1, 'approved', 0, '410100', NULL, NULL, ?, NULL, ?, ?, '', '', NULL, '', '')`,
      ).run(app.id, JSON.stringify(app), app.submittedAt, app.updatedAt, app.data.serviceCode);
    }
    old.close();

    const cache = openCache(file);
    try {
      const byPickup = (pickup: string) => rows(cache, { filters: [{ col: 'pickup', op: 'equals', value: pickup }] }).map((r) => r.id);
      expect(byPickup('window')).toEqual(['APP-410100-9001']);
      expect(byPickup('ems')).toEqual(['APP-410100-9002']);
      expect(rows(cache, { filters: [{ col: 'id', op: 'equals', value: 'APP-410100-9002' }] })[0]).toMatchObject({ pickup: 'ems', status: 'approved' });
      cache.tx(() => cache.items.put(appointment(1, '410105', '2026-12-03T01:00:00.000Z'), null));
      expect(cache.items.get('APT-410100-1')?.server.kind).toBe('appointment');
      const reader = new Database(file, { readonly: true });
      expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
      reader.close();
    } finally {
      cache.close();
    }
  });

  it('lists a hall’s appointments of one day by slot, filtered by unit and time, and a new decision sets the pickup', () => {
    const cache = openCache(join(tempDir(), 'cache.sqlite'));
    try {
      cache.tx(() => {
        cache.items.put(appointment(1, '410105', '2026-12-03T02:00:00.000Z'), null);
        cache.items.put(appointment(2, '410105', '2026-12-03T01:00:00.000Z', 'checked_in'), null);
        cache.items.put(appointment(3, '410102', '2026-12-03T01:30:00.000Z'), null);
        cache.items.put(appointment(4, '410105', '2026-12-04T01:00:00.000Z'), null);
        cache.items.put(approved(3, 'window', '410105'), null);
      });
      const day = rows(cache, {
        kind: 'appointment',
        filters: [
          { col: 'unitCode', op: 'equals', value: '410105' },
          { col: 'dueAt', op: 'after', value: '2026-12-02T16:00:00.000Z' },
          { col: 'dueAt', op: 'before', value: '2026-12-03T16:00:00.000Z' },
        ],
        sort: [{ col: 'dueAt', dir: 'asc' }],
      });
      expect(day.map((r) => [r.id, r.status, r.label])).toEqual([
        ['APT-410100-2', 'checked_in', 'appt_passport_first'],
        ['APT-410100-1', 'booked', 'appt_passport_first'],
      ]);
      // appointments are not applications: the application queue never lists them
      expect(rows(cache, {}).some((r) => r.id.startsWith('APT-'))).toBe(false);
      expect(rows(cache, { filters: [{ col: 'unitCode', op: 'equals', value: '410105' }] }).map((r) => [r.id, r.pickup])).toEqual([['APP-410100-9003', 'window']]);
      // a row without a decision has no pickup
      const open = fixtureItems().find((i): i is Application => i.kind === 'application' && i.data.decision === null)!;
      cache.tx(() => cache.items.put(open, null));
      expect(rows(cache, { filters: [{ col: 'id', op: 'equals', value: open.id }] })[0]?.pickup).toBeNull();
    } finally {
      cache.close();
    }
  });
});
