import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationIntakeSchema } from '#shared/contract/api';
import type { Command } from '#shared/domain/commands';
import type { Officer } from '#shared/domain/officers';
import { createApplication } from '../../../server/domain/intake';
import { CommandQueue } from '../../../server/domain/command-queue';
import type { Store } from '../../../server/store/store';
import { applicationBody } from '../../helpers/intake-bodies';
import { STORE_KINDS, type StorePlace } from './stores';

/**
 * Store conformance through the command path (domain/apply.ts over the group-committing queue):
 * a resent command has one effect and the first result, a command id is never reused, a lease
 * keeps a second officer out until it ends, a failing command in a batch undoes only itself.
 */
const clerk = (badge: string): Officer => ({ badge, name: badge, role: 'clerk', unitCode: '410100' });
const cmd = (itemId: string, type: string, expectedVersion: number, body: unknown = {}, id = randomUUID()) => ({ id, itemId, type, expectedVersion, body }) as unknown as Command;

async function newApplication(store: Store): Promise<string> {
  const body = ApplicationIntakeSchema.parse(applicationBody('410100'));
  return (await store.transaction((tx) => createApplication(tx, body, new Date()))).id;
}

describe.each(STORE_KINDS)('store conformance, commands: $name', (kind) => {
  let place: StorePlace;
  let store: Store;
  beforeAll(async () => {
    place = await kind.open('commands');
    store = place.store;
  });
  afterAll(() => place.dispose());

  it('a command resent in the same batch, in a later batch, or through another instance has one effect and the first result', async () => {
    const queue = new CommandQueue({ store, leaseScale: 1 });
    const id = await newApplication(store);
    const claim = cmd(id, 'claim', 1);
    const auditBefore = (await store.audit.verify()).checked;
    const [first, again] = await Promise.all([queue.submit(clerk('100001'), [claim]), queue.submit(clerk('100001'), [claim])]);
    expect(first[0]!.status).toBe('applied');
    expect(again).toEqual(first);
    expect(await queue.submit(clerk('100001'), [claim])).toEqual(first);
    const other = kind.name === 'postgres' ? new CommandQueue({ store: await place.connect(), leaseScale: 1 }) : queue;
    expect(await other.submit(clerk('100001'), [claim])).toEqual(first);
    expect((await store.items.getWork(id))!.version).toBe(2);
    expect((await store.audit.verify()).checked).toBe(auditBefore + 1);
    // the same id for another item (or by another officer) is refused, not replayed
    const reused = await queue.submit(clerk('100001'), [{ ...claim, itemId: await newApplication(store) }]);
    expect(reused[0]).toMatchObject({ id: claim.id, status: 'invalid', item: null });
  });

  it('a lease keeps a second officer out until it ends, and a stale version is a conflict', async () => {
    const queue = new CommandQueue({ store, leaseScale: 1 });
    const id = await newApplication(store);
    expect((await queue.submit(clerk('100001'), [cmd(id, 'claim', 1)]))[0]!.status).toBe('applied');
    const taken = (await queue.submit(clerk('100005'), [cmd(id, 'claim', 2)]))[0]!;
    expect(taken.status).toBe('conflict');
    expect(taken.item).toMatchObject({ id, version: 2, claimedBy: '100001' });
    expect((await queue.submit(clerk('100001'), [cmd(id, 'release', 1)]))[0]!.status).toBe('conflict');
    expect((await queue.submit(clerk('100001'), [cmd(id, 'release', 2)]))[0]!.status).toBe('applied');
    expect((await queue.submit(clerk('100005'), [cmd(id, 'claim', 3)]))[0]!.status).toBe('applied');
    expect(await store.items.getWork(id)).toMatchObject({ version: 4, claimedBy: '100005' });
  });

  it('a short lease lapses and another officer may claim it then', async () => {
    // a lease of a few milliseconds: CLAIM_LEASE_MS scaled down, as the reliability tests do
    const queue = new CommandQueue({ store, leaseScale: 1e-7 });
    const id = await newApplication(store);
    expect((await queue.submit(clerk('100001'), [cmd(id, 'claim', 1)]))[0]!.status).toBe('applied');
    await expect.poll(async () => (await queue.submit(clerk('100005'), [cmd(id, 'claim', 2)]))[0]!.status).toBe('applied');
    expect(await store.items.getWork(id)).toMatchObject({ claimedBy: '100005' });
  });

  it('many concurrent requests from several officers commit in batches and each item changes once per applied command', async () => {
    const queue = new CommandQueue({ store, leaseScale: 1, maxBatch: 8 });
    const ids = await Promise.all(Array.from({ length: 12 }, () => newApplication(store)));
    const latestBefore = await store.items.latestSeq();
    const results = await Promise.all(ids.flatMap((id) => ['100001', '100005', '100006'].map((badge) => queue.submit(clerk(badge), [cmd(id, 'claim', 1)]))));
    const applied = results.flat().filter((r) => r.status === 'applied');
    expect(applied).toHaveLength(12);
    for (const id of ids) expect((await store.items.getWork(id))!.version).toBe(2);
    const rows = await store.items.changesAfter(latestBefore, 1000, { kinds: ['application'], unitPrefix: '4101' });
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect((await store.audit.verify()).ok).toBe(true);
  });
});
