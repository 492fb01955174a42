import { describe, expect, it } from 'vitest';
import { AuditQuerySchema } from '#shared/contract/api';
import { ACTION_GROUPS, actionName } from '../../../../../renderer/features/audit/actions';
import { NO_FILTERS, queryOf } from '../../../../../renderer/features/audit/filters';
import { translator } from '../../translator';

// 2026-12-03 10:00 in Shanghai
const NOW = Date.parse('2026-12-03T02:00:00.000Z');

describe('the audit filters', () => {
  it('make the exchange’s query: periods start at Shanghai midnight, a custom range ends after its last day', () => {
    expect(queryOf({ ...NO_FILTERS, period: 'today' }, NOW)).toEqual({ query: { from: '2026-12-02T16:00:00.000Z' } });
    expect(queryOf(NO_FILTERS, NOW)).toEqual({ query: { from: '2026-11-26T16:00:00.000Z' } });
    expect(queryOf({ ...NO_FILTERS, period: 'last_30_days' }, NOW)).toEqual({ query: { from: '2026-11-03T16:00:00.000Z' } });
    expect(queryOf({ ...NO_FILTERS, period: 'all', actor: ' 100001 ', itemId: 'app-410100-42', action: 'decide' }, NOW)).toEqual({
      query: { actor: '100001', itemId: 'APP-410100-42', action: 'decide' },
    });
    const custom = queryOf({ ...NO_FILTERS, period: 'custom', from: '2026-11-01', to: '2026-11-30' }, NOW);
    expect(custom).toEqual({ query: { from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' } });
    // what the console sends, the exchange's own schema accepts
    if (!('query' in custom)) throw new Error('expected a query');
    expect(AuditQuerySchema.safeParse(custom.query).success).toBe(true);
  });

  it('name the problem instead of sending a query the exchange would refuse', () => {
    expect(queryOf({ ...NO_FILTERS, actor: '1234' }, NOW)).toEqual({ problem: 'badge' });
    expect(queryOf({ ...NO_FILTERS, itemId: 'APP-12' }, NOW)).toEqual({ problem: 'itemId' });
    expect(queryOf({ ...NO_FILTERS, period: 'custom', from: '2026-11-01' }, NOW)).toEqual({ problem: 'dates' });
    expect(queryOf({ ...NO_FILTERS, period: 'custom', from: '2026-11-10', to: '2026-11-01' }, NOW)).toEqual({ problem: 'order' });
    expect(queryOf({ ...NO_FILTERS, period: 'custom', from: '2026-12-04', to: '2026-12-05' }, NOW)).toEqual({ problem: 'future' });
  });

  it('name every listed action in both languages, those with a colon too', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = await translator(lang);
      for (const a of ACTION_GROUPS.flatMap((g) => g.actions)) expect(actionName(t, a), `${lang} ${a}`).not.toMatch(/^action\.|^[a-z_:]+$/);
    }
    const zh = await translator('zh-CN');
    expect(actionName(zh, 'decide:approve')).toBe('批准');
    expect(actionName(zh, 'some_new_action')).toBe('some_new_action');
  });
});

describe('an entry’s item', () => {
  it('opens in the review of its kind where the role has that review', async () => {
    const { itemRoute } = await import('../../../../../renderer/features/audit/actions');
    expect(itemRoute('APP-410100-1', 'supervisor')).toBe('applications');
    expect(itemRoute('ACC-410100-1', 'supervisor')).toBe('accidents');
    expect(itemRoute('TIP-410100-1', 'supervisor')).toBe('tips');
    expect(itemRoute('APT-410100-1', 'supervisor')).toBeNull();
    expect(itemRoute('APP-410100-1', 'admin')).toBeNull();
  });
});
