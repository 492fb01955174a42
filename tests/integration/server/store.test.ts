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
  it('creates a WAL database with foreign keys, STRICT tables and the latest schema version', () => {
    const dir = tempDir();
    createSqliteStore(dir).close();
    const db = new Database(path.join(dir, DB_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['audit', 'blobs', 'changes', 'commands', 'id_counters', 'item_attachments', 'items', 'officers', 'outbound', 'photo_hashes', 'ratings', 'tip_keys', 'tokens']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
    db.close();
  });

  it('refuses to open a database written by a newer exchange', () => {
    const dir = tempDir();
    createSqliteStore(dir).close();
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

  it('reads a feed page by the change log seq index and item ids, with the scope as plain comparisons', () => {
    const dir = tempDir();
    createSqliteStore(dir).close();
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

  it('finds the latest seq and writes a change through indexes only', () => {
    const dir = tempDir();
    createSqliteStore(dir).close();
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
    store.close();
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
    createSqliteStore(dir).close();
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

  it('chains audit rows so that editing any one is found by verify', () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    for (let i = 0; i < 5; i++) store.appendAudit({ at: new Date().toISOString(), actor: '100001', action: 'note', itemId: null, detail: { i } });
    expect(store.verifyAudit()).toEqual({ ok: true, checked: 5 });
    store.close();
    const db = new Database(path.join(dir, DB_FILE));
    db.prepare("UPDATE audit SET actor = '100002' WHERE seq = 3").run();
    db.close();
    const reopened = createSqliteStore(dir);
    expect(reopened.verifyAudit()).toEqual({ ok: false, checked: 2, firstBadSeq: 3 });
    reopened.close();
  });
  it('undoes only a nested transaction that throws, and the whole one when the outer throws', () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    const counter = () => store.nextItemNumber('T', '410100');
    store.transaction(() => {
      counter(); // 1
      expect(() =>
        store.transaction(() => {
          counter(); // 2, undone
          throw new Error('inner');
        }),
      ).toThrow('inner');
      store.transaction(() => counter()); // 2 again
    });
    expect(() =>
      store.transaction(() => {
        counter(); // 3, undone with its transaction
        throw new Error('outer');
      }),
    ).toThrow('outer');
    expect(counter()).toBe(3);
    store.close();
  });
  it('checkpoints the WAL into the database file in the background, and folds it in on close', async () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    const file = path.join(dir, DB_FILE);
    const sizeBefore = fs.statSync(file).size;
    // ~2 MB of committed rows; far below the backstop autocheckpoint (~80 MB), so only the
    // background checkpointer can move them into the database file
    for (let i = 0; i < 40; i++) {
      store.transaction(() => {
        for (let j = 0; j < 50; j++) store.nextItemNumber(`P${i}-${j}-${'x'.repeat(1000)}`, '410100');
      });
    }
    const deadline = Date.now() + 15_000;
    while (fs.statSync(file).size < sizeBefore + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 1_000_000);
    store.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
