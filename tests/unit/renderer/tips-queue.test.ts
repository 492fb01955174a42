import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ItemQuerySchema, QueueViewSchema } from '#shared/contract/bridge';
import { TipCategorySchema } from '#shared/domain/items';
import { applyCommand } from '#shared/rules/commands';
import { tipColumns, tipMapping } from '../../../renderer/features/tips/columns';
import { shortPlace } from '../../../renderer/features/workspace/cells';
import { clusterBars } from '../../../renderer/features/tips/clusters';
import { districtLabel, routeOptions, shortUnitName } from '../../../renderer/features/tips/units';
import { VIEWS } from '../../../renderer/features/tips/views';
import { orderedQuery } from '../../../renderer/features/workspace/datasource';
import { INTEL, NOW, tip } from './tips-fixtures';
import { translator } from './translator';

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

describe('the tip queue', () => {
  it('has the issue’s views with distinct keys and test ids, valid core queries, urgent first', () => {
    expect(VIEWS.map((v) => v.id)).toEqual(['urgent', 'new', 'routedByMe', 'overdue', 'cases', 'closed', 'all']);
    expect(new Set(VIEWS.map((v) => v.testId)).size).toBe(VIEWS.length);
    for (const v of VIEWS) {
      expect(QueueViewSchema.safeParse(v.query.view).success, v.id).toBe(true);
      ItemQuerySchema.parse({ kind: 'tip', ...v.query });
      for (const t of [zh, en]) expect(t(v.labelKey), v.id).not.toBe(v.labelKey.split(':')[1]);
    }
    expect(VIEWS[0]!.query).toEqual({ view: 'urgent', filters: [{ col: 'status', op: 'in', value: 'new' }] });
    expect(VIEWS.find((v) => v.id === 'routedByMe')!.query).toEqual({ view: 'mine', filters: [{ col: 'status', op: 'in', value: 'routed' }] });
  });

  it('orders by urgency, score and the oldest first by default: the order N claims in', () => {
    const cols = tipColumns(zh, 'zh-CN');
    const sortModel = cols.filter((c) => c.sort).map((c) => ({ colId: c.colId!, sort: c.sort as 'asc' | 'desc' }));
    expect(sortModel).toEqual([{ colId: 'urgency', sort: 'desc' }]);
    const q = orderedQuery({ kind: 'tip', view: 'urgent', search: '' }, sortModel, {}, tipMapping(zh, INTEL.badge, 'zh-CN'));
    expect(q.sort).toEqual([
      { col: 'urgency', dir: 'desc' },
      { col: 'urgencyScore', dir: 'desc' },
      { col: 'submittedAt', dir: 'asc' },
    ]);
    ItemQuerySchema.parse(q);
    // sorted the other way it is the exact reverse: least urgent, lowest score, newest first
    expect(orderedQuery({ kind: 'tip', view: 'all', search: '' }, [{ colId: 'urgency', sort: 'asc' }], {}, tipMapping(zh, INTEL.badge, 'zh-CN')).sort).toEqual([
      { col: 'urgency', dir: 'asc' },
      { col: 'urgencyScore', dir: 'asc' },
      { col: 'submittedAt', dir: 'desc' },
    ]);
  });

  it('maps what the officer types in a column filter onto the stored codes', () => {
    const zhMap = tipMapping(zh, INTEL.badge, 'zh-CN');
    const enMap = tipMapping(en, INTEL.badge, 'en');
    const text = (filter: string, type = 'contains') => ({ filterType: 'text', type, filter });
    expect(zhMap.filter('category', text('诈骗'))).toEqual({ col: 'label', op: 'in', value: 'fraud' });
    expect(enMap.filter('category', text('fire'))).toEqual({ col: 'label', op: 'in', value: 'fire' });
    expect(zhMap.filter('urgency', text('特急'))).toEqual({ col: 'urgency', op: 'in', value: 'critical' });
    expect(zhMap.filter('urgency', text('急'))).toEqual({ col: 'urgency', op: 'in', value: 'medium,high,critical' });
    expect(zhMap.filter('status', text('已流转'))).toEqual({ col: 'status', op: 'in', value: 'routed' });
    expect(zhMap.filter('status', text('没有这种状态'))).toEqual({ col: 'status', op: 'in', value: '-' });
    expect(zhMap.filter('routedTo', text('反电信网络诈骗'))).toEqual({ col: 'routedTo', op: 'in', value: expect.stringContaining('41010096') });
    expect(zhMap.filter('claimedBy', text('你'))).toEqual({ col: 'claimedBy', op: 'equals', value: INTEL.badge });
    expect(zhMap.filter('place', text('花园路'))).toEqual({ col: 'place', op: 'contains', value: '花园路' });
    expect(zhMap.filter('dueAt', { filterType: 'date', type: 'lessThan', dateFrom: '2026-11-26 00:00:00' })).toEqual({ col: 'dueAt', op: 'before', value: '2026-11-25T16:00:00.000Z' });
    for (const f of [zhMap.filter('routedTo', text('派出所'))!, zhMap.filter('category', text('涉'))!]) {
      ItemQuerySchema.parse({ kind: 'tip', filters: [f] });
    }
  });

  it('has a header for every column in both languages and shows places and units short', () => {
    for (const [t, lang] of [[zh, 'zh-CN'], [en, 'en']] as const) {
      for (const c of tipColumns(t, lang)) expect(c.headerName, c.colId).not.toMatch(/tips:/);
    }
    expect(shortPlace('郑州市金水区花园路12号')).toBe('金水区花园路12号');
    expect(shortUnitName('41010096', 'zh-CN')).toBe('反电信网络诈骗中心');
    expect(shortUnitName('41010096', 'en')).toBe('Anti-Fraud Centre');
    expect(shortUnitName('410105', 'zh-CN')).toBe('金水区分局');
    expect(districtLabel('410105', 'zh-CN', '?')).toBe('金水区');
    expect(districtLabel('410105', 'en', '?')).toBe('Jinshui');
    expect(districtLabel(null, 'en', 'No district')).toBe('No district');
    // the queue's count (workspace) agrees with its number in English
    expect(en('workspace:queue.count', { count: 1 })).toBe('<n>1</n> item');
    expect(en('workspace:queue.count', { count: 12 })).toBe('<n>12</n> items');
    expect(zh('workspace:queue.count', { count: 1 })).toBe('共 <n>1</n> 件');
  });
});

describe('routing a tip', () => {
  it('proposes the category’s usual units first, then the city’s divisions, branches and stations, each once', () => {
    const options = routeOptions('fraud', '410105', INTEL);
    expect(options.slice(0, 2)).toEqual([
      { code: '41010096', group: 'proposed' },
      { code: '41010092', group: 'proposed' },
    ]);
    expect(new Set(options.map((o) => o.code)).size).toBe(options.length);
    expect(options.filter((o) => o.group === 'division').map((o) => o.code)).toEqual(['41010091', '41010093', '41010094', '41010095']);
    expect(options.some((o) => o.code === '41010501' && o.group === 'station')).toBe(true);
    // a vice tip of Jinshui goes to public order, then the district's first station
    expect(routeOptions('vice', '410105', INTEL).slice(0, 2).map((o) => o.code)).toEqual(['41010093', '41010501']);
    // nothing of another city
    expect(options.every((o) => o.code.startsWith('4101'))).toBe(true);
    expect(routeOptions(null, '410100', INTEL).some((o) => o.group === 'proposed')).toBe(false);
  });

  it('lists only units the command core lets this officer route to', () => {
    for (const category of TipCategorySchema.options) {
      for (const o of routeOptions(category, '410105', INTEL)) {
        const outcome = applyCommand(tip(), { type: 'route', body: { unitCode: o.code, note: '' } }, { officer: INTEL, now: NOW });
        expect(outcome.ok, `${category} → ${o.code}`).toBe(true);
      }
    }
  });
});

describe('where tips cluster', () => {
  it('is one bar per district split by category, the busiest first, the tips without a district last', () => {
    const bars = clusterBars(
      [
        { district: null, category: 'fraud', count: 9 },
        { district: '410103', category: 'fire', count: 2 },
        { district: '410105', category: 'vice', count: 3 },
        { district: '410105', category: 'fraud', count: 2 },
      ],
      'zh-CN',
      '未注明区县',
    );
    expect(bars.map((b) => [b.label, b.total])).toEqual([
      ['金水区', 5],
      ['二七区', 2],
      ['未注明区县', 9],
    ]);
    expect(bars[0]!.counts).toEqual({ vice: 3, fraud: 2 });
  });
});
