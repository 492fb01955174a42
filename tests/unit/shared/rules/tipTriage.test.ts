import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TipCategorySchema, type TipCategory } from '#shared/domain/items';
import { levelForScore, scoreTip } from '#shared/rules/tipTriage';

const tip = (category: TipCategory, content: string, extra: Partial<Parameters<typeof scoreTip>[0]> = {}) =>
  scoreTip({ category, content, location: null, reporter: { anonymous: false }, hasAttachments: false, ...extra });

describe('tip triage', () => {
  it('scores a gang tip with a knife above a traffic tip', () => {
    const gang = tip('gang', '有人持刀在小区门口聚集');
    const traffic = tip('traffic', '有车辆长期违停占用人行道', { location: { address: '郑州市金水区花园路' }, hasAttachments: true });
    expect(gang.score).toBeGreaterThan(traffic.score);
    expect(['high', 'critical']).toContain(gang.level);
    expect(traffic.level).toBe('low');
  });

  it('marks an imminent gas danger with a location as critical', () => {
    const t = tip('fire', '楼下饭店正在违规存放液化气罐，还堵塞消防通道', { location: { address: '洛阳市西工区' } });
    expect(t.level).toBe('critical');
    expect(t.reasons).toEqual(['category:fire', 'keyword:imminent', 'keyword:explosion', 'keyword:fire_access', 'has_location']);
  });

  it('puts a fraud tip whose money is still moving above every other kind of tip', () => {
    const moving = tip('fraud', '我父亲现在正在银行柜台给对方转账，对方说要把存款转到安全账户，请马上拦截');
    expect(moving).toMatchObject({ level: 'critical', score: 100 });
    expect(moving.reasons).toContain('keyword:money_moving');
    // the strongest other tip: a gang with knives, happening now, with a place and a photo
    const gang = tip('gang', '现在有十几个人持刀在网吧门口聚集，马上要打起来', { location: { address: '郑州市金水区' }, hasAttachments: true });
    expect(moving.score).toBeGreaterThanOrEqual(gang.score);
    // money words in a gambling tip are context, not urgency
    expect(tip('vice', '赌场里有人正在转账').reasons).not.toContain('keyword:money_moving');
  });

  it('raises fraud tips that mention transfers or verification codes', () => {
    const plain = tip('fraud', '接到可疑电话');
    const money = tip('fraud', '对方让我转账并提供验证码');
    expect(money.score).toBeGreaterThan(plain.score);
    expect(money.reasons).toContain('keyword:money');
  });

  it('does not count money words outside fraud tips', () => {
    expect(tip('vice', '赌场让人转账').reasons).not.toContain('keyword:money');
  });

  it('counts each keyword group once', () => {
    expect(tip('gang', '持刀 持刀 持刀 砍刀').score).toBe(tip('gang', '持刀').score);
  });

  it('lowers anonymous tips slightly', () => {
    const named = tip('vice', '某会所涉嫌卖淫嫖娼');
    const anon = tip('vice', '某会所涉嫌卖淫嫖娼', { reporter: { anonymous: true } });
    expect(named.score - anon.score).toBe(5);
    expect(anon.reasons).toContain('anonymous');
  });

  it('rewards a location and attachments', () => {
    const bare = tip('other', '发现可疑情况');
    const full = tip('other', '发现可疑情况', { location: { address: '开封市龙亭区' }, hasAttachments: true });
    expect(full.score).toBe(bare.score + 15);
    expect(full.reasons).toEqual(['category:other', 'has_location', 'has_attachments']);
    expect(tip('other', '发现可疑情况', { location: { address: '  ' } }).reasons).not.toContain('has_location');
  });

  it('orders categories gang > fire > fraud > vice > traffic for the same text', () => {
    const scores = (['gang', 'fire', 'fraud', 'vice', 'traffic'] as const).map((c) => tip(c, '请核查').score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('maps scores to levels by threshold', () => {
    expect(levelForScore(0)).toBe('low');
    expect(levelForScore(29)).toBe('low');
    expect(levelForScore(30)).toBe('medium');
    expect(levelForScore(55)).toBe('high');
    expect(levelForScore(80)).toBe('critical');
    expect(levelForScore(100)).toBe('critical');
  });

  it('always yields an integer score in 0..100 with a consistent level', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TipCategorySchema.options),
        fc.array(fc.constantFrom('正在', '持刀', '爆炸', '煤气', '转账', '验证码', '堵塞消防通道', '今晚', '学生', '普通文字'), { maxLength: 12 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (category, words, anonymous, hasAttachments, hasLocation) => {
          const r = scoreTip({ category, content: words.join(''), location: hasLocation ? { address: '郑州' } : null, reporter: { anonymous }, hasAttachments });
          expect(Number.isInteger(r.score)).toBe(true);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(r.level).toBe(levelForScore(r.score));
          expect(r.reasons[0]).toBe(`category:${category}`);
        },
      ),
    );
  });
});
