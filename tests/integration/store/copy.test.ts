import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DB_FILE, createSqliteStore } from '../../../server/store/sqlite/index';
import { ingest, replayActions } from '../../../server/demo';
import { BENCH_PER_CITY, demoActions, generateDemoData } from '../../../server/seed/index';
import { seedRatings } from '../../../server/seed/ratings';
import { ensureDemoOfficers } from '../../../server/officers';
import { hashPhotos, recordPhotoHashes } from '../../../server/domain/forensics';
import { copyExchange, CopyRefused } from '../../../scripts/exchange-to-postgres/copy';
import { checkCopy } from '../../../scripts/exchange-to-postgres/check';
import { TABLES } from '../../../scripts/exchange-to-postgres/tables';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres';

/**
 * The SQLite → PostgreSQL copy (scripts/exchange-to-postgres.ts): a SQLite exchange filled by the
 * domain (intake of 1,500 generated items with photos, the demo's officer commands, ratings, photo
 * hashes, a session and a failed login) is copied, and the check finds both stores alike; a copy changed
 * afterwards is caught; a target with rows and a source at an old schema are refused.
 */
let dataDir: string;
const databases: TestDatabase[] = [];

async function emptyDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(inject('pgAdminUrl'), label);
  databases.push(db);
  return db;
}

async function onDatabase<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-source-'));
  const store = createSqliteStore(dataDir);
  try {
    const data = await generateDemoData({ seed: 7, perCity: BENCH_PER_CITY(1500), photos: 'reuse' });
    const report = await ingest(store, data);
    await ensureDemoOfficers(store);
    await replayActions(store, demoActions(data), report.ids, 1);
    await seedRatings(store, report.ids);
    // the bench photos are left unhashed at intake (server/seed/index.ts): hash a few cases' now
    for (const id of report.ids.accident.slice(0, 20)) {
      const photos = (await store.items.attachmentsOf([id!])).map((a) => ({ sha256: a.sha256, role: a.role }));
      await hashPhotos(store, photos);
      await recordPhotoHashes(store, id!, photos);
    }
    const [officer] = await store.officers.list('');
    await store.sessions.add('a'.repeat(64), officer!.badge, '2030-01-01T00:00:00.000Z');
    await store.officers.setLoginState(officer!.badge, { failedCount: 2, failedWindowStart: '2026-01-01T00:00:00.000Z', lockedUntil: null });
  } finally {
    await store.close();
  }
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('copying a SQLite exchange to PostgreSQL', () => {
  it('copies every table and the check finds both stores alike', async () => {
    const db = await emptyDatabase('copy');
    const copied = await copyExchange(dataDir, db.url);
    // the fixture exercises every table, so the check below compares real rows everywhere
    for (const t of TABLES) expect(copied.rows[t.name], t.name).toBeGreaterThan(0);
    expect(copied.blobBytes).toBeGreaterThan(0);

    const check = await checkCopy(dataDir, db.url);
    expect(check.lines.filter((l) => !l.startsWith('ok'))).toEqual([]);
    expect(check.ok).toBe(true);
    // the feed was walked for each scope and limit, and the audit chain checked on both
    expect(check.lines.filter((l) => l.includes('feed ')).length).toBeGreaterThanOrEqual(14);
    expect(check.lines.some((l) => /audit chain verified: ok true, [1-9]\d* entries/.test(l))).toBe(true);
  });

  it('finds a copy whose item JSON was changed afterwards', async () => {
    const db = await emptyDatabase('tampered');
    await copyExchange(dataDir, db.url);
    await onDatabase(db.url, (c) =>
      c.query(`UPDATE items SET json = replace(json, '"version":', '"version": ') WHERE id = (SELECT min(id) FROM items)`),
    );
    const check = await checkCopy(dataDir, db.url);
    expect(check.ok).toBe(false);
    const differs = check.lines.filter((l) => l.startsWith('DIFFERS'));
    expect(differs.some((l) => l.startsWith('DIFFERS  items rows'))).toBe(true);
    expect(differs.some((l) => l.startsWith('DIFFERS  feed all kinds, everywhere'))).toBe(true);
  });

  it('refuses a target that holds rows, and leaves it as it was', async () => {
    const db = await emptyDatabase('full');
    await copyExchange(dataDir, db.url);
    const before = await onDatabase(db.url, async (c) => (await c.query<{ n: string }>('SELECT count(*) AS n FROM items')).rows[0]!.n);
    await expect(copyExchange(dataDir, db.url)).rejects.toThrow(CopyRefused);
    await expect(copyExchange(dataDir, db.url)).rejects.toThrow(/not empty \(its tables .*items.* hold rows\)/);
    const after = await onDatabase(db.url, async (c) => (await c.query<{ n: string }>('SELECT count(*) AS n FROM items')).rows[0]!.n);
    expect(after).toBe(before);
  });

  it('refuses a SQLite database not at the latest schema, telling to start the exchange once', async () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-old-'));
    try {
      fs.copyFileSync(path.join(dataDir, DB_FILE), path.join(old, DB_FILE));
      const file = new Database(path.join(old, DB_FILE));
      file.pragma('user_version = 110');
      file.close();
      const db = await emptyDatabase('old');
      await expect(copyExchange(old, db.url)).rejects.toThrow(/schema version 110, not the latest .*start the exchange once/);
      // nothing was written, not even the migrations
      const tables = await onDatabase(db.url, async (c) => (await c.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'")).rowCount);
      expect(tables).toBe(0);
    } finally {
      fs.rmSync(old, { recursive: true, force: true });
    }
  });
});
