import type { Command, CommandResult } from '#shared/domain/commands';
import type { Officer } from '#shared/domain/officers';
import type { Repos } from '../store/store';
import { runCommand } from './apply';

/**
 * Group commit for officers' commands. Requests that arrive while the event loop is busy are
 * queued; once per loop turn (setImmediate, i.e. after the poll phase has handed every readable
 * request to its handler) the queue applies up to `maxBatch` commands in ONE store transaction
 * and answers all their requests after its single COMMIT. One commit per batch instead of one per
 * command is where the throughput comes from: the database's log gets the hot pages (change log,
 * audit tail, command ids) and its flush once per batch, not once per command.
 *
 * Why no guarantee is weaker than with a transaction per command:
 * - Atomic: every command runs in a SAVEPOINT of its own (runCommand; a transaction opened inside
 *   a transaction is a savepoint, store.ts `Repos.transaction`). A rejected command writes nothing
 *   but its rejection (rejections are raised before the first write); a command that throws (a
 *   bug) is rolled back entirely and fails only its own request, its neighbours still commit.
 * - Idempotent: the command-id lookup runs inside the same transaction as earlier commands of the
 *   batch, so a resend within one batch sees the first attempt's result; and one batch runs at a
 *   time (the next starts after this one's COMMIT), so a resend in a later batch sees it committed.
 * - Audit chain: commands run strictly one after another in arrival order, and each audit row
 *   reads the chain's tail from the database inside the transaction, so the chain is appended in
 *   order; a rolled-back savepoint takes its audit row with it.
 * - Durable once acknowledged: no response leaves before COMMIT has returned. If COMMIT fails,
 *   every request of the batch gets the error and nothing of it is kept, so a resend applies
 *   afresh. (How durable a commit is, is the store's: store/sqlite/db.ts for SQLite.)
 * - Per-request order: a request's commands run in its order, in one batch, never interleaved
 *   with another request's.
 * Long-polls are woken by the store's change announcement after COMMIT (app.ts `onChange`).
 */
export interface QueuedRequest {
  readonly officer: Officer;
  readonly commands: readonly Command[];
}

interface Entry extends QueuedRequest {
  resolve(results: CommandResult[]): void;
  reject(err: unknown): void;
}

type Outcome = { ok: true; results: CommandResult[] } | { ok: false; error: unknown };

export interface CommandQueueOptions {
  readonly store: Repos;
  readonly leaseScale: number;
  /** Commands per transaction; a single request larger than this still goes whole. */
  readonly maxBatch?: number;
}

export const DEFAULT_MAX_BATCH = 256;

export class CommandQueue {
  private pending: Entry[] = [];
  private scheduled = false;
  /** A batch's transaction is open: the next batch waits for its COMMIT (see "Idempotent"). */
  private running = false;
  private readonly maxBatch: number;

  constructor(private readonly opts: CommandQueueOptions) {
    this.maxBatch = opts.maxBatch ?? DEFAULT_MAX_BATCH;
  }

  /** Resolves with one result per command once the batch holding them has committed. */
  submit(officer: Officer, commands: readonly Command[]): Promise<CommandResult[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ officer, commands, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private take(): Entry[] {
    let count = 0;
    let n = 0;
    while (n < this.pending.length) {
      const size = this.pending[n]!.commands.length;
      if (n > 0 && count + size > this.maxBatch) break;
      count += size;
      n++;
    }
    const batch = this.pending.slice(0, n);
    this.pending = this.pending.slice(n);
    return batch;
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.take();
    if (batch.length === 0) return;
    this.running = true;
    try {
      await this.apply(batch);
    } finally {
      this.running = false;
      // The rest waits for the next turn, so sockets are read and answered in between.
      if (this.pending.length > 0) this.schedule();
    }
  }

  /** Runs the batch in one transaction and settles its requests; never rejects. */
  private async apply(batch: readonly Entry[]): Promise<void> {
    const { store, leaseScale } = this.opts;
    const outcomes: Outcome[] = [];
    try {
      await store.transaction(async (tx) => {
        for (const entry of batch) {
          const ctx = { db: tx, officer: entry.officer, leaseScale };
          const results: CommandResult[] = [];
          try {
            // As before batching: a rejection does not undo the request's earlier commands, and a
            // bug stops the request (its earlier commands stay applied, like separate transactions).
            for (const cmd of entry.commands) results.push(await runCommand(ctx, cmd));
            outcomes.push({ ok: true, results });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // COMMIT (or BEGIN) failed: nothing of the batch is kept, so nothing is acknowledged.
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) entry.resolve(outcome.results);
      else entry.reject(outcome.error);
    });
  }
}
