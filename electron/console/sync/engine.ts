import type { SyncStatus } from '#shared/contract/bridge';
import type { ItemKind } from '#shared/domain/items';
import type { Cache } from '#db/cache';
import type { ExchangeClient } from '../exchange-client';
import type { AttachmentStore } from '../attachments';
import { Prefetcher } from './prefetch';
import { Puller } from './pull';
import { Pusher } from './push';
import { SyncState } from './state';
import { Wakers } from './wakers';

export interface SyncEngineDeps {
  cache: Cache;
  client: ExchangeClient;
  attachments: AttachmentStore;
  /** The officer the engine syncs for, with a token when there is one (offline logins may lack it). */
  session: () => { badge: string; token: string | null } | null;
  pageSize: number;
  now: () => number;
  longPollMs: number;
  /** `ids`: the items written, when few; undefined means "any of these kinds". */
  onItemsChanged: (rev: number, kinds: ItemKind[], ids: string[] | undefined) => void;
  onStatus: (status: SyncStatus) => void;
  /** The exchange refused the token: the officer must log in again. */
  onUnauthenticated: () => void;
}

/** Events name at most this many ids; more means "reload what you show". */
const MAX_EVENT_IDS = 100;

/**
 * Sync (DESIGN.md "Sync protocol"), one part per job: `pull.ts` the changes feed, `push.ts` the
 * outbox, `prefetch.ts` attachments for offline review, `state.ts` what the header shows,
 * `wakers.ts` the loops' sleep and backoff. This facade starts and stops them and is what the
 * console's handlers talk to.
 */
export class SyncEngine {
  private stopped = false;
  private readonly pullWake = new Wakers();
  private readonly pushWake = new Wakers();
  private pollAbort = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly state: SyncState;
  private readonly prefetcher: Prefetcher;
  private readonly puller: Puller;
  private readonly pusher: Pusher;

  constructor(d: SyncEngineDeps) {
    const onItemsChanged = (rev: number, kinds: ItemKind[], ids: readonly string[]): void =>
      d.onItemsChanged(rev, kinds, ids.length > 0 && ids.length <= MAX_EVENT_IDS ? [...ids] : undefined);
    const isStopped = (): boolean => this.stopped;
    this.state = new SyncState({ cache: d.cache, session: d.session, onStatus: d.onStatus, onBackOnline: () => this.pushWake.wake() });
    this.prefetcher = new Prefetcher(d.client, d.attachments);
    this.puller = new Puller({
      cache: d.cache,
      client: d.client,
      session: d.session,
      pageSize: d.pageSize,
      longPollMs: d.longPollMs,
      now: d.now,
      state: this.state,
      prefetch: this.prefetcher,
      wakers: this.pullWake,
      signal: () => this.pollAbort.signal,
      isStopped,
      onItemsChanged,
      onUnauthenticated: d.onUnauthenticated,
    });
    this.pusher = new Pusher({
      cache: d.cache,
      client: d.client,
      session: d.session,
      now: d.now,
      state: this.state,
      wakers: this.pushWake,
      isStopped,
      onItemsChanged,
      onUnauthenticated: d.onUnauthenticated,
    });
  }

  start(): void {
    this.loops = [this.puller.loop(), this.pusher.loop()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state.stopped = true;
    this.pollAbort.abort();
    this.pullWake.wake();
    this.pushWake.wake();
    await Promise.allSettled([...this.loops, this.puller.done(), this.pusher.done(), this.prefetcher.idle()]);
  }

  /** New outbox rows: send them now. */
  kick(): void {
    this.pushWake.wake();
  }

  /** The officer (or token) changed: drop the current long-poll and start over. */
  sessionChanged(): void {
    this.pollAbort.abort();
    this.pollAbort = new AbortController();
    this.puller.sessionChanged();
    this.pullWake.wake();
    this.pushWake.wake();
    this.state.emit();
  }

  isOnline(): boolean {
    return this.state.isOnline();
  }

  /** One pull and one push round now, for the "sync now" button; resolves when both are done. */
  async syncNow(): Promise<void> {
    await this.puller.pull().catch(() => undefined);
    await this.pusher.push().catch(() => undefined);
    this.pullWake.wake();
    this.pushWake.wake();
  }

  /** One pull now (tests). */
  pull(): Promise<void> {
    return this.puller.pull();
  }

  /** One push round now (tests). */
  push(): Promise<number | null> {
    return this.pusher.push();
  }

  status(): SyncStatus {
    return this.state.status();
  }

  emitStatus(): void {
    this.state.emit();
  }

  /** Resolves when attachment prefetch started by the last pull is done (tests, shutdown). */
  prefetchIdle(): Promise<void> {
    return this.prefetcher.idle();
  }
}
