import { AppError, RejectionCodeSchema } from '#shared/errors';
import { MAX_COMMANDS_PER_BATCH } from '#shared/contract/api';
import type { Command, CommandResult } from '#shared/domain/commands';
import type { ItemKind, WorkItem } from '#shared/domain/items';
import type { Cache } from '#db/cache';
import type { OutboxRow } from '#db/repos/outbox';
import { isRetryable, type ExchangeClient } from '../exchange-client';
import { rebaseItem, storeServerItem } from '../local-view';
import { toBridgeError, type SyncState } from './state';
import { backoffMs, type Wakers } from './wakers';

export interface PushDeps {
  cache: Cache;
  client: ExchangeClient;
  session: () => { badge: string; token: string | null } | null;
  now: () => number;
  state: SyncState;
  wakers: Wakers;
  isStopped: () => boolean;
  onItemsChanged: (rev: number, kinds: ItemKind[], ids: readonly string[]) => void;
  onUnauthenticated: () => void;
}

/**
 * The outbox to the exchange: queued commands in seq order, at most one per item per batch, so a
 * rejection can hold the rest of that item's chain before any of it reaches the exchange. A
 * command whose answer was lost is resent with the same id (the exchange applies it once).
 */
export class Pusher {
  private chain: Promise<number | null> = Promise.resolve(null);

  constructor(private readonly d: PushDeps) {}

  /** One push round; returns ms until the next queued command is due, or null when none is. */
  push(): Promise<number | null> {
    const run = this.chain.catch(() => null).then(() => this.round());
    this.chain = run;
    return run;
  }

  done(): Promise<unknown> {
    return this.chain.catch(() => undefined);
  }

  async loop(): Promise<void> {
    while (!this.d.isStopped()) {
      let wait: number | null;
      try {
        wait = await this.push();
      } catch (err) {
        console.error('[console] push round failed:', err);
        wait = 5_000;
      }
      if (this.d.isStopped()) break;
      // more due right away: go again without sleeping
      if (wait === 0) continue;
      await this.d.wakers.sleep(wait ?? Number.POSITIVE_INFINITY, this.d.isStopped());
    }
  }

  private pickBatch(rows: OutboxRow[], now: number): { batch: OutboxRow[]; wait: number | null } {
    const seen = new Set<string>();
    const batch: OutboxRow[] = [];
    let wait: number | null = null;
    for (const r of rows) {
      // only the first queued command of an item may fly: the rest wait for its answer
      if (seen.has(r.itemId)) continue;
      seen.add(r.itemId);
      if (r.nextAttemptAt > now) {
        wait = Math.min(wait ?? Number.POSITIVE_INFINITY, r.nextAttemptAt - now);
        continue;
      }
      if (batch.length < MAX_COMMANDS_PER_BATCH) batch.push(r);
    }
    return { batch, wait };
  }

  private async round(): Promise<number | null> {
    const s = this.d.session();
    if (!s?.token) return null;
    const rows = this.d.cache.outbox.queued(s.badge);
    if (rows.length === 0) return null;
    const { batch, wait } = this.pickBatch(rows, this.d.now());
    if (batch.length === 0) return wait;
    this.d.state.busy(+1);
    try {
      await this.send(s.token, s.badge, batch);
    } finally {
      this.d.state.busy(-1);
    }
    return 0;
  }

  private async send(token: string, badge: string, batch: OutboxRow[]): Promise<void> {
    const { state } = this.d;
    const commands = batch.map((r) => ({ id: r.id, itemId: r.itemId, type: r.type, expectedVersion: r.expectedVersion, body: r.body }) as Command);
    let results: CommandResult[];
    try {
      results = (await this.d.client.commands(token, commands)).results;
      state.markOnline();
    } catch (err) {
      if (err instanceof AppError && err.code === 'unauthenticated') {
        state.markError(err);
        this.d.onUnauthenticated();
        return;
      }
      if (err instanceof AppError && !isRetryable(err) && batch.length > 1) {
        // one bad command fails the whole batch: send them one by one to find it
        state.markOnline();
        for (const r of batch) await this.send(token, badge, [r]);
        return;
      }
      if (err instanceof AppError && !isRetryable(err) && batch.length === 1) {
        // the exchange refused this command as a request: it is a rejection like any other
        const code = RejectionCodeSchema.safeParse(err.code);
        this.settle(badge, batch[0]!, { id: batch[0]!.id, status: code.success ? code.data : 'invalid', item: null, message: err.message });
        return;
      }
      state.markError(err);
      const error = toBridgeError(err);
      const now = this.d.now();
      this.d.cache.tx(() => {
        for (const r of batch) this.d.cache.outbox.recordFailure(r.id, now + backoffMs(r.attempts + 1), error);
      });
      state.emit();
      return;
    }
    const byId = new Map(results.map((r) => [r.id, r]));
    for (const r of batch) {
      const result = byId.get(r.id);
      if (result) this.settle(badge, r, result);
      else this.d.cache.outbox.recordFailure(r.id, this.d.now() + backoffMs(r.attempts + 1), { code: 'internal', message: '交换平台未返回此命令的结果' });
    }
  }

  /** Applies one command's answer: the exchange's item wins; a rejection becomes a conflict. */
  private settle(badge: string, row: OutboxRow, result: CommandResult): void {
    const cache = this.d.cache;
    let kind: ItemKind | undefined;
    // a (possibly first, resent) result never brings back an item the feed has since removed
    const store = (item: WorkItem): void => {
      if (!cache.items.isRemoved(item.id)) storeServerItem(cache, item);
    };
    cache.tx(() => {
      cache.outbox.delete(row.id);
      if (result.status === 'applied') {
        if (result.item) {
          // a command type that does not bump the version moves the rest of the chain with it
          cache.outbox.shiftExpected(row.itemId, badge, result.item.version - (row.expectedVersion + 1));
          store(result.item);
          kind = result.item.kind;
        } else {
          // applied but no longer visible to us (routed away): the feed will confirm the removal
          kind = cache.items.remove(row.itemId);
        }
      } else {
        cache.conflicts.insert({
          commandId: row.id,
          badge,
          itemId: row.itemId,
          type: row.type,
          body: row.body,
          code: result.status,
          message: result.message ?? result.status,
          createdAt: new Date(this.d.now()).toISOString(),
        });
        cache.outbox.holdItem(row.itemId, badge, { code: result.status, message: `等待处理冲突：${result.message ?? result.status}` });
        if (result.item) store(result.item);
        rebaseItem(cache, row.itemId);
        kind = cache.items.get(row.itemId)?.server.kind;
      }
    });
    if (kind) this.d.onItemsChanged(cache.meta.rev(), [kind], [row.itemId]);
    this.d.state.emit();
  }
}
