import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeResponseSchema } from '#shared/contract/api';
import { TipDataSchema, TipSchema, type Tip, type TipData } from '#shared/domain/items';
import { DUPLICATE_RULES } from '#shared/rules/tipDuplicates';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { changes, openDb } from './fixtures';

/**
 * Duplicate candidates at intake over HTTP (server/domain/tip-candidates.ts): a new tip names the
 * earlier tips of its city within the window that report the same matter at the same place, with
 * a score and the reasons, and the officer's feed carries them; another city's tip and a tip
 * outside the window are never named.
 */
let exchange: ExchangeHandle;
let intel: string;

const DAY_MS = 86_400_000;
const KTV = { address: '郑州市金水区花园路88号金海岸KTV', lat: 34.781254, lng: 113.681472 };
const PRIMARY = '举报花园路88号金海岸KTV三楼包间每天晚上有人吸食K粉，还有人在卖摇头丸。';
const PARAPHRASE = '金水区金海岸歌厅（花园路88号院）晚上有年轻人在包厢里溜冰，服务员帮着望风。';

beforeAll(async () => {
  exchange = await startExchange();
  intel = await login(exchange.url, '100003');
}, 120_000);

afterAll(async () => {
  await exchange?.stop();
});

function body(unitCode: string, content: string, extra: Record<string, unknown> = {}) {
  return {
    unitCode,
    category: 'vice',
    content,
    location: null,
    reporter: { anonymous: true, name: null, phone: null, idNumber: null },
    attachments: [],
    ...extra,
  };
}

async function newTip(unitCode: string, content: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await intake(exchange, 'tip', body(unitCode, content, extra));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return IntakeResponseSchema.parse(res.body).id;
}

async function fromFeed(id: string): Promise<Tip> {
  const feed = await changes(exchange, intel, 0, 2000);
  const found = feed.items.find((i) => i.id === id);
  if (!found) throw new Error(`${id} not in the feed`);
  return TipSchema.parse(found);
}

/** Straight from the exchange's database: for a tip the Zhengzhou officer may not see. */
function stored(id: string): TipData {
  const db = openDb(exchange);
  try {
    const row = db.prepare('SELECT data FROM items WHERE id = ?').get(id) as { data: string };
    return TipDataSchema.parse(JSON.parse(row.data));
  } finally {
    db.close();
  }
}

describe('duplicate candidates at intake', () => {
  it('names the earlier tip of the city with a score and the reasons, in the feed', async () => {
    const primary = await newTip('410105', PRIMARY, { location: KTV, submittedAt: new Date(Date.now() - 2 * 3600_000).toISOString() });
    const paraphrase = await newTip('410105', PARAPHRASE);
    expect((await fromFeed(primary)).data.candidates).toEqual([]);
    const tip = await fromFeed(paraphrase);
    expect(tip.data.candidates).toHaveLength(1);
    const [c] = tip.data.candidates;
    expect(c!.tipId).toBe(primary);
    expect(c!.score).toBeGreaterThanOrEqual(DUPLICATE_RULES.minScore);
    expect(c!.score).toBeLessThanOrEqual(1);
    expect(c!.reasons.map((r) => r.code)).toEqual(['venue', 'house_number', 'road', 'matter']);
    expect(c!.reasons[0]).toEqual({ code: 'venue', value: '金海岸歌厅' });
  });

  it('never names a tip of another city, whatever its text', async () => {
    // the same words sent to Luoyang: another city's tips are not looked at, either way round
    const luoyang = await newTip('410302', PRIMARY, { location: KTV });
    expect(stored(luoyang).candidates).toEqual([]);
    const later = await newTip('410105', '花园路上的金海岸KTV有人卖毒品，三楼包厢里天天有人吸K粉。');
    const ids = (await fromFeed(later)).data.candidates.map((c) => c.tipId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(luoyang);
  });

  it('never names a tip outside the window', async () => {
    const old = await newTip('410105', PRIMARY, { location: KTV, submittedAt: new Date(Date.now() - (DUPLICATE_RULES.windowDays + 10) * DAY_MS).toISOString() });
    // the old one finds nothing in its own window either: the others are all newer than 30 days after it
    expect((await fromFeed(old)).data.candidates).toEqual([]);
    const fresh = await newTip('410105', PARAPHRASE, { location: KTV });
    const named = (await fromFeed(fresh)).data.candidates.map((c) => c.tipId);
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(named).not.toContain(old);
  });

  it('does not name the same venue reported for another matter', async () => {
    const fire = await newTip('410105', '花园路88号金海岸KTV的安全出口被锁死了，消防通道堆满了啤酒箱。', { category: 'fire', location: KTV });
    expect((await fromFeed(fire)).data.candidates).toEqual([]);
  });
});
