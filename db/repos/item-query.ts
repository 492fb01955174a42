import type { z } from 'zod';
import type { Statement } from 'better-sqlite3';
import { AppError } from '#shared/errors';
import { DEADLINE_CLOCK_RUNS } from '#shared/domain/status';
import type { ItemQuerySchema, ItemRow, QueueColumn, QueueFilter } from '#shared/contract/bridge';
import type { Db } from '../open';
import { flagReader, GROUP_SIZE_SQL, LIST_COLUMNS, listRowToItemRow, photoColumnsFlusher, type ListDbRow } from './items';

/** A query after its schema filled the defaults (view 'all', no search, …). */
export type ItemQueryParsed = z.output<typeof ItemQuerySchema>;
export type ItemOrderQuery = Omit<ItemQueryParsed, 'offset' | 'limit'>;

/** Who asks and when: `mine` needs the badge, `due_today` / `overdue` the clock. */
export interface QueryContext {
  badge: string | null;
  nowMs: number;
}

type SqlValue = string | number;

/**
 * Bridge column → SQL expression. Whitelisted: nothing from a request is ever spliced into SQL.
 * `label` sorts by what the grid shows (service / category name), urgency by its rank, not its
 * spelling. When you add a column to QueueColumnSchema, add it here and in TEXT/TIME below.
 */
const SORT_SQL: Readonly<Record<QueueColumn, string>> = {
  id: 'id',
  label: 'label_sort',
  person: 'person',
  submittedAt: 'submitted_at',
  dueAt: 'due_at',
  status: 'status',
  claimedBy: 'claimed_by',
  urgency: "CASE urgency WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END",
  updatedAt: 'updated_at',
  unitCode: 'unit_code',
  // applications (migration 0090): window or ems once decided
  pickup: 'pickup',
  // accidents (migration 0070); NULL for other kinds
  place: 'place',
  photoCount: 'photo_count',
  missingPhotos: 'missing_photo_count',
  findingCount: 'finding_count',
  clearedAt: 'cleared_at',
  // tips (migration 0080); NULL for other kinds. The urgency rank above is the expression the
  // tip order's index (items_tip_urgency) is built on: keep the two texts equal.
  urgencyScore: 'urgency_score',
  routedTo: 'routed_to',
  duplicateOf: 'duplicate_of',
  groupSize: GROUP_SIZE_SQL,
  candidateCount: 'candidate_count',
  district: 'district',
};

const TIME_COLUMNS: ReadonlySet<QueueColumn> = new Set(['submittedAt', 'dueAt', 'updatedAt', 'clearedAt']);
/** Counts: equals / in a list, `before` n (less than n) and `after` n (at least n), half-open like the times. */
const COUNT_COLUMNS: ReadonlySet<QueueColumn> = new Set(['photoCount', 'missingPhotos', 'findingCount', 'urgencyScore', 'groupSize', 'candidateCount']);
/** Text filters on `label` match the stored code (service code, category, plates) or the shown name. */
const TEXT_FILTER_SQL: Readonly<Partial<Record<QueueColumn, readonly string[]>>> = {
  id: ['id'],
  label: ['label', 'label_sort'],
  person: ['person', 'person_id_masked'],
  status: ['status'],
  claimedBy: ['claimed_by'],
  urgency: ['urgency'],
  pickup: ['pickup'],
  unitCode: ['unit_code'],
  place: ['place'],
  routedTo: ['routed_to'],
  duplicateOf: ['duplicate_of'],
  district: ['district'],
};

/** The default order of a queue: oldest submission first (the grid's default), then id. */
const DEFAULT_SORT: ItemQueryParsed['sort'] = [{ col: 'submittedAt', dir: 'asc' }];

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** [start, end) of the Asia/Shanghai day containing `nowMs`, as UTC ISO strings (no DST in China). */
export function shanghaiDay(nowMs: number): { start: string; end: string } {
  const start = Math.floor((nowMs + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() };
}

/** LIKE pattern for a literal substring (ESCAPE '\'). */
function likeContains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
function likePrefix(s: string): string {
  return `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function invalid(message: string): AppError {
  return new AppError('invalid', message);
}

function countOf(col: QueueColumn, value: string): number {
  const v = value.trim();
  if (!/^\d{1,6}$/.test(v)) throw invalid(`${col}: “${value}” 不是有效数目`);
  return Number(v);
}

function filterSql(f: QueueFilter, params: SqlValue[]): string {
  if (f.col === 'candidateOf') {
    // the tips naming this id among their candidates: only those proposing any (a partial index)
    if (f.op !== 'equals') throw invalid('candidateOf: 只能按 equals 筛选（线索编号）');
    params.push(JSON.stringify(f.value.trim()));
    return 'candidate_count > 0 AND instr(candidate_ids, ?) > 0';
  }
  return columnFilterSql({ ...f, col: f.col }, params);
}

function columnFilterSql(f: QueueFilter & { col: QueueColumn }, params: SqlValue[]): string {
  if (COUNT_COLUMNS.has(f.col)) {
    const col = SORT_SQL[f.col];
    switch (f.op) {
      case 'equals':
        params.push(countOf(f.col, f.value));
        return `${col} = ?`;
      case 'in': {
        const values = f.value.split(',').filter((v) => v.trim() !== '').map((v) => countOf(f.col, v));
        if (values.length === 0) return '0';
        params.push(...values);
        return `${col} IN (${values.map(() => '?').join(', ')})`;
      }
      case 'before':
      case 'after':
        params.push(countOf(f.col, f.value));
        return `${col} ${f.op === 'before' ? '<' : '>='} ?`;
      default:
        throw invalid(`${f.col}: 数目列只能按 equals/in/before/after 筛选`);
    }
  }
  if (TIME_COLUMNS.has(f.col)) {
    if (f.op !== 'before' && f.op !== 'after') throw invalid(`${f.col}: 时间列只能按 before/after 筛选`);
    const ms = Date.parse(f.value);
    if (Number.isNaN(ms)) throw invalid(`${f.col}: “${f.value}” 不是有效时间`);
    params.push(new Date(ms).toISOString());
    // half-open: `after` includes the instant, `before` excludes it, so adjacent ranges never overlap
    return `${SORT_SQL[f.col]} ${f.op === 'before' ? '<' : '>='} ?`;
  }
  const cols = TEXT_FILTER_SQL[f.col];
  if (!cols) throw invalid(`${f.col}: 不能按此列筛选`);
  if (f.op === 'in') {
    const values = f.value.split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) return '0';
    params.push(...values);
    return `${cols[0]} IN (${values.map(() => '?').join(', ')})`;
  }
  if (f.op === 'before' || f.op === 'after') throw invalid(`${f.col}: 文本列不能按 ${f.op} 筛选`);
  const parts = cols.map((c) => {
    if (f.op === 'equals') {
      params.push(f.value);
      return `${c} = ?`;
    }
    params.push(f.op === 'contains' ? likeContains(f.value) : likePrefix(f.value));
    return `${c} LIKE ? ESCAPE '\\'`;
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** Deadlines only count while the clock runs (not decided, no supplement pending): shared/domain/status.ts. */
function clockRunsSql(kind: ItemOrderQuery['kind']): string {
  return `status IN (${DEADLINE_CLOCK_RUNS[kind].map(() => '?').join(', ')})`;
}

/**
 * The WHERE clause of a query (kind, view, filters) with its parameters; a search's restriction to
 * its hits is the source's (`fromWhere`).
 */
function whereOf(q: ItemOrderQuery, ctx: QueryContext): { sql: string; params: SqlValue[] } {
  // Tips name their kind as a literal so SQLite may use the tip order's partial index (migration
  // 0080, WHERE kind = 'tip': applications and accidents pay nothing for it); the value is this
  // code's constant, never the request's text.
  const clauses = [q.kind === 'tip' ? "kind = 'tip'" : 'kind = ?'];
  const params: SqlValue[] = q.kind === 'tip' ? [] : [q.kind];
  switch (q.view) {
    case 'all':
      break;
    case 'open':
      clauses.push('terminal = 0');
      break;
    case 'actionable':
      // open, and not held by someone else's live lease: what "next" may open (and claim)
      clauses.push('terminal = 0', '(claimed_by IS NULL OR claimed_by = ? OR claim_expires_at IS NULL OR claim_expires_at <= ?)');
      params.push(ctx.badge ?? '', new Date(ctx.nowMs).toISOString());
      break;
    case 'mine':
      // no badge (no session) matches nothing rather than everything unclaimed
      clauses.push('claimed_by = ?');
      params.push(ctx.badge ?? '');
      break;
    case 'due_today': {
      const day = shanghaiDay(ctx.nowMs);
      clauses.push(clockRunsSql(q.kind), 'due_at >= ?', 'due_at < ?');
      params.push(...DEADLINE_CLOCK_RUNS[q.kind], day.start, day.end);
      break;
    }
    case 'overdue':
      clauses.push(clockRunsSql(q.kind), 'due_at < ?');
      params.push(...DEADLINE_CLOCK_RUNS[q.kind], new Date(ctx.nowMs).toISOString());
      break;
    case 'supplement':
      clauses.push("status IN ('supplement_requested', 'photos_requested')");
      break;
    case 'urgent':
      clauses.push("urgency IN ('high', 'critical')");
      break;
  }
  for (const f of q.filters) clauses.push(filterSql(f, params));
  return { sql: clauses.join(' AND '), params };
}

interface OrderKey {
  expr: string;
  asc: boolean;
}

/**
 * The order keys: the requested columns (a repeat or anything after `id` changes nothing and is
 * dropped), then `id` as the tiebreak in the last key's direction, so a one-column sort in either
 * direction walks an index (kind, col, id) forwards or backwards.
 */
function orderOf(q: ItemOrderQuery): OrderKey[] {
  const keys: OrderKey[] = [];
  const seen = new Set<QueueColumn>();
  for (const s of q.sort.length > 0 ? q.sort : DEFAULT_SORT) {
    if (seen.has(s.col)) continue;
    seen.add(s.col);
    keys.push({ expr: SORT_SQL[s.col], asc: s.dir === 'asc' });
    if (s.col === 'id') return keys;
  }
  keys.push({ expr: 'id', asc: keys[keys.length - 1]?.asc ?? true });
  return keys;
}

/**
 * Where a query reads its rows: the items, or, for a search, its gathered hits joined to the items
 * in that order (CROSS JOIN fixes it), so SQLite looks up only the hits' rows instead of walking an
 * items index and probing the hits at every entry. A count always goes from the hits (measured over
 * 100k: 0–26 ms against 11–46 ms); a page only while they are few (SEARCH_PAGE_FROM_HITS), since
 * over many hits an order index walked until the page is full stops after a few hundred entries.
 */
type Source = 'items' | 'hits';

/**
 * `FROM … WHERE …` of a query over `source`: for a search, the rowids createItemQueries gathered
 * into temp.search_hits for this very term (`searchHits`, which must run first), either driving
 * the join or as an IN restriction on the items.
 */
function fromWhere(q: ItemOrderQuery, source: Source, where: { sql: string }): string {
  if (q.search === '') return `FROM items WHERE ${where.sql}`;
  if (source === 'hits') return `FROM temp.search_hits AS h CROSS JOIN items ON items.rowid = h.rid WHERE ${where.sql}`;
  return `FROM items WHERE ${where.sql} AND items.rowid IN (SELECT rid FROM temp.search_hits)`;
}
/** Up to this many hits a search's page is their rows sorted (≤ ~2 ms); above, the order index walked. */
const SEARCH_PAGE_FROM_HITS = 1000;

/** A page of rowids in the query's order, under `where`; LIMIT and OFFSET are the last two parameters. */
const pageSqlOf = (q: ItemOrderQuery, where: { sql: string }, source: Source): string =>
  `SELECT items.rowid AS rid ${fromWhere(q, source, where)} ORDER BY ${orderSql(orderOf(q))} LIMIT ? OFFSET ?`;

const orderSql = (keys: readonly OrderKey[]): string => keys.map((k) => `${k.expr} ${k.asc ? 'ASC' : 'DESC'}`).join(', ');

/**
 * "Ordered before the row whose keys are `values`", as SQL: (k0 before v0) OR (k0 = v0 AND k1
 * before v1) OR … SQLite sorts NULL first ascending and last descending; this follows it.
 */
function beforeSql(keys: readonly OrderKey[], values: readonly (SqlValue | null)[], params: (SqlValue | null)[]): string {
  const disjuncts: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: string[] = [];
    const local: (SqlValue | null)[] = [];
    for (let j = 0; j < i; j++) {
      const v = values[j] ?? null;
      if (v === null) parts.push(`${keys[j]!.expr} IS NULL`);
      else {
        parts.push(`${keys[j]!.expr} = ?`);
        local.push(v);
      }
    }
    const k = keys[i]!;
    const v = values[i] ?? null;
    if (k.asc) {
      if (v === null) continue; // nothing sorts before NULL ascending
      parts.push(`(${k.expr} IS NULL OR ${k.expr} < ?)`);
      local.push(v);
    } else if (v === null) {
      parts.push(`${k.expr} IS NOT NULL`);
    } else {
      parts.push(`${k.expr} > ?`);
      local.push(v);
    }
    disjuncts.push(`(${parts.join(' AND ')})`);
    params.push(...local);
  }
  return disjuncts.length === 0 ? '0' : `(${disjuncts.join(' OR ')})`;
}

/**
 * The queue grid's queries over the cached items: one page in a whitelisted order, the total, and
 * the position of one item. Statements are cached per SQL text (a grid asks the same few shapes).
 */
export function createItemQueries(db: Db, opts: { readonly pageFromHits?: number } = {}) {
  const pageFromHits = opts.pageFromHits ?? SEARCH_PAGE_FROM_HITS;
  const readFlags = flagReader(db);
  // the photo columns are sorted, filtered and shown: current before any query (migration 0070)
  const flushPhotos = photoColumnsFlusher(db);
  const stmts = new Map<string, Statement<unknown[]>>();
  const prepare = (sql: string): Statement<unknown[]> => {
    let s = stmts.get(sql);
    if (!s) {
      if (stmts.size > 200) stmts.clear();
      s = db.prepare<unknown[]>(sql);
      stmts.set(sql, s);
    }
    return s;
  };
  // fetch a page by rowid after ordering only rowids: a sort without an index then moves small records
  const rowsByRowid = db.prepare<[string], ListDbRow & { rid: number }>(
    `SELECT rowid AS rid, ${LIST_COLUMNS} FROM items WHERE rowid IN (SELECT value FROM json_each(?))`,
  );

  const clusters = db.prepare<[string, string], { district: string | null; category: string; n: number }>(
    "SELECT district, label AS category, count(*) AS n FROM items WHERE kind = 'tip' AND submitted_at >= ? AND submitted_at < ? GROUP BY district, label ORDER BY district, label",
  );

  // A search's hits: the rowids of the items of its kind whose search text contains it, from the
  // narrow search index (migration 0100), gathered once and kept while nothing is written, so the
  // page and its total (and the next blocks, and the item's position) read them instead of
  // scanning the index each time. Any write to the cache moves total_changes() (this connection)
  // or data_version (another). Tips name their kind as a literal, as in whereOf.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS search_hits (rid INTEGER PRIMARY KEY)');
  const clearHits = db.prepare('DELETE FROM temp.search_hits');
  const fillSql = (kindSql: string): string =>
    `INSERT INTO temp.search_hits (rid) SELECT rowid FROM items INDEXED BY items_by_kind_search WHERE ${kindSql} AND search_text LIKE ? ESCAPE '\\'`;
  const fillTipHits = db.prepare(fillSql("kind = 'tip'"));
  const fillHits = db.prepare(fillSql('kind = ?'));
  const fillParams = (q: ItemOrderQuery): SqlValue[] => (q.kind === 'tip' ? [likeContains(q.search)] : [q.kind, likeContains(q.search)]);
  const stampStmt = db.prepare<[], { stamp: string }>("SELECT (SELECT data_version FROM pragma_data_version) || ':' || total_changes() AS stamp");
  const stamp = (): string => stampStmt.get()?.stamp ?? '';
  let hitsOf = { term: '', stamp: '', count: 0 };
  /** Fills temp.search_hits for the query's search unless it holds them already (no search: nothing to do). */
  const searchHits = (q: ItemOrderQuery): void => {
    if (q.search === '') return;
    const term = JSON.stringify([q.kind, q.search]);
    if (hitsOf.term === term && hitsOf.stamp === stamp()) return;
    clearHits.run();
    const { changes } = (q.kind === 'tip' ? fillTipHits : fillHits).run(...fillParams(q));
    hitsOf = { term, stamp: stamp(), count: changes };
  };
  // after searchHits: a count always goes from the hits; a page only while they are few (a test
  // passes pageFromHits to hold both page forms to one answer)
  const pageSource = (): Source => (hitsOf.count <= pageFromHits ? 'hits' : 'items');
  const countSql = (q: ItemOrderQuery, where: { sql: string }): string => `SELECT count(*) AS n ${fromWhere(q, 'hits', where)}`;
  const total = (q: ItemOrderQuery, where: { sql: string; params: SqlValue[] }): number => (prepare(countSql(q, where)).get(...where.params) as { n: number }).n;

  return {
    /**
     * How SQLite runs a page of the query, on this connection (for query-plan tests): the plan of
     * gathering the search's hits when there is a search, then of the page itself, then of its
     * total, one line a step (the total's lines prefixed `total:`).
     */
    queryPlan(q: ItemOrderQuery, ctx: QueryContext): string {
      searchHits(q);
      const where = whereOf(q, ctx);
      const explain = (sql: string, params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      const fill = q.search === '' ? [] : explain((q.kind === 'tip' ? fillTipHits : fillHits).source, fillParams(q));
      const count = explain(countSql(q, where), where.params).map((l) => `total: ${l}`);
      return [...fill, ...explain(pageSqlOf(q, where, pageSource()), [...where.params, 100, 0]), ...count].join('\n');
    },

    page(q: ItemQueryParsed, ctx: QueryContext): { rows: ItemRow[]; total: number } {
      flushPhotos();
      searchHits(q);
      const where = whereOf(q, ctx);
      // limit 0 asks for the count alone: no ordered walk for a page nobody shows
      if (q.limit === 0) return { rows: [], total: total(q, where) };
      const rids = (prepare(pageSqlOf(q, where, pageSource())).all(...where.params, q.limit, q.offset) as { rid: number }[]).map((r) => r.rid);
      const n = total(q, where);
      if (rids.length === 0) return { rows: [], total: n };
      const byRid = new Map(rowsByRowid.all(JSON.stringify(rids)).map((r) => [r.rid, r]));
      const flags = readFlags();
      const rows: ItemRow[] = [];
      for (const rid of rids) {
        const r = byRid.get(rid);
        if (r) rows.push(listRowToItemRow(r, flags));
      }
      return { rows, total: n };
    },

    /** Position of `id` in the query's order (rows ordered before it, counted in SQL); -1 when the query does not match it. */
    indexOf(q: ItemOrderQuery, id: string, ctx: QueryContext): { index: number; total: number } {
      flushPhotos();
      searchHits(q);
      const where = whereOf(q, ctx);
      const keys = orderOf(q);
      const n = total(q, where);
      const target = prepare(`SELECT ${keys.map((k, i) => `${k.expr} AS k${i}`).join(', ')} ${fromWhere(q, 'items', where)} AND id = ?`).get(...where.params, id) as
        | Record<string, SqlValue | null>
        | undefined;
      if (!target) return { index: -1, total: n };
      const params: (SqlValue | null)[] = [...where.params];
      const before = beforeSql(
        keys,
        keys.map((_, i) => target[`k${i}`] ?? null),
        params,
      );
      const index = (prepare(`${countSql(q, where)} AND ${before}`).get(...params) as { n: number }).n;
      return { index, total: n };
    },

    /**
     * Where tips cluster: the cached tips received in [from, to) by district and category (every
     * report counts, a linked duplicate too: several people reporting one place is the cluster).
     * Walks the (kind, submitted_at) index over the period.
     */
    tipClusters(from: string, to: string): { district: string | null; category: string; count: number }[] {
      return clusters.all(from, to).map((r) => ({ district: r.district, category: r.category, count: r.n }));
    },
  };
}
export type ItemQueries = ReturnType<typeof createItemQueries>;
