import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ItemQuerySchema } from '#shared/contract/bridge';
import { ageMs, CLEARANCE_TARGET_MS, formatAge, overTarget } from '../../../../../renderer/features/accidents/age';
import { accidentColumns, accidentMapping } from '../../../../../renderer/features/accidents/columns';
import { shortPlace } from '../../../../../renderer/features/workspace/cells';
import { shanghaiDayStart, VIEWS } from '../../../../../renderer/features/accidents/views';
import { orderedQuery } from '../../../../../renderer/features/workspace/datasource';
import { viewQueryOf } from '../../../../../renderer/features/workspace/types';
import { translator } from '../../translator';

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

describe('the accident queue', () => {
  it('counts the age against the five-minute target: live while open, what it took once cleared', () => {
    const row = { submittedAt: '2026-11-26T08:00:00.000Z' };
    expect(ageMs(row, Date.parse('2026-11-26T08:04:59.000Z'))).toBe(299_000);
    expect(overTarget(CLEARANCE_TARGET_MS)).toBe(false);
    expect(overTarget(CLEARANCE_TARGET_MS + 1)).toBe(true);
    expect(ageMs({ ...row, clearedAt: '2026-11-26T08:03:00.000Z' }, Date.parse('2026-11-27T00:00:00.000Z'))).toBe(180_000);
    expect(formatAge(252_000, zh)).toBe('4分12秒');
    expect(formatAge(2 * 3_600_000 + 5 * 60_000, en)).toBe('2h 5m');
    expect(formatAge(3 * 86_400_000 + 2 * 3_600_000, zh)).toBe('3天2小时');
  });

  it('has views with distinct keys and test ids, valid core queries, and "done today" from the start of the Shanghai day', () => {
    expect(new Set(VIEWS.map((v) => v.testId)).size).toBe(VIEWS.length);
    expect(VIEWS[0]?.id).toBe('todo');
    expect(VIEWS.map((v) => v.testId)).toContain('view-all');
    for (const v of VIEWS) {
      expect(zh(v.labelKey)).not.toBe(v.labelKey);
      expect(en(v.labelKey)).not.toBe(v.labelKey);
      ItemQuerySchema.parse({ kind: 'accident', ...viewQueryOf(v, new Date('2026-11-26T08:00:00.000Z')) });
    }
    // 23:30 on the 26th in Shanghai is still the 26th; 00:30 on the 27th starts the 27th
    expect(shanghaiDayStart(new Date('2026-11-26T15:30:00.000Z'))).toBe('2026-11-25T16:00:00.000Z');
    expect(shanghaiDayStart(new Date('2026-11-26T16:30:00.000Z'))).toBe('2026-11-26T16:00:00.000Z');
    const done = VIEWS.find((v) => v.id === 'doneToday')!;
    expect(viewQueryOf(done, new Date('2026-11-26T08:00:00.000Z')).filters).toContainEqual({ col: 'clearedAt', op: 'after', value: '2026-11-25T16:00:00.000Z' });
  });

  it('maps the grid onto the core: the age sorts the report time the other way, counts filter as numbers, statuses as read', () => {
    const mapping = accidentMapping(zh, '100002');
    const q = (colId: string, sort: 'asc' | 'desc') => orderedQuery({ kind: 'accident', view: 'all', search: '' }, [{ colId, sort }], {}, mapping).sort;
    expect(q('age', 'asc')).toEqual([{ col: 'submittedAt', dir: 'desc' }]);
    expect(q('missing', 'desc')).toEqual([{ col: 'missingPhotos', dir: 'desc' }]);
    expect(mapping.filter('missing', { filterType: 'number', type: 'greaterThan', filter: 0 })).toEqual({ col: 'missingPhotos', op: 'after', value: '1' });
    expect(mapping.filter('findings', { filterType: 'number', type: 'lessThan', filter: 1 })).toEqual({ col: 'findingCount', op: 'before', value: '1' });
    expect(mapping.filter('photos', { filterType: 'number', type: 'equals', filter: 9 })).toEqual({ col: 'photoCount', op: 'equals', value: '9' });
    expect(mapping.filter('status', { filterType: 'text', type: 'contains', filter: '待补拍' })).toEqual({ col: 'status', op: 'in', value: 'photos_requested' });
    expect(mapping.filter('claimedBy', { filterType: 'text', type: 'contains', filter: '你' })).toEqual({ col: 'claimedBy', op: 'equals', value: '100002' });
    expect(mapping.filter('place', { filterType: 'text', type: 'contains', filter: '花园路' })).toEqual({ col: 'place', op: 'contains', value: '花园路' });
    for (const f of [mapping.filter('missing', { type: 'greaterThan', filter: 2 })!]) ItemQuerySchema.parse({ kind: 'accident', filters: [f] });
  });

  it('has a header for every column in both languages and shows places without their city', () => {
    for (const [t, lang] of [[zh, 'zh-CN'], [en, 'en']] as const) {
      for (const c of accidentColumns(t, lang)) expect(c.headerName, c.colId).not.toMatch(/accidents:/);
    }
    expect(shortPlace('郑州市金水区花园路')).toBe('金水区花园路');
    expect(shortPlace('洛阳市')).toBe('洛阳市');
  });
});
