import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationIntakeSchema } from '#shared/contract/api';
import { CommandSchema, type Command, type CommandResult } from '#shared/domain/commands';
import type { Officer } from '#shared/domain/officers';
import { createSqliteStore, DB_FILE } from '../../../server/store/sqlite/index';
import type { Repos, Store } from '../../../server/store/store';
import { createApplication } from '../../../server/domain/intake';
import { CommandQueue } from '../../../server/domain/command-queue';
import { applicationBody } from './fixtures';

/**
 * The group commit (server/domain/command-queue.ts) at store level, on a real SQLite file: the
 * requests are submitted in one tick, so they land in one batch, and the tests count the
 * transactions actually opened.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setup(): { store: Store; dir: string; outerTransactions: () => number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-queue-'));
  dirs.push(dir);
  const real = createSqliteStore(dir);
  let outer = 0;
  // a transaction opened inside one is opened on its `tx` handle, so these are the outermost
  const store: Store = {
    ...real,
    transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T> {
      outer++;
      return real.transaction(fn);
    },
  };
  return { store, dir, outerTransactions: () => outer };
}

const clerk = (i: number): Officer => ({ badge: String(200_000 + i), name: `测试${i}`, role: 'clerk', unitCode: '410100' });

async function newApplication(store: Store): Promise<string> {
  return (await store.transaction((tx) => createApplication(tx, ApplicationIntakeSchema.parse(applicationBody()), new Date()))).id;
}

function cmd(itemId: string, type: string, expectedVersion: number, body: unknown = {}): Command {
  return CommandSchema.parse({ id: randomUUID(), itemId, type, expectedVersion, body });
}

function readDb<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const auditRowsOf = (dir: string, commandId: string) =>
  readDb(dir, (db) => (db.prepare("SELECT count(*) AS n FROM audit WHERE json_extract(detail, '$.commandId') = ?").get(commandId) as { n: number }).n);

describe('the command queue (group commit)', () => {
  it('applies concurrent commands of many officers in one transaction, each with its own result', async () => {
    const { store, dir, outerTransactions } = setup();
    const officers = Array.from({ length: 40 }, (_, i) => clerk(i));
    const items: string[] = [];
    for (const _ of officers) items.push(await newApplication(store));
    const before = outerTransactions();
    const queue = new CommandQueue({ store, leaseScale: 1 });

    const requests = officers.map((o, i) => ({ officer: o, commands: [cmd(items[i]!, 'claim', 1), cmd(items[i]!, 'note', 2, { text: `备注 ${i}` })] }));
    const answers = await Promise.all(requests.map((r) => queue.submit(r.officer, r.commands)));

    expect(outerTransactions() - before).toBe(1);
    answers.forEach((results, i) => {
      expect(results.map((r) => r.id)).toEqual(requests[i]!.commands.map((c) => c.id));
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect(results[1]!.item).toMatchObject({ id: items[i], version: 3, claimedBy: officers[i]!.badge, notes: [{ by: officers[i]!.badge, text: `备注 ${i}` }] });
    });
    expect(await store.audit.verify()).toMatchObject({ ok: true });
    const rows = readDb(dir, (db) => ({
      commands: (db.prepare('SELECT count(*) AS n FROM commands').get() as { n: number }).n,
      versions: db.prepare('SELECT claimed_by, version FROM items ORDER BY id').all() as { claimed_by: string; version: number }[],
    }));
    expect(rows.commands).toBe(80);
    expect(rows.versions.every((r) => r.version === 3 && r.claimed_by !== null)).toBe(true);
    // the store reuses the parse of rows it wrote; a fresh store parses them from disk alike
    const fresh = createSqliteStore(dir);
    try {
      for (const id of items) expect(await store.items.getWork(id)).toEqual(await fresh.items.getWork(id));
    } finally {
      await fresh.close();
    }
  });

  it('leaves a rejected command in the middle of a batch without effect while its neighbours apply', async () => {
    const { store, dir, outerTransactions } = setup();
    const [a, b, c] = [await newApplication(store), await newApplication(store), await newApplication(store)];
    const queue = new CommandQueue({ store, leaseScale: 1 });
    const before = outerTransactions();

    const first = cmd(a, 'claim', 1);
    const stale = cmd(b, 'claim', 7); // wrong version: conflict
    const last = cmd(c, 'claim', 1);
    const [r1, r2, r3] = await Promise.all([
      queue.submit(clerk(1), [first]),
      queue.submit(clerk(2), [stale]),
      queue.submit(clerk(3), [last]),
    ]);

    expect(outerTransactions() - before).toBe(1);
    expect(r1![0]).toMatchObject({ status: 'applied', item: { version: 2, claimedBy: clerk(1).badge } });
    expect(r2![0]).toMatchObject({ status: 'conflict', item: { id: b, version: 1, claimedBy: null } });
    expect(r3![0]).toMatchObject({ status: 'applied', item: { version: 2, claimedBy: clerk(3).badge } });
    expect(await store.items.getWork(b)).toMatchObject({ version: 1, claimedBy: null });
    expect(auditRowsOf(dir, stale.id)).toBe(0);
    expect(auditRowsOf(dir, first.id)).toBe(1);
    expect(auditRowsOf(dir, last.id)).toBe(1);
    // the rejection is remembered under its id, so a resend answers the same
    expect(await queue.submit(clerk(2), [stale])).toEqual(r2);
    expect(await store.audit.verify()).toMatchObject({ ok: true });
  });

  it('rolls back a command that fails half-way (a bug) and fails only its own request', async () => {
    const { store, dir } = setup();
    const [a, b, c] = [await newApplication(store), await newApplication(store), await newApplication(store)];
    // the item row is written, then the audit append throws: the savepoint must take the row back
    const failingIn = (tx: Repos): Repos => ({
      ...tx,
      audit: { ...tx.audit, append: (entry) => (entry.itemId === b ? Promise.reject(new Error('disk on fire')) : tx.audit.append(entry)) },
      transaction: (fn) => tx.transaction((inner) => fn(failingIn(inner))),
    });
    const failing: Store = { ...store, transaction: (fn) => store.transaction((tx) => fn(failingIn(tx))) };
    const queue = new CommandQueue({ store: failing, leaseScale: 1 });
    const [ok1, broken, ok2] = await Promise.allSettled([
      queue.submit(clerk(1), [cmd(a, 'claim', 1)]),
      queue.submit(clerk(2), [cmd(b, 'claim', 1)]),
      queue.submit(clerk(3), [cmd(c, 'claim', 1)]),
    ]);

    expect(ok1).toMatchObject({ status: 'fulfilled', value: [{ status: 'applied' }] });
    expect(broken).toMatchObject({ status: 'rejected', reason: { message: 'disk on fire' } });
    expect(ok2).toMatchObject({ status: 'fulfilled', value: [{ status: 'applied' }] });
    expect(await store.items.getWork(b)).toMatchObject({ version: 1, claimedBy: null });
    const traces = readDb(dir, (db) => ({
      commands: (db.prepare('SELECT count(*) AS n FROM commands WHERE item_id = ?').get(b) as { n: number }).n,
      changes: (db.prepare('SELECT count(*) AS n FROM changes WHERE item_id = ?').get(b) as { n: number }).n,
    }));
    // one change row: its intake; nothing from the failed claim
    expect(traces).toEqual({ commands: 0, changes: 1 });
    expect(await store.audit.verify()).toMatchObject({ ok: true });
  });

  it('answers a command resent within the same batch with the first result, applied once', async () => {
    const { store, dir } = setup();
    const a = await newApplication(store);
    const queue = new CommandQueue({ store, leaseScale: 1 });
    const claim = cmd(a, 'claim', 1);
    const [first, resent] = await Promise.all([queue.submit(clerk(1), [claim]), queue.submit(clerk(1), [claim])]);
    expect(resent).toEqual(first);
    expect(await store.items.getWork(a)).toMatchObject({ version: 2 });
    expect(auditRowsOf(dir, claim.id)).toBe(1);
  });

  it('splits a backlog larger than the batch cap over several transactions, in arrival order', async () => {
    const { store, outerTransactions } = setup();
    const a = await newApplication(store);
    const queue = new CommandQueue({ store, leaseScale: 1, maxBatch: 4 });
    const before = outerTransactions();
    const officer = clerk(1);
    const notes = Array.from({ length: 10 }, (_, i) => cmd(a, i === 0 ? 'claim' : 'note', i + 1, i === 0 ? {} : { text: `第${i}条` }));
    const answers: CommandResult[][] = await Promise.all(notes.map((n) => queue.submit(officer, [n])));
    expect(answers.map(([r]) => r!.status)).toEqual(Array(10).fill('applied'));
    expect(answers.map(([r]) => r!.item!.version)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
    expect(outerTransactions() - before).toBe(3);
    expect(await store.audit.verify()).toMatchObject({ ok: true, checked: 10 });
  });
});
