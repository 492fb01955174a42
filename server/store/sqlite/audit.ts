import { createHash } from 'node:crypto';
import type { Statements } from './db';
import { CommandResultSchema } from '#shared/domain/commands';
import { stringifyOnce } from '../../serialized';
import type { AuditLogEntry } from '#shared/contract/api';
import type { AuditEntry, AuditFilter, AuditVerification, CommandRecord } from '../store';
import { prefixRange } from './items';

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

/** A stored detail as an object; a row edited into something else is shown, not thrown on. */
function detailOf(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  return { unreadable: text };
}

/**
 * The SQL and parameters of one audit page. Every filter is a term on an indexed column
 * (migration 0120) and the order is seq descending, so SQLite walks the most selective index
 * backwards and stops at the limit. A supervisor's scope is an OR of two primary-key probes: the
 * item's current unit, the actor's unit (an actor that is no officer, like `intake`, never matches).
 */
export function auditListSql(f: AuditFilter): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: f.limit };
  if (f.before !== undefined) {
    where.push('a.seq < @before');
    params.before = f.before;
  }
  if (f.actor !== undefined) {
    where.push('a.actor = @actor');
    params.actor = f.actor;
  }
  if (f.itemId !== undefined) {
    where.push('a.item_id = @itemId');
    params.itemId = f.itemId;
  }
  if (f.actions && f.actions.length > 0) {
    const terms = f.actions.map((action, k) => {
      params[`a${k}`] = action;
      if (action.includes(':')) return `a.action = @a${k}`;
      // a bare name also matches its sub-actions (decide → decide:approve …): ':' < ';'
      params[`a${k}lo`] = `${action}:`;
      params[`a${k}hi`] = `${action};`;
      return `a.action = @a${k} OR (a.action >= @a${k}lo AND a.action < @a${k}hi)`;
    });
    where.push(`(${terms.join(' OR ')})`);
  }
  if (f.from !== undefined) {
    where.push('a.at >= @from');
    params.from = f.from;
  }
  if (f.to !== undefined) {
    where.push('a.at < @to');
    params.to = f.to;
  }
  if (f.unitPrefix !== null) {
    const [lo, hi] = prefixRange(f.unitPrefix);
    params.unitLo = lo;
    params.unitHi = hi;
    where.push(`(EXISTS (SELECT 1 FROM items i WHERE i.id = a.item_id AND i.unit_code >= @unitLo AND i.unit_code < @unitHi)
      OR (o.unit_code >= @unitLo AND o.unit_code < @unitHi))`);
  }
  const sql = `SELECT a.seq AS seq, a.at AS at, a.actor AS actor, o.name AS actorName, a.action AS action, a.item_id AS itemId, a.detail AS detail
    FROM audit a LEFT JOIN officers o ON o.badge = a.actor
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.seq DESC LIMIT @limit`;
  return { sql, params };
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
    listAudit(filter: AuditFilter): AuditLogEntry[] {
      const { sql, params } = auditListSql(filter);
      const rows = s.get(sql).all(params) as (Omit<AuditLogEntry, 'detail'> & { detail: string })[];
      return rows.map((r) => ({ ...r, detail: detailOf(r.detail) }));
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
