import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { SortModelItem } from 'ag-grid-community';
import { ItemQuerySchema, type QueueFilter } from '#shared/contract/bridge';
import { createLatch, createLoadCounter, createPagePrefetch, orderedQuery, QUEUE_BLOCK_ROWS, searchGate, sortModelOf, type BaseQuery, type QueueMapping } from '../../../../../renderer/features/workspace/datasource';
import { applicationMapping } from '../../../../../renderer/features/applications/columns';
import { translator } from '../../translator';

const ME = '100001';
const BASE: BaseQuery = { kind: 'application', view: 'all', search: '' };

let zh: TFunction;
let en: TFunction;
let mapping: QueueMapping;

beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
  mapping = applicationMapping(zh, ME);
});

/** The query as the bridge would validate it (items.query args), paging added the way the datasource adds it. */
function valid(q: ReturnType<typeof orderedQuery>) {
  return ItemQuerySchema.parse({ ...q, offset: 0, limit: 100 });
}

function filterOf(colId: string, model: unknown, m: QueueMapping = mapping): QueueFilter | null {
  return m.filter(colId, model);
}

const dateModel = (type: 'lessThan' | 'greaterThan', ymd: string) => ({ filterType: 'date', type, dateFrom: `${ymd} 00:00:00`, dateTo: null });
const textModel = (type: string, filter: string) => ({ filterType: 'text', type, filter });

describe('orderedQuery', () => {
  it('maps grid sorts onto queue columns and keeps the page-owned part', () => {
    const q = orderedQuery(
      { kind: 'application', view: 'mine', search: '张' },
      [
        { colId: 'service', sort: 'desc' },
        { colId: 'submittedAt', sort: 'asc' },
      ],
      {},
      mapping,
    );
    expect(q).toEqual({
      kind: 'application',
      view: 'mine',
      search: '张',
      sort: [
        { col: 'label', dir: 'desc' },
        { col: 'submittedAt', dir: 'asc' },
      ],
      filters: [],
    });
    valid(q);
  });

  it('sorts days left by the deadline, since fewer days left means an earlier deadline', () => {
    const q = orderedQuery(BASE, [{ colId: 'daysLeft', sort: 'asc' }], {}, mapping);
    expect(q.sort).toEqual([{ col: 'dueAt', dir: 'asc' }]);
  });

  it('drops sorts on columns the core cannot sort by', () => {
    const q = orderedQuery(BASE, [{ colId: 'nonsense', sort: 'asc' }, { colId: 'status', sort: 'desc' }], {}, mapping);
    expect(q.sort).toEqual([{ col: 'status', dir: 'desc' }]);
  });

  it('keeps at most three sorts, the first ones', () => {
    const sorts: SortModelItem[] = ['id', 'service', 'applicant', 'submittedAt', 'dueAt'].map((colId) => ({ colId, sort: 'asc' }));
    const q = orderedQuery(BASE, sorts, {}, mapping);
    expect(q.sort?.map((s) => s.col)).toEqual(['id', 'label', 'person']);
    valid(q);
  });

  it('keeps at most ten filters', () => {
    const many: QueueMapping = { sortBy: {}, filter: (colId) => ({ col: 'id', op: 'contains', value: colId }) };
    const model = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`c${i}`, {}]));
    const q = orderedQuery(BASE, [], model, many);
    expect(q.filters).toHaveLength(10);
    expect(q.filters?.[0]?.value).toBe('c0');
    valid(q);
  });

  it("puts a saved view's own filters before the column filters, and never lets the limit cut them", () => {
    const viewFilter: QueueFilter = { col: 'status', op: 'in', value: 'submitted' };
    const many: QueueMapping = { sortBy: {}, filter: (colId) => ({ col: 'id', op: 'contains', value: colId }) };
    const model = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`c${i}`, {}]));
    const q = orderedQuery({ ...BASE, filters: [viewFilter] }, [], model, many);
    expect(q.filters?.[0]).toEqual(viewFilter);
    expect(q.filters).toHaveLength(10);
    expect(q).not.toHaveProperty('filters.10');
    valid(q);
  });

  it('drops filters the mapping turns down (unknown columns, empty text)', () => {
    const q = orderedQuery(BASE, [], { daysLeft: textModel('contains', '3'), nope: textModel('contains', 'x'), id: textModel('contains', '   ') }, mapping);
    expect(q.filters).toEqual([]);
  });

  it('tolerates a missing filter model', () => {
    const q = orderedQuery(BASE, [], undefined as unknown as Record<string, unknown>, mapping);
    expect(q.filters).toEqual([]);
  });

  it('produces a query that passes the bridge schema for a realistic mix of sorts and filters', () => {
    const q = orderedQuery(
      BASE,
      [
        { colId: 'daysLeft', sort: 'asc' },
        { colId: 'claimedBy', sort: 'desc' },
      ],
      {
        id: textModel('startsWith', 'APP-4101'),
        service: textModel('contains', 'hukou'),
        applicant: textModel('equals', '张三'),
        submittedAt: dateModel('greaterThan', '2026-11-01'),
        dueAt: dateModel('lessThan', '2026-12-01'),
        status: textModel('contains', '待'),
        claimedBy: textModel('equals', zh('workspace:queue.me')),
      },
      mapping,
    );
    const parsed = valid(q);
    expect(parsed.filters).toHaveLength(7);
    expect(parsed.sort).toHaveLength(2);
  });
});

describe('application column filters', () => {
  it('turns "after a Shanghai day" into the instant the next Shanghai day starts', () => {
    // 20 Nov in Shanghai ends at 2026-11-20T16:00Z, which is where "after 20 Nov" begins
    expect(filterOf('submittedAt', dateModel('greaterThan', '2026-11-20'))).toEqual({ col: 'submittedAt', op: 'after', value: '2026-11-20T16:00:00.000Z' });
  });

  it('turns "before a Shanghai day" into the instant that day starts (16:00Z the day before)', () => {
    expect(filterOf('dueAt', dateModel('lessThan', '2026-11-20'))).toEqual({ col: 'dueAt', op: 'before', value: '2026-11-19T16:00:00.000Z' });
  });

  it('handles the year boundary in Shanghai days', () => {
    expect(filterOf('dueAt', dateModel('lessThan', '2027-01-01'))?.value).toBe('2026-12-31T16:00:00.000Z');
    expect(filterOf('dueAt', dateModel('greaterThan', '2026-12-31'))?.value).toBe('2026-12-31T16:00:00.000Z');
  });

  it('ignores a date filter without a date', () => {
    expect(filterOf('submittedAt', { filterType: 'date', type: 'lessThan', dateFrom: null })).toBeNull();
    expect(filterOf('dueAt', undefined)).toBeNull();
  });

  it('passes text filters with their operator', () => {
    expect(filterOf('id', textModel('startsWith', 'APP-'))).toEqual({ col: 'id', op: 'startsWith', value: 'APP-' });
    expect(filterOf('applicant', textModel('equals', '李四'))).toEqual({ col: 'person', op: 'equals', value: '李四' });
    expect(filterOf('service', textModel('contains', ' 入户 '))).toEqual({ col: 'label', op: 'contains', value: '入户' });
  });

  it('falls back to contains for operators the core does not know', () => {
    expect(filterOf('id', textModel('notContains', 'X'))).toEqual({ col: 'id', op: 'contains', value: 'X' });
  });

  it('cuts text to the 200 characters the bridge accepts', () => {
    const f = filterOf('applicant', textModel('contains', 'x'.repeat(500)));
    expect(f?.value).toHaveLength(200);
    valid(orderedQuery(BASE, [], { applicant: textModel('contains', 'x'.repeat(500)) }, mapping));
  });

  it('reads a Chinese status label as its status code', () => {
    expect(filterOf('status', textModel('equals', '待审核'))).toEqual({ col: 'status', op: 'in', value: 'submitted' });
    expect(filterOf('status', textModel('equals', '已驳回'))).toEqual({ col: 'status', op: 'in', value: 'rejected' });
  });

  it('matches every status whose label contains the typed text', () => {
    // 待审核, 待补正, 已批准待领证
    expect(filterOf('status', textModel('contains', '待'))?.value.split(',').sort()).toEqual(['approved', 'submitted', 'supplement_requested']);
    expect(filterOf('status', textModel('startsWith', '已'))?.value.split(',').sort()).toEqual(['approved', 'completed', 'rejected', 'withdrawn']);
  });

  it('accepts a status code typed as is', () => {
    expect(filterOf('status', textModel('equals', 'approved'))).toEqual({ col: 'status', op: 'in', value: 'approved' });
  });

  it('reads English labels when the console is in English', () => {
    const label = en('domain:status.application.supplement_requested');
    expect(filterOf('status', textModel('equals', label), applicationMapping(en, ME))).toEqual({ col: 'status', op: 'in', value: 'supplement_requested' });
  });

  it('matches no row when no status fits the text, rather than dropping the filter', () => {
    const f = filterOf('status', textModel('equals', '不存在的状态'));
    expect(f?.op).toBe('in');
    expect(f?.value.split(',').some((c) => c === 'submitted' || c === '')).toBe(false);
    valid(orderedQuery(BASE, [], { status: textModel('equals', '不存在的状态') }, mapping));
  });

  it('reads "me" in the claimed-by filter as the signed-in badge', () => {
    expect(filterOf('claimedBy', textModel('contains', zh('workspace:queue.me')))).toEqual({ col: 'claimedBy', op: 'equals', value: ME });
    expect(filterOf('claimedBy', textModel('contains', '1000'))).toEqual({ col: 'claimedBy', op: 'contains', value: '1000' });
  });

  it('drops filters on columns the core cannot filter', () => {
    expect(filterOf('daysLeft', textModel('equals', '2'))).toBeNull();
    expect(filterOf('whatever', textModel('equals', '2'))).toBeNull();
  });
});

describe('searchGate', () => {
  function setup() {
    const loads = createLoadCounter();
    const applied: string[] = [];
    const gate = searchGate(loads, (s) => applied.push(s));
    loads.onIdle(gate.wake);
    return { loads, applied, gate };
  }

  it('asks at once while nothing loads, and drops a text equal to the one asked', () => {
    const { applied, gate } = setup();
    gate.offer('刘');
    gate.offer('刘');
    gate.offer('');
    expect(applied).toEqual(['刘', '']);
  });

  it('holds keys typed while a page loads and asks only the latest once every load is answered', () => {
    const { loads, applied, gate } = setup();
    gate.offer('A');
    loads.begin();
    loads.begin();
    gate.offer('AP');
    gate.offer('APP');
    loads.end();
    expect(applied).toEqual(['A']);
    loads.end();
    expect(applied).toEqual(['A', 'APP']);
    loads.begin();
    loads.end();
    expect(applied).toEqual(['A', 'APP']);
  });

  it('forgets a held text when a later one is asked at once, and a held text equal to the asked one is not asked again', () => {
    const { loads, applied, gate } = setup();
    gate.offer('王');
    loads.begin();
    gate.offer('王佳');
    gate.offer('王');
    loads.end();
    expect(applied).toEqual(['王']);
  });
});

describe('sortModelOf', () => {
  it('reads the sort the grid will ask from column definitions or states, in sortIndex order', () => {
    expect(sortModelOf([{ colId: 'id' }, { colId: 'submittedAt', sort: 'asc' }])).toEqual([{ colId: 'submittedAt', sort: 'asc' }]);
    expect(
      sortModelOf([
        { colId: 'a', sort: 'desc', sortIndex: 1 },
        { colId: 'b', sort: null },
        { colId: 'c', sort: { type: 'default', direction: 'asc' }, sortIndex: 0 },
      ]),
    ).toEqual([
      { colId: 'c', sort: 'asc' },
      { colId: 'a', sort: 'desc' },
    ]);
  });
});

describe('createPagePrefetch', () => {
  const page = (id: string) => ({ rows: [], total: id.length, rev: 0 });
  const query = (search: string) => orderedQuery({ ...BASE, search }, [{ colId: 'submittedAt', sort: 'asc' }], {}, mapping);
  const block = (search: string, offset = 0) => ({ ...query(search), offset, limit: QUEUE_BLOCK_ROWS });

  it('hands the first block asked ahead to the grid load of the same query, once, and counts it as a load until answered', async () => {
    const loads = createLoadCounter();
    const asked: unknown[] = [];
    let answer!: (v: ReturnType<typeof page>) => void;
    const prefetch = createPagePrefetch(loads, (ask) => {
      asked.push(ask);
      return new Promise((resolve) => (answer = resolve));
    });
    prefetch.ask(query('刘'));
    expect(asked).toEqual([block('刘')]);
    expect(loads.busy()).toBe(true);
    const taken = prefetch.take(block('刘'));
    expect(taken).toBeDefined();
    expect(prefetch.take(block('刘'))).toBeUndefined();
    answer(page('刘'));
    await expect(taken).resolves.toEqual(page('刘'));
    expect(loads.busy()).toBe(false);
  });

  it('drops an answer asked for another query or block at the next load, so it is never used later', () => {
    const loads = createLoadCounter();
    const prefetch = createPagePrefetch(loads, () => Promise.resolve(page('x')));
    prefetch.ask(query('刘'));
    expect(prefetch.take(block('刘洋'))).toBeUndefined();
    expect(prefetch.take(block('刘'))).toBeUndefined();
    prefetch.ask(query('刘'));
    expect(prefetch.take(block('刘', QUEUE_BLOCK_ROWS))).toBeUndefined();
    expect(prefetch.take(block('刘'))).toBeUndefined();
  });

  it('drops an answer asked ahead when the cache changes, so the refresh after the change asks again', () => {
    const prefetch = createPagePrefetch(createLoadCounter(), () => Promise.resolve(page('x')));
    prefetch.ask(query('刘'));
    prefetch.drop();
    expect(prefetch.take(block('刘'))).toBeUndefined();
  });

  it('a failed prefetch still ends its load', async () => {
    const loads = createLoadCounter();
    let idle = 0;
    loads.onIdle(() => idle++);
    const prefetch = createPagePrefetch(loads, () => Promise.reject(new Error('core stopped')));
    prefetch.ask(query('刘'));
    await expect(prefetch.take(block('刘'))).rejects.toThrow('core stopped');
    await Promise.resolve();
    expect(loads.busy()).toBe(false);
    expect(idle).toBe(1);
  });
});

describe('createLatch', () => {
  it('opens once and tells its listeners once', () => {
    const latch = createLatch();
    let told = 0;
    latch.subscribe(() => told++);
    expect(latch.isOpen()).toBe(false);
    latch.open();
    latch.open();
    expect([latch.isOpen(), told]).toEqual([true, 1]);
  });
});
