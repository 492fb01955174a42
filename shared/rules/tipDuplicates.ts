/**
 * Duplicate candidates of a tip (线索举报): which earlier tips of the same city may report the same
 * matter. Computed once at intake on the exchange (server/domain/tip-candidates.ts), stored with
 * the tip and shown to the officer, who links or dismisses them; never decided here.
 *
 * Text similarity alone does not separate paraphrases of one matter from different matters at one
 * place: the issue measured paraphrases at a bigram Jaccard of 0.32–0.44 and different matters
 * written from one template up to 0.73; on the generated corpus (server/seed/tipCorpus.ts, printed
 * by tests/unit/shared/rules/tip-duplicates.test.ts), with place words removed, paraphrases score
 * p50 0.03 / p90 0.14 and one matter at two places p90 0.91. So two things must both agree:
 *   - the place: a shared venue, a shared house or building number, a shared road with the two
 *     points close, or two shared roads (a junction); a tip without a place (most fraud) agrees
 *     only through a shared identifier (phone, bank account, plate), which is strong evidence on
 *     its own;
 *   - the matter: the same category and, within it, the same matter keys (drugs vs gambling vs
 *     prostitution in vice …), or, where a side names none, the text with its place words removed
 *     is similar enough.
 * A tip at the same venue about another matter (a locked fire exit at a KTV reported for drugs) is
 * not a duplicate. The score is a noisy-or of the evidence's weights, so more independent
 * evidence gives a higher score and no single weak reason (a shared road) reaches the threshold.
 *
 * Keys are compared by suffix ("航海中路" and "郑州市航海中路" are one road, "金海岸KTV" and
 * "看到金海岸KTV" one venue), since Chinese text has no word boundaries; the lookup keys that
 * find earlier tips in the store (`lookupKeys`) use the same short tails so both spellings meet.
 *
 * When you change an extraction rule, the keys stored for earlier tips (tip_keys, migration 100)
 * were made by the old rule: add a migration that re-keys them.
 */
import type { TipCandidate, TipCandidateReason, TipCategory } from '../domain/items';
import { distanceKm } from './forensics';
import { isValidIdNumber } from './idNumber';
import { formatPlate, isValidHenanPlate, normalisePlate } from './plates';

export type ReasonCode = TipCandidateReason['code'];

/** Thresholds and limits (data). */
export const DUPLICATE_RULES = {
  /** Earlier tips are searched this far back (and forward, for a backdated submission). */
  windowDays: 30,
  /** Two points on a shared road this close are one place. */
  nearMetres: 150,
  /**
   * …unless both tips name their venue and the names differ: then only next-door venues (a
   * reporter may name the bar beside the KTV) are proposed, with a lower score for the officer.
   */
  nextDoorMetres: 80,
  nextDoorHouseNumbers: 4,
  /** House numbers on a shared road this close are neighbours (86号 and 88号, about 80 m apart). */
  nearHouseNumbers: 10,
  /** One venue name farther apart than this is two branches of a chain, not one venue. */
  branchMetres: 1500,
  /** Text similarity (place words removed) at which the matter agrees when a side names no matter. */
  textAgrees: 0.3,
  /** Text similarity from which it is given as a reason. */
  textReason: 0.15,
  /** Lowest score proposed. */
  minScore: 0.5,
  /** Candidates kept per tip (TipDataSchema allows 10). */
  maxCandidates: 10,
} as const;

/**
 * Weight of each kind of evidence in the noisy-or score; `text` is multiplied by the similarity.
 * Identifiers are the strongest (a scammer's number is one scammer), a road the weakest (it may be
 * kilometres long).
 */
export const EVIDENCE_WEIGHTS: Readonly<Record<ReasonCode, number>> = {
  account: 0.7,
  phone: 0.6,
  plate: 0.55,
  venue: 0.5,
  house_number: 0.45,
  road: 0.15,
  nearby: 0.2,
  matter: 0.35,
  text: 0.6,
};

/**
 * Identifiers that are the matter itself in these categories: two tips naming different ones
 * (two plates at one junction, two scammers' numbers, two sellers of personal data) are about
 * different vehicles or people, however alike the rest. The reporter's own number is in the
 * reporter's fields, not the text, so a number in the text is the subject's. Per category, so a
 * category where that does not hold can leave it out.
 */
export const DISTINGUISHING_IDENTIFIERS: Readonly<Record<'phones' | 'accounts' | 'plates', readonly TipCategory[]>> = {
  plates: ['vice', 'fire', 'fraud', 'traffic', 'gang', 'other'],
  phones: ['vice', 'fire', 'fraud', 'traffic', 'gang', 'other'],
  accounts: ['vice', 'fire', 'fraud', 'traffic', 'gang', 'other'],
};

/** Reasons are listed in this order: extracted keys first, then the text. */
const REASON_ORDER: readonly ReasonCode[] = ['phone', 'account', 'plate', 'venue', 'house_number', 'road', 'nearby', 'matter', 'text'];

/**
 * What a tip is about, per category: a matter code (stable, stored in reasons), its Chinese label
 * and the words citizens use for it. A tip may name several matters; two tips agree when they
 * share one. When you add a category (TipCategorySchema), add its matters here.
 */
export const MATTERS: Readonly<Record<TipCategory, readonly { code: string; label: string; words: readonly string[] }[]>> = {
  vice: [
    { code: 'drugs', label: '涉毒', words: ['吸毒', '吸食', '毒品', '贩毒', '卖毒', 'K粉', 'k粉', '摇头丸', '冰毒', '麻古', '大麻', '海洛因', '溜冰', '嗑药', '锡纸', '白粉'] },
    { code: 'gambling', label: '赌博', words: ['赌博', '聚赌', '赌场', '赌资', '赌局', '赌钱', '开赌', '下注', '押注', '炸金花', '牌九', '百家乐', '抽头', '输赢'] },
    { code: 'prostitution', label: '卖淫嫖娼', words: ['卖淫', '嫖娼', '嫖客', '色情', '陪侍', '特殊服务', '小姐', '失足'] },
  ],
  fire: [
    { code: 'exit_blocked', label: '堵塞通道', words: ['消防通道', '安全出口', '疏散通道', '逃生通道', '应急通道', '防火门', '消防门', '逃生门', '锁死', '锁住', '上了锁', '封死'] },
    { code: 'ebike_charging', label: '电动车充电', words: ['电动车充电', '电瓶车充电', '飞线充电', '充电', '电瓶'] },
    { code: 'gas', label: '燃气', words: ['液化气', '煤气', '燃气', '气罐', '漏气'] },
    { code: 'equipment', label: '消防设施', words: ['消防栓', '消火栓', '灭火器', '喷淋', '烟感'] },
    { code: 'fireworks', label: '烟花爆竹', words: ['烟花', '爆竹', '鞭炮', '炮仗'] },
    { code: 'burning', label: '起火冒烟', words: ['冒烟', '黑烟', '浓烟', '着火', '起火', '焦糊', '火苗', '烧起来'] },
    { code: 'wiring', label: '电线', words: ['私拉电线', '乱拉电线', '电线老化', '线路老化', '私接电线'] },
  ],
  fraud: [
    { code: 'fake_police', label: '冒充公检法', words: ['洗钱', '安全账户', '通缉', '逮捕', '检察院', '公检法', '自称公安', '自称是公安', '自称民警', '自称警察', '冒充公安', '冒充警察', '冒充民警'] },
    { code: 'brushing', label: '刷单返利', words: ['刷单', '返利', '做任务', '垫付', '点赞', '佣金'] },
    { code: 'loan', label: '虚假贷款', words: ['贷款', '解冻费', '放款', '征信', '网贷', '额度'] },
    { code: 'customer_service', label: '冒充客服', words: ['客服', '退款', '共享屏幕', '屏幕共享', '会议软件', '理赔', '保证金', '百万保障'] },
    { code: 'investment', label: '投资理财', words: ['投资', '理财', '炒股', '荐股', '虚拟币', '数字货币', '高回报', '稳赚'] },
    { code: 'romance', label: '网络交友', words: ['交友', '网恋', '婚恋', '杀猪盘', '处对象'] },
    { code: 'acquaintance', label: '冒充熟人', words: ['冒充领导', '假冒领导', '冒充老板', '冒充熟人', '冒充亲戚', '老同学'] },
    { code: 'den', label: '诈骗窝点', words: ['窝点', '话术', '封住', '封着', '诈骗团伙'] },
  ],
  traffic: [
    { code: 'red_light', label: '闯红灯', words: ['闯红灯', '闯灯'] },
    { code: 'wrong_way', label: '逆行', words: ['逆行', '逆向'] },
    { code: 'racing', label: '飙车', words: ['飙车', '炸街', '轰油门', '改装车', '赛车'] },
    { code: 'drunk', label: '酒驾', words: ['酒驾', '醉驾', '喝酒', '喝了酒', '很多酒', '不少酒', '喝多了', '喝醉', '醉醺醺', '酒后', '酒气'] },
    { code: 'overload', label: '超员超载', words: ['超员', '超载', '塞满'] },
    { code: 'muck_truck', label: '渣土车', words: ['渣土车', '篷布', '撒漏', '抛洒'] },
    { code: 'parking', label: '违停', words: ['违停', '乱停', '违章停车', '占道停车'] },
  ],
  gang: [
    { code: 'protection', label: '收保护费', words: ['保护费', '强收', '收钱', '摊位费'] },
    { code: 'debt', label: '暴力催收', words: ['讨债', '催收', '泼油漆', '堵锁眼', '套路贷', '砸门', '高利贷'] },
    { code: 'monopoly', label: '欺行霸市', words: ['把持', '垄断', '强买强卖', '欺行霸市', '霸市', '不让别人'] },
    { code: 'brawl', label: '聚众斗殴', words: ['持刀', '持棍', '砍刀', '钢管', '斗殴', '约架', '算账', '打群架'] },
  ],
  other: [
    { code: 'obstruction', label: '占道', words: ['盲道', '占道', '废品', '堆放', '占用'] },
    { code: 'missing_person', label: '走失', words: ['走失', '迷路', '找不到家'] },
    { code: 'data_sale', label: '贩卖信息', words: ['个人信息', '公民信息', '业主名单', '信息贩卖', '卖信息'] },
    { code: 'domestic', label: '家暴', words: ['哭喊', '打骂', '家暴', '打孩子', '尖叫'] },
    { code: 'noise', label: '噪音扰民', words: ['噪音', '扰民', '吵闹'] },
  ],
};

/**
 * Kinds of venue: the canonical kind and the words it is written with (synonyms share a kind, so
 * 金海岸KTV and 金海岸歌厅 are one venue). A venue is only a key with a name before the kind:
 * a bare 足疗店 or 我们小区 names no place.
 */
export const VENUE_KINDS: readonly { kind: string; words: readonly string[] }[] = [
  { kind: 'KTV', words: ['量贩式KTV', '量贩KTV', 'KTV', 'ktv', '歌厅', '歌城', 'K歌房'] },
  { kind: '酒吧', words: ['酒吧', '清吧', '夜店'] },
  { kind: '酒店', words: ['大酒店', '快捷酒店', '酒店', '宾馆', '旅馆', '旅社', '招待所'] },
  { kind: '网吧', words: ['网吧', '网咖'] },
  { kind: '足疗店', words: ['足疗店', '足浴店', '足疗馆', '足浴城', '足疗', '足浴', '按摩店', '养生馆'] },
  { kind: '洗浴', words: ['洗浴中心', '洗浴城', '浴场', '浴池'] },
  { kind: '会所', words: ['会所'] },
  { kind: '棋牌室', words: ['棋牌室', '棋牌馆', '麻将馆'] },
  { kind: '市场', words: ['农贸市场', '菜市场', '批发市场', '市场'] },
  { kind: '超市', words: ['超市'] },
  { kind: '饭店', words: ['饭店', '饭馆', '餐馆', '餐厅', '火锅店', '烧烤店', '酒楼'] },
  { kind: '小区', words: ['小区'] },
  { kind: '花园', words: ['花园'] },
  { kind: '家园', words: ['家园'] },
  { kind: '新城', words: ['新城'] },
  { kind: '华府', words: ['华府'] },
  { kind: '公寓', words: ['公寓'] },
  { kind: '小学', words: ['小学'] },
  { kind: '中学', words: ['中学'] },
  { kind: '幼儿园', words: ['幼儿园'] },
  { kind: '大厦', words: ['大厦', '写字楼'] },
  { kind: '广场', words: ['广场'] },
  { kind: '商场', words: ['商场', '购物中心'] },
  { kind: '仓库', words: ['仓库'] },
  { kind: '厂', words: ['砂石厂', '工厂', '加工厂'] },
];

/** Words before a place name that are not part of it (cut after their last occurrence). */
const LEAD_WORDS = [
  '举报', '反映', '发现', '看见', '看到', '听说', '位于', '附近', '对面', '旁边', '隔壁', '楼下', '楼上', '门口', '一带', '一家', '这家',
  '那家', '我家', '我们', '你们', '他们', '今天', '今晚', '每天', '晚上', '白天', '经常', '最近', '就在', '住在', '还有', '有人', '一条', '这条',
  '那条', '本地', '各个', '这个', '那个', '整个', '周边', '全市', '怀疑', '半夜', '凌晨', '早上', '中午',
];
/** Words between a road and its house number (花园路靠近88号). */
const NUMBER_LINKS = ['', '靠近', '近'];
/** 区 ending these is not a district (小区, 社区, 景区 …). */
const NOT_DISTRICT_ENDS = new Set('小社景校营园城厂矿街厢片');
/**
 * Single characters that end the phrase before a place name. Not 向/楼/门/和/道 (向阳路, 鼓楼街,
 * 龙门大道, 和平路, 道南路); 路 and 街 end one road's name before the next (花园路农业路口).
 */
const ROAD_STOP = new Set('在到于去是的了个那这报住对边旁近从与及或市区县省镇乡号路街');
const VENUE_STOP = new Set([...ROAD_STOP, '楼', '院', '层']);
/** Road-like words that are no road. */
const NOT_ROADS = ['马路', '公路', '道路', '套路', '下班路', '上班路', '回家路', '一条路', '一条街', '炸街', '逛街', '上街', '满街', '沿街', '临街'];

/** Common words of tips that say nothing about the matter; removed before the text is compared. */
const FILLER = ['举报', '反映', '有人', '经常', '希望', '请你们', '请警察', '警察', '民警', '同志', '你好', '您好', '查一查', '查一下', '处理一下', '管一管', '谢谢', '一下', '我们', '这里', '那里', '附近'];

// ---- facts of one tip ---------------------------------------------------------------------------

export interface Venue {
  readonly kind: string;
  readonly brand: string;
  /** As written (brand and the word used), for the reason. */
  readonly text: string;
}

export interface Road {
  readonly prefix: string;
  readonly suffix: string;
}

export interface HouseNumber {
  /** The road (house numbers) or the compound (building numbers, 3号楼). */
  readonly on: Road | Venue;
  readonly number: number;
  readonly building: boolean;
}

/** Everything the comparison needs of one tip, extracted once. */
export interface TipFacts {
  readonly category: TipCategory;
  readonly phones: readonly string[];
  readonly accounts: readonly string[];
  readonly plates: readonly string[];
  readonly venues: readonly Venue[];
  readonly houses: readonly HouseNumber[];
  readonly roads: readonly Road[];
  /** Districts and counties named (金水区); two venues of one name in different districts are two branches. */
  readonly districts: readonly string[];
  readonly matters: readonly string[];
  readonly point: { lat: number; lng: number } | null;
  /** Character bigrams of the text with its place words, identifiers and filler removed. */
  readonly bigrams: ReadonlySet<string>;
}

export interface TipText {
  readonly category: TipCategory;
  readonly content: string;
  readonly location: { address: string; lat: number | null; lng: number | null } | null;
}

const HAN = /[\u4e00-\u9fa5]/;
const NAME_CHAR = /[\u4e00-\u9fa5A-Za-z]/;

/** The name ending at `end` in `text`: at most `max` name characters back, cut at stops and lead words. */
function nameBefore(text: string, end: number, max: number, stops: ReadonlySet<string>): string {
  let start = end;
  while (start > 0 && end - start < max + 2 && NAME_CHAR.test(text[start - 1]!) && !stops.has(text[start - 1]!)) start--;
  let name = text.slice(start, end);
  for (const w of LEAD_WORDS) {
    const at = name.lastIndexOf(w);
    if (at >= 0) name = name.slice(at + w.length);
  }
  return name.length > max ? name.slice(name.length - max) : name;
}

function roadText(r: Road): string {
  return r.prefix + r.suffix;
}

/** Whether `word` occurs in `text` over position `i`. */
function covers(text: string, i: number, word: string): boolean {
  for (let k = Math.max(0, i - word.length + 1); k <= i; k++) if (text.startsWith(word, k)) return true;
  return false;
}

/** The suffix of a road ending at `i` (路, 街, 大街, 大道) and where it starts; null when none ends there. */
function roadSuffixAt(text: string, i: number): { suffix: string; at: number } | null {
  const ch = text[i];
  if (ch === '路') return { suffix: '路', at: i };
  if (ch === '道') return text[i - 1] === '大' ? { suffix: '大道', at: i - 1 } : null;
  if (ch !== '街') return null;
  // 夷山大街 is a name and 大街; 东大街 is the name 东大 and 街
  if (text[i - 1] === '大' && nameBefore(text, i - 1, 4, ROAD_STOP).length >= 2) return { suffix: '大街', at: i - 1 };
  return { suffix: '街', at: i };
}

/** Roads: a name of 2–4 characters before 路/街/大街/大道. */
function roadsIn(text: string): { road: Road; end: number }[] {
  const out: { road: Road; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const found = roadSuffixAt(text, i);
    if (!found || NOT_ROADS.some((w) => text.startsWith(w, i + 1 - w.length)) || covers(text, i, '大街小巷')) continue;
    const prefix = nameBefore(text, found.at, 4, ROAD_STOP);
    if (prefix.length < 2 || !HAN.test(prefix)) continue;
    out.push({ road: { prefix, suffix: found.suffix }, end: i + 1 });
  }
  return out;
}

/** Every venue word with its kind, longest first (足疗店 before 足疗). */
const VENUE_WORDS = VENUE_KINDS.flatMap((k) => k.words.map((w) => ({ kind: k.kind, w }))).sort((a, b) => b.w.length - a.w.length);

/** Venues: a name of 2–5 characters before a venue word (VENUE_KINDS). */
function venuesIn(text: string): { venue: Venue; start: number; end: number }[] {
  const out: { venue: Venue; start: number; end: number }[] = [];
  const taken = new Set<number>();
  for (const { kind, w } of VENUE_WORDS) {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      if (taken.has(at + w.length)) continue; // a longer word ends here (足疗店 before 足疗)
      if (/^(路|街|大道|大街)/.test(text.slice(at + w.length))) continue; // 花园路 is a road
      const brand = nameBefore(text, at, 5, VENUE_STOP);
      if (brand.length < 2) continue;
      taken.add(at + w.length);
      out.push({ venue: { kind, brand, text: brand + w }, start: at - brand.length, end: at + w.length });
    }
  }
  return out;
}

/** House numbers (花园路88号, 88号院) right after a road; building numbers (锦绣花园3号楼) right after a compound. */
function housesIn(text: string, roads: readonly { road: Road; end: number }[], venues: readonly { venue: Venue; end: number }[]): HouseNumber[] {
  const out: HouseNumber[] = [];
  // 3号楼 is a building, but 88号楼道 is the stairwell of 88号
  for (const m of text.matchAll(/(\d{1,4})号(院|楼(?![道梯]))?/g)) {
    const number = Number(m[1]);
    if (m[2] === '楼') {
      const compound = venues.find((v) => v.end === m.index);
      if (compound) out.push({ on: compound.venue, number, building: true });
    } else {
      const road = roads.find((r) => NUMBER_LINKS.some((w) => r.end + w.length === m.index && text.startsWith(w, r.end)));
      if (road) out.push({ on: road.road, number, building: false });
    }
  }
  return out;
}

/**
 * Digits written in groups (6222 0210 1234 5678, 0898-66123456, 138 1234 5678) joined, so each
 * identifier is one run; groups that would make no identifier (a phone and an amount) stay apart.
 */
function joinDigitGroups(text: string): string {
  return text.replace(/\d+(?:[ \u00a0-]\d+)+/g, (run) => {
    const groups = run.split(/[ \u00a0-]/);
    const digits = groups.join('');
    return groups.every((g) => g.length <= 8) && digits.length >= 10 && digits.length <= 19 ? digits : run;
  });
}

/** A resident ID number (region, birth date), mistyped or not, is the reporter's or a suspect's, never an account. */
function looksLikeIdNumber(d: string): boolean {
  return d.length === 18 && (isValidIdNumber(d) || /^[1-8]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/.test(d));
}

function identifiersIn(text: string): { phones: string[]; accounts: string[]; plates: string[]; spans: string[] } {
  const joined = joinDigitGroups(text);
  const phones: string[] = [];
  const accounts: string[] = [];
  const spans: string[] = [];
  for (const m of joined.matchAll(/(?<!\d)\d{10,19}(?!\d)/g)) {
    const d = m[0];
    if (/^1[3-9]\d{9}$/.test(d) || /^0\d{9,11}$/.test(d)) phones.push(d);
    else if (d.length >= 16 && !looksLikeIdNumber(d)) accounts.push(d);
    else continue;
    spans.push(d);
  }
  const plates: string[] = [];
  for (const m of text.toUpperCase().matchAll(/豫[A-Z][·•\s-]?[A-Z0-9]{5,6}/g)) {
    const p = normalisePlate(m[0]);
    if (!isValidHenanPlate(p)) continue;
    plates.push(p);
    spans.push(m[0]);
  }
  return { phones: [...new Set(phones)], accounts: [...new Set(accounts)], plates: [...new Set(plates)], spans };
}

function districtsIn(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('区'); i >= 0; i = text.indexOf('区', i + 1)) {
    const name = nameBefore(text, i, 5, ROAD_STOP);
    if (name.length >= 2 && !NOT_DISTRICT_ENDS.has(name[name.length - 1]!)) out.push(`${name}区`);
  }
  for (let i = text.indexOf('县'); i >= 0; i = text.indexOf('县', i + 1)) {
    const name = nameBefore(text, i, 4, ROAD_STOP);
    if (name.length >= 2) out.push(`${name}县`);
  }
  return out;
}

function mattersIn(category: TipCategory, text: string): string[] {
  return (MATTERS[category] ?? []).filter((m) => m.words.some((w) => text.includes(w))).map((m) => m.code);
}

const isHan = (c: number): boolean => c >= 0x4e00 && c <= 0x9fa5;

/**
 * Bigrams of Han characters of the text without its place words, identifiers and filler (each
 * cut out, so no bigram spans one), nor house numbers, nor the district and city just before a
 * cut-out place word.
 */
function bigramsOf(text: string, removed: readonly string[]): Set<string> {
  const cut = new Uint8Array(text.length + 1);
  for (const r of removed) for (let at = text.indexOf(r); at >= 0; at = text.indexOf(r, at + r.length)) cut.fill(1, at, at + r.length);
  for (const m of text.matchAll(/\d+(号院|号楼|号|楼|层|单元|室)/g)) cut.fill(1, m.index, m.index + m[0].length);
  for (const m of text.matchAll(/(河南省)?([\u4e00-\u9fa5]{2}市)?[\u4e00-\u9fa5]{2,4}[区县]/g)) {
    const end = m.index + m[0].length;
    if (cut[end]) cut.fill(1, m.index, end);
  }
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) {
    if (!cut[i] && !cut[i + 1] && isHan(text.charCodeAt(i)) && isHan(text.charCodeAt(i + 1))) out.add(text.slice(i, i + 2));
  }
  return out;
}

export function tipFacts(tip: TipText): TipFacts {
  const address = tip.location?.address ?? '';
  // the address first, so a road in it is found even when the text names only the venue
  const text = `${address}。${tip.content}`;
  const roads = roadsIn(text);
  const venues = venuesIn(text);
  const ids = identifiersIn(text);
  const houses = housesIn(text, roads, venues);
  const point = tip.location && tip.location.lat !== null && tip.location.lng !== null ? { lat: tip.location.lat, lng: tip.location.lng } : null;
  const placeWords = [...roads.map((r) => roadText(r.road)), ...venues.map((v) => v.venue.text), ...ids.spans, ...FILLER];
  return {
    category: tip.category,
    phones: ids.phones,
    accounts: ids.accounts,
    plates: ids.plates,
    venues: dedupe(venues.map((v) => v.venue), (v) => `${v.kind}|${v.brand}`),
    houses: dedupe(houses, houseKey),
    roads: oneSpelling(roads.map((r) => r.road)),
    districts: [...new Set(districtsIn(text))],
    matters: mattersIn(tip.category, tip.content),
    point,
    bigrams: bigramsOf(tip.content, [address, ...placeWords].filter((w) => w.length > 0)),
  };
}

/** Roads written with and without a leading word (半夜嵩山路, 嵩山路) once, the shortest, in order of appearance. */
function oneSpelling(roads: readonly Road[]): Road[] {
  const out: Road[] = [];
  for (const r of roads) {
    const at = out.findIndex((o) => sameRoad(o, r));
    if (at < 0) out.push(r);
    else if (r.prefix.length < out[at]!.prefix.length) out[at] = r;
  }
  return out;
}

function dedupe<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const t of items) if (!seen.has(key(t))) seen.set(key(t), t);
  return [...seen.values()];
}

// ---- lookup keys --------------------------------------------------------------------------------

/** The last two characters of a name: short enough that 航海中路 and 郑州航海中路 meet, long enough to be rare. */
const tail = (s: string): string => s.slice(-2);
const roadKey = (r: Road): string => tail(r.prefix) + r.suffix;
const venueKey = (v: Venue): string => `${v.kind}:${tail(v.brand)}`;
function houseKey(h: HouseNumber): string {
  return 'suffix' in h.on ? `${roadKey(h.on)}:${h.number}` : `${venueKey(h.on)}:${h.number}号楼`;
}
function houseText(h: HouseNumber): string {
  return 'suffix' in h.on ? `${roadText(h.on)}${h.number}号` : `${h.on.text}${h.number}号楼`;
}

/**
 * The keys under which a tip is stored and looked up (server/store/sqlite/tip-keys.ts): every
 * place key and identifier. Matters are not keys: a matter alone never makes a candidate.
 */
export function lookupKeys(f: TipFacts): string[] {
  return [
    ...f.phones.map((p) => `phone:${p}`),
    ...f.accounts.map((a) => `account:${a}`),
    ...f.plates.map((p) => `plate:${p}`),
    ...f.venues.map((v) => `venue:${venueKey(v)}`),
    ...f.houses.map((h) => `house:${houseKey(h)}`),
    ...f.roads.map((r) => `road:${roadKey(r)}`),
  ];
}

// ---- comparing two tips -------------------------------------------------------------------------

/** One name written with more or fewer leading characters: one ends with the other (≥ 2 characters). */
function sameName(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 2 && long.endsWith(short);
}
const sameRoad = (a: Road, b: Road): boolean => a.suffix === b.suffix && sameName(a.prefix, b.prefix);
const sameVenue = (a: Venue, b: Venue): boolean => a.kind === b.kind && sameName(a.brand, b.brand);
function sameOn(a: HouseNumber['on'], b: HouseNumber['on']): boolean {
  if ('suffix' in a) return 'suffix' in b && sameRoad(a, b);
  return !('suffix' in b) && sameVenue(a, b);
}

const reason = (code: ReasonCode, value: string): TipCandidateReason => ({ code, value: value.slice(0, 80) });

function sharedIdentifiers(a: TipFacts, b: TipFacts): TipCandidateReason[] {
  return [
    ...a.phones.filter((p) => b.phones.includes(p)).map((p) => reason('phone', p)),
    ...a.accounts.filter((x) => b.accounts.includes(x)).map((x) => reason('account', x)),
    ...a.plates.filter((p) => b.plates.includes(p)).map((p) => reason('plate', formatPlate(p))),
  ];
}

function differentIdentifiers(a: TipFacts, b: TipFacts): boolean {
  return (['phones', 'accounts', 'plates'] as const).some(
    (kind) => DISTINGUISHING_IDENTIFIERS[kind].includes(a.category) && a[kind].length > 0 && b[kind].length > 0 && !a[kind].some((x) => b[kind].includes(x)),
  );
}

function placeEvidence(a: TipFacts, b: TipFacts, rules: typeof DUPLICATE_RULES): { agrees: boolean; reasons: TipCandidateReason[] } {
  const metres = a.point && b.point ? distanceKm(a.point, b.point) * 1000 : null;
  const roads = a.roads.filter((r) => b.roads.some((s) => sameRoad(r, s)));
  const houses = a.houses.filter((h) => b.houses.some((g) => g.building === h.building && g.number === h.number && sameOn(h.on, g.on)));
  const onSharedRoad = (h: HouseNumber, g: HouseNumber) => !h.building && !g.building && sameOn(h.on, g.on);
  const pairsOnRoads = a.houses.flatMap((h) => b.houses.filter((g) => onSharedRoad(h, g)).map((g) => [h, g] as const));
  const within = (n: number) => pairsOnRoads.filter(([h, g]) => Math.abs(g.number - h.number) <= n);
  // A chain's branches share a name: not one venue when the points, the roads, the districts or
  // the house numbers on one road say they are apart.
  const apart =
    (metres !== null && metres > rules.branchMetres) ||
    (a.roads.length > 0 && b.roads.length > 0 && roads.length === 0) ||
    (a.districts.length > 0 && b.districts.length > 0 && !a.districts.some((d) => b.districts.includes(d))) ||
    (pairsOnRoads.length > 0 && within(rules.nearHouseNumbers).length === 0);
  const venues = apart ? [] : a.venues.filter((v) => b.venues.some((w) => sameVenue(v, w)));
  const twoVenues = venues.length === 0 && a.venues.length > 0 && b.venues.length > 0;
  const withinMetres = twoVenues ? rules.nextDoorMetres : rules.nearMetres;
  const neighbours = within(twoVenues ? rules.nextDoorHouseNumbers : rules.nearHouseNumbers);
  const near = (metres !== null && metres <= withinMetres) || neighbours.length > 0;
  const reasons = [
    ...venues.map((v) => reason('venue', v.text)),
    ...houses.map((h) => reason('house_number', houseText(h))),
    ...roads.map((r) => reason('road', roadText(r))),
  ];
  const pair = neighbours.find(([h, g]) => h.number !== g.number);
  if (metres !== null && metres <= withinMetres) reasons.push(reason('nearby', `${Math.round(metres)} m`));
  else if (pair) reasons.push(reason('nearby', `${pair[0].number}号/${pair[1].number}号`));
  const agrees = venues.length > 0 || houses.length > 0 || (roads.length > 0 && near) || roads.length >= 2;
  return { agrees, reasons };
}

export function textSimilarity(a: TipFacts, b: TipFacts): number {
  if (a.bigrams.size === 0 || b.bigrams.size === 0) return 0;
  let both = 0;
  for (const g of a.bigrams) if (b.bigrams.has(g)) both++;
  return both / (a.bigrams.size + b.bigrams.size - both);
}

function matterEvidence(a: TipFacts, b: TipFacts, rules: typeof DUPLICATE_RULES): { agrees: boolean; reasons: TipCandidateReason[] } {
  const shared = a.matters.filter((m) => b.matters.includes(m));
  const sim = textSimilarity(a, b);
  // both name what is happening: they must name the same thing, however alike the words are
  const agrees = a.matters.length > 0 && b.matters.length > 0 ? shared.length > 0 : sim >= rules.textAgrees;
  const reasons = shared.map((m) => reason('matter', m));
  if (sim >= rules.textReason) reasons.push(reason('text', sim.toFixed(2)));
  return { agrees, reasons };
}

/** Noisy-or of the evidence: each kind counted once (its strongest), `text` by its similarity. */
function scoreOf(reasons: readonly TipCandidateReason[]): number {
  let miss = 1;
  for (const code of new Set(reasons.map((r) => r.code))) {
    const w = code === 'text' ? EVIDENCE_WEIGHTS.text * Math.max(...reasons.filter((r) => r.code === 'text').map((r) => Number(r.value))) : EVIDENCE_WEIGHTS[code];
    miss *= 1 - w;
  }
  return Math.round((1 - miss) * 100) / 100;
}

export interface TipMatch {
  readonly score: number;
  readonly reasons: TipCandidateReason[];
}

/** Whether `b` may report the same matter as `a`, with the score and reasons; null when not. */
export function compareTips(a: TipFacts, b: TipFacts, rules: typeof DUPLICATE_RULES = DUPLICATE_RULES): TipMatch | null {
  if (a.category !== b.category) return null; // a different category is a different matter
  if (differentIdentifiers(a, b)) return null;
  const ids = sharedIdentifiers(a, b);
  const place = placeEvidence(a, b, rules);
  if (ids.length === 0 && !place.agrees) return null;
  const matter = matterEvidence(a, b, rules);
  if (!matter.agrees) return null;
  const reasons = [...ids, ...place.reasons, ...matter.reasons].sort((x, y) => REASON_ORDER.indexOf(x.code) - REASON_ORDER.indexOf(y.code)).slice(0, 12);
  const score = scoreOf(reasons);
  return score >= rules.minScore ? { score, reasons } : null;
}

export interface EarlierTip {
  readonly id: string;
  readonly submittedAt: string;
  readonly facts: TipFacts;
}

/** The candidates of a new tip among earlier ones: best score first, then the newer, then by id. */
export function rankCandidates(tip: TipFacts, earlier: Iterable<EarlierTip>, rules: typeof DUPLICATE_RULES = DUPLICATE_RULES): TipCandidate[] {
  const found: (TipCandidate & { at: string })[] = [];
  for (const e of earlier) {
    const m = compareTips(tip, e.facts, rules);
    if (m) found.push({ tipId: e.id, score: m.score, reasons: m.reasons, at: e.submittedAt });
  }
  found.sort((x, y) => y.score - x.score || (x.at < y.at ? 1 : x.at > y.at ? -1 : 0) || (x.tipId < y.tipId ? -1 : 1));
  return found.slice(0, rules.maxCandidates).map(({ tipId, score, reasons }) => ({ tipId, score, reasons }));
}
