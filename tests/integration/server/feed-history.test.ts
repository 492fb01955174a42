import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '#shared/domain/items';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, changes, command, postCommands, tipBody } from './fixtures';

/**
 * The feed over an item's history, against the real exchange process: an item changed many times
 * comes once per sync, at its current state, and an item routed away through several units still
 * reaches every console that may hold a copy as a removal, however long that console was offline.
 */
const PASSWORD = 'Feed#2026pw';
const DISTRICT_A = '410105';
const DISTRICT_B = '410102';
const DISTRICT_C = '410103';
const OFFICERS = [
  { badge: '110105', name: '金水情报', role: 'intel', unitCode: DISTRICT_A, password: PASSWORD },
  { badge: '110102', name: '中原情报', role: 'intel', unitCode: DISTRICT_B, password: PASSWORD },
  { badge: '310300', name: '洛阳情报', role: 'intel', unitCode: '410300', password: PASSWORD },
];

interface Synced {
  sent: WorkItem[];
  removed: string[];
  next: number;
  pages: number;
}

describe('the changes feed over many changes and moves', () => {
  let exchange: ExchangeHandle;
  let officersFile: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    officersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-officers-')), 'officers.json');
    fs.writeFileSync(officersFile, JSON.stringify(OFFICERS));
    exchange = await startExchange({ args: ['--officers', officersFile] });
    for (const badge of ['100001', '100005', '100003']) tokens[badge] = await login(exchange.url, badge);
    for (const o of OFFICERS) tokens[o.badge] = await login(exchange.url, o.badge, PASSWORD);
  });
  afterAll(async () => {
    await exchange?.stop();
    if (officersFile) fs.rmSync(path.dirname(officersFile), { recursive: true, force: true });
  });

  /** Pages from `after` until one says there is no more. */
  async function syncFrom(badge: string, after: number, limit: number): Promise<Synced> {
    const out: Synced = { sent: [], removed: [], next: after, pages: 0 };
    for (;;) {
      const page = await changes(exchange, tokens[badge]!, out.next, limit);
      out.pages++;
      out.sent.push(...page.items);
      out.removed.push(...page.removed);
      expect(page.next).toBeGreaterThanOrEqual(out.next);
      out.next = page.next;
      if (!page.hasMore) return out;
    }
  }
  const ids = (s: Synced) => s.sent.map((i) => i.id);
  const cursorOf = async (badge: string) => (await syncFrom(badge, 0, 2000)).next;

  async function apply(badge: string, cmds: ReturnType<typeof command>[]): Promise<void> {
    const results = await postCommands(exchange, tokens[badge]!, cmds);
    expect(results.map((r) => `${r.status} ${r.message ?? ''}`.trim())).toEqual(cmds.map(() => 'applied'));
  }
  const newTip = async (unit: string) => (await intake(exchange, 'tip', tipBody(unit))).id!;
  const versionOf = async (badge: string, id: string) => (await syncFrom(badge, 0, 2000)).sent.find((i) => i.id === id)?.version;

  it('sends each visible item once in a full feed after many commands on the same items, across page boundaries', async () => {
    const visible: string[] = [];
    for (let i = 0; i < 12; i++) {
      visible.push((await intake(exchange, 'application', applicationBody(DISTRICT_A))).id!);
      if (i % 4 === 0) await intake(exchange, 'application', applicationBody('410305'));
    }
    const version = new Map(visible.map((id) => [id, 1]));
    const round = async (badge: string, type: string, only: string[] = visible, body: unknown = {}) => {
      // one item after the other: each item's changes land between the other items' changes
      for (const id of only) {
        await apply(badge, [command(id, type, version.get(id)!, body)]);
        version.set(id, version.get(id)! + 1);
      }
    };
    await round('100001', 'claim');
    await round('100001', 'note', visible, { text: '已电话联系' });
    await round('100001', 'release');
    await round('100005', 'claim');
    await round('100005', 'note', visible.slice(0, 6), { text: '材料齐全' });

    for (const limit of [1, 2, 5, 500]) {
      const full = await syncFrom('100001', 0, limit);
      expect(ids(full).length, `limit ${limit}`).toBe(new Set(ids(full)).size);
      const mine = full.sent.filter((i) => version.has(i.id));
      expect(new Map(mine.map((i) => [i.id, i.version])), `limit ${limit}`).toEqual(version);
      expect(full.removed).toEqual([]);
      if (limit === 1) expect(full.pages).toBeGreaterThanOrEqual(12);
    }

    // a later sync reads what changed since, each once, at its current state
    const cursor = await cursorOf('100001');
    const changed = visible.slice(3, 7);
    await round('100005', 'note', changed, { text: '复核' });
    await round('100005', 'release', changed);
    await round('100005', 'note', changed, { text: '已通知' });
    const later = await syncFrom('100001', cursor, 1);
    expect(ids(later).sort()).toEqual([...changed].sort());
    for (const item of later.sent) expect(item.version).toBe(version.get(item.id));
    expect(later.removed).toEqual([]);
  });

  it('tells the officers of A and of B that a tip moved A → B → C left them, and the city above all three sends it once', async () => {
    const tip = await newTip(DISTRICT_A);
    // other tips in A and B, so the syncs below cross page boundaries
    for (let i = 0; i < 3; i++) await newTip(i % 2 ? DISTRICT_A : DISTRICT_B);
    const beforeA = await cursorOf('110105');
    const beforeB = await cursorOf('110102');
    const beforeCity = await cursorOf('100003');

    await apply('100003', [command(tip, 'claim', 1), command(tip, 'route', 2, { unitCode: DISTRICT_B, note: '转中原' })]);
    // one console of A syncs right after the first move; B's console learns of the tip
    const aRight = await syncFrom('110105', beforeA, 1);
    expect(aRight.removed).toEqual([tip]);
    expect(ids(aRight)).not.toContain(tip);
    const atB = await syncFrom('110102', beforeB, 1);
    expect(ids(atB).filter((id) => id === tip)).toEqual([tip]);

    await apply('100003', [command(tip, 'route', 3, { unitCode: DISTRICT_C, note: '转二七' }), command(tip, 'note', 4, { text: '已派员核查' })]);
    for (let i = 0; i < 3; i++) await newTip(i % 2 ? DISTRICT_A : DISTRICT_B);

    // A's console that was offline across both moves, B's that synced between them
    for (const limit of [1, 3]) {
      const aOffline = await syncFrom('110105', beforeA, limit);
      expect(aOffline.removed.filter((id) => id === tip), `limit ${limit}`).toEqual([tip]);
      expect(ids(aOffline)).not.toContain(tip);
      const b = await syncFrom('110102', atB.next, limit);
      expect(b.removed.filter((id) => id === tip), `limit ${limit}`).toEqual([tip]);
      expect(ids(b)).not.toContain(tip);
      // the city covers A, B and C: the tip once, at its current state, never as a removal
      const city = await syncFrom('100003', beforeCity, limit);
      expect(city.sent.filter((i) => i.id === tip).map((i) => i.version), `limit ${limit}`).toEqual([5]);
      expect(city.removed).not.toContain(tip);
      expect(ids(city).length).toBe(new Set(ids(city)).size);
    }
    // A's console already told stays told: nothing more about the tip
    const aAgain = await syncFrom('110105', aRight.next, 1);
    expect(aAgain.removed).not.toContain(tip);
    expect(ids(aAgain)).not.toContain(tip);
    // a new console of A does not get it
    expect(ids(await syncFrom('110105', 0, 2))).not.toContain(tip);
  });

  it('sends a tip moved A → B → another city as one removal to the city above A and B, and as the item to the receiving city', async () => {
    const tip = await newTip(DISTRICT_A);
    for (let i = 0; i < 2; i++) await newTip(DISTRICT_B);
    const beforeA = await cursorOf('110105');
    const beforeCity = await cursorOf('100003');
    const beforeLuoyang = await cursorOf('310300');

    await apply('100003', [command(tip, 'claim', 1), command(tip, 'route', 2, { unitCode: DISTRICT_B, note: '' })]);
    await newTip(DISTRICT_A);
    // forwarded to Luoyang's bureau: out of Zhengzhou's sight, claim dropped
    await apply('100003', [command(tip, 'route', 3, { unitCode: '410300', note: '发生地在洛阳' })]);
    await apply('310300', [command(tip, 'claim', 4), command(tip, 'note', 5, { text: '已接收' })]);
    await newTip(DISTRICT_B);

    for (const limit of [1, 2, 50]) {
      const city = await syncFrom('100003', beforeCity, limit);
      expect(city.removed.filter((id) => id === tip), `limit ${limit}`).toEqual([tip]);
      expect(ids(city)).not.toContain(tip);
      const a = await syncFrom('110105', beforeA, limit);
      expect(a.removed.filter((id) => id === tip), `limit ${limit}`).toEqual([tip]);
      const luoyang = await syncFrom('310300', beforeLuoyang, limit);
      expect(luoyang.sent.filter((i) => i.id === tip).map((i) => i.version), `limit ${limit}`).toEqual([6]);
      expect(luoyang.removed).not.toContain(tip);
    }
    expect(await versionOf('310300', tip)).toBe(6);
  });

  it('tells A again when a tip that came back to A leaves a second time', async () => {
    const tip = await newTip(DISTRICT_A);
    const start = await cursorOf('110105');
    await apply('100003', [command(tip, 'claim', 1), command(tip, 'route', 2, { unitCode: DISTRICT_B, note: '' })]);
    await apply('100003', [command(tip, 'route', 3, { unitCode: DISTRICT_A, note: '退回' })]);
    // A's console holds it again
    const back = await syncFrom('110105', start, 1);
    expect(back.sent.filter((i) => i.id === tip).map((i) => i.version)).toEqual([4]);
    expect(back.removed).not.toContain(tip);
    await apply('100003', [command(tip, 'route', 4, { unitCode: DISTRICT_C, note: '' }), command(tip, 'note', 5, { text: '跟进' })]);
    for (const from of [start, back.next]) {
      const a = await syncFrom('110105', from, 1);
      expect(a.removed.filter((id) => id === tip)).toEqual([tip]);
      expect(ids(a)).not.toContain(tip);
    }
    const b = await syncFrom('110102', 0, 1);
    expect(ids(b)).not.toContain(tip);
  });
});
