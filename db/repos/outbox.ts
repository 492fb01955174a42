import { z } from 'zod';
import { CommandTypeSchema, type CommandType } from '#shared/domain/commands';
import { BridgeErrorSchema, type BridgeError, type PendingCommand } from '#shared/contract/bridge';
import type { Db } from '../open';

export type OutboxState = 'queued' | 'held';

export interface OutboxRow {
  seq: number;
  id: string;
  badge: string;
  itemId: string;
  type: CommandType;
  body: Record<string, unknown>;
  expectedVersion: number;
  createdAt: string;
  attempts: number;
  nextAttemptAt: number;
  state: OutboxState;
  lastError: BridgeError | null;
}

interface OutboxDbRow {
  seq: number;
  id: string;
  badge: string;
  item_id: string;
  type: string;
  body: string;
  expected_version: number;
  created_at: string;
  attempts: number;
  next_attempt_at: number;
  state: string;
  last_error: string | null;
}

const BodySchema = z.record(z.string(), z.unknown());

function rowToOutbox(r: OutboxDbRow): OutboxRow {
  return {
    seq: r.seq,
    id: r.id,
    badge: r.badge,
    itemId: r.item_id,
    type: CommandTypeSchema.parse(r.type),
    body: BodySchema.parse(JSON.parse(r.body)),
    expectedVersion: r.expected_version,
    createdAt: r.created_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    state: r.state === 'held' ? 'held' : 'queued',
    lastError: r.last_error === null ? null : BridgeErrorSchema.parse(JSON.parse(r.last_error)),
  };
}

export function outboxToPending(r: OutboxRow): PendingCommand {
  return { id: r.id, itemId: r.itemId, type: r.type, body: r.body, createdAt: r.createdAt, attempts: r.attempts, state: r.state, lastError: r.lastError };
}

export type NewOutboxRow = Pick<OutboxRow, 'id' | 'badge' | 'itemId' | 'type' | 'body' | 'expectedVersion' | 'createdAt'>;

/**
 * Commands the officer made that the exchange has not answered yet, in the order they were made
 * (seq). A row leaves only when the exchange answered it (applied → gone; rejected → moved to
 * conflicts in the same transaction). Nothing else deletes rows.
 */
export function createOutboxRepo(db: Db) {
  const cols = 'seq, id, badge, item_id, type, body, expected_version, created_at, attempts, next_attempt_at, state, last_error';
  const insertStmt = db.prepare(
    `INSERT INTO outbox (id, badge, item_id, type, body, expected_version, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued')`,
  );
  const byBadge = db.prepare<[string], OutboxDbRow>(`SELECT ${cols} FROM outbox WHERE badge = ? ORDER BY seq`);
  const allStmt = db.prepare<[], OutboxDbRow>(`SELECT ${cols} FROM outbox ORDER BY seq`);
  const forItem = db.prepare<[string], OutboxDbRow>(`SELECT ${cols} FROM outbox WHERE item_id = ? ORDER BY seq`);
  const getStmt = db.prepare<[string], OutboxDbRow>(`SELECT ${cols} FROM outbox WHERE id = ?`);
  const queuedForBadge = db.prepare<[string], OutboxDbRow>(`SELECT ${cols} FROM outbox WHERE badge = ? AND state = 'queued' ORDER BY seq`);
  const deleteStmt = db.prepare('DELETE FROM outbox WHERE id = ?');
  const failStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const attemptStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?');
  const holdStmt = db.prepare("UPDATE outbox SET state = 'held', last_error = ? WHERE item_id = ? AND badge = ?");
  const shiftStmt = db.prepare("UPDATE outbox SET expected_version = expected_version + ? WHERE item_id = ? AND badge = ? AND state = 'queued'");
  const countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM outbox WHERE badge = ?');
  const resetBackoff = db.prepare("UPDATE outbox SET next_attempt_at = 0 WHERE badge = ? AND state = 'queued'");
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox');
  const lastQueuedExpected = db.prepare<[string, string], { v: number | null }>(
    "SELECT max(expected_version) AS v FROM outbox WHERE item_id = ? AND badge = ? AND state = 'queued'",
  );
  const reinsert = db.prepare(
    `INSERT INTO outbox (id, badge, item_id, type, body, expected_version, created_at, attempts, next_attempt_at, state, last_error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'queued', ?)`,
  );

  return {
    insert(row: NewOutboxRow): void {
      insertStmt.run(row.id, row.badge, row.itemId, row.type, JSON.stringify(row.body), row.expectedVersion, row.createdAt);
    },
    get: (id: string): OutboxRow | undefined => {
      const r = getStmt.get(id);
      return r ? rowToOutbox(r) : undefined;
    },
    list: (badge: string): OutboxRow[] => byBadge.all(badge).map(rowToOutbox),
    all: (): OutboxRow[] => allStmt.all().map(rowToOutbox),
    forItem: (itemId: string): OutboxRow[] => forItem.all(itemId).map(rowToOutbox),
    queued: (badge: string): OutboxRow[] => queuedForBadge.all(badge).map(rowToOutbox),
    /**
     * The version a new command on the item expects: one past the last queued command's own
     * expectation, or the server version when nothing is queued. Counting from the cached server
     * version instead is wrong whenever that version already includes a queued command (a pull
     * brought the item at the claim's new version while the claim's answer was lost), and a
     * decision made then would expect one version too many (a conflict nobody caused).
     */
    nextExpectedVersion(itemId: string, badge: string, serverVersion: number): number {
      const last = lastQueuedExpected.get(itemId, badge)?.v ?? null;
      return last === null ? serverVersion : last + 1;
    },
    count: (badge: string): number => countStmt.get(badge)?.n ?? 0,
    countAll: (): number => countAll.get()?.n ?? 0,
    delete: (id: string): void => void deleteStmt.run(id),
    /** A send that got no answer: count it and wait until `nextAttemptAt` (epoch ms). */
    recordFailure(id: string, nextAttemptAt: number, error: BridgeError): void {
      failStmt.run(nextAttemptAt, JSON.stringify(error), id);
    },
    recordAttempt: (id: string): void => void attemptStmt.run(id),
    /** The network is back: what waited out a backoff for it may go now. */
    resetBackoff: (badge: string): void => void resetBackoff.run(badge),
    /** Holds every remaining command of the officer for the item behind a rejected one. */
    holdItem(itemId: string, badge: string, reason: BridgeError): void {
      holdStmt.run(JSON.stringify(reason), itemId, badge);
    },
    /**
     * After an applied command whose resulting version is not the one the chain assumed (a command
     * type that does not bump the version), moves the rest of the item's chain by the difference.
     */
    shiftExpected(itemId: string, badge: string, delta: number): void {
      if (delta !== 0) shiftStmt.run(delta, itemId, badge);
    },
    /**
     * Releases held commands of an item back into the queue, behind everything queued now (they get
     * new seqs), with expected versions that continue the chain (see nextExpectedVersion).
     */
    releaseHeld(itemId: string, badge: string, baseVersion: number): void {
      const rows = forItem.all(itemId).map(rowToOutbox);
      const held = rows.filter((r) => r.state === 'held' && r.badge === badge);
      let next = this.nextExpectedVersion(itemId, badge, baseVersion);
      for (const r of held) {
        deleteStmt.run(r.id);
        reinsert.run(r.id, r.badge, r.itemId, r.type, JSON.stringify(r.body), next, r.createdAt, r.attempts, null);
        next += 1;
      }
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
