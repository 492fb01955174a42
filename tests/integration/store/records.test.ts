import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationIntakeSchema, TipIntakeSchema } from '#shared/contract/api';
import type { ViewHash } from '#shared/rules/phash';
import { createApplication, createTip } from '../../../server/domain/intake';
import type { PhotoViews, Store } from '../../../server/store/store';
import { applicationBody, tipBody } from '../../helpers/intake-bodies';
import { STORE_KINDS, type StorePlace } from './stores';

/**
 * Store conformance, the smaller records: the outbound log, ratings, tip lookup keys, photo
 * hashes (on PostgreSQL also photos another instance recorded) and command records.
 */
const NOW = new Date('2026-11-20T08:00:00.000Z');
const hex = (seed: number) => crypto.createHash('sha256').update(String(seed)).digest('hex').slice(0, 16);
/** `hash` with its lowest `bits` bits flipped: that many bits away. */
const flip = (hash: string, bits: number) => (BigInt(`0x${hash}`) ^ ((1n << BigInt(bits)) - 1n)).toString(16).padStart(16, '0');
const views = (seed: number, bits = 0): PhotoViews => Array.from({ length: 6 }, (_, v): ViewHash | null => (v === 3 ? null : { p: flip(hex(seed * 10 + v), bits), d: flip(hex(seed * 10 + v + 5000), bits) }));

async function newApplication(store: Store): Promise<string> {
  return (await store.transaction((tx) => createApplication(tx, ApplicationIntakeSchema.parse(applicationBody('410100')), NOW))).id;
}
async function newBlob(store: Store, seed: string): Promise<string> {
  const bytes = Buffer.from(`photo ${seed}`);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  await store.blobs.put({ sha256, contentType: 'image/jpeg', size: bytes.length, takenAt: null, gps: null }, bytes);
  return sha256;
}

describe.each(STORE_KINDS)('store conformance, records: $name', (kind) => {
  let place: StorePlace;
  let store: Store;
  let items: string[];
  beforeAll(async () => {
    place = await kind.open('records');
    store = place.store;
    items = [];
    for (let n = 0; n < 5; n++) items.push(await newApplication(store));
  });
  afterAll(() => place.dispose());

  it('appends the outbound log in order and pages it by seq', async () => {
    const seqs: number[] = [];
    for (let n = 0; n < 5; n++) seqs.push(await store.outbound.append({ at: NOW.toISOString(), itemId: items[n]!, kind: 'application', event: 'decided', payload: { n, text: '已受理' } }));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const page = await store.outbound.after(seqs[1]!, 2);
    expect(page.map((r) => r.seq)).toEqual([seqs[2], seqs[3]]);
    expect(page[0]).toEqual({ seq: seqs[2], at: NOW.toISOString(), itemId: items[2], kind: 'application', event: 'decided', payload: { n: 2, text: '已受理' } });
    expect(await store.outbound.after(seqs[4]!, 10)).toEqual([]);
  });

  it('keeps one rating per item', async () => {
    const rating = { itemId: items[0]!, kind: 'application' as const, unitCode: '410100', serviceCode: 'exit_passport_first', stars: 4, comment: '很快', at: NOW.toISOString() };
    expect(await store.stats.addRating(rating)).toBe(true);
    expect(await store.stats.addRating({ ...rating, stars: 1 })).toBe(false);
    expect(await store.stats.getRating(items[0]!)).toEqual(rating);
    expect(await store.stats.getRating(items[1]!)).toBeUndefined();
  });

  it('finds tips by lookup key within the city and period, newest first and bounded, and reads what scoring needs', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) {
      const { id } = await store.transaction((tx) => createTip(tx, TipIntakeSchema.parse(tipBody('410105')), new Date(NOW.getTime() + n * 60_000)));
      ids.push(id);
      await store.tipKeys.record(id, '410100', new Date(NOW.getTime() + n * 60_000).toISOString(), ['road:花园路', `n:${n}`]);
    }
    const from = NOW.toISOString();
    const to = new Date(NOW.getTime() + 3_600_000).toISOString();
    expect(await store.tipKeys.byKey('410100', 'road:花园路', from, to, 10)).toEqual([...ids].reverse());
    expect(await store.tipKeys.byKey('410100', 'road:花园路', from, to, 2)).toEqual([ids[3], ids[2]]);
    expect(await store.tipKeys.byKey('410300', 'road:花园路', from, to, 10)).toEqual([]);
    expect(await store.tipKeys.byKey('410100', 'n:1', from, to, 10)).toEqual([ids[1]]);
    const inputs = await store.tipKeys.matchInputs([ids[0]!, 'TIP-410100-999999']);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ id: ids[0], category: 'fire', submittedAt: NOW.toISOString() });
    expect(inputs[0]!.content.length).toBeGreaterThan(0);
  });

  it('counts live bookings of a slot', async () => {
    expect(await store.items.liveBookings('410100', 'exit_passport_first', '2026-11-21T01:00:00.000Z')).toBe(0);
  });

  it('records photo hashes once per photo and finds near ones, nearest first, also those another instance recorded', async () => {
    const other = kind.name === 'postgres' ? await place.connect() : store;
    const [a, b, c] = [await newBlob(store, 'a'), await newBlob(store, 'b'), await newBlob(store, 'c')];
    await store.forensics.addPhotoHashes(items[0]!, [{ sha256: a, views: views(1) }, { sha256: b, views: views(2) }]);
    // a photo keeps the first case it came with
    await store.forensics.addPhotoHashes(items[1]!, [{ sha256: a, views: views(9) }]);
    expect(await store.forensics.photoViews(a)).toEqual(views(1));
    expect(await store.forensics.photoViews(c)).toBeUndefined();
    await other.forensics.addPhotoHashes(items[2]!, [{ sha256: c, views: views(1, 3) }]);
    const near = await store.forensics.nearPhotos(views(1, 1));
    expect(near.map((m) => [m.sha256, m.itemId, m.distance])).toEqual([
      [a, items[0], 1],
      [c, items[2], 2],
    ]);
    expect(await store.forensics.nearPhotos(views(3))).toEqual([]);
  });

  it('keeps a command result and refuses a second record under the same id', async () => {
    const id = crypto.randomUUID();
    const record = { id, officer: '100001', itemId: items[3]!, result: { id, status: 'not_found' as const, item: null, message: '没有事项' } };
    await store.commands.save(record);
    expect(await store.commands.get(record.id)).toEqual(record);
    await expect(store.commands.save(record)).rejects.toThrow();
    expect(await store.commands.get(crypto.randomUUID())).toBeUndefined();
  });
});
