import { describe, expect, it } from 'vitest';
import type { ItemRow } from '#shared/contract/bridge';
import { ApplicationStatusSchema, type WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { checkAction } from '#shared/rules/commands';
import { findNext, rowIsWorkable, type PageFetcher } from '../../../../../renderer/features/workspace/next';

const ME: Officer = { badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' };
const NOW = new Date('2026-11-26T08:00:00.000Z');
const LIVE = '2026-11-26T09:00:00.000Z';
const LAPSED = '2026-11-26T07:00:00.000Z';

function row(n: number, over: Partial<ItemRow> = {}): ItemRow {
  return {
    id: `APP-410100-${n}`,
    kind: 'application',
    unitCode: '410105',
    status: 'submitted',
    version: 1,
    claimedBy: null,
    claimedByName: null,
    claimExpiresAt: null,
    submittedAt: '2026-11-20T02:00:00.000Z',
    dueAt: '2026-12-04T15:59:59.999Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    label: 'hukou_settle_marriage',
    person: '张三',
    personIdMasked: '4101**********123X',
    urgency: null,
    pending: false,
    conflict: false,
    ...over,
  };
}

/** A queue of `rows` served in pages, counting the queries. */
function queue(rows: readonly ItemRow[]): PageFetcher & { calls: number } {
  const f = Object.assign(
    async (offset: number, limit: number) => {
      f.calls += 1;
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
    { calls: 0 },
  );
  return f;
}

const workable = (r: ItemRow) => rowIsWorkable(r, ME, NOW);

describe('rowIsWorkable', () => {
  it('is the command core\'s claim check on the item the row shows, for every status and claim', () => {
    const claims = [
      { claimedBy: null, claimExpiresAt: null },
      { claimedBy: ME.badge, claimExpiresAt: LIVE },
      { claimedBy: ME.badge, claimExpiresAt: LAPSED },
      { claimedBy: '100005', claimExpiresAt: LIVE },
      { claimedBy: '100005', claimExpiresAt: LAPSED },
    ];
    for (const status of ApplicationStatusSchema.options) {
      for (const claim of claims) {
        for (const unitCode of ['410105', '410305']) {
          const r = row(1, { status, unitCode, ...claim });
          const item = {
            ...r,
            kind: 'application',
            notes: [],
            data: { serviceCode: r.label, applicant: { name: r.person, idNumberMasked: r.personIdMasked, phoneMasked: '', address: '' }, form: {}, materials: [], delivery: 'window', emsAddress: null, decision: null, supplement: null, pausedWorkingDays: 0, handedOver: null, dispatched: null },
          } as unknown as WorkItem;
          expect(rowIsWorkable(r, ME, NOW), `${status} ${claim.claimedBy} ${claim.claimExpiresAt} ${unitCode}`).toBe(checkAction(item, 'claim', { officer: ME, now: NOW }) === null);
        }
      }
    }
  });

  it('skips finished items and colleagues\' live claims, keeps own and lapsed ones', () => {
    expect(workable(row(1))).toBe(true);
    expect(workable(row(1, { status: 'approved' }))).toBe(true);
    expect(workable(row(1, { status: 'completed' }))).toBe(false);
    expect(workable(row(1, { claimedBy: '100005', claimExpiresAt: LIVE }))).toBe(false);
    expect(workable(row(1, { claimedBy: '100005', claimExpiresAt: LAPSED }))).toBe(true);
    expect(workable(row(1, { claimedBy: ME.badge, claimExpiresAt: LIVE }))).toBe(true);
  });
});

describe('findNext', () => {
  it('returns the first workable row from the start position, with its index', async () => {
    const rows = [row(1), row(2, { status: 'rejected' }), row(3, { claimedBy: '100005', claimExpiresAt: LIVE }), row(4)];
    expect(await findNext(queue(rows), 1, workable)).toEqual({ row: rows[3], index: 3 });
  });

  it('never returns the item open now', async () => {
    const rows = [row(1), row(2), row(3)];
    expect((await findNext(queue(rows), 1, workable, { skipId: rows[1]!.id }))?.index).toBe(2);
  });

  it('wraps around to the top once, but not past the start', async () => {
    const rows = [row(1), row(2, { status: 'completed' }), row(3, { status: 'completed' })];
    expect(await findNext(queue(rows), 1, workable)).toEqual({ row: rows[0], index: 0 });
    const none = [row(1, { status: 'completed' }), row(2, { status: 'completed' })];
    expect(await findNext(queue(none), 1, workable)).toBeNull();
  });

  it('finds nothing in an empty queue or one with only the open item', async () => {
    expect(await findNext(queue([]), 0, workable)).toBeNull();
    expect(await findNext(queue([row(1)]), 0, workable, { skipId: row(1).id })).toBeNull();
  });

  it('reads page by page and stops at the first page with a match', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => row(i + 1, i < 230 ? { status: 'completed' } : {}));
    const q = queue(rows);
    expect((await findNext(q, 0, workable, { page: 100 }))?.index).toBe(230);
    expect(q.calls).toBe(3);
  });

  it('reads a bounded number of rows when a long queue has nothing to work on', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => row(i + 1, { claimedBy: '100005', claimExpiresAt: LIVE }));
    const q = queue(rows);
    expect(await findNext(q, 0, workable, { page: 100, maxRows: 1000 })).toBeNull();
    expect(q.calls).toBe(10);
  });

  it('starts from the top when the start is past the end (the open item left the view)', async () => {
    const rows = [row(1), row(2)];
    expect((await findNext(queue(rows), 5, workable))?.index).toBe(0);
  });
});
