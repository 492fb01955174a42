import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Officer } from '#shared/domain/officers';
import { bridge, onBridgeEvent } from './bridge';

type NameOf = (badge: string) => string | null;

const OfficersContext = createContext<NameOf>(() => null);

export interface DirectoryReloadTiming {
  /** A read this long after the first event of a burst: the rest of the burst needs no read of its own. */
  readonly settleMs: number;
  /** Delays of the reads tried again while the directory reads empty; then events alone. */
  readonly emptyRetryMs: readonly number[];
}

export const DIRECTORY_RELOAD_TIMING: DirectoryReloadTiming = { settleMs: 400, emptyRetryMs: [1_000, 2_000, 4_000, 8_000, 16_000] };

/**
 * When the renderer reads the officer directory again. The core fetches the directory from the
 * exchange after a session's first pull has stored its items (electron/console/sync/pull.ts
 * `refreshDirectory`, off the pull chain) and then emits an idle `sync.status`: so a directory
 * read at sign-in on a new cache is empty, and the event once it is stored brings the read that
 * fills it. The timed retries below cover a read that failed or an event that was missed. Hence:
 * - a read at start;
 * - a read after a sync completes (`sync.status` with `syncing` false after true), and on any
 *   `items.changed` or idle `sync.status` while the last read was empty (or failed);
 * - while the directory reads empty, a few reads more at growing delays;
 * - events coalesce: the first of a burst schedules one read `settleMs` later and the others join
 *   it; events while a read is on its way ask for one read after it, not one each. An
 *   `items.changed` storm with a directory in hand reads nothing.
 * Plain TypeScript over the global timers, so the unit test drives it with fake timers.
 */
export class DirectoryReloads {
  /** Entries of the last read; null before one succeeded. */
  private size: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private reading = false;
  private readAgain = false;
  private wasSyncing = false;
  private retries = 0;
  private stopped = false;

  constructor(
    private readonly read: () => Promise<number>,
    private readonly timing: DirectoryReloadTiming = DIRECTORY_RELOAD_TIMING,
  ) {}

  start(): void {
    this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  syncStatus(status: { readonly syncing: boolean }): void {
    const completed = this.wasSyncing && !status.syncing;
    this.wasSyncing = status.syncing;
    if (completed || (!status.syncing && this.lacking())) this.schedule(this.timing.settleMs);
  }

  itemsChanged(): void {
    if (this.lacking()) this.schedule(this.timing.settleMs);
  }

  private lacking(): boolean {
    return this.size === null || this.size === 0;
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, ms);
  }

  private run(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    this.read()
      .then(
        (n) => {
          this.size = n;
        },
        () => undefined, // names are a convenience: badges are shown meanwhile, and the read is tried again
      )
      .finally(() => {
        this.reading = false;
        if (this.stopped) return;
        if (this.readAgain) {
          this.readAgain = false;
          this.schedule(this.timing.settleMs);
        } else if (this.lacking()) {
          const delay = this.timing.emptyRetryMs[this.retries];
          if (delay !== undefined) {
            this.retries++;
            this.schedule(delay);
          }
        } else {
          this.retries = 0;
        }
      });
  }
}

function sameNames(names: ReadonlyMap<string, string>, list: readonly Officer[]): boolean {
  return names.size === list.length && list.every((o) => names.get(o.badge) === o.name);
}

/**
 * The officer directory of the signed-in officer's city (`officers.directory`, kept by the core
 * and readable offline): names for notes and other places that carry only a badge. Rows and items
 * carry `claimedByName` themselves. Read again when it may have changed (DirectoryReloads); the
 * provider is mounted per session (App.tsx keys it by sign-in), so another officer starts afresh.
 */
export function OfficerDirectoryProvider(props: Readonly<{ children: ReactNode }>) {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(() => new Map());
  useEffect(() => {
    let alive = true;
    const reloads = new DirectoryReloads(async () => {
      const list = await bridge()['officers.directory']({});
      // the same names keep the same map, so consumers of `nameOf` do not re-render after every sync
      if (alive) setNames((prev) => (sameNames(prev, list) ? prev : new Map(list.map((o) => [o.badge, o.name]))));
      return list.length;
    });
    const offStatus = onBridgeEvent('sync.status', (s) => reloads.syncStatus(s));
    const offItems = onBridgeEvent('items.changed', () => reloads.itemsChanged());
    reloads.start();
    return () => {
      alive = false;
      reloads.stop();
      offStatus();
      offItems();
    };
  }, []);
  const nameOf = useCallback<NameOf>((badge) => names.get(badge) ?? null, [names]);
  return <OfficersContext.Provider value={nameOf}>{props.children}</OfficersContext.Provider>;
}

/** The officer's name by badge, or null when the directory does not have it. */
export function useOfficerName(): NameOf {
  return useContext(OfficersContext);
}
