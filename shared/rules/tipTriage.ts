/**
 * First urgency estimate of a tip (线索举报), before an officer reads it. The officer may re-triage
 * (command `triage`); this only orders the queue. Weights are data below; reason codes are stable
 * (they are stored with the tip and translated by the console): `category:<cat>`,
 * `keyword:<group>`, `has_location`, `has_attachments`, `anonymous`.
 *
 * Score = category weight + every keyword group that matches (each counted once) + location +
 * attachments − anonymity, clamped to 0..100. Levels by TRIAGE_LEVELS thresholds.
 * Calibration anchors (tested): a gang tip mentioning 持刀 is `high` or above and outranks a
 * traffic tip without danger words; a plain traffic tip stays `low` even with location and photos;
 * a fraud tip whose money is still moving (正在转账) is `critical` and outranks every other kind.
 */
import type { TipCategory, UrgencyLevel } from '../domain/items';

export const CATEGORY_WEIGHTS: Readonly<Record<TipCategory, number>> = {
  gang: 45, // 涉黑恶: two of the seed's leads went to investigation
  fire: 40, // 火灾隐患: nine major hazards investigated
  fraud: 30, // 电信诈骗: money can still be stopped if fast
  vice: 20, // 黄赌毒
  other: 15,
  traffic: 5, // 交通违法: evidence matters more than speed
};

/** Keyword groups: a group adds its weight once when any of its words occurs in the content. */
export const KEYWORD_GROUPS: readonly { group: string; weight: number; words: readonly string[]; categories?: readonly TipCategory[] }[] = [
  { group: 'imminent', weight: 15, words: ['正在', '马上', '今晚', '现在', '即将', '立刻', '刚刚'] },
  { group: 'weapon', weight: 25, words: ['持刀', '砍刀', '枪', '砍人', '棍棒', '打人', '行凶'] },
  { group: 'explosion', weight: 25, words: ['爆炸', '炸药', '煤气', '液化气', '燃气泄漏', '易燃易爆'] },
  { group: 'fire_access', weight: 10, words: ['堵塞消防通道', '消防通道', '安全出口', '私拉电线', '电动车充电'] },
  // Money words only raise fraud tips: "转账" in a gambling tip is context, not urgency.
  { group: 'money', weight: 15, words: ['转账', '验证码', '汇款', '安全账户', '银行卡', '刷单'], categories: ['fraud'] },
  // A fraud tip is worth most while the money is still moving: it can still be stopped.
  { group: 'money_moving', weight: 40, words: ['正在转账', '正在汇款', '正在给对方转', '还在转账', '正在银行', '准备转账', '马上要转'], categories: ['fraud'] },
  { group: 'minors', weight: 10, words: ['未成年', '学生', '小孩', '儿童'] },
];

export const SIGNAL_WEIGHTS = { has_location: 10, has_attachments: 5, anonymous: -5 } as const;

/** Lowest score of each level, highest first. */
export const TRIAGE_LEVELS: readonly { level: UrgencyLevel; min: number }[] = [
  { level: 'critical', min: 80 },
  { level: 'high', min: 55 },
  { level: 'medium', min: 30 },
  { level: 'low', min: 0 },
];

export interface TipTriageInput {
  category: TipCategory;
  content: string;
  location: { address: string } | null;
  reporter: { anonymous: boolean };
  hasAttachments: boolean;
}

export interface TipTriageResult {
  score: number;
  level: UrgencyLevel;
  reasons: string[];
}

export function levelForScore(score: number): UrgencyLevel {
  return (TRIAGE_LEVELS.find((l) => score >= l.min) ?? TRIAGE_LEVELS[TRIAGE_LEVELS.length - 1]!).level;
}

export function scoreTip(t: TipTriageInput): TipTriageResult {
  const reasons: string[] = [`category:${t.category}`];
  let score = CATEGORY_WEIGHTS[t.category] ?? CATEGORY_WEIGHTS.other;
  const content = t.content ?? '';
  for (const g of KEYWORD_GROUPS) {
    if (g.categories && !g.categories.includes(t.category)) continue;
    if (g.words.some((w) => content.includes(w))) {
      score += g.weight;
      reasons.push(`keyword:${g.group}`);
    }
  }
  if (t.location && t.location.address.trim() !== '') {
    score += SIGNAL_WEIGHTS.has_location;
    reasons.push('has_location');
  }
  if (t.hasAttachments) {
    score += SIGNAL_WEIGHTS.has_attachments;
    reasons.push('has_attachments');
  }
  if (t.reporter.anonymous) {
    score += SIGNAL_WEIGHTS.anonymous;
    reasons.push('anonymous');
  }
  score = Math.max(0, Math.min(100, Math.round(score)));
  return { score, level: levelForScore(score), reasons };
}
