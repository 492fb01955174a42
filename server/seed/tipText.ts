import type { TipCategory } from '#shared/domain/items';

/**
 * Tip texts per category as citizens write them. `{addr}` is replaced with the address, `{plate}`
 * with a plate, `{phone}` with a phone number. `place` is what kind of place the tip is about (it
 * becomes part of the address); templates marked `urgent` carry the words triage looks for
 * (正在, 今晚, 持刀, 马上 …) so the demo list does not score every tip the same.
 */
export interface TipTemplate {
  readonly text: string;
  readonly place: string | null;
  /** The place is a stretch of road (路段, 路口): no house number in the address. */
  readonly road?: boolean;
  readonly urgent: boolean;
}

export const TIP_TEMPLATES: Readonly<Record<TipCategory, readonly TipTemplate[]>> = {
  vice: [
    { text: '{addr}二楼的足疗店晚上十点以后还在营业，经常有陌生男子进出，怀疑有卖淫嫖娼活动。', place: '临街商铺', urgent: false },
    { text: '{addr}每晚都有十几个人聚众赌博，输赢很大，还有人放高利贷。', place: '棋牌室', urgent: false },
    { text: '举报{addr}出租屋内有人吸毒，楼道里经常能闻到怪味，还有锡纸和吸管。', place: '出租屋', urgent: false },
    { text: '{addr}现在正在聚众赌博，门口有人放哨，大概二十多人，请马上出警。', place: '地下室', urgent: true },
    { text: '今晚{addr}的KTV包间里有人贩卖K粉和摇头丸，听说十点以后交易。', place: 'KTV', urgent: true },
  ],
  fire: [
    { text: '{addr}楼道里堆满了纸箱和杂物，还有人在楼道给电动车充电，消防通道被堵死了。', place: '居民楼', urgent: false },
    { text: '{addr}把液化气罐放在后厨门口，管道老化有气味，担心出事。', place: '小饭店', urgent: false },
    { text: '{addr}的消防栓没有水，灭火器都过期了，物业不管。', place: '地下车库', urgent: false },
    { text: '{addr}正在冒烟，闻到很浓的焦糊味，好像是电动车充电着火了，楼上还有人。', place: '自行车棚', urgent: true },
    { text: '{addr}违规存放大量烟花爆竹，就在居民楼一层，今晚还有货车来卸货。', place: '仓库', urgent: true },
  ],
  fraud: [
    { text: '我接到电话{phone}，对方自称是公安局的，说我涉嫌洗钱，让我把钱转到安全账户，我没有转。', place: null, urgent: false },
    { text: '有人在微信群里推荐刷单返利，先返了几十元，后来让我垫付五千元就联系不上了，对方账号还在拉人。', place: null, urgent: false },
    { text: '我母亲正在和自称客服的人视频通话，对方让她下载会议软件共享屏幕，说要退保证金，请马上联系她。', place: null, urgent: true },
    { text: '{addr}有一伙人租了房子，每天很多人在里面打电话，窗户都用锡纸封住，怀疑是电信诈骗窝点。', place: '写字楼', urgent: false },
    { text: '冒充“贷款平台”的人让我先交解冻费，已经转了三千元，对方电话{phone}。', place: null, urgent: false },
  ],
  traffic: [
    { text: '{addr}每天早上都有渣土车闯红灯，车速很快，还不盖篷布，车牌{plate}。', place: '路口', road: true, urgent: false },
    { text: '车牌{plate}的车经常在{addr}逆行，还占用非机动车道。', place: '路段', road: true, urgent: false },
    { text: '{addr}有人正在飙车，好几辆改装车轰油门，刚才差点撞到行人。', place: '路段', road: true, urgent: true },
    { text: '{addr}门口，有个司机喝了很多酒，现在正准备开车走，车牌{plate}。', place: '饭店', urgent: true },
    { text: '{addr}门口上下学时段经常有面包车超员接送学生，车牌{plate}。', place: '小学', urgent: false },
  ],
  gang: [
    { text: '{addr}一带有一伙人强收保护费，每个摊位每月五百元，不交就砸摊子。', place: '农贸市场', urgent: false },
    { text: '有人以讨债公司名义在{addr}上门骚扰，泼油漆、堵锁眼，还威胁家人。', place: '小区', urgent: false },
    { text: '{addr}被一伙人把持，别人来拉货就被打，当地人都不敢报警。', place: '砂石厂', urgent: false },
    { text: '{addr}门口现在有十几个人持刀持棍聚集，说要去找人算账，情况很紧急。', place: '网吧', urgent: true },
  ],
  other: [
    { text: '{addr}有人长期在路边堆放废品，占用盲道，影响通行。', place: '路段', road: true, urgent: false },
    { text: '{addr}的一个老人经常一个人在街上走失，家人联系不上，希望社区民警关注一下。', place: '社区', urgent: false },
    { text: '{addr}有人在网上售卖公民个人信息，声称有本地小区业主的名单。', place: null, urgent: false },
    { text: '{addr}楼上邻居家里一直有孩子哭喊和打骂声，已经持续一个小时了，担心孩子安全。', place: '居民楼', urgent: true },
  ],
};

export const TIP_CATEGORIES: readonly TipCategory[] = ['vice', 'fire', 'fraud', 'traffic', 'gang', 'other'];

/** How often each category comes in (the report: fraud and vice leads are the most common). */
export const TIP_CATEGORY_WEIGHTS: readonly (readonly [TipCategory, number])[] = [
  ['vice', 22], ['fire', 16], ['fraud', 24], ['traffic', 20], ['gang', 6], ['other', 12],
];
