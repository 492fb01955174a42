import { commandId } from '#console/ids';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { auditHash } from '#server/store/sqlite/audit';
import { PRESENCE_SQL } from '#server/store/sqlite/items';

/**
 * The floor under the exchange's command path: plain better-sqlite3 doing, per command, the rows
 * the SQLite store reads and writes (server/store/sqlite + server/domain/apply.ts) — idempotency
 * lookup, item read, item update, change-log insert, audit tail read + hash-chained insert,
 * command-result insert — one transaction each, on a copy of the seeded exchange database with
 * the exchange's pragmas. No HTTP, no validation, no JSON schema parsing: the ratio to it says what
 * the layers above SQLite cost.
 */
interface RawItem {
  id: string;
  kind: string;
  unit_code: string;
  status: string;
  version: number;
  claimed_by: string | null;
  claim_expires_at: string | null;
  submitted_at: string;
  due_at: string | null;
  updated_at: string;
  notes: { at: string; by: string; text: string }[];
  data: unknown;
}

export function rawCommandThroughput(dbFile: string, work: readonly { badge: string; itemIds: readonly string[] }[], commands: number): { perSecond: number; ms: number; commands: number } {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  const cols = 'id, kind, unit_code, status, version, claimed_by, claim_expires_at, submitted_at, due_at, updated_at, notes, data';
  const getCommand = db.prepare('SELECT id, officer, item_id, result FROM commands WHERE id = ?');
  const getItem = db.prepare(`SELECT ${cols}, pii FROM items WHERE id = ?`);
  const update = db.prepare(
    `UPDATE items SET kind = ?, unit_code = ?, status = ?, version = ?, claimed_by = ?, claim_expires_at = ?,
       submitted_at = ?, due_at = ?, updated_at = ?, notes = ?, data = ? WHERE id = ?`,
  );
  // the store's own change-log write (one presence row per item, migration 70)
  const change = db.prepare(PRESENCE_SQL);
  const tail = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  const audit = db.prepare('INSERT INTO audit (seq, at, actor, action, item_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const saveCommand = db.prepare('INSERT INTO commands (id, officer, item_id, result) VALUES (?, ?, ?, ?)');

  const items = new Map<string, RawItem>();
  for (const w of work) {
    for (const id of w.itemIds) {
      const row = getItem.get(id) as Omit<RawItem, 'notes' | 'data'> & { notes: string; data: string };
      items.set(id, { ...row, notes: JSON.parse(row.notes) as RawItem['notes'], data: JSON.parse(row.data) });
    }
  }
  const steps = new Map(work.map((w) => [w.badge, 0]));
  const types = ['claim', 'note', 'release'] as const;

  const one = db.transaction((badge: string, item: RawItem, type: (typeof types)[number]) => {
    const id = commandId();
    getCommand.get(id);
    getItem.get(item.id);
    const now = new Date().toISOString();
    item.version += 1;
    item.updated_at = now;
    if (type === 'claim') {
      item.claimed_by = badge;
      item.claim_expires_at = new Date(Date.now() + 7_200_000).toISOString();
    } else if (type === 'release') {
      item.claimed_by = null;
      item.claim_expires_at = null;
    } else {
      item.notes.push({ at: now, by: badge, text: '压测备注' });
    }
    update.run(item.kind, item.unit_code, item.status, item.version, item.claimed_by, item.claim_expires_at, item.submitted_at, item.due_at, item.updated_at, JSON.stringify(item.notes), JSON.stringify(item.data), item.id);
    change.get(item.id, item.unit_code, item.kind);
    const last = tail.get() as { seq: number; hash: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? '0'.repeat(64);
    const detail = JSON.stringify({ commandId: id, version: item.version, status: item.status, body: type === 'note' ? { text: '压测备注' } : {} });
    audit.run(seq, now, badge, type, item.id, detail, prevHash, auditHash(prevHash, seq, { at: now, actor: badge, action: type, itemId: item.id, detail }));
    saveCommand.run(id, badge, item.id, JSON.stringify({ id, status: 'applied', item: { ...item, unitCode: item.unit_code } }));
  });

  const t0 = performance.now();
  let done = 0;
  outer: for (;;) {
    for (const w of work) {
      if (done >= commands) break outer;
      const step = steps.get(w.badge)!;
      steps.set(w.badge, step + 1);
      const item = items.get(w.itemIds[Math.floor(step / 3) % w.itemIds.length]!)!;
      one(w.badge, item, types[step % 3]!);
      done++;
    }
  }
  const ms = performance.now() - t0;
  db.close();
  return { perSecond: (done / ms) * 1000, ms, commands: done };
}
