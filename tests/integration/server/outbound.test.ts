import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccidentIntakeSchema, INTAKE_KEY_HEADER, OutboundResponseSchema, ROUTES, type OutboundNotification, type OutboundResponse } from '#shared/contract/api';
import { CommandSchema } from '#shared/domain/commands';
import type { Officer } from '#shared/domain/officers';
import { DEMO_OFFICERS } from '../../../server/officers';
import { createSqliteStore } from '../../../server/store/sqlite/index';
import type { Repos, Store } from '../../../server/store/store';
import { createAccident } from '../../../server/domain/intake';
import { CommandQueue } from '../../../server/domain/command-queue';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, command, postCommands } from './fixtures';

/**
 * GET /api/v1/outbound (server/routes/outbound.ts, server/domain/outbound.ts): one notice per event
 * a citizen must hear about, written in the transaction of the command that caused it, none for a
 * rejected, resent or rolled-back command, and no officer identity in any of them.
 */
let exchange: ExchangeHandle;
let clerk: string;
let traffic: string;

async function outbound(after = 0, limit?: number, key: string | null = exchange.intakeKey): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${exchange.url}${ROUTES.outbound}?after=${after}${limit ? `&limit=${limit}` : ''}`, { headers: key ? { [INTAKE_KEY_HEADER]: key } : {} });
  return { status: res.status, body: await res.json() };
}

async function all(): Promise<OutboundNotification[]> {
  const res = await outbound(0, 1000);
  return OutboundResponseSchema.parse(res.body).notifications;
}

const of = (ns: OutboundNotification[], itemId: string) => ns.filter((n) => n.itemId === itemId);

beforeAll(async () => {
  exchange = await startExchange();
  clerk = await login(exchange.url, '100001');
  traffic = await login(exchange.url, '100002');
}, 120_000);

afterAll(async () => {
  await exchange?.stop();
});

describe('the outbound feed for the Internet side', () => {
  it('is behind the intake key', async () => {
    expect((await outbound(0, undefined, null)).status).toBe(401);
    expect(await outbound(0, undefined, 'not-the-key')).toMatchObject({ status: 401, body: { error: { code: 'bad_intake_key' } } });
    expect(OutboundResponseSchema.parse((await outbound()).body)).toEqual({ notifications: [], next: 0, hasMore: false });
  });

  it('tells the citizen an application was approved (with the pickup), rejected (with the reason) or needs material (with the list)', async () => {
    const approved = await scannedApplication(exchange);
    const rejected = (await intake(exchange, 'application', applicationBody())).id!;
    const supplement = (await intake(exchange, 'application', applicationBody())).id!;
    for (const id of [approved, rejected, supplement]) expect((await postCommands(exchange, clerk, [command(id, 'claim', 1)]))[0]?.status).toBe('applied');
    const results = await postCommands(exchange, clerk, [
      command(approved, 'decide', 2, { outcome: 'approve', pickup: 'window' }),
      command(rejected, 'decide', 2, { outcome: 'reject', reasonCode: 'duplicate_application', reasonText: '已有同一事项的申请正在办理。' }),
      command(supplement, 'request_supplement', 2, { missing: ['id_card', 'photo'], note: '请一次性补齐身份证和照片。' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const ns = await all();
    expect(of(ns, approved)).toEqual([expect.objectContaining({ kind: 'application', event: 'approved', pickup: 'window' })]);
    expect(of(ns, rejected)).toEqual([expect.objectContaining({ event: 'rejected', reasonCode: 'duplicate_application', reasonText: '已有同一事项的申请正在办理。' })]);
    expect(of(ns, supplement)).toEqual([expect.objectContaining({ event: 'supplement_requested', materials: ['id_card', 'photo'], note: '请一次性补齐身份证和照片。' })]);
  });

  it('tells the citizen photos are requested (with the list) or the case was referred (with the reasons)', async () => {
    const photos = (await intake(exchange, 'accident', accidentBody())).id!;
    const referred = (await intake(exchange, 'accident', { ...accidentBody(), declared: ['casualties'] })).id!;
    for (const id of [photos, referred]) expect((await postCommands(exchange, traffic, [command(id, 'claim', 1)]))[0]?.status).toBe('applied');
    await postCommands(exchange, traffic, [
      command(photos, 'request_supplement', 2, { missing: ['front_side', 'plate#1'], note: '请补拍车头侧前方和乙方号牌。' }),
      command(referred, 'refer', 2, { reasons: ['casualties'], note: '有人受伤，转现场处理（内部备注）。' }),
    ]);
    const ns = await all();
    expect(of(ns, photos)).toEqual([expect.objectContaining({ kind: 'accident', event: 'photos_requested', missing: ['front_side', 'plate#1'], note: '请补拍车头侧前方和乙方号牌。' })]);
    const [ref] = of(ns, referred);
    expect(ref).toMatchObject({ event: 'referred', reasons: ['casualties'] });
    // the referral note is the officer's, not a notice to the citizen
    expect(JSON.stringify(ref)).not.toContain('内部备注');
  });

  it('records nothing for claims, notes, a rejected command or a resent one', async () => {
    const before = (await all()).length;
    const id = (await intake(exchange, 'application', applicationBody())).id!;
    const claim = command(id, 'claim', 1);
    await postCommands(exchange, clerk, [claim, command(id, 'note', 2, { text: '已电话联系' })]);
    const decide = command(id, 'decide', 3, { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' });
    const stale = command(id, 'decide', 2, { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' });
    const [first, conflict] = await postCommands(exchange, clerk, [decide, stale]);
    expect([first?.status, conflict?.status]).toEqual(['applied', 'conflict']);
    const [again] = await postCommands(exchange, clerk, [decide]);
    expect(again).toEqual(first);
    const ns = await all();
    expect(ns.length).toBe(before + 1);
    expect(of(ns, id)).toEqual([expect.objectContaining({ event: 'rejected', reasonCode: 'not_eligible', reasonText: null })]);
  });

  it('carries no officer identity', async () => {
    const text = JSON.stringify(await all());
    for (const o of DEMO_OFFICERS) {
      expect(text).not.toContain(o.badge);
      expect(text).not.toContain(o.name);
    }
    for (const n of await all()) expect(Object.keys(n).some((k) => /officer|badge|decidedBy|requestedBy|claimedBy/.test(k))).toBe(false);
  });

  it('pages by seq: next is the last seq sent, hasMore until the end', async () => {
    const ns = await all();
    expect(ns.length).toBeGreaterThanOrEqual(6);
    const seqs = ns.map((n) => n.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const pages: OutboundResponse[] = [];
    let after = 0;
    for (;;) {
      const page = OutboundResponseSchema.parse((await outbound(after, 2)).body);
      pages.push(page);
      after = page.next;
      if (!page.hasMore) break;
    }
    expect(pages.flatMap((p) => p.notifications)).toEqual(ns);
    expect(pages.at(-1)!.next).toBe(seqs.at(-1));
    expect(OutboundResponseSchema.parse((await outbound(seqs.at(-1)!)).body)).toEqual({ notifications: [], next: seqs.at(-1), hasMore: false });
  });
});

describe('outbound notices and the command’s transaction', () => {
  it('are rolled back with a command that fails after its writes (a bug), and kept with one that commits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-outbound-'));
    const real = createSqliteStore(dir);
    try {
      const officer: Officer = { badge: '100002', name: '测试', role: 'traffic', unitCode: '410100' };
      const a = (await real.transaction((tx) => createAccident(tx, AccidentIntakeSchema.parse(accidentBody()), new Date()))).id;
      const b = (await real.transaction((tx) => createAccident(tx, AccidentIntakeSchema.parse(accidentBody()), new Date()))).id;
      // the item row and the notice are written, then the audit append throws: both must go
      const failingIn = (tx: Repos): Repos => ({
        ...tx,
        audit: {
          ...tx.audit,
          append: (entry) => (entry.itemId === b && entry.action !== 'claim' ? Promise.reject(new Error('disk on fire')) : tx.audit.append(entry)),
        },
        transaction: (fn) => tx.transaction((inner) => fn(failingIn(inner))),
      });
      const failing: Store = { ...real, transaction: (fn) => real.transaction((tx) => fn(failingIn(tx))) };
      const queue = new CommandQueue({ store: failing, leaseScale: 1 });
      const cmd = (itemId: string, type: string, version: number, body: unknown) => CommandSchema.parse({ id: randomUUID(), itemId, type, expectedVersion: version, body });
      const ask = { missing: ['collision'], note: '请补拍' };
      await queue.submit(officer, [cmd(a, 'claim', 1, {}), cmd(b, 'claim', 1, {})]);
      const [ok, broken] = await Promise.allSettled([queue.submit(officer, [cmd(a, 'request_supplement', 2, ask)]), queue.submit(officer, [cmd(b, 'request_supplement', 2, ask)])]);
      expect(ok).toMatchObject({ status: 'fulfilled', value: [{ status: 'applied' }] });
      expect(broken).toMatchObject({ status: 'rejected', reason: { message: 'disk on fire' } });
      expect((await real.outbound.after(0, 10)).map((n) => [n.itemId, n.event])).toEqual([[a, 'photos_requested']]);
      expect((await real.items.getWork(b))?.status).toBe('reported');
    } finally {
      await real.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
