import { describe, expect, it } from 'vitest';
import type { ItemDetail } from '#shared/contract/bridge';
import { ApplicationSchema, type Application } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { detailAfterCommand, isFresher, mergeChanged, shouldReload } from '../../../../../renderer/features/workspace/detailSync';

const ME: Officer = { badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' };
const ID = 'APP-410100-42';
const HELD = { id: ID, rev: 10 };

function app(over: Partial<Application> = {}): Application {
  return ApplicationSchema.parse({
    id: ID,
    kind: 'application',
    unitCode: '410105',
    version: 3,
    status: 'submitted',
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: '2026-11-20T02:00:00.000Z',
    dueAt: '2026-12-04T15:59:59.999Z',
    updatedAt: '2026-11-25T02:00:00.000Z',
    notes: [],
    data: {
      serviceCode: 'hukou_settle_marriage',
      applicant: { name: '张三', idNumberMasked: '4101**********123X', phoneMasked: '138****5678', address: '郑州市' },
      form: {},
      materials: [],
      delivery: 'window',
      emsAddress: null,
      decision: null,
      supplement: null,
      pausedWorkingDays: 0,
      handedOver: null,
      dispatched: null,
    },
    ...over,
  });
}

const detail = (over: Partial<ItemDetail> = {}): ItemDetail => ({ item: app(), rev: 10, claimedByName: null, attachments: [], pending: [], conflicts: [], ...over });

describe('shouldReload (items.changed while an item is open)', () => {
  it('reloads when the event names the open item at a newer rev', () => {
    expect(shouldReload(HELD, 'application', { rev: 11, kinds: ['application'], ids: [ID] })).toBe(true);
  });

  it('reloads when the event does not say which items (ids absent means possibly any)', () => {
    expect(shouldReload(HELD, 'application', { rev: 11, kinds: ['application'] })).toBe(true);
  });

  it("does not reload for the officer's own command, whose result already brought that rev", () => {
    expect(shouldReload(HELD, 'application', { rev: 10, kinds: ['application'], ids: [ID] })).toBe(false);
    expect(shouldReload(HELD, 'application', { rev: 9, kinds: ['application'], ids: [ID] })).toBe(false);
    expect(shouldReload(HELD, 'application', { rev: 10, kinds: ['application'] })).toBe(false);
  });

  it('does not reload for other items, other kinds, or when nothing is open', () => {
    expect(shouldReload(HELD, 'application', { rev: 11, kinds: ['application'], ids: ['APP-410100-7'] })).toBe(false);
    expect(shouldReload(HELD, 'application', { rev: 11, kinds: ['application'], ids: [] })).toBe(false);
    expect(shouldReload(HELD, 'application', { rev: 11, kinds: ['accident'], ids: [ID] })).toBe(false);
    expect(shouldReload(null, 'application', { rev: 11, kinds: ['application'] })).toBe(false);
  });

  it('turns the events of one approval (own command, its send, a feed page elsewhere) into one reload', () => {
    let held = { id: ID, rev: 10 };
    const events = [
      { rev: 11, kinds: ['application' as const], ids: [ID] }, // own decide: result already at 11
      { rev: 12, kinds: ['application' as const], ids: ['APP-410100-9'] }, // someone else's item
      { rev: 13, kinds: ['application' as const], ids: [ID] }, // the exchange confirmed: reload once
      { rev: 13, kinds: ['application' as const], ids: [ID] }, // the same rev again
    ];
    held = { id: ID, rev: 11 }; // the command's result
    let reloads = 0;
    for (const e of events) {
      if (shouldReload(held, 'application', e)) {
        reloads += 1;
        held = { id: ID, rev: e.rev };
      }
    }
    expect(reloads).toBe(1);
  });
});

describe('mergeChanged (events held while the own command is on its way)', () => {
  it('keeps the newest rev, every kind and both id lists', () => {
    const merged = mergeChanged({ rev: 11, kinds: ['application'], ids: [ID] }, { rev: 12, kinds: ['tip'], ids: ['TIP-410100-1', ID] });
    expect(merged).toEqual({ rev: 12, kinds: ['application', 'tip'], ids: [ID, 'TIP-410100-1'] });
  });

  it('means "possibly any" as soon as one event did not say which items', () => {
    expect(mergeChanged({ rev: 11, kinds: ['application'], ids: [ID] }, { rev: 9, kinds: ['application'] })).toEqual({ rev: 11, kinds: ['application'] });
    expect(mergeChanged(null, { rev: 9, kinds: ['application'] })).toEqual({ rev: 9, kinds: ['application'] });
  });

  it('reads nothing when the own event overtook the result that brings the same rev', () => {
    // the command's event (rev 11) arrives before its result; it waits, the result shows rev 11
    const waiting = mergeChanged(null, { rev: 11, kinds: ['application'], ids: [ID] });
    const shown = detailAfterCommand(detail(), { commandId: '00000000-0000-4000-8000-000000000002', item: app({ version: 4 }), rev: 11 }, { type: 'note', body: { text: '已电话联系' } }, ME, '2026-11-26T08:00:00.000Z');
    expect(shown?.rev).toBe(11);
    expect(shouldReload({ id: ID, rev: shown?.rev ?? 0 }, 'application', waiting)).toBe(false);
    // but something newer that arrived meanwhile still reloads
    const newer = mergeChanged(waiting, { rev: 12, kinds: ['application'], ids: [ID] });
    expect(shouldReload({ id: ID, rev: 11 }, 'application', newer)).toBe(true);
  });
});

describe('isFresher', () => {
  it('lets a read replace what is shown unless it is older', () => {
    expect(isFresher(null, 0)).toBe(true);
    expect(isFresher(10, 10)).toBe(true);
    expect(isFresher(10, 11)).toBe(true);
    expect(isFresher(10, 9)).toBe(false);
  });
});

describe('detailAfterCommand', () => {
  const NOW = '2026-11-26T08:00:00.000Z';
  const claimed = app({ version: 4, claimedBy: ME.badge, claimExpiresAt: '2026-11-26T10:00:00.000Z' });
  const result = { commandId: '00000000-0000-4000-8000-000000000001', item: claimed, rev: 11 };

  it("shows the command's result with its rev, and the command as pending (not yet confirmed)", () => {
    const next = detailAfterCommand(detail(), result, { type: 'claim', body: {} }, ME, NOW);
    expect(next?.item).toBe(claimed);
    expect(next?.rev).toBe(11);
    expect(next?.pending).toEqual([{ id: result.commandId, itemId: ID, type: 'claim', body: {}, createdAt: NOW, attempts: 0, state: 'queued', lastError: null }]);
  });

  it('names the officer as the holder after their claim, and nobody after a release', () => {
    expect(detailAfterCommand(detail(), result, { type: 'claim', body: {} }, ME, NOW)?.claimedByName).toBe('王丽娜');
    const released = { ...result, item: app({ version: 5 }), rev: 12 };
    expect(detailAfterCommand(detail({ item: claimed, rev: 11, claimedByName: '王丽娜' }), released, { type: 'release', body: {} }, ME, NOW)?.claimedByName).toBeNull();
  });

  it('keeps the holder name when the command did not change the holder', () => {
    const prev = detail({ item: claimed, rev: 11, claimedByName: '王丽娜' });
    const decided = { ...result, item: { ...claimed, version: 5, status: 'approved' as const }, rev: 12 };
    expect(detailAfterCommand(prev, decided, { type: 'decide', body: { outcome: 'approve', pickup: 'window' } }, ME, NOW)?.claimedByName).toBe('王丽娜');
  });

  it('changes nothing when a read already brought that rev or a newer one', () => {
    expect(detailAfterCommand(detail({ rev: 11 }), result, { type: 'claim', body: {} }, ME, NOW)).toBeNull();
    expect(detailAfterCommand(detail({ rev: 12 }), result, { type: 'claim', body: {} }, ME, NOW)).toBeNull();
  });

  it('ignores a result for another item, and never lists the same command twice', () => {
    expect(detailAfterCommand(detail({ item: app({ id: 'APP-410100-7' }) }), result, { type: 'claim', body: {} }, ME, NOW)).toBeNull();
    const already = detail({ pending: [{ id: result.commandId, itemId: ID, type: 'claim', body: {}, createdAt: NOW, attempts: 0, state: 'queued', lastError: null }] });
    expect(detailAfterCommand(already, result, { type: 'claim', body: {} }, ME, NOW)?.pending).toHaveLength(1);
  });
});
