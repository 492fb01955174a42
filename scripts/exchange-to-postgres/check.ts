import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { ItemKindSchema, type ItemKind } from '#shared/domain/items';
import { cityOf, unitPrefix } from '#shared/domain/units';
import type { Session } from '#server/auth/session';
import { readChangesJson } from '#server/domain/feed';
import { createSqliteStore } from '#server/store/sqlite/index';
import { createPgStore } from '#server/store/pg/index';
import { TYPES } from '#server/store/pg/db';
import type { Store } from '#server/store/store';
import { openSource } from './copy';
import { canonical, TABLES } from './tables';

/**
 * The check after a copy: both stores opened as the exchange opens them (the Store interface)
 * must answer alike — every feed page of several scopes byte for byte, the audit chain verified
 * on both with the same length, the newest seq, the outbound log — and, below the interface,
 * every table must hold the same rows (count and a digest of the rows in key order) and every
 * blob's bytes in PostgreSQL must hash to its name.
 */
export interface CheckResult {
  readonly ok: boolean;
  /** One line per comparison, "ok …" or "DIFFERS …". */
  readonly lines: readonly string[];
}

/** The limits the feed is walked with: an odd one that splits pages anywhere, and the consoles' usual one. */
const FEED_LIMITS = [97, 1000];
const OUTBOUND_PAGE = 500;
const ITEM_KINDS = ItemKindSchema.options;

interface FeedScope {
  readonly label: string;
  readonly kinds: readonly ItemKind[];
  /** The officer's unit: '' for the whole province and beyond (every item). */
  readonly unitCode: string;
}

/** A supervisor of `unitCode` whose scope is `kinds` there: sees every row the store hands out for the scope. */
function sessionOf(scope: FeedScope): Session {
  const officer = { badge: 'copy-check', name: 'copy check', role: 'supervisor' as const, unitCode: scope.unitCode };
  return { officer, tokenHash: '', scope: { kinds: scope.kinds, unitPrefix: unitPrefix(scope.unitCode) } };
}

/** Every page of the feed from 0 to its end: the pages' bytes, joined with their count. */
async function feedPages(store: Store, session: Session, limit: number): Promise<{ pages: number; digest: string; items: number }> {
  const hash = crypto.createHash('sha256');
  let after = 0;
  let pages = 0;
  let items = 0;
  for (;;) {
    const page = await readChangesJson(store, session, after, limit);
    hash.update(page).update('\n');
    pages++;
    const parsed = JSON.parse(page.toString('utf8')) as { items: unknown[]; next: number; hasMore: boolean };
    items += parsed.items.length;
    if (!parsed.hasMore) break;
    after = parsed.next;
  }
  return { pages, digest: hash.digest('hex'), items };
}

/** The unit with most items among districts (a six-digit code of its own prefix), and its city. */
function busiestUnits(src: Database.Database): { district: string | null; city: string | null } {
  const units = src.prepare('SELECT unit_code AS unit, count(*) AS n FROM items GROUP BY unit_code ORDER BY n DESC, unit_code').all() as { unit: string }[];
  const district = units.find((u) => unitPrefix(u.unit).length === 6)?.unit ?? null;
  const city = units[0] ? cityOf(units[0].unit) : null;
  return { district, city };
}

function scopesOf(src: Database.Database): FeedScope[] {
  const { district, city } = busiestUnits(src);
  return [
    { label: 'all kinds, everywhere', kinds: ITEM_KINDS, unitCode: '' },
    ...ITEM_KINDS.map((kind) => ({ label: `${kind}s, everywhere`, kinds: [kind], unitCode: '' })),
    ...(city ? [{ label: `all kinds, city ${city}`, kinds: ITEM_KINDS, unitCode: city }] : []),
    ...(district ? [{ label: `all kinds, district ${district}`, kinds: ITEM_KINDS, unitCode: district }] : []),
  ];
}

/** Count and digest of a table's rows in key order, from SQLite and from PostgreSQL. */
async function tableDigests(src: Database.Database, dst: pg.ClientBase, t: (typeof TABLES)[number]): Promise<[{ n: number; digest: string }, { n: number; digest: string }]> {
  const sql = `SELECT ${t.columns.join(', ')} FROM ${t.name} ORDER BY ${t.order}`;
  const digest = (rows: Iterable<Record<string, unknown>>) => {
    const hash = crypto.createHash('sha256');
    let n = 0;
    for (const row of rows) {
      hash.update(JSON.stringify(t.columns.map((col) => canonical(row[col])))).update('\n');
      n++;
    }
    return { n, digest: hash.digest('hex') };
  };
  const booleans = new Set(t.booleans ?? []);
  const fromSqlite = digest(
    (function* () {
      for (const row of src.prepare(sql).iterate() as IterableIterator<Record<string, unknown>>) {
        for (const col of booleans) row[col] = row[col] === 1;
        yield row;
      }
    })(),
  );
  const { rows } = await dst.query<Record<string, unknown>>(sql);
  return [fromSqlite, digest(rows)];
}

export async function checkCopy(dataDir: string, url: string): Promise<CheckResult> {
  const lines: string[] = [];
  let ok = true;
  const compare = (what: string, a: unknown, b: unknown, shown: string = String(a)) => {
    const same = JSON.stringify(a) === JSON.stringify(b);
    if (!same) ok = false;
    lines.push(same ? `ok       ${what}: ${shown}` : `DIFFERS  ${what}: SQLite ${JSON.stringify(a)}, PostgreSQL ${JSON.stringify(b)}`);
  };

  const src = openSource(dataDir);
  const dst = new pg.Client({ connectionString: url, types: TYPES });
  let sqlite: Store | undefined;
  let postgres: Store | undefined;
  try {
    await dst.connect();
    // below the interface: every table's rows, and the blobs' bytes
    for (const t of TABLES) {
      const [a, b] = await tableDigests(src, dst, t);
      compare(`${t.name} rows`, a, b, `${a.n} rows, same digest`);
    }
    const { rows: bad } = await dst.query<{ sha256: string }>(`SELECT sha256 FROM blobs WHERE encode(sha256(bytes), 'hex') <> sha256 OR length(bytes) <> size LIMIT 5`);
    compare('blob bytes in PostgreSQL hash to their names', [], bad.map((r) => r.sha256), 'every blob');

    // through the Store interface, as the exchange reads them
    sqlite = createSqliteStore(dataDir);
    postgres = await createPgStore(url, { poolSize: 4 });
    compare('latest seq', await sqlite.items.latestSeq(), await postgres.items.latestSeq());
    const [va, vb] = [await sqlite.audit.verify(), await postgres.audit.verify()];
    compare('audit chain verified', va, vb, `ok ${va.ok}, ${va.checked} entries checked`);
    if (!va.ok) {
      ok = false;
      lines.push(`DIFFERS  the SQLite audit chain itself does not verify (first bad seq ${va.firstBadSeq})`);
    }
    for (const scope of scopesOf(src)) {
      for (const limit of FEED_LIMITS) {
        const session = sessionOf(scope);
        const [a, b] = [await feedPages(sqlite, session, limit), await feedPages(postgres, session, limit)];
        compare(`feed ${scope.label}, limit ${limit}`, a, b, `${a.items} items in ${a.pages} pages, same bytes`);
      }
    }
    const outbound = async (store: Store) => {
      const hash = crypto.createHash('sha256');
      let n = 0;
      for (let after = 0; ; ) {
        const rows = await store.outbound.after(after, OUTBOUND_PAGE);
        hash.update(JSON.stringify(rows));
        n += rows.length;
        if (rows.length < OUTBOUND_PAGE) break;
        after = rows[rows.length - 1]!.seq;
      }
      return { n, digest: hash.digest('hex') };
    };
    const [oa, ob] = [await outbound(sqlite), await outbound(postgres)];
    compare('outbound log', oa, ob, `${oa.n} records, same`);
  } finally {
    src.close();
    await dst.end().catch(() => undefined);
    await sqlite?.close();
    await postgres?.close();
  }
  return { ok, lines };
}
