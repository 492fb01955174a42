import type { TipIntake } from '#shared/contract/api';
import { followUpTip } from '../domain/citizen';
import type { Repos } from '../store/store';
import { iso, type DemoClock } from './clock';
import type { TipThread } from './index';

/**
 * The tips the demo's intelligence officer (100003, unit 410100) opens with, each showing one
 * thing the tip desk does, all in Zhengzhou and submitted within the last five hours, so they are
 * in every window and the replayed officer work (actions.ts, tips older than a day) leaves them
 * new. The texts and identities are exported for the end-to-end tests.
 *
 *   - FRAUD_ONGOING: money being transferred right now, the highest triage score of the city's tips.
 *   - KTV_GROUP: a drugs tip at 金海岸KTV (the primary) and two paraphrases by other reporters,
 *     one anonymous, which name it among their duplicate candidates; a borderline tip at the bar
 *     next door (same road, same matter) proposed with a lower score, for "not a duplicate"; and
 *     the locked fire exit of the same KTV, another matter, not proposed.
 *   - ANON_FOLLOWUPS: an anonymous gambling tip whose reporter has written twice since.
 *
 * Every showcase tip gets SHOWCASE_REPORTER_CODE as its reporter code (12 characters of
 * shared/contract/api.ts ReporterCodeSchema), so a test can post a follow-up over HTTP. They
 * take the place of generated tips of the first city 410100 with SHOWCASE_MIN_TIPS tips or
 * more (server/seed/index.ts), so every count stays as requested.
 */
export const SHOWCASE_MIN_TIPS = 20;
export const SHOWCASE_CITY = '410100';
export const SHOWCASE_REPORTER_CODE = 'XM9Q4DEMKTV7';

/** 金水区 and 二七区 of Zhengzhou. */
const JINSHUI = '410105';
const ERQI = '410103';

export const FRAUD_ONGOING = {
  unitCode: SHOWCASE_CITY,
  content: '我父亲现在正在银行柜台给对方转账，对方自称公安局民警，说他涉嫌洗钱，要求把存款转到安全账户，对方电话0898-66123456，请马上拦截！',
  minutesAgo: 3,
} as const;

export const KTV_ADDRESS = '郑州市金水区花园路88号金海岸KTV';
export const KTV_PRIMARY = '举报花园路88号金海岸KTV三楼包间每天晚上有人吸食K粉，还有人在卖摇头丸。';
/** Written by other reporters after the primary; the second is anonymous. */
export const KTV_PARAPHRASES = [
  '金水区金海岸歌厅（花园路88号院）晚上有年轻人在包厢里溜冰，服务员帮着望风，我朋友还被人问要不要摇头丸。',
  '花园路上的金海岸KTV有人卖毒品，三楼包厢里天天有人吸K粉，去过的人都知道，希望严查。',
] as const;
/** The bar next door (86号), the same matter: proposed with a lower score; the officer marks it not a duplicate. */
export const KTV_BORDERLINE = '花园路86号夜色酒吧里有人卖摇头丸，还有人在卡座吸食，晚上十一点以后人最多。';
export const KTV_BORDERLINE_ADDRESS = '郑州市金水区花园路86号夜色酒吧';
/** The same KTV, another matter (fire): not proposed. */
export const KTV_FIRE_EXIT = '花园路88号金海岸KTV的安全出口被锁死了，消防通道堆满了啤酒箱，晚上人多的时候出了事都跑不出来。';

export const ANON_FOLLOWUPS = {
  unitCode: ERQI,
  address: '郑州市二七区大学路112号',
  content: '二七区大学路112号院地下室有人开设赌场，每天下午开始推牌九、炸金花，门口有人望风，进出都要熟人带。',
  minutesAgo: 290,
  /** The reporter's follow-ups, minutes after the tip. */
  followUps: [
    { afterMin: 50, text: '补充一下：他们晚上九点以后人最多，车都停在院子后面，有一辆白色面包车负责接人。' },
    { afterMin: 170, text: '今天又开了，门口换了个放哨的人，穿黑色外套，一直在打电话。' },
  ],
} as const;

/** 花园路88号 and the bar two doors south, about 16 m apart. */
const KTV_POINT = { lat: 34.781254, lng: 113.681472 };
const BAR_POINT = { lat: 34.781112, lng: 113.681455 };

export interface ShowcaseTip {
  readonly body: TipIntake;
  readonly followUps: readonly { readonly at: string; readonly text: string }[];
}

const named = (name: string, phone: string): TipIntake['reporter'] => ({ anonymous: false, name, phone, idNumber: null });
const anonymous: TipIntake['reporter'] = { anonymous: true, name: null, phone: null, idNumber: null };

/** The showcase tips, oldest first, dated back from the clock's now. */
export function showcaseTips(clock: DemoClock): ShowcaseTip[] {
  const ago = (min: number) => iso(clock.nowMs - min * 60_000);
  const tip = (minutesAgo: number, body: Omit<TipIntake, 'submittedAt' | 'attachments'>, followUps: ShowcaseTip['followUps'] = []): ShowcaseTip => ({
    body: { ...body, attachments: [], submittedAt: ago(minutesAgo) },
    followUps,
  });
  const ktv = { address: KTV_ADDRESS, ...KTV_POINT };
  return [
    tip(
      ANON_FOLLOWUPS.minutesAgo,
      { unitCode: ANON_FOLLOWUPS.unitCode, category: 'vice', content: ANON_FOLLOWUPS.content, location: { address: ANON_FOLLOWUPS.address, lat: null, lng: null }, reporter: anonymous },
      ANON_FOLLOWUPS.followUps.map((f) => ({ at: ago(ANON_FOLLOWUPS.minutesAgo - f.afterMin), text: f.text })),
    ),
    tip(270, { unitCode: JINSHUI, category: 'vice', content: KTV_PRIMARY, location: ktv, reporter: named('赵红霞', '13937125518') }),
    tip(230, { unitCode: JINSHUI, category: 'vice', content: KTV_PARAPHRASES[0], location: { address: '郑州市金水区花园路88号', lat: 34.781301, lng: 113.681529 }, reporter: named('孙志强', '18638207741') }),
    tip(185, { unitCode: JINSHUI, category: 'vice', content: KTV_PARAPHRASES[1], location: null, reporter: anonymous }),
    tip(150, { unitCode: JINSHUI, category: 'vice', content: KTV_BORDERLINE, location: { address: KTV_BORDERLINE_ADDRESS, ...BAR_POINT }, reporter: named('李梦瑶', '15515672093') }),
    tip(120, { unitCode: JINSHUI, category: 'fire', content: KTV_FIRE_EXIT, location: ktv, reporter: named('王建国', '13703865120') }),
    tip(FRAUD_ONGOING.minutesAgo, { unitCode: FRAUD_ONGOING.unitCode, category: 'fraud', content: FRAUD_ONGOING.content, location: null, reporter: named('刘俊杰', '13613852264') }),
  ];
}

/**
 * Posts the showcase reporters' follow-ups (DemoData.tipThreads) through the citizen path, each
 * at its own past instant, once the tips exist: what the demo's ingest does after creating the
 * tips with their threads' reporter codes. `ids` are the item ids by tip index (SeedReport.ids.tip).
 */
export async function replayTipThreads(db: Repos, threads: readonly TipThread[], ids: readonly (string | undefined)[]): Promise<number> {
  let posted = 0;
  for (const thread of threads) {
    const itemId = ids[thread.tip];
    if (!itemId) continue;
    for (const f of thread.followUps) {
      await followUpTip(db, { itemId, reporterCode: thread.reporterCode, text: f.text }, new Date(f.at));
      posted++;
    }
  }
  return posted;
}
