import crypto from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { WorkItemSchema, type WorkItem } from '#shared/domain/items';
import { createPgStore } from '../../../server/store/pg/index';
import { PG_SCHEMA_VERSION } from '../../../server/store/pg/migrations';
import type { Store } from '../../../server/store/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres';

/**
 * What only the PostgreSQL store has to get right: several exchange instances on one database.
 * Migrations race at start-up, writers on different instances are serialised (commit order is
 * seq order), the audit chain stays one line, changes are announced to every instance, the
 * listener survives a dropped connection, and one instance's photos are found by the others.
 */
const opened: Store[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of databases.splice(0)) await d.drop();
});

async function database(label: string): Promise<string> {
  const db = await createTestDatabase(inject('pgAdminUrl'), label);
  databases.push(db);
  return db.url;
}

async function open(url: string, opts: Parameters<typeof createPgStore>[1] = {}): Promise<Store> {
  const store = await createPgStore(url, opts);
  opened.push(store);
  return store;
}

async function sql<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function appointment(n: number, version = 1): WorkItem {
  return WorkItemSchema.parse({
    id: `APT-410102-${n}`,
    kind: 'appointment',
    unitCode: '410102',
    status: 'booked',
    version,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: '2026-11-20T08:00:00.000Z',
    dueAt: '2026-11-21T09:00:00.000Z',
    updatedAt: `2026-11-20T08:00:${String(version % 60).padStart(2, '0')}.000Z`,
    notes: [],
    data: {
      serviceCode: 'svc',
      slot: { start: '2026-11-21T09:00:00.000Z', end: '2026-11-21T09:15:00.000Z' },
      citizen: { name: 'A', idNumberMasked: '4101**********1234', phoneMasked: '138****0000' },
      checkedIn: null,
      served: null,
      noShow: null,
    },
  });
}

const SCOPE = { kinds: ['appointment'] as const, unitPrefix: '41' };

describe('the PostgreSQL store across instances', () => {
  it('migrates an empty database once when two instances start at the same moment', async () => {
    const url = await database('migrate');
    await Promise.all([open(url), open(url)]);
    expect(await sql(url, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual([{ version: PG_SCHEMA_VERSION }]);
  });

  it('refuses a database written by a newer exchange', async () => {
    const url = await database('newer');
    await open(url);
    await sql(url, 'INSERT INTO schema_migrations (version) VALUES ($1)', [PG_SCHEMA_VERSION + 10]);
    await expect(createPgStore(url)).rejects.toThrow(/newer than this exchange/);
  });

  it('makes a writer on another instance wait for an open transaction, so no reader sees a later seq before an earlier one', async () => {
    const url = await database('serial');
    const [a, b] = await Promise.all([open(url), open(url)]);
    await a.items.insert(appointment(1), {}, []);
    await a.items.insert(appointment(2), {}, []);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inFlight!: (seq: number) => void;
    const drawn = new Promise<number>((resolve) => (inFlight = resolve));
    const first = a.transaction(async (tx) => {
      const seq = await tx.items.update(appointment(1, 2), '410102');
      inFlight(seq);
      await held;
      return seq;
    });
    const firstSeq = await drawn;
    const second = b.items.update(appointment(2, 2), '410102');
    // the second writer waits on the writer lock, not anywhere else
    await expect
      .poll(async () => (await sql<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))[0]!.n)
      .toBe(1);
    // meanwhile a reader sees neither change
    expect(await b.items.latestSeq()).toBe(firstSeq - 1);
    expect((await b.items.changesAfter(firstSeq - 1, 10, SCOPE)).map((r) => r.seq)).toEqual([]);
    release();
    expect(await first).toBe(firstSeq);
    expect(await second).toBe(firstSeq + 1);
    expect((await b.items.changesAfter(firstSeq - 1, 10, SCOPE)).map((r) => [r.id, r.seq])).toEqual([
      ['APT-410102-1', firstSeq],
      ['APT-410102-2', firstSeq + 1],
    ]);
  });

  it('keeps the audit chain one line when two instances append at once', async () => {
    const url = await database('audit');
    const [a, b] = await Promise.all([open(url), open(url)]);
    const seqs = await Promise.all(
      Array.from({ length: 30 }, (_, k) => (k % 2 ? a : b).audit.append({ at: '2026-11-20T08:00:00.000Z', actor: `o${k}`, action: 'claim', itemId: null, detail: { k } })),
    );
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
    expect(await a.audit.verify()).toEqual({ ok: true, checked: 30 });
  });

  it('announces a change committed on one instance to the listeners of another', async () => {
    const url = await database('notify');
    const [a, b] = await Promise.all([open(url), open(url)]);
    const heard = new Promise<number>((resolve) => b.onChange(resolve));
    const seq = await a.items.insert(appointment(1), {}, []);
    expect(await heard).toBe(seq);
  });

  it('reconnects a dropped listener and passes on a change made while it was away', async () => {
    const url = await database('reconnect');
    const logged: string[] = [];
    let reconnected!: () => void;
    const back = new Promise<void>((resolve) => (reconnected = resolve));
    // its listener is dropped too (the query below cannot tell the two apart): kept quiet
    const a = await open(url, { log: () => undefined });
    const b = await open(url, {
      log: (m) => {
        logged.push(m);
        if (m.includes('reconnected')) reconnected();
      },
    });
    const seqs: number[] = [];
    let got!: () => void;
    const gotIt = new Promise<void>((resolve) => (got = resolve));
    b.onChange((seq) => {
      seqs.push(seq);
      if (seq === 1) got();
    });
    await sql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN exchange_changes'");
    await a.items.insert(appointment(1), {}, []);
    await back;
    await gotIt;
    expect(logged.some((m) => m.includes('lost its connection'))).toBe(true);
    expect(seqs).toContain(1);
  });

  it('finds a photo another instance recorded, with the case it came with', async () => {
    const url = await database('photos');
    const [a, b] = await Promise.all([open(url), open(url)]);
    const bytes = crypto.randomBytes(100);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    await a.blobs.put({ sha256, contentType: 'image/jpeg', size: bytes.length, takenAt: null, gps: null }, bytes);
    await a.items.insert(appointment(1), {}, []);
    const views = [
      { p: '0f0f0f0f0f0f0f0f', d: '1111111111111111' },
      null,
      { p: '00ff00ff00ff00ff', d: '2222222222222222' },
      null,
      null,
      null,
    ];
    expect(await b.forensics.nearPhotos(views)).toEqual([]);
    await a.forensics.addPhotoHashes('APT-410102-1', [{ sha256, views }]);
    expect(await b.forensics.nearPhotos(views)).toEqual([{ sha256, itemId: 'APT-410102-1', distance: 0 }]);
    expect(await b.blobs.read(sha256)).toEqual(bytes);
  });
});
