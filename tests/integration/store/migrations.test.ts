import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ApplicationIntakeSchema } from '#shared/contract/api';
import { createApplication } from '../../../server/domain/intake';
import { createSqliteStore, DB_FILE } from '../../../server/store/sqlite/index';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../server/store/sqlite/migrations';
import { createPgStore } from '../../../server/store/pg/index';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION, migratePg } from '../../../server/store/pg/migrations';
import type { Store } from '../../../server/store/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres';
import { applicationBody } from '../../helpers/intake-bodies';

/**
 * Store conformance, schema: both stores open an empty database and one left at every earlier
 * schema version, reach the latest, and work then; they refuse a database from a newer exchange;
 * PostgreSQL instances starting at once on an empty database migrate it once.
 */
const dirs: string[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

async function works(store: Store): Promise<void> {
  const body = ApplicationIntakeSchema.parse(applicationBody('410100'));
  const { id, seq } = await store.transaction((tx) => createApplication(tx, body, new Date('2026-11-20T08:00:00.000Z')));
  expect(await store.items.latestSeq()).toBe(seq);
  const rows = await store.items.changesAfter(seq - 1, 10, { kinds: ['application'], unitPrefix: '410100' });
  expect(rows.map((r) => r.id)).toEqual([id]);
  expect(await store.audit.verify()).toMatchObject({ ok: true });
}

async function pgVersions(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  } finally {
    await c.end();
  }
}

async function newDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(inject('pgAdminUrl'), label);
  databases.push(db);
  return db;
}

describe('store conformance, migrations: sqlite', () => {
  it.each(MIGRATIONS.map((m, k) => [k, m.name] as const))('opens a database left after %i migrations (%s) and reaches the latest version', async (k) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-mig-'));
    dirs.push(dir);
    const db = new Database(path.join(dir, DB_FILE));
    migrate(db, MIGRATIONS.slice(0, k));
    db.close();
    const store = createSqliteStore(dir);
    try {
      await works(store);
    } finally {
      await store.close();
    }
    const after = new Database(path.join(dir, DB_FILE), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    after.close();
  });
});

describe('store conformance, migrations: postgres', () => {
  it.each(PG_MIGRATIONS.map((m, k) => [k, m.name] as const))('opens a database left after %i migrations (%s) and reaches the latest version', async (k) => {
    const db = await newDatabase(`mig${k}`);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await migratePg(c, PG_MIGRATIONS.slice(0, k));
    await c.end();
    const store = await createPgStore(db.url);
    try {
      await works(store);
    } finally {
      await store.close();
    }
    expect(await pgVersions(db.url)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    expect(PG_MIGRATIONS.at(-1)!.version).toBe(PG_SCHEMA_VERSION);
  });

  it('instances starting at once on an empty database migrate it once, and all of them work', async () => {
    const db = await newDatabase('race');
    const stores = await Promise.all([1, 2, 3].map(() => createPgStore(db.url)));
    try {
      expect(await pgVersions(db.url)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      for (const s of stores) await works(s);
    } finally {
      for (const s of stores) await s.close();
    }
  });

  it('refuses a database written by a newer exchange, and changes nothing in it', async () => {
    const db = await newDatabase('newer');
    await (await createPgStore(db.url)).close();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [PG_SCHEMA_VERSION + 10]);
    await c.end();
    await expect(createPgStore(db.url)).rejects.toThrow(/newer than this exchange/);
    expect(await pgVersions(db.url)).toEqual([...PG_MIGRATIONS.map((m) => m.version), PG_SCHEMA_VERSION + 10]);
  });
});
