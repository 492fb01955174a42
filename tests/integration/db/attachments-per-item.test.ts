import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { openCache } from '#db/cache';
import { runMigrations } from '#db/migrate';
import { tempDir } from '../console/support';
import { tip } from './tip-fixture';

const sha = (ch: string) => ch.repeat(64);
const meta = (itemId: string, ch: string, role: AttachmentMeta['role'] = 'evidence', partyIdx: number | null = null): AttachmentMeta => ({
  sha256: sha(ch),
  itemId,
  role,
  partyIdx,
  contentType: 'image/jpeg',
  size: 10,
  takenAt: null,
  gps: ch === 'b' ? { lat: 34.78, lng: 113.68 } : null,
});

const count = (file: string, sql: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('attachment metadata as one list per item (migration 0110)', () => {
  it('migrates a filled cache from version 100: the lists in feed order, the files by sha, eviction and prefetch as before', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const old = new Database(file);
    runMigrations(old, { upTo: 100 });
    const item = old.prepare(
      `INSERT INTO items (id, kind, server_json, server_version, local_json, rev, status, terminal, unit_code, claimed_by, claim_expires_at,
        submitted_at, due_at, updated_at, label, person, person_id_masked, urgency)
       VALUES (?, 'tip', ?, 1, NULL, 1, ?, ?, '410105', NULL, NULL, ?, NULL, ?, 'vice', '', '', 'medium')`,
    );
    const open = tip('TIP-410100-1');
    const closed = tip('TIP-410100-2', { status: 'closed' });
    item.run(open.id, JSON.stringify(open), 'new', 0, '2026-11-26T06:00:00.000Z', '2026-11-26T06:00:00.000Z');
    item.run(closed.id, JSON.stringify(closed), 'closed', 1, '2026-11-26T05:00:00.000Z', '2026-11-26T05:00:00.000Z');
    const row = old.prepare('INSERT INTO attachment_meta (item_id, sha256, role, ord, meta_json) VALUES (?, ?, ?, ?, ?)');
    // the feed order (ord) is not the key order: c before a; file a is listed by both items
    const rest = (m: AttachmentMeta) => JSON.stringify({ partyIdx: m.partyIdx, contentType: m.contentType, size: m.size, takenAt: m.takenAt, gps: m.gps });
    for (const [ord, m] of [meta(open.id, 'c'), meta(open.id, 'a'), meta(open.id, 'b', 'scene')].entries()) row.run(m.itemId, m.sha256, m.role, ord, rest(m));
    row.run(closed.id, sha('a'), 'evidence', 7, rest(meta(closed.id, 'a')));
    old.prepare("INSERT INTO attachment_files (sha256, size, content_type, stored_at, last_access) VALUES (?, 10, 'image/jpeg', '2026-11-26T08:00:00.000Z', 1)").run(sha('a'));
    old.close();

    const cache = openCache(file);
    expect(cache.attachments.forItem(open.id)).toEqual([meta(open.id, 'c'), meta(open.id, 'a'), meta(open.id, 'b', 'scene')]);
    expect(cache.attachments.forItem(closed.id)).toEqual([meta(closed.id, 'a')]);
    expect(cache.attachments.metaBySha(sha('b'))).toEqual(meta(open.id, 'b', 'scene'));
    expect(cache.attachments.metaBySha(sha('d'))).toBeUndefined();
    // file a: an open item lists it, so it is not finished; prefetch wants c and b, not a
    expect(cache.attachments.evictionCandidates().map((f) => [f.sha256[0], f.finished])).toEqual([['a', false]]);
    expect(cache.attachments.missingForOpenItems().map((m) => m.sha256[0]).sort()).toEqual(['b', 'c']);
    cache.tx(() => cache.items.remove(open.id));
    expect(cache.attachments.evictionCandidates().map((f) => [f.sha256[0], f.finished])).toEqual([['a', true]]);
    expect(cache.attachments.metaBySha(sha('a'))).toEqual(meta(closed.id, 'a'));
    expect(cache.attachments.metaBySha(sha('b'))).toBeUndefined();
    cache.close();
  });

  it('bulk-loads an empty cache without the file index and builds it when catch-up ends, or at the first read that needs it', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const shas = 'SELECT count(*) AS n FROM attachment_shas';
    let cache = openCache(file);
    cache.catchUp(true);
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-1'), null, 1);
      cache.attachments.replaceMetaForPage([], [meta('TIP-410100-1', 'a'), meta('TIP-410100-1', 'b')]);
    });
    expect(count(file, shas)).toBe(0);
    // read mid-load: built at the read, and kept row by row from then on
    expect(cache.attachments.metaBySha(sha('b'))).toEqual(meta('TIP-410100-1', 'b'));
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-2'), null, 2);
      cache.attachments.replaceMetaForPage([], [meta('TIP-410100-2', 'c')]);
    });
    expect(count(file, shas)).toBe(3);
    cache.catchUp(false);
    cache.close();

    // a console stopped mid-load (catch-up never ended): the next read builds the index
    const wiped = join(tempDir(), 'cache.sqlite');
    cache = openCache(wiped);
    cache.catchUp(true);
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-3'), null, 1);
      cache.attachments.replaceMetaForPage([], [meta('TIP-410100-3', 'd')]);
      cache.attachments.recordFile(sha('d'), 10, 'image/jpeg', 1);
    });
    cache.close();
    cache = openCache(wiped);
    expect(cache.attachments.evictionCandidates().map((f) => [f.sha256[0], f.finished])).toEqual([['d', false]]);
    expect(count(wiped, shas)).toBe(1);

    // a catch-up of a cache that holds items keeps the index row by row
    cache.catchUp(true);
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-4'), null, 2);
      cache.attachments.replaceMetaForPage([], [meta('TIP-410100-4', 'e')]);
    });
    expect(count(wiped, shas)).toBe(2);
    cache.catchUp(false);
    cache.close();
  });

  it('replaces an item’s list: a file listed twice under one role keeps its later place, and files it no longer lists leave the index', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const cache = openCache(file);
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-1'), null);
      cache.attachments.replaceMetaForPage([], [meta('TIP-410100-1', 'a'), meta('TIP-410100-1', 'b'), { ...meta('TIP-410100-1', 'a'), size: 20 }]);
    });
    expect(cache.attachments.forItem('TIP-410100-1')).toEqual([meta('TIP-410100-1', 'b'), { ...meta('TIP-410100-1', 'a'), size: 20 }]);
    cache.tx(() => cache.attachments.replaceMetaForPage(['TIP-410100-1'], [meta('TIP-410100-1', 'c')]));
    expect(cache.attachments.metaBySha(sha('a'))).toBeUndefined();
    expect(cache.attachments.metaBySha(sha('c'))).toEqual(meta('TIP-410100-1', 'c'));
    expect(count(file, 'SELECT count(*) AS n FROM attachment_shas')).toBe(1);
    cache.close();
  });
});
