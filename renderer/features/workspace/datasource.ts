import type { ColDef, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { ItemQuery, ItemRow, QueueColumn, QueueFilter } from '#shared/contract/bridge';
import { bridge } from '../../app/bridge';

/** Rows per block of the grid's infinite row model (QueueGrid's cacheBlockSize): one items.query each. */
export const QUEUE_BLOCK_ROWS = 100;

/** A query without paging: what items.indexOf takes and "next item" walks. */
export type OrderedQuery = Omit<ItemQuery, 'offset' | 'limit'>;
/**
 * The part the workspace owns (kind, saved view with its fixed filters, quick search); the grid
 * adds sort and column filters.
 */
export type BaseQuery = Pick<OrderedQuery, 'kind' | 'view' | 'search'> & { readonly filters?: readonly QueueFilter[] };

/**
 * A queue column a grid column sorts by; `reversed` when the grid's ascending is the column's
 * descending (an age is the later submission's smaller one); `cols` when one grid column sorts by
 * several queue columns (a tip's urgency: the level, then the score within it, then the oldest
 * first — the submission reversed), so one column carries a whole order without sort numbers.
 */
type OneColumn = QueueColumn | { readonly col: QueueColumn; readonly reversed: true };
export type SortTarget = OneColumn | { readonly cols: readonly OneColumn[] };

function sortOf(target: OneColumn, dir: 'asc' | 'desc'): { col: QueueColumn; dir: 'asc' | 'desc' } {
  if (typeof target === 'string') return { col: target, dir };
  return { col: target.col, dir: dir === 'asc' ? 'desc' : 'asc' };
}

/** How a queue's grid columns map onto the bridge's queue columns and filters. */
export interface QueueMapping {
  /** Grid column id → queue column it sorts by (absent: not sortable on the core). */
  readonly sortBy: Readonly<Record<string, SortTarget>>;
  /** One column's ag-grid filter model as a bridge filter; null drops it. */
  readonly filter: (colId: string, model: unknown) => QueueFilter | null;
}

export function orderedQuery(base: BaseQuery, sortModel: readonly SortModelItem[], filterModel: Record<string, unknown>, mapping: QueueMapping): OrderedQuery {
  const sort = sortModel.flatMap((s) => {
    const target = mapping.sortBy[s.colId];
    if (!target) return [];
    if (typeof target !== 'string' && 'cols' in target) return target.cols.map((c) => sortOf(c, s.sort));
    return [sortOf(target, s.sort)];
  });
  const columnFilters = Object.entries(filterModel ?? {}).flatMap(([colId, model]) => {
    const f = mapping.filter(colId, model);
    return f ? [f] : [];
  });
  // the view's own filters first, so the column filters are what the limit of 10 cuts
  const filters = [...(base.filters ?? []), ...columnFilters].slice(0, 10);
  return { kind: base.kind, view: base.view, search: base.search, sort: sort.slice(0, 3), filters };
}

/**
 * How many of the grid's block loads are unanswered, and a wake-up when none is: the workspace
 * holds a search back while a page is in flight, so fast typing asks the core once per answer
 * (the latest text) instead of queuing a query per key behind it.
 */
export interface LoadCounter {
  begin(): void;
  end(): void;
  busy(): boolean;
  /** Called each time the count falls to zero. */
  onIdle(listener: () => void): () => void;
}

export function createLoadCounter(): LoadCounter {
  let open = 0;
  const listeners = new Set<() => void>();
  return {
    begin: () => void open++,
    end() {
      open = Math.max(0, open - 1);
      if (open === 0) for (const l of listeners) l();
    },
    busy: () => open > 0,
    onIdle(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Opens once, when the grid's first block is answered (or has failed): the review pane's
 * overview (a chart and its counts, loaded on demand) waits for it, so at log-in and start its
 * chunk, render and queries come after the queue's first rows, not in their way.
 */
export interface Latch {
  open(): void;
  isOpen(): boolean;
  subscribe(listener: () => void): () => void;
}

export function createLatch(): Latch {
  let opened = false;
  const listeners = new Set<() => void>();
  return {
    open() {
      if (opened) return;
      opened = true;
      for (const l of listeners) l();
    },
    isOpen: () => opened,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The search's way to the grid: `offer` applies a text at once when no block is loading, else
 * keeps only the latest, which `wake` (subscribed to the loads' idle) applies once they are
 * answered; a text equal to the applied one is dropped.
 */
export function searchGate(loads: LoadCounter, apply: (s: string) => void, initial = ''): { offer: (s: string) => void; wake: () => void } {
  let applied = initial;
  let held: string | null = null;
  const offer = (s: string): void => {
    if (loads.busy()) {
      held = s;
      return;
    }
    held = null;
    if (s === applied) return;
    applied = s;
    apply(s);
  };
  const wake = (): void => {
    if (held !== null) offer(held);
  };
  return { offer, wake };
}

type PageAnswer = Awaited<ReturnType<ReturnType<typeof bridge>['items.query']>>;
type PageAsk = Parameters<ReturnType<typeof bridge>['items.query']>[0];

/** The block query getRows sends for rows [start, end): one construction, so a prefetch's key is the grid's own. */
const blockAsk = (query: OrderedQuery, start: number, end: number): PageAsk => ({ ...query, offset: start, limit: Math.min(1000, end - start) });

/**
 * The grid's sort model as getRows receives it, from column states or definitions (`sort`, in
 * `sortIndex` order): before the grid exists, the definitions' initial sort is what it will ask.
 */
export function sortModelOf(cols: readonly Pick<ColDef, 'colId' | 'sort' | 'sortIndex'>[]): SortModelItem[] {
  return cols
    .flatMap((c, i) => {
      const sort = typeof c.sort === 'object' && c.sort !== null ? c.sort.direction : c.sort;
      return c.colId && sort ? [{ colId: c.colId, sort, at: c.sortIndex ?? i }] : [];
    })
    .sort((a, b) => a.at - b.at)
    .map(({ colId, sort }) => ({ colId, sort }));
}

/**
 * The first block of a query asked before the grid asks it: at a search's key, while the grid is
 * still clearing its rows (~40 ms of rendering over a 100k queue, issue 11), and at the
 * workspace's first render, ahead of the start-up calls queued behind it in the core. The next
 * block load takes it when it is the very same query, and drops it otherwise, so an answer is
 * never used for a later ask than the one it was made for; a change to the cache drops it too
 * (`drop`, at items.changed), so the refresh that change causes never gets an answer from before it.
 */
export interface PagePrefetch {
  ask(query: OrderedQuery): void;
  take(ask: PageAsk): Promise<PageAnswer> | undefined;
  drop(): void;
}

export function createPagePrefetch(loads: LoadCounter, run: (ask: PageAsk) => Promise<PageAnswer> = (ask) => bridge()['items.query'](ask)): PagePrefetch {
  let held: { key: string; answer: Promise<PageAnswer> } | null = null;
  return {
    ask(query) {
      const ask = blockAsk(query, 0, QUEUE_BLOCK_ROWS);
      loads.begin();
      const answer = run(ask);
      // the load that takes it reports its failure; one never taken fails unseen
      answer.catch(() => undefined).finally(loads.end);
      held = { key: JSON.stringify(ask), answer };
    },
    take(ask) {
      const answer = held?.key === JSON.stringify(ask) ? held.answer : undefined;
      held = null;
      return answer;
    },
    drop() {
      held = null;
    },
  };
}

export interface DatasourceOptions {
  readonly base: () => BaseQuery;
  readonly loads: LoadCounter;
  readonly prefetch: PagePrefetch;
  readonly mapping: QueueMapping;
  /** Each page's total (the queue count) and the query it answered (for "next item"). */
  readonly onPage: (total: number, query: OrderedQuery, rows: readonly ItemRow[]) => void;
  readonly onError: (e: unknown) => void;
}

/**
 * ag-grid's infinite row model over `items.query`: the console core filters, searches and sorts in
 * SQLite and hands back one block at a time, so a 100k-row queue never crosses the bridge whole.
 */
export function queueDatasource(opts: DatasourceOptions): IDatasource {
  return {
    getRows(params: IGetRowsParams<ItemRow>) {
      const query = orderedQuery(opts.base(), params.sortModel, params.filterModel as Record<string, unknown>, opts.mapping);
      const ask = blockAsk(query, params.startRow, params.endRow);
      opts.loads.begin();
      (opts.prefetch.take(ask) ?? bridge()['items.query'](ask))
        .then(
          (res) => {
            params.successCallback(res.rows, res.total);
            opts.onPage(res.total, query, res.rows);
          },
          (e: unknown) => {
            params.failCallback();
            opts.onError(e);
          },
        )
        .finally(opts.loads.end);
    },
  };
}
