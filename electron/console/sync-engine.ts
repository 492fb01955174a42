import { AppError, RejectionCodeSchema } from '#shared/errors';
import { MAX_COMMANDS_PER_BATCH, type ChangesResponse } from '#shared/contract/api';
import type { BridgeError, SyncStatus } from '#shared/contract/bridge';
import type { Command, CommandResult } from '#shared/domain/commands';
import type { ItemKind, WorkItem } from '#shared/domain/items';
import type { Cache } from '#db/cache';
import type { OutboxRow } from '#db/repos/outbox';
import { isRetryable, type ExchangeClient } from './exchange-client';
import { viewWith, writeFeedPage } from './feed-page';
import type { AttachmentStore } from './attachments';

export interface SyncEngineDeps {
  cache: Cache;
  client: ExchangeClient;
  attachments: AttachmentStore;
  /** The officer the engine syncs for, with a token when there is one (offline logins may lack it). */
  session: () => { badge: string; token: string | null } | null;
  pageSize: number;
  now: () => number;
  longPollMs: number;
  onItemsChanged: (rev: number, kinds: ItemKind[]) => void;
  onStatus: (status: SyncStatus) => void;
  /** The exchange refused the token: the officer must log in again. */
  onUnauthenticated: () => void;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 60_000;
const PROBE_INTERVAL_MS = 10_000;

/** Exponential backoff with jitter (50–100 % of the step), so many consoles do not retry in step. */
export function backoffMs(attempt: number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + Math.random() / 2));
}

function toBridgeError(err: unknown): BridgeError {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * Recomputes an item's optimistic view: the server's state with every queued command of the
 * outbox applied in order. Held commands are parked behind a conflict and not shown.
 * Call inside the transaction that changed the server state or the outbox.
 */
export function rebaseItem(cache: Cache, itemId: string, server?: WorkItem): void {
  const base = server ?? cache.items.get(itemId)?.server;
  if (!base) return;
  // only the cache owner's commands: another officer's unsent work waits for their next login
  const owner = cache.meta.owner();
  const queued = cache.outbox.forItem(itemId).filter((r) => r.state === 'queued' && r.badge === owner);
  cache.items.put(base, viewWith(base, queued));
}

/** Stores a server state unless the cache already holds a newer one (a late page after a command result). */
export function storeServerItem(cache: Cache, item: WorkItem): void {
  const have = cache.items.serverVersion(item.id);
  if (have !== undefined && have > item.version) return;
  rebaseItem(cache, item.id, item);
}

/**
 * Pulls the changes feed into the cache and pushes the outbox to the exchange (DESIGN.md "Sync
 * protocol"). Two loops: the puller long-polls `changes/wait` so new items show within a second;
 * the pusher sends queued commands in seq order, at most one per item per batch, so a rejection
 * can hold the rest of that item's chain before any of it reaches the exchange.
 */
export class SyncEngine {
  private online = false;
  private syncing = 0;
  private lastError: BridgeError | null = null;
  private stopped = false;
  private readonly wakers = { pull: new Set<() => void>(), push: new Set<() => void>() };
  private readonly pendingWake = { pull: false, push: false };
  private pollAbort = new AbortController();
  private pullChain: Promise<void> = Promise.resolve();
  private pushChain: Promise<number | null> = Promise.resolve(null);
  private loops: Promise<void>[] = [];
  private prefetchRun: Promise<void> = Promise.resolve();
  private lastStatusJson = '';

  constructor(private readonly d: SyncEngineDeps) {}

  start(): void {
    this.loops = [this.pullLoop(), this.pushLoop()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pollAbort.abort();
    this.wake('pull');
    this.wake('push');
    await Promise.allSettled([...this.loops, this.pullChain, this.pushChain, this.prefetchRun]);
  }

  /** New outbox rows: send them now. */
  kick(): void {
    this.wake('push');
  }

  /** The officer (or token) changed: drop the current long-poll and start over. */
  sessionChanged(): void {
    this.pollAbort.abort();
    this.pollAbort = new AbortController();
    this.wake('pull');
    this.wake('push');
    this.emitStatus();
  }

  isOnline(): boolean {
    return this.online;
  }

  /** One pull and one push round now, for the "sync now" button. */
  async syncNow(): Promise<void> {
    await this.pull().catch(() => undefined);
    await this.push().catch(() => undefined);
    this.wake('pull');
    this.wake('push');
  }

  status(): SyncStatus {
    const s = this.d.session();
    return {
      online: this.online,
      syncing: this.syncing > 0,
      lastSyncAt: this.d.cache.meta.lastSyncAt(),
      // a session without a token (offline unlock, or the exchange refused it) cannot sync until the officer logs in online
      lastError: this.lastError ?? (s && !s.token ? { code: 'unauthenticated', message: '需要联网重新登录后才能同步' } : null),
      pending: s ? this.d.cache.outbox.count(s.badge) : 0,
      conflicts: s ? this.d.cache.conflicts.count(s.badge) : 0,
      cursor: this.d.cache.meta.cursor(),
    };
  }

  emitStatus(): void {
    const status = this.status();
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.d.onStatus(status);
  }

  // ---- pull -------------------------------------------------------------------------------------

  /** Pulls every page after the cursor; serialised so two pulls never race on the cursor. */
  pull(): Promise<void> {
    const run = this.pullChain.catch(() => undefined).then(() => this.pullPages());
    this.pullChain = run;
    return run;
  }

  /**
   * Pipelined: the request for page N+1 goes out before page N is written, so the exchange builds
   * the next page (and the network carries it) while this process writes the current one. The
   * cursor still moves only with a written page; a failure drops the request in flight.
   */
  private async pullPages(): Promise<void> {
    const s = this.d.session();
    if (!s?.token) return;
    const token = s.token;
    const kinds = new Set<ItemKind>();
    const stored: string[] = [];
    const signal = this.pollAbort.signal;
    const fetchPage = (after: number): Promise<ChangesResponse> => {
      // a GET is safe to repeat: one retry covers a keep-alive socket the other side closed just
      // as the pipelined request went out on it (ECONNRESET), which is not an outage
      const p = this.d.client.changes(token, after, this.d.pageSize, signal).catch((err: unknown) => {
        if (signal.aborted || !(err instanceof AppError) || err.code !== 'offline') throw err;
        return this.d.client.changes(token, after, this.d.pageSize, signal);
      });
      // awaited later (or dropped after an error): never an unhandled rejection meanwhile
      p.catch(() => undefined);
      return p;
    };
    let catchingUp = false;
    this.busy(+1);
    try {
      let next: Promise<ChangesResponse> | null = fetchPage(this.d.cache.meta.cursor());
      while (next) {
        const page: ChangesResponse = await next;
        if (this.d.session()?.badge !== s.badge) return;
        next = page.hasMore ? fetchPage(page.next) : null;
        if (next && !catchingUp) {
          catchingUp = true;
          this.d.cache.catchUp(true);
        }
        // let the request leave before the synchronous write blocks this thread
        if (next) await new Promise((r) => setImmediate(r));
        const written = this.d.cache.tx(() => writeFeedPage(this.d.cache, page));
        for (const k of written.kinds) kinds.add(k);
        for (const id of written.stored) stored.push(id);
        this.markOnline();
      }
      this.d.cache.meta.setLastSyncAt(new Date(this.d.now()).toISOString());
    } catch (err) {
      this.markError(err);
      throw err;
    } finally {
      if (catchingUp) this.d.cache.catchUp(false);
      this.busy(-1);
      if (kinds.size > 0) this.d.onItemsChanged(this.d.cache.meta.rev(), [...kinds]);
    }
    this.startPrefetch(token, stored);
  }

  /** Prefetches the files of the items this pull stored (the store catches up on everything once per session). */
  private startPrefetch(token: string, itemIds: readonly string[]): void {
    const fetcher = { fetch: (sha: string) => this.d.client.attachment(token, sha, this.pollAbort.signal) };
    this.prefetchRun = this.d.attachments.prefetch(fetcher, itemIds).catch((err: unknown) => {
      console.error('[console] attachment prefetch failed:', err);
    });
  }

  /** Waits for pending prefetch work (tests, shutdown). */
  prefetchIdle(): Promise<void> {
    return this.prefetchRun;
  }

  private async pullLoop(): Promise<void> {
    let needPull = true;
    let failures = 0;
    while (!this.stopped) {
      const s = this.d.session();
      if (!s?.token) {
        // nothing to pull without a token, but the login screen still wants to know if the exchange is there
        await this.probe();
        await this.sleep('pull', PROBE_INTERVAL_MS);
        needPull = true;
        continue;
      }
      try {
        if (needPull) await this.pull();
        const w = await this.d.client.wait(s.token, this.d.cache.meta.cursor(), this.d.longPollMs, this.pollAbort.signal);
        this.markOnline();
        needPull = w.changed || w.latest > this.d.cache.meta.cursor();
        failures = 0;
      } catch (err) {
        if (this.stopped) break;
        needPull = true;
        if (err instanceof AppError && err.code === 'unauthenticated') {
          this.d.onUnauthenticated();
          await this.sleep('pull', Number.POSITIVE_INFINITY);
          continue;
        }
        if (!isRetryable(err)) this.markError(err);
        failures += 1;
        await this.sleep('pull', backoffMs(failures));
      }
    }
  }

  private async probe(): Promise<void> {
    try {
      await this.d.client.health(this.pollAbort.signal);
      this.markOnline();
    } catch (err) {
      this.markError(err);
    }
  }

  // ---- push -------------------------------------------------------------------------------------

  /** One push round; returns ms until the next queued command is due, or null when none is. */
  push(): Promise<number | null> {
    const run = this.pushChain.catch(() => null).then(() => this.pushRound());
    this.pushChain = run;
    return run;
  }

  private async pushLoop(): Promise<void> {
    while (!this.stopped) {
      let wait: number | null;
      try {
        wait = await this.push();
      } catch (err) {
        console.error('[console] push round failed:', err);
        wait = 5_000;
      }
      if (this.stopped) break;
      // more due right away: go again without sleeping
      if (wait === 0) continue;
      await this.sleep('push', wait ?? Number.POSITIVE_INFINITY);
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

  private async pushRound(): Promise<number | null> {
    const s = this.d.session();
    if (!s?.token) return null;
    const rows = this.d.cache.outbox.queued(s.badge);
    if (rows.length === 0) return null;
    const { batch, wait } = this.pickBatch(rows, this.d.now());
    if (batch.length === 0) return wait;
    this.busy(+1);
    try {
      await this.send(s.token, s.badge, batch);
    } finally {
      this.busy(-1);
    }
    return 0;
  }

  private async send(token: string, badge: string, batch: OutboxRow[]): Promise<void> {
    const commands = batch.map((r) => ({ id: r.id, itemId: r.itemId, type: r.type, expectedVersion: r.expectedVersion, body: r.body }) as Command);
    let results: CommandResult[];
    try {
      results = (await this.d.client.commands(token, commands)).results;
      this.markOnline();
    } catch (err) {
      if (err instanceof AppError && err.code === 'unauthenticated') {
        this.markError(err);
        this.d.onUnauthenticated();
        return;
      }
      if (err instanceof AppError && !isRetryable(err) && batch.length > 1) {
        // one bad command fails the whole batch: send them one by one to find it
        this.markOnline();
        for (const r of batch) await this.send(token, badge, [r]);
        return;
      }
      if (err instanceof AppError && !isRetryable(err) && batch.length === 1) {
        // the exchange refused this command as a request: it is a rejection like any other
        const code = RejectionCodeSchema.safeParse(err.code);
        this.settle(badge, batch[0]!, { id: batch[0]!.id, status: code.success ? code.data : 'invalid', item: null, message: err.message });
        return;
      }
      this.markError(err);
      const error = toBridgeError(err);
      const now = this.d.now();
      this.d.cache.tx(() => {
        for (const r of batch) this.d.cache.outbox.recordFailure(r.id, now + backoffMs(r.attempts + 1), error);
      });
      this.emitStatus();
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
    if (kind) this.d.onItemsChanged(cache.meta.rev(), [kind]);
    this.emitStatus();
  }

  // ---- state --------------------------------------------------------------------------------------

  private markOnline(): void {
    if (!this.online || this.lastError) {
      this.online = true;
      this.lastError = null;
      // back online: whatever waited out a backoff for the network goes now
      const s = this.d.session();
      if (s) this.d.cache.outbox.resetBackoff(s.badge);
      this.wake('push');
    }
    this.emitStatus();
  }

  private markError(err: unknown): void {
    // our own abort (shutdown, officer switch) says nothing about the network
    if (this.stopped || (err instanceof AppError && (err.details as { aborted?: boolean } | undefined)?.aborted)) return;
    if (err instanceof AppError && err.code === 'offline') this.online = false;
    this.lastError = toBridgeError(err);
    this.emitStatus();
  }

  private busy(delta: number): void {
    this.syncing += delta;
    this.emitStatus();
  }

  /** A wake with no sleeper is remembered, so a kick during a round is never lost. */
  private wake(channel: 'pull' | 'push'): void {
    if (this.wakers[channel].size === 0) this.pendingWake[channel] = true;
    for (const w of this.wakers[channel]) w();
    this.wakers[channel].clear();
  }

  private sleep(channel: 'pull' | 'push', ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.pendingWake[channel]) {
      this.pendingWake[channel] = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakers[channel].delete(done);
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      this.wakers[channel].add(done);
    });
  }
}
