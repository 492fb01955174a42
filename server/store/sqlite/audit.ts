import { createHash } from 'node:crypto';
import type { Statements } from './db';
import { CommandResultSchema } from '#shared/domain/commands';
import { stringifyOnce } from '../../serialized';
import type { AuditEntry, AuditVerification, CommandRecord } from '../store';

const GENESIS = '0'.repeat(64);

/** The hash covers every column but itself, so editing any field of any row breaks the chain there. */
export function auditHash(prevHash: string, seq: number, e: { at: string; actor: string; action: string; itemId: string | null; detail: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, seq, e.at, e.actor, e.action, e.itemId, e.detail]))
    .digest('hex');
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  item_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function auditQueries(s: Statements) {
  return {
    appendAudit(entry: AuditEntry): number {
      // Read the tail inside the caller's transaction, never from memory: a rolled-back
      // transaction must not leave a cached hash that no row has.
      const last = s.get('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS;
      const detail = JSON.stringify(entry.detail);
      const hash = auditHash(prevHash, seq, { ...entry, detail });
      s.get('INSERT INTO audit (seq, at, actor, action, item_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.itemId,
        detail,
        prevHash,
        hash,
      );
      return seq;
    },
    verifyAudit(): AuditVerification {
      let prevHash = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      for (const row of s.get('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
        const recomputed = auditHash(prevHash, row.seq, { at: row.at, actor: row.actor, action: row.action, itemId: row.item_id, detail: row.detail });
        if (row.seq !== expectedSeq || row.prev_hash !== prevHash || row.hash !== recomputed) {
          return { ok: false, checked, firstBadSeq: row.seq };
        }
        prevHash = row.hash;
        expectedSeq++;
        checked++;
      }
      return { ok: true, checked };
    },
    getCommand(id: string): CommandRecord | undefined {
      const row = s.get('SELECT id, officer, item_id, result FROM commands WHERE id = ?').get(id) as
        | { id: string; officer: string; item_id: string; result: string }
        | undefined;
      return row && { id: row.id, officer: row.officer, itemId: row.item_id, result: CommandResultSchema.parse(JSON.parse(row.result)) };
    },
    saveCommand(r: CommandRecord): void {
      s.get('INSERT INTO commands (id, officer, item_id, result) VALUES (?, ?, ?, ?)').run(r.id, r.officer, r.itemId, stringifyOnce(r.result));
    },
  };
}
