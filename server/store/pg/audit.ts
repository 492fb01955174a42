import { CommandResultSchema } from '#shared/domain/commands';
import type { AuditLogEntry } from '#shared/contract/api';
import { stringifyOnce } from '../../serialized';
import { auditHash, auditListSql } from '../sqlite/audit';
import type { AuditRepo, CommandRepo } from '../store';
import { positional, type Conn } from './db';

/** The audit hash chain and the command log (sqlite/audit.ts, whose hash and filters these reuse). */
const GENESIS = '0'.repeat(64);
/** verify() reads the chain in pages of this many rows, so a long log never sits in memory whole. */
const VERIFY_PAGE = 5_000;

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

export function auditRepo(c: Conn): AuditRepo {
  return {
    append(entry) {
      // The tail is read under the writer lock, inside the write, never from memory: another
      // instance appends too, and a rolled-back transaction must leave no cached hash.
      return c.write(async (w) => {
        const [last] = await w.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
        const seq = (last?.seq ?? 0) + 1;
        const prevHash = last?.hash ?? GENESIS;
        const detail = JSON.stringify(entry.detail);
        const hash = auditHash(prevHash, seq, { ...entry, detail });
        await w.run('INSERT INTO audit (seq, at, actor, action, item_id, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          seq,
          entry.at,
          entry.actor,
          entry.action,
          entry.itemId,
          detail,
          prevHash,
          hash,
        ]);
        return seq;
      });
    },
    async verify() {
      let prevHash = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      for (let after = 0; ; ) {
        const rows = await c.query<AuditRow>('SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2', [after, VERIFY_PAGE]);
        for (const row of rows) {
          const recomputed = auditHash(prevHash, row.seq, { at: row.at, actor: row.actor, action: row.action, itemId: row.item_id, detail: row.detail });
          if (row.seq !== expectedSeq || row.prev_hash !== prevHash || row.hash !== recomputed) return { ok: false, checked, firstBadSeq: row.seq };
          prevHash = row.hash;
          expectedSeq++;
          checked++;
        }
        if (rows.length < VERIFY_PAGE) return { ok: true, checked };
        after = rows[rows.length - 1]!.seq;
      }
    },
    async list(filter) {
      // sqlite/audit.ts builds the query (plain SQL both dialects read) with named parameters;
      // PostgreSQL folds unquoted names to lower case, so its camelCase aliases are quoted
      const { sql, params } = auditListSql(filter);
      const { text, values } = positional(sql.replace(/\bAS ([a-z]+[A-Z]\w*)/g, 'AS "$1"'), params);
      const rows = await c.query<Omit<AuditLogEntry, 'detail'> & { detail: string }>(text, values);
      return rows.map((r) => ({ ...r, detail: detailOf(r.detail) }));
    },
  };
}

export function commandRepo(c: Conn): CommandRepo {
  return {
    async get(id) {
      const [row] = await c.query<{ id: string; officer: string; item_id: string; result: string }>('SELECT id, officer, item_id, result FROM commands WHERE id = $1', [id]);
      return row && { id: row.id, officer: row.officer, itemId: row.item_id, result: CommandResultSchema.parse(JSON.parse(row.result)) };
    },
    async save(r) {
      await c.run('INSERT INTO commands (id, officer, item_id, result) VALUES ($1, $2, $3, $4)', [r.id, r.officer, r.itemId, stringifyOnce(r.result)]);
    },
  };
}
