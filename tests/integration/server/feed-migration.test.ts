import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationIntakeSchema, TipIntakeSchema } from '#shared/contract/api';
import { WorkItemSchema, type WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { createSqliteStore, DB_FILE } from '../../../server/store/sqlite/index';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../server/store/sqlite/migrations';
import { itemJson } from '../../../server/store/sqlite/items';
import { createApplication, createTip } from '../../../server/domain/intake';
import { isVisible } from '../../../server/domain/visibility';
import { DEMO_OFFICERS } from '../../../server/officers';
import { login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, changes, command, openDb, postCommands, tipBody } from './fixtures';

/**
 * Migration 0070 compacts a change log written by the exchange up to 0060 (one row per change,
 * with the unit left). Cursors handed out before it must still resume: after the migration the
 * feed after such a cursor sends exactly the items changed since (at their current state) and
 * every removal a console synced to it needs; a first sync sends each item once.
 */
const PASSWORD = 'Feed#2026pw';
const OFFICERS: (Officer & { password: string })[] = [
  { badge: '110151', name: '派出所情报', role: 'intel', unitCode: '41010501', password: PASSWORD },
  { badge: '110105', name: '金水情报', role: 'intel', unitCode: '410105', password: PASSWORD },
  { badge: '110102', name: '中原情报', role: 'intel', unitCode: '410102', password: PASSWORD },
  { badge: '310300', name: '洛阳情报', role: 'intel', unitCode: '410300', password: PASSWORD },
];
const READERS: Officer[] = [...OFFICERS, ...DEMO_OFFICERS.filter((o) => ['100001', '100003', '100004', '300001'].includes(o.badge))];
const TIP_UNITS = ['41010501', '410105', '410102', '410103', '410300', '410305'];

/** The writes of the store as it was up to 0060: the item row, and one change row appended per write. */
function oldStore(db: Database.Database) {
  const cols = 'id, kind, unit_code, status, version, claimed_by, claim_expires_at, submitted_at, due_at, updated_at, notes, data';
  const columns = (item: WorkItem) => [
    item.id,
    item.kind,
    item.unitCode,
    item.status,
    item.version,
    item.claimedBy,
    item.claimExpiresAt,
    item.submittedAt,
    item.dueAt,
    item.updatedAt,
    JSON.stringify(item.notes),
    JSON.stringify(item.data),
  ];
  const insert = db.prepare(`INSERT INTO items (${cols}, pii, json, attachments_json) VALUES (${cols.split(',').map(() => '?').join(', ')}, ?, ?, '')`);
  const update = db.prepare(
    `UPDATE items SET id = ?, kind = ?, unit_code = ?, status = ?, version = ?, claimed_by = ?, claim_expires_at = ?, submitted_at = ?, due_at = ?,
       updated_at = ?, notes = ?, data = ?, json = ? WHERE id = ?`,
  );
  const change = db.prepare('INSERT INTO changes (item_id, kind, prev_unit_code, unit_code) VALUES (?, ?, ?, ?)');
  return {
    insert(item: WorkItem, pii: unknown): number {
      insert.run(...columns(item), JSON.stringify(pii), itemJson(item));
      return Number(change.run(item.id, item.kind, null, item.unitCode).lastInsertRowid);
    },
    update(item: WorkItem, prevUnitCode: string): number {
      update.run(...columns(item), itemJson(item), item.id);
      return Number(change.run(item.id, item.kind, prevUnitCode, item.unitCode).lastInsertRowid);
    },
  };
}

/** A small deterministic generator, so a failure replays. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

interface Checkpoint {
  cursor: number;
  states: Map<string, WorkItem>;
}

describe('compacting the change log (migration 0070)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-migration-'));
  const dataDir = path.join(root, 'exchange');
  let exchange: ExchangeHandle;
  const items = new Map<string, WorkItem>();
  const lastSeq = new Map<string, number>();
  const checkpoints: Checkpoint[] = [];
  let oldRows = 0;
  let oldMax = 0;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    // valid items made by the intake logic in a scratch store, then written the old way
    const scratch = createSqliteStore(path.join(root, 'scratch'));
    const made: { item: WorkItem; pii: unknown }[] = [];
    const now = new Date('2026-11-20T08:00:00.000Z');
    await scratch.transaction(async (tx) => {
      for (let i = 0; i < 10; i++) {
        const { id } = await createTip(tx, TipIntakeSchema.parse(tipBody(TIP_UNITS[i % TIP_UNITS.length])), now);
        made.push((await tx.items.get(id))!);
      }
      for (const unit of ['410105', '410102', '410105', '410300']) {
        const { id } = await createApplication(tx, ApplicationIntakeSchema.parse(applicationBody(unit)), now);
        made.push((await tx.items.get(id))!);
      }
    });
    await scratch.close();

    fs.mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, DB_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.version === 60) + 1));
    expect(db.pragma('user_version', { simple: true })).toBe(60);
    const old = oldStore(db);
    const next = lcg(70);
    db.transaction(() => {
      for (const { item, pii } of made) {
        lastSeq.set(item.id, old.insert(item, pii));
        items.set(item.id, item);
      }
      const ids = [...items.keys()];
      for (let step = 0; step < 240; step++) {
        if (step % 20 === 10) checkpoints.push({ cursor: Math.max(...lastSeq.values()), states: new Map(items) });
        const before = items.get(ids[next(ids.length)]!)!;
        if (before.status === 'withdrawn') continue;
        const roll = next(10);
        let after = { ...before, version: before.version + 1, updatedAt: new Date(now.getTime() + step * 60_000).toISOString() } as WorkItem;
        if (after.kind === 'tip' && roll < 4) {
          const unitCode = TIP_UNITS[next(TIP_UNITS.length)]!;
          after = { ...after, unitCode, status: 'routed', data: { ...after.data, routedTo: unitCode } };
        } else if (after.kind === 'application' && roll === 9 && step > 120) {
          after = { ...after, status: 'withdrawn' };
        } else {
          after = { ...after, notes: [...after.notes, { at: after.updatedAt, by: '100003', text: `第${step}步` }] };
        }
        after = WorkItemSchema.parse(after);
        lastSeq.set(after.id, old.update(after, before.unitCode));
        items.set(after.id, after);
      }
    })();
    oldRows = db.prepare('SELECT count(*) FROM changes').pluck().get() as number;
    oldMax = db.prepare('SELECT max(seq) FROM changes').pluck().get() as number;
    db.close();
    expect(oldRows).toBeGreaterThan(200);
    // the history did move items away and withdraw some: removals are needed
    expect([...items.values()].some((i) => i.status === 'withdrawn')).toBe(true);

    const officersFile = path.join(root, 'officers.json');
    fs.writeFileSync(officersFile, JSON.stringify(OFFICERS));
    exchange = await startExchange({ dataDir, args: ['--officers', officersFile] });
    for (const o of READERS) tokens.set(o.badge, await login(exchange.url, o.badge, OFFICERS.some((x) => x.badge === o.badge) ? PASSWORD : undefined));
  });
  afterAll(async () => {
    await exchange?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function syncFrom(badge: string, after: number, limit: number) {
    const out = { sent: [] as WorkItem[], removed: [] as string[], next: after };
    for (;;) {
      const page = await changes(exchange, tokens.get(badge)!, out.next, limit);
      out.sent.push(...page.items);
      out.removed.push(...page.removed);
      out.next = page.next;
      if (!page.hasMore) return out;
    }
  }
  const visibleIn = (o: Officer, states: Map<string, WorkItem>) => new Map([...states.values()].filter((i) => isVisible(o, i)).map((i) => [i.id, i.version]));

  it('keeps one row per item and unit left, and the latest seq', () => {
    const db = openDb(exchange);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const rows = db.prepare('SELECT item_id AS id, unit_code AS unit, seq FROM changes').all() as { id: string; unit: string; seq: number }[];
      expect(rows.length).toBeLessThan(oldRows / 4);
      expect(db.prepare('SELECT max(seq) FROM changes').pluck().get()).toBe(oldMax);
      // each item's row at its unit carries its latest change
      for (const [id, item] of items) expect(rows.find((r) => r.id === id && r.unit === item.unitCode)?.seq, id).toBe(lastSeq.get(id));
    } finally {
      db.close();
    }
  });

  it('resumes a cursor from before the migration with exactly the items changed after it and the removals its console needs', async () => {
    expect(checkpoints.length).toBeGreaterThanOrEqual(10);
    let needed = 0;
    for (const o of READERS) {
      const visible = visibleIn(o, items);
      for (const { cursor, states } of checkpoints) {
        const held = visibleIn(o, states);
        const limit = 1 + (cursor % 3);
        const { sent, removed } = await syncFrom(o.badge, cursor, limit);
        const label = `${o.badge} from ${cursor}`;
        expect(sent.map((i) => i.id).sort(), label).toEqual([...visible.keys()].filter((id) => lastSeq.get(id)! > cursor).sort());
        for (const item of sent) expect(item, label).toEqual(items.get(item.id));
        expect(removed.length, label).toBe(new Set(removed).size);
        for (const id of removed) expect(visible.has(id), `${label}: ${id}`).toBe(false);
        // what the console held and may no longer see is removed
        for (const id of held.keys()) {
          if (visible.has(id)) continue;
          expect(removed, `${label}: ${id}`).toContain(id);
          needed++;
        }
        const cache = new Map(held);
        for (const item of sent) cache.set(item.id, item.version);
        for (const id of removed) cache.delete(id);
        expect(cache, label).toEqual(visible);
      }
    }
    // the history made consoles hold items that moved away or were withdrawn since
    expect(needed).toBeGreaterThan(10);
  });

  it('sends each visible item once in a first sync after the migration', async () => {
    for (const o of READERS) {
      const { sent } = await syncFrom(o.badge, 0, 2);
      expect(sent.map((i) => i.id).length, o.badge).toBe(new Set(sent.map((i) => i.id)).size);
      expect(new Map(sent.map((i) => [i.id, i.version])), o.badge).toEqual(visibleIn(o, items));
    }
  });

  it('goes on numbering changes after the compacted log', async () => {
    const city = DEMO_OFFICERS.find((o) => o.badge === '100003')!;
    const tip = [...items.values()].find((i) => i.kind === 'tip' && isVisible(city, i))!;
    const [result] = await postCommands(exchange, tokens.get('100003')!, [command(tip.id, 'claim', tip.version)]);
    expect(result!.status).toBe('applied');
    const page = await changes(exchange, tokens.get('100003')!, oldMax);
    expect(page.items.map((i) => [i.id, i.version])).toEqual([[tip.id, tip.version + 1]]);
    expect(page.next).toBe(oldMax + 1);
  });
});
