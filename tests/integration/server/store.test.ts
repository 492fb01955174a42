import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore, DB_FILE } from '../../../server/store/sqlite/index';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../server/store/sqlite/migrations';
import { LATEST_SEQ_SQL, attachmentsOf, feedParams, feedSql, prefixRange, rowToItem } from '../../../server/store/sqlite/items';
import { seedBench } from '../../../server/demo';
import { WorkItemSchema } from '#shared/domain/items';
import type { Repos } from '../../../server/store/store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite store', () => {
  it('creates a WAL database with foreign keys, STRICT tables and the latest schema version', async () => {
    const dir = tempDir();
    await createSqliteStore(dir).close();
    const db = new Database(path.join(dir, DB_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['audit', 'blobs', 'changes', 'commands', 'id_counters', 'item_attachments', 'items', 'officers', 'outbound', 'photo_hashes', 'ratings', 'tip_keys', 'tokens']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
    db.close();
  });

  it('refuses to open a database written by a newer exchange', async () => {
    const dir = tempDir();
    await createSqliteStore(dir).close();
    const db = new Database(path.join(dir, DB_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
    db.close();
    expect(() => createSqliteStore(dir)).toThrow(/newer than this exchange/);
  });

  it('runs pending migrations in one transaction, so a failing one leaves the old version intact', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 10, name: 'broken', up: () => { throw new Error('boom'); } }];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'items'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('reads a feed page by the change log seq index and item ids, with the scope as plain comparisons', async () => {
    const dir = tempDir();
    await createSqliteStore(dir).close();
    const db = new Database(path.join(dir, DB_FILE));
    for (const [after, kinds, prefix] of [
      [0, ['application'], '4101'],
      [17, ['application', 'tip'], '410105'],
      [17, ['application', 'accident', 'tip'], '41'],
    ] as const) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${feedSql(kinds.length)}`).all(feedParams(after, 1002, { kinds, unitPrefix: prefix })) as { detail: string }[];
      const details = plan.map((p) => p.detail).join('\n');
      // the walk from the cursor, covering: the filter on kind and unit reads no table row
      expect(details).toMatch(/SEARCH c USING COVERING INDEX changes_by_seq \(seq>\?\)/);
      expect(details).toMatch(/SEARCH i USING INDEX sqlite_autoindex_items_1 \(id=\?\)/);
      // a departure's later departures in scope: the item's own rows, by the primary key
      expect(details).toMatch(/SEARCH d USING PRIMARY KEY \(item_id=\? AND unit_code>\? AND unit_code<\?\)/);
      expect(details).not.toMatch(/SCAN/);
      expect(details).not.toMatch(/TEMP B-TREE/);
    }
    db.close();
  });

  it('finds the latest seq and writes a change through indexes only', async () => {
    const dir = tempDir();
    await createSqliteStore(dir).close();
    const db = new Database(path.join(dir, DB_FILE));
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan(LATEST_SEQ_SQL)).toMatch(/^SEARCH changes USING COVERING INDEX changes_by_seq$/);
    const upsert = plan(
      `INSERT INTO changes (item_id, unit_code, kind, seq) VALUES (?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM changes))
       ON CONFLICT (item_id, unit_code) DO UPDATE SET seq = excluded.seq RETURNING seq`,
      'A-410100-1',
      '410105',
      'tip',
    );
    expect(upsert).toMatch(/SEARCH changes USING COVERING INDEX changes_by_seq/);
    expect(upsert).not.toMatch(/SCAN/);
    db.close();
  });

  it('turns a jurisdiction prefix into the range of exactly the codes it covers', () => {
    const [from, to] = prefixRange('4101');
    for (const code of ['410100', '410105', '4101', '410199']) expect(code >= from && code < to, code).toBe(true);
    for (const code of ['410200', '410099', '4102', '41', '420100']) expect(code >= from && code < to, code).toBe(false);
    const [pFrom, pTo] = prefixRange('41');
    expect('419001' >= pFrom && '419001' < pTo).toBe(true);
    expect('420000' >= pFrom && '420000' < pTo).toBe(false);
  });

  it('backfills the feed JSON of existing items and their attachments when migrating to 0050 and 0060, equal to what the store reads', async () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    await seedBench(store, 40);
    await store.close();
    const old = new Database(path.join(dir, DB_FILE));
    old.exec('ALTER TABLE items DROP COLUMN json; ALTER TABLE items DROP COLUMN attachments_json');
    // the change log as it was then (0020): one row per change
    old.exec(`DROP TABLE changes;
      CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL REFERENCES items(id), kind TEXT NOT NULL,
        prev_unit_code TEXT, unit_code TEXT NOT NULL) STRICT;
      CREATE INDEX changes_by_item ON changes(item_id);
      INSERT INTO changes (item_id, kind, unit_code) SELECT id, kind, unit_code FROM items ORDER BY id;`);
    // and nothing of 0080 (outbound notices, photo hashes), 0090 (tip groups), 0100 (tip keys) or 0110 (stats, ratings, locks)
    old.exec('DROP TABLE photo_hashes; DROP TABLE outbound; DROP INDEX items_by_duplicate_of; ALTER TABLE items DROP COLUMN duplicate_of; DROP TABLE tip_keys;');
    old.exec('DROP TABLE ratings; ALTER TABLE officers DROP COLUMN locked_at; ALTER TABLE officers DROP COLUMN locked_by;');
    // nor of 0120 (the audit viewer's indexes)
    for (const index of ['actor', 'item', 'action', 'at']) old.exec(`DROP INDEX audit_by_${index}`);
    for (const index of ['received', 'decided', 'open', 'determined', 'referred', 'routed']) old.exec(`DROP INDEX items_stats_${index}`);
    for (const column of ['service_code', 'decided_at', 'decided_by', 'determined_at', 'referred_at', 'routed_at', 'tip_category', 'tip_outcome']) old.exec(`ALTER TABLE items DROP COLUMN ${column}`);
    old.pragma('user_version = 40');
    old.close();
    await createSqliteStore(dir).close();
    const db = new Database(path.join(dir, DB_FILE));
    const rows = db.prepare('SELECT * FROM items').all() as (Parameters<typeof rowToItem>[0] & { json: string })[];
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect(WorkItemSchema.parse(JSON.parse(row.json)), row.id).toEqual(rowToItem(row));
    const prepares = { get: (sql: string) => db.prepare(sql) };
    const withPhotos = db.prepare("SELECT id, attachments_json AS a FROM items WHERE attachments_json != ''").all() as { id: string; a: string }[];
    expect(withPhotos.length).toBeGreaterThan(0);
    for (const { id, a } of withPhotos) expect(JSON.parse(`[${a}]`), id).toEqual(attachmentsOf(prepares, [id]));
    const linked = db.prepare('SELECT count(DISTINCT item_id) AS n FROM item_attachments').get() as { n: number };
    expect(withPhotos.length).toBe(linked.n);
    db.close();
  });

  it('chains audit rows so that editing any one is found by verify', async () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    for (let i = 0; i < 5; i++) await store.audit.append({ at: new Date().toISOString(), actor: '100001', action: 'note', itemId: null, detail: { i } });
    expect(await store.audit.verify()).toEqual({ ok: true, checked: 5 });
    await store.close();
    const db = new Database(path.join(dir, DB_FILE));
    db.prepare("UPDATE audit SET actor = '100002' WHERE seq = 3").run();
    db.close();
    const reopened = createSqliteStore(dir);
    expect(await reopened.audit.verify()).toEqual({ ok: false, checked: 2, firstBadSeq: 3 });
    await reopened.close();
  });
  it('undoes only a nested transaction that throws, and the whole one when the outer throws', async () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    const counter = (db: Repos) => db.items.nextNumber('T', '410100');
    await store.transaction(async (tx) => {
      expect(await counter(tx)).toBe(1);
      await expect(
        tx.transaction(async (inner) => {
          expect(await counter(inner)).toBe(2); // undone
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      expect(await tx.transaction((inner) => counter(inner))).toBe(2); // 2 again
    });
    await expect(
      store.transaction(async (tx) => {
        expect(await counter(tx)).toBe(3); // undone with its transaction
        throw new Error('outer');
      }),
    ).rejects.toThrow('outer');
    expect(await counter(store)).toBe(3);
    await store.close();
  });

  it('runs a call on the store after the open transaction, in arrival order, and one on its handle at once', async () => {
    const store = createSqliteStore(tempDir());
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = store.transaction(async (tx) => {
      order.push(`tx ${await tx.items.nextNumber('Q', '410100')}`);
      await held; // the transaction stays open across event-loop turns
      order.push(`tx ${await tx.items.nextNumber('Q', '410100')}`);
    });
    const outside = store.items.nextNumber('Q', '410100').then((n) => order.push(`store ${n}`));
    const second = store.transaction(async (tx) => void order.push(`second ${await tx.items.nextNumber('Q', '410100')}`));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['tx 1']);
    release();
    await Promise.all([first, outside, second]);
    expect(order).toEqual(['tx 1', 'tx 2', 'store 3', 'second 4']);
    await store.close();
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    const store = createSqliteStore(tempDir());
    const kept = await store.transaction(async (tx) => tx);
    await expect(kept.items.latestSeq()).rejects.toThrow('after its transaction ended');
    await store.close();
  });

  it('announces the newest seq after the commit of a change, and nothing for one rolled back', async () => {
    const store = createSqliteStore(tempDir());
    await seedBench(store, 8);
    const heard: number[] = [];
    const stop = store.onChange((seq) => heard.push(seq));
    const latest = await store.items.latestSeq();
    const item = (await store.items.getWork('APP-410100-1'))!;
    const bump = (db: Repos, version: number) => db.items.update({ ...item, version }, item.unitCode);
    // outside a transaction: committed on return
    expect(await bump(store, item.version + 1)).toBe(latest + 1);
    expect(heard).toEqual([latest + 1]);
    // inside one: once, after COMMIT, with the newest seq
    await store.transaction(async (tx) => {
      await bump(tx, item.version + 2);
      await bump(tx, item.version + 3);
      expect(heard).toEqual([latest + 1]);
    });
    expect(heard).toEqual([latest + 1, latest + 3]);
    // rolled back: nothing; a savepoint rolled back inside a commit: the seq that is stored
    await expect(
      store.transaction(async (tx) => {
        await bump(tx, item.version + 4);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await store.transaction(async (tx) => {
      await tx.audit.append({ at: new Date().toISOString(), actor: '100001', action: 'note', itemId: null, detail: {} });
      await expect(
        tx.transaction(async (inner) => {
          await bump(inner, item.version + 4);
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    expect(heard).toEqual([latest + 1, latest + 3, latest + 3]);
    stop();
    await bump(store, item.version + 4);
    expect(heard).toHaveLength(3);
    await store.close();
  });
  it('checkpoints the WAL into the database file in the background, and folds it in on close', async () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    const file = path.join(dir, DB_FILE);
    const sizeBefore = fs.statSync(file).size;
    // ~2 MB of committed rows; far below the backstop autocheckpoint (~80 MB), so only the
    // background checkpointer can move them into the database file
    for (let i = 0; i < 40; i++) {
      await store.transaction(async (tx) => {
        for (let j = 0; j < 50; j++) await tx.items.nextNumber(`P${i}-${j}-${'x'.repeat(1000)}`, '410100');
      });
    }
    const deadline = Date.now() + 15_000;
    while (fs.statSync(file).size < sizeBefore + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 1_000_000);
    await store.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
