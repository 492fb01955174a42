import type { OutboundRepo, OutboundRow } from '../store';
import type { Conn } from './db';

/**
 * The outbound log (sqlite/outbound.ts): appended in the transaction of the command that caused
 * it; `seq` is the Internet side's cursor, so it is drawn under the writer lock (db.ts
 * WRITER_LOCK) like the change log's, as `max + 1`, and a reader never passes a row still in flight.
 */
interface Row {
  seq: number;
  at: string;
  item_id: string;
  kind: string;
  event: string;
  payload: string;
}

export function outboundRepo(c: Conn): OutboundRepo {
  return {
    append(record) {
      return c.write(async (w) => {
        const [row] = await w.query<{ seq: number }>(`INSERT INTO outbound (seq, at, item_id, kind, event, payload)
           VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM outbound), $1, $2, $3, $4, $5) RETURNING seq`, [
          record.at,
          record.itemId,
          record.kind,
          record.event,
          JSON.stringify(record.payload),
        ]);
        return row!.seq;
      });
    },
    async after(after, limit): Promise<OutboundRow[]> {
      const rows = await c.query<Row>('SELECT seq, at, item_id, kind, event, payload FROM outbound WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit]);
      // parsed against the contract by the route's response schema
      return rows.map((r) => ({ seq: r.seq, at: r.at, itemId: r.item_id, kind: r.kind, event: r.event, payload: JSON.parse(r.payload) as Record<string, unknown> }));
    },
  };
}
