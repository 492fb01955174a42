import { AppError } from '#shared/errors';
import type { ChangesResponse } from '#shared/contract/api';
import type { ItemKind } from '#shared/domain/items';
import type { Cache } from '#db/cache';
import { isRetryable, type ExchangeClient } from '../exchange-client';
import { writeFeedPage } from '../feed-page';
import type { Prefetcher } from './prefetch';
import type { SyncState } from './state';
import { backoffMs, type Wakers } from './wakers';

export interface PullDeps {
  cache: Cache;
  client: ExchangeClient;
  session: () => { badge: string; token: string | null } | null;
  pageSize: number;
  longPollMs: number;
  now: () => number;
  state: SyncState;
  prefetch: Prefetcher;
  wakers: Wakers;
  /** The current long-poll's signal: aborted on shutdown and on a change of officer. */
  signal: () => AbortSignal;
  isStopped: () => boolean;
  onItemsChanged: (rev: number, kinds: ItemKind[], ids: readonly string[]) => void;
  onUnauthenticated: () => void;
}

const PROBE_INTERVAL_MS = 10_000;

/**
 * The changes feed into the cache (DESIGN.md "Sync protocol"): a loop that long-polls
 * `changes/wait` so new items show within a second, and pulls every page after the cursor when
 * something changed. Also refreshes the officer directory once per session.
 */
export class Puller {
  private chain: Promise<void> = Promise.resolve();
  private directoryFor: string | null = null;
  private directoryLoading: string | null = null;

  constructor(private readonly d: PullDeps) {}

  /** Pulls every page after the cursor; serialised so two pulls never race on the cursor. */
  pull(): Promise<void> {
    const run = this.chain.catch(() => undefined).then(() => this.pullPages());
    this.chain = run;
    return run;
  }

  /** The officer changed: fetch the directory again. */
  sessionChanged(): void {
    this.directoryFor = null;
  }

  done(): Promise<void> {
    return this.chain.catch(() => undefined);
  }

  /**
   * Pipelined: the request for page N+1 goes out before page N is written, so the exchange builds
   * the next page (and the network carries it) while this process writes the current one. The
   * cursor still moves only with a written page; a failure drops the request in flight.
   */
  private async pullPages(): Promise<void> {
    const { cache, client, state } = this.d;
    const s = this.d.session();
    if (!s?.token) return;
    const token = s.token;
    const kinds = new Set<ItemKind>();
    const ids: string[] = [];
    const stored: string[] = [];
    const signal = this.d.signal();
    const fetchPage = (after: number): Promise<ChangesResponse> => {
      // a GET is safe to repeat: one retry covers a keep-alive socket the other side closed just
      // as the pipelined request went out on it (ECONNRESET), which is not an outage
      const p = client.changes(token, after, this.d.pageSize, signal).catch((err: unknown) => {
        if (signal.aborted || !(err instanceof AppError) || err.code !== 'offline') throw err;
        return client.changes(token, after, this.d.pageSize, signal);
      });
      // awaited later (or dropped after an error): never an unhandled rejection meanwhile
      p.catch(() => undefined);
      return p;
    };
    let catchingUp = false;
    state.busy(+1);
    try {
      let next: Promise<ChangesResponse> | null = fetchPage(cache.meta.cursor());
      while (next) {
        const page: ChangesResponse = await next;
        if (this.d.session()?.badge !== s.badge) return;
        next = page.hasMore ? fetchPage(page.next) : null;
        if (next && !catchingUp) {
          catchingUp = true;
          cache.catchUp(true);
        }
        // let the request leave before the synchronous write blocks this thread
        if (next) await new Promise((r) => setImmediate(r));
        const written = cache.tx(() => writeFeedPage(cache, page));
        for (const k of written.kinds) kinds.add(k);
        for (const id of written.stored) stored.push(id);
        if (ids.length <= 100) ids.push(...written.stored, ...written.removed);
        state.markOnline();
      }
      cache.meta.setLastSyncAt(new Date(this.d.now()).toISOString());
    } catch (err) {
      state.markError(err);
      throw err;
    } finally {
      if (catchingUp) cache.catchUp(false);
      state.busy(-1);
      if (kinds.size > 0) this.d.onItemsChanged(cache.meta.rev(), [...kinds], ids);
    }
    this.d.prefetch.start(token, stored, signal);
    // off the pull chain: the next pull does not wait for names
    void this.refreshDirectory(s.badge, token, signal);
  }

  /**
   * The officer directory (names for "claimed by"), once per session; best effort. Announced with
   * a status event once stored, so a renderer that read it empty reads it again.
   */
  private async refreshDirectory(badge: string, token: string, signal: AbortSignal): Promise<void> {
    if (this.directoryFor === badge || this.directoryLoading === badge) return;
    this.directoryLoading = badge;
    try {
      const { officers } = await this.d.client.officers(token, signal);
      if (signal.aborted || this.d.session()?.badge !== badge) return;
      this.d.cache.tx(() => this.d.cache.officers.replaceAll(officers));
      this.directoryFor = badge;
      this.d.state.emit();
    } catch (err) {
      if (!signal.aborted && !isRetryable(err)) console.error('[console] officer directory:', err);
    } finally {
      this.directoryLoading = null;
    }
  }

  async loop(): Promise<void> {
    let needPull = true;
    let failures = 0;
    while (!this.d.isStopped()) {
      const s = this.d.session();
      if (!s?.token) {
        // nothing to pull without a token, but the login screen still wants to know if the exchange is there
        await this.probe();
        await this.d.wakers.sleep(PROBE_INTERVAL_MS, this.d.isStopped());
        needPull = true;
        continue;
      }
      try {
        if (needPull) await this.pull();
        const w = await this.d.client.wait(s.token, this.d.cache.meta.cursor(), this.d.longPollMs, this.d.signal());
        this.d.state.markOnline();
        needPull = w.changed || w.latest > this.d.cache.meta.cursor();
        failures = 0;
      } catch (err) {
        if (this.d.isStopped()) break;
        needPull = true;
        if (err instanceof AppError && err.code === 'unauthenticated') {
          this.d.onUnauthenticated();
          await this.d.wakers.sleep(Number.POSITIVE_INFINITY, this.d.isStopped());
          continue;
        }
        if (!isRetryable(err)) this.d.state.markError(err);
        failures += 1;
        await this.d.wakers.sleep(backoffMs(failures), this.d.isStopped());
      }
    }
  }

  private async probe(): Promise<void> {
    try {
      await this.d.client.health(this.d.signal());
      this.d.state.markOnline();
    } catch (err) {
      this.d.state.markError(err);
    }
  }
}
