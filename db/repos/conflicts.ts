import { z } from 'zod';
import { CommandTypeSchema, type CommandType } from '#shared/domain/commands';
import { RejectionCodeSchema, type RejectionCode } from '#shared/errors';
import type { Conflict } from '#shared/contract/bridge';
import type { Db } from '../open';

export interface ConflictRow extends Conflict {
  badge: string;
  type: CommandType;
  body: Record<string, unknown>;
}

interface ConflictDbRow {
  id: number;
  command_id: string;
  badge: string;
  item_id: string;
  type: string;
  body: string;
  code: string;
  message: string;
  created_at: string;
}

const BodySchema = z.record(z.string(), z.unknown());

function rowToConflict(r: ConflictDbRow): ConflictRow {
  return {
    id: r.id,
    commandId: r.command_id,
    badge: r.badge,
    itemId: r.item_id,
    type: CommandTypeSchema.parse(r.type),
    body: BodySchema.parse(JSON.parse(r.body)),
    code: RejectionCodeSchema.parse(r.code),
    message: r.message,
    createdAt: r.created_at,
  };
}

/** Rejected commands, kept with the officer's own body so the decision can be re-applied. */
export function createConflictsRepo(db: Db) {
  const cols = 'id, command_id, badge, item_id, type, body, code, message, created_at';
  const insertStmt = db.prepare(
    'INSERT INTO conflicts (command_id, badge, item_id, type, body, code, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byBadge = db.prepare<[string], ConflictDbRow>(`SELECT ${cols} FROM conflicts WHERE badge = ? ORDER BY id`);
  const forItem = db.prepare<[string], ConflictDbRow>(`SELECT ${cols} FROM conflicts WHERE item_id = ? ORDER BY id`);
  const getStmt = db.prepare<[number], ConflictDbRow>(`SELECT ${cols} FROM conflicts WHERE id = ?`);
  const deleteStmt = db.prepare('DELETE FROM conflicts WHERE id = ?');
  const countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM conflicts WHERE badge = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM conflicts');

  return {
    insert(c: { commandId: string; badge: string; itemId: string; type: CommandType; body: unknown; code: RejectionCode; message: string; createdAt: string }): number {
      return Number(insertStmt.run(c.commandId, c.badge, c.itemId, c.type, JSON.stringify(c.body), c.code, c.message, c.createdAt).lastInsertRowid);
    },
    get: (id: number): ConflictRow | undefined => {
      const r = getStmt.get(id);
      return r ? rowToConflict(r) : undefined;
    },
    list: (badge: string): ConflictRow[] => byBadge.all(badge).map(rowToConflict),
    forItem: (itemId: string): ConflictRow[] => forItem.all(itemId).map(rowToConflict),
    delete: (id: number): void => void deleteStmt.run(id),
    count: (badge: string): number => countStmt.get(badge)?.n ?? 0,
    countAll: (): number => countAll.get()?.n ?? 0,
  };
}
export type ConflictsRepo = ReturnType<typeof createConflictsRepo>;

export function conflictToBridge(c: ConflictRow): Conflict {
  return { id: c.id, commandId: c.commandId, itemId: c.itemId, type: c.type, body: c.body, code: c.code, message: c.message, createdAt: c.createdAt };
}
