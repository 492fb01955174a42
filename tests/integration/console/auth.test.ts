import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, startExchange, uploadAttachment, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, deadUrl, PASSWORD, readCache, startCore, tempDir, waitFor } from './support';
import type { ConsoleCore } from '#console/service';

const DAY = 24 * 60 * 60 * 1000;
const prefetchIdle = (core: ConsoleCore) => (core as unknown as { prefetchIdle(): Promise<void> }).prefetchIdle();
const count = (dataDir: string, table: string) => readCache(dataDir, (db) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
const cacheBytes = (dataDir: string) =>
  Buffer.concat(['cache.sqlite', 'cache.sqlite-wal'].map((f) => join(dataDir, f)).filter(existsSync).map((f) => readFileSync(f)));

describe('console sessions: online, offline unlock, logout and wipe', () => {
  let exchange: ExchangeHandle;

  beforeAll(async () => {
    exchange = await startExchange();
    const bytes = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 1, g: 2, b: 3 } } }).jpeg().toBuffer();
    const scan = await uploadAttachment(exchange, bytes, 'image/jpeg');
    const res = await intake(exchange, 'application', { ...applicationBody(), materials: [{ code: 'id_card', sha256: scan.sha256 }] });
    if (!res.id) throw new Error(`intake failed: ${JSON.stringify(res.body)}`);
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  /** Logs in online once, syncs (items + scans on disk) and closes. */
  async function onlineOnce(dataDir: string): Promise<void> {
    const core = await startCore(dataDir, exchange.url);
    const session = await core['auth.login']({ badge: '100001', password: PASSWORD });
    expect(session.offlineLogin).toBe(false);
    await core['sync.now']({});
    await prefetchIdle(core);
    await core.close();
  }

  it('stores a token and a scrypt verifier, never the password, after an online login', async () => {
    const dataDir = tempDir();
    await onlineOnce(dataDir);
    const row = readCache(dataDir, (db) => db.prepare('SELECT token, verifier_json FROM sessions WHERE badge = ?').get('100001')) as {
      token: string;
      verifier_json: string;
    };
    expect(row.token.length).toBeGreaterThan(10);
    expect(JSON.parse(row.verifier_json)).toMatchObject({ algo: 'scrypt', N: 2 ** 15 });
    expect(cacheBytes(dataDir).includes(Buffer.from(PASSWORD))).toBe(false);
  });

  it('unlocks offline for the officer who last logged in online and refuses a wrong password or another officer', async () => {
    const dataDir = tempDir();
    await onlineOnce(dataDir);
    const core = await startCore(dataDir, await deadUrl());
    await core['auth.logout']({ wipe: false });
    expect(await core['auth.session']({})).toBeNull();
    await expect(core['auth.login']({ badge: '100001', password: 'wrong-password' })).rejects.toMatchObject({ code: 'bad_credentials' });
    await expect(core['auth.login']({ badge: '100005', password: PASSWORD })).rejects.toMatchObject({ code: 'offline' });
    const session = await core['auth.login']({ badge: '100001', password: PASSWORD });
    expect(session).toMatchObject({ offlineLogin: true, officer: { badge: '100001' } });
    expect((await core['items.list']({ kind: 'application', sinceRev: 0 })).rows.length).toBeGreaterThan(0);
    await expect(core['items.reveal']({ itemId: (await core['items.list']({ kind: 'application', sinceRev: 0 })).rows[0]!.id, field: 'idNumber', reason: '核实身份' })).rejects.toMatchObject({
      code: 'offline',
    });
    await core.close();
  });

  it('refuses offline unlock after the offline window and wipes the cached data and secrets', async () => {
    const dataDir = tempDir();
    await onlineOnce(dataDir);
    expect(count(dataDir, 'items')).toBeGreaterThan(0);
    const later = Date.now() + 8 * DAY;
    const core = await startCore(dataDir, await deadUrl(), { now: () => later });
    await expect(core['auth.login']({ badge: '100001', password: PASSWORD })).rejects.toMatchObject({ code: 'offline' });
    await core.close();
    expect(count(dataDir, 'items')).toBe(0);
    expect(count(dataDir, 'sessions')).toBe(0);
    expect(count(dataDir, 'attachment_files')).toBe(0);
    expect(existsSync(join(dataDir, 'attachments'))).toBe(false);
  });

  it('refuses logout-with-wipe while commands are unsent, then wipes items, files and tokens once they landed', async () => {
    const dataDir = tempDir();
    await onlineOnce(dataDir);
    const token = (readCache(dataDir, (db) => db.prepare('SELECT token FROM sessions').get()) as { token: string }).token;
    const core = await startCore(dataDir, await deadUrl());
    const [row] = (await core['items.list']({ kind: 'application', sinceRev: 0 })).rows;
    await core['items.command']({ itemId: row!.id, type: 'claim', body: {} });

    await expect(core['auth.logout']({ wipe: true })).rejects.toMatchObject({ code: 'invalid' });
    expect(await core['auth.session']({})).not.toBeNull();
    expect(count(dataDir, 'outbox')).toBe(1);
    expect(count(dataDir, 'items')).toBeGreaterThan(0);

    await core['settings.set']({ exchangeUrl: exchange.url });
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the claim to land');
    expect(readdirSync(join(dataDir, 'attachments')).length).toBeGreaterThan(0);
    await core['auth.logout']({ wipe: true });
    expect(await core['auth.session']({})).toBeNull();
    await core.close();

    for (const table of ['items', 'item_removals', 'item_attachments', 'attachment_shas', 'attachment_files', 'sessions', 'outbox']) expect(count(dataDir, table)).toBe(0);
    expect(existsSync(join(dataDir, 'attachments'))).toBe(false);
    const bytes = cacheBytes(dataDir);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(row!.id))).toBe(false);
  });
});
