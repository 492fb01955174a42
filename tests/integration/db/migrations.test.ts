import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, runMigrations, schemaVersion } from '#db/migrate';
import { openDb } from '#db/open';
import { openCache } from '#db/cache';
import { tempDir } from '../console/support';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Rows a cache at each schema version can hold, inserted before the rest of the migrations run. */
const SAMPLE_ROWS: Record<number, (db: Database.Database) => void> = {
  10: (db) => {
    db.prepare(
      `INSERT INTO items (id, kind, server_json, server_version, local_json, rev, status, terminal, unit_code, claimed_by, claim_expires_at,
        submitted_at, due_at, updated_at, label, person, person_id_masked, urgency)
       VALUES ('APP-410100-1', 'application', '{}', 3, NULL, 1, 'submitted', 0, '410100', NULL, NULL, '2026-11-26T08:00:00.000Z', NULL,
        '2026-11-26T08:00:00.000Z', 'HH01', '张*', '4101**********0021', NULL)`,
    ).run();
    db.prepare(
      `INSERT INTO outbox (id, badge, item_id, type, body, expected_version, created_at, state)
       VALUES ('6f0c1f0e-4f7a-4a53-9d0e-6f1f7c7d1a01', '100001', 'APP-410100-1', 'claim', '{}', 3, '2026-11-26T08:00:00.000Z', 'queued')`,
    ).run();
    db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', '42')").run();
  },
  20: (db) => {
    db.prepare(
      "INSERT INTO attachment_files (sha256, size, content_type, stored_at, last_access) VALUES (?, 10, 'image/jpeg', '2026-11-26T08:00:00.000Z', 1)",
    ).run('a'.repeat(64));
    // before 0050 the JSON held the whole AttachmentMeta
    const meta = { sha256: 'a'.repeat(64), itemId: 'APP-410100-1', role: 'material:id_card', partyIdx: null, contentType: 'image/jpeg', size: 10, takenAt: null, gps: null };
    // from 0050 on the table also keeps the feed order (`ord`)
    const hasOrd = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('attachment_meta') WHERE name = 'ord'").get() as { n: number }).n > 0;
    if (hasOrd) db.prepare('INSERT INTO attachment_meta (item_id, sha256, role, ord, meta_json) VALUES (?, ?, ?, 1, ?)').run(meta.itemId, meta.sha256, meta.role, JSON.stringify(meta));
    else db.prepare('INSERT INTO attachment_meta (item_id, sha256, role, meta_json) VALUES (?, ?, ?, ?)').run(meta.itemId, meta.sha256, meta.role, JSON.stringify(meta));
  },
  30: (db) => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"en\"')").run();
  },
};

describe('cache migrations', () => {
  it('builds the latest schema from an empty file with WAL, foreign keys and STRICT tables', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const db = openDb(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all();
    expect(tables.map((t) => t.name).sort()).toEqual(
      ['attachment_files', 'attachment_shas', 'conflicts', 'item_attachments', 'item_removals', 'items', 'meta', 'officers', 'outbox', 'sessions', 'settings'].sort(),
    );
    expect(tables.every((t) => t.strict === 1)).toBe(true);
    db.close();
  });

  it('keeps migrations in ascending steps of ten', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.every((v) => v % 10 === 0)).toBe(true);
  });

  for (const from of MIGRATIONS.slice(0, -1)) {
    it(`upgrades a cache written at version ${from.version} and keeps its rows`, () => {
      const file = join(tempDir(), 'cache.sqlite');
      const old = new Database(file);
      runMigrations(old, { upTo: from.version });
      expect(schemaVersion(old)).toBe(from.version);
      for (const m of MIGRATIONS.filter((x) => x.version <= from.version)) SAMPLE_ROWS[m.version]?.(old);
      old.close();

      const cache = openCache(file);
      if (from.version >= 20) {
        expect(cache.attachments.forItem('APP-410100-1')).toEqual([
          { sha256: 'a'.repeat(64), itemId: 'APP-410100-1', role: 'material:id_card', partyIdx: null, contentType: 'image/jpeg', size: 10, takenAt: null, gps: null },
        ]);
      }
      cache.close();
      const db = new Database(file, { readonly: true });
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare('SELECT server_version FROM items WHERE id = ?').get('APP-410100-1')).toEqual({ server_version: 3 });
      expect(db.prepare('SELECT item_id, state FROM outbox').all()).toEqual([{ item_id: 'APP-410100-1', state: 'queued' }]);
      expect(db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get()).toEqual({ value: '42' });
      if (from.version >= 20) expect(db.prepare('SELECT count(*) AS n FROM attachment_files').get()).toEqual({ n: 1 });
      // rows cached before 0040 get their quick-search text backfilled from the flattened columns
      if (from.version < 40) {
        const { search_text } = db.prepare<[], { search_text: string }>("SELECT search_text FROM items WHERE id = 'APP-410100-1'").get()!;
        expect(search_text.split('\n')).toEqual(expect.arrayContaining(['APP-410100-1', '张*', '4101**********0021']));
      }
      db.close();
    });
  }

  it('refuses a cache written by a newer console and leaves its bytes unchanged', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const newer = new Database(file);
    runMigrations(newer);
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    newer.pragma('journal_mode = DELETE');
    newer.close();
    const before = sha(file);

    let caught: unknown;
    try {
      openCache(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('cache_too_new');
    expect((caught as AppError).message).toContain('升级');
    expect(sha(file)).toBe(before);
  });

  it('runs pending migrations in one transaction: a failing step leaves the old version and no new tables', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const db = new Database(file);
    runMigrations(db, { upTo: 10 });
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 10,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          throw new Error('boom');
        },
      },
    ];
    expect(() => runMigrations(db, { migrations: broken })).toThrow('boom');
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('half_done', 'attachment_files')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses migrations listed out of order', () => {
    const db = new Database(':memory:');
    const shuffled = [MIGRATIONS[1]!, MIGRATIONS[0]!];
    expect(() => runMigrations(db, { migrations: shuffled })).toThrow(/out of order/);
    db.close();
  });
});
