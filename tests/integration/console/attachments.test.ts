import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, startExchange, uploadAttachment, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, deadUrl, PASSWORD, readCache, startCore, tempDir, waitFor } from './support';
import type { ConsoleCore } from '#console/service';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const fileOf = (dataDir: string, sha: string) => join(dataDir, 'attachments', sha.slice(0, 2), sha);

async function photo(exchange: ExchangeHandle, seed: number): Promise<string> {
  const bytes = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: seed * 37 % 256, g: seed * 11 % 256, b: 90 } } })
    .jpeg()
    .toBuffer();
  const res = await uploadAttachment(exchange, bytes, 'image/jpeg');
  if (!res.sha256) throw new Error(`upload failed: ${JSON.stringify(res.body)}`);
  return res.sha256;
}

async function accidentWithPhotos(exchange: ExchangeHandle, seeds: number[]): Promise<{ id: string; shas: string[] }> {
  const shas = await Promise.all(seeds.map((s) => photo(exchange, s)));
  const { id, body } = await intake(exchange, 'accident', accidentBody(shas));
  if (!id) throw new Error(`accident intake failed: ${JSON.stringify(body)}`);
  return { id, shas };
}

const prefetchIdle = (core: ConsoleCore) => (core as unknown as { prefetchIdle(): Promise<void> }).prefetchIdle();

function filesOnDisk(dataDir: string): Map<string, number> {
  return new Map(
    readCache(dataDir, (db) => db.prepare<[], { sha256: string; size: number }>('SELECT sha256, size FROM attachment_files').all()).map((r) => [r.sha256, r.size]),
  );
}

describe('console attachment store', () => {
  let exchange: ExchangeHandle;

  beforeAll(async () => {
    exchange = await startExchange();
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('prefetches in-scope photos with their sha256 checked, evicts finished items’ files first, then the least recently used', async () => {
    const a = await accidentWithPhotos(exchange, [1, 2]);
    const b = await accidentWithPhotos(exchange, [3, 4]);
    const c = await accidentWithPhotos(exchange, [5, 6]);
    const dataDir = tempDir();
    const core = await startCore(dataDir, exchange.url, { attachmentCacheBytes: 10 * 1024 * 1024 });
    await core['auth.login']({ badge: '100002', password: PASSWORD });
    await core['sync.now']({});
    await prefetchIdle(core);

    const all = [...a.shas, ...b.shas, ...c.shas];
    for (const sha of all) {
      expect(existsSync(fileOf(dataDir, sha))).toBe(true);
      expect(sha256(readFileSync(fileOf(dataDir, sha)))).toBe(sha);
    }
    expect([...filesOnDisk(dataDir).keys()].sort()).toEqual([...all].sort());
    expect((await core['items.get']({ id: a.id })).attachments.map((m) => m.sha256).sort()).toEqual([...a.shas].sort());

    // A is finished: referred, then closed
    await core['items.command']({ itemId: a.id, type: 'claim', body: {} });
    await core['items.command']({ itemId: a.id, type: 'refer', body: { reasons: ['casualties'], note: '有人受伤' } });
    await core['items.command']({ itemId: a.id, type: 'close', body: { reason: '已转一般程序' } });
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'A to be closed on the exchange');
    expect((await core['items.get']({ id: a.id })).item.status).toBe('closed');
    await core.close();

    // a bound that holds exactly the open items' files: the finished ones must go, the open ones stay
    const sizes = filesOnDisk(dataDir);
    const openBytes = [...b.shas, ...c.shas].reduce((n, s) => n + sizes.get(s)!, 0);
    const tight = await startCore(dataDir, exchange.url, { attachmentCacheBytes: openBytes });
    await tight['sync.now']({});
    await prefetchIdle(tight);
    for (const sha of a.shas) expect(existsSync(fileOf(dataDir, sha))).toBe(false);
    for (const sha of [...b.shas, ...c.shas]) expect(existsSync(fileOf(dataDir, sha))).toBe(true);
    expect([...filesOnDisk(dataDir).keys()].sort()).toEqual([...b.shas, ...c.shas].sort());

    // B is looked at; a new accident's photo fetched on demand pushes out C (least recently used), not B
    for (const sha of b.shas) await tight['attachments.get']({ sha256: sha });
    const d = await accidentWithPhotos(exchange, [7]);
    await tight['sync.now']({});
    await prefetchIdle(tight);
    const got = await tight['attachments.get']({ sha256: d.shas[0]! });
    expect(sha256(Buffer.from(got.base64, 'base64'))).toBe(d.shas[0]);
    expect(got.contentType).toBe('image/jpeg');
    for (const sha of b.shas) expect(existsSync(fileOf(dataDir, sha))).toBe(true);
    expect(c.shas.some((sha) => !existsSync(fileOf(dataDir, sha)))).toBe(true);

    // offline: what is on disk is served, what is not is `offline`
    await tight['settings.set']({ exchangeUrl: await deadUrl() });
    const fromDisk = await tight['attachments.get']({ sha256: b.shas[0]! });
    expect(sha256(Buffer.from(fromDisk.base64, 'base64'))).toBe(b.shas[0]);
    const evicted = c.shas.find((sha) => !existsSync(fileOf(dataDir, sha)))!;
    await expect(tight['attachments.get']({ sha256: evicted })).rejects.toMatchObject({ code: 'offline' });
    await expect(tight['attachments.get']({ sha256: 'f'.repeat(64) })).rejects.toMatchObject({ code: 'not_found' });
    await tight.close();
  });
});
