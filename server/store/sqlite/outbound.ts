import type { Statements } from './db';
import type { OutboundRecord, OutboundRow } from '../store';

/**
 * The outbound log (table outbound, migration 0080): what citizens must be told, one row per
 * event, appended in the transaction of the command that caused it (server/domain/outbound.ts),
 * so a rolled-back command leaves none and a resent one (answered from its stored result) adds
 * none. `seq` is the Internet side's cursor; rows are never changed.
 */
interface Row {
  seq: number;
  at: string;
  item_id: string;
  kind: string;
  event: string;
  payload: string;
}

export function outboundQueries(s: Statements) {
  return {
    appendOutbound(record: OutboundRecord): number {
      const info = s
        .get('INSERT INTO outbound (at, item_id, kind, event, payload) VALUES (?, ?, ?, ?, ?)')
        .run(record.at, record.itemId, record.kind, record.event, JSON.stringify(record.payload));
      return Number(info.lastInsertRowid);
    },
    outboundAfter(after: number, limit: number): OutboundRow[] {
      const rows = s.get('SELECT seq, at, item_id, kind, event, payload FROM outbound WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit) as Row[];
      // parsed against the contract by the route's response schema
      return rows.map((r) => ({ seq: r.seq, at: r.at, itemId: r.item_id, kind: r.kind, event: r.event, payload: JSON.parse(r.payload) as Record<string, unknown> }));
    },
  };
}
