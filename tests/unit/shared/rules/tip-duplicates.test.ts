import { describe, expect, it } from 'vitest';
import type { TipCategory } from '#shared/domain/items';
import { DUPLICATE_RULES, compareTips, lookupKeys, rankCandidates, textSimilarity, tipFacts, type TipFacts } from '#shared/rules/tipDuplicates';
import { cityGeo } from '#server/seed/places';
import { labelledTips, measureCandidates, type LabelledTip } from '#server/seed/tipCorpus';

type Loc = { address: string; lat: number | null; lng: number | null } | null;
const facts = (category: TipCategory, content: string, location: Loc = null): TipFacts => tipFacts({ category, content, location });

const KTV = { address: '郑州市金水区花园路88号金海岸KTV', lat: 34.781254, lng: 113.681472 };
const P = facts('vice', '举报花园路88号金海岸KTV三楼包间每天晚上有人吸食K粉，还有人在卖摇头丸。', KTV);

describe('tip keys', () => {
  it('finds mobiles, landlines and numbers typed in groups, and tells a bank account from an ID number', () => {
    const f = facts('fraud', '对方电话0898-66123456，还有一个138 1234 5678，让我转到6222 0210 0112 3456 789，他说我的身份证410105199001011234有问题。');
    expect(f.phones).toEqual(['089866123456', '13812345678']);
    expect(f.accounts).toEqual(['6222021001123456789']);
  });

  it('reads Henan plates however they are written and only valid ones', () => {
    expect(facts('traffic', '车牌豫A·3K5Q8的渣土车，还有一辆豫ad12345，另一辆豫I12345').plates).toEqual(['豫A3K5Q8', '豫AD12345']);
  });

  it('reads roads, junctions and house numbers, with or without the city, 88号 as 88号院', () => {
    const a = facts('fire', '郑州市金水区花园路88号院楼道里有人充电');
    const b = facts('fire', '花园路88号楼道里有人充电');
    expect(lookupKeys(a)).toEqual(lookupKeys(b));
    expect(lookupKeys(a)).toEqual(['house:花园路:88', 'road:花园路']);
    expect(facts('traffic', '东大街与紫荆山路交叉口，夷山大街与东京大道路口').roads.map((r) => r.prefix + r.suffix)).toEqual(['东大街', '紫荆山路', '夷山大街', '东京大道']);
    expect(facts('traffic', '花园路农业路口有人闯红灯').roads.map((r) => r.prefix + r.suffix)).toEqual(['花园路', '农业路']);
  });

  it('does not take words ending in 路 or 街 for roads', () => {
    for (const text of ['他们搞套路贷，马路上全是人', '每天半夜都有改装车炸街', '我在下班路上看到的']) expect(facts('gang', text).roads).toEqual([]);
  });

  it('reads named venues and their buildings, synonyms as one kind; a bare kind names no venue', () => {
    expect(facts('vice', '金水区金海岸歌厅里有人吸毒').venues).toEqual([{ kind: 'KTV', brand: '金海岸', text: '金海岸歌厅' }]);
    expect(facts('vice', '二楼的足疗店晚上有人卖淫').venues).toEqual([]);
    expect(facts('fire', '花园路上有家店').venues).toEqual([]);
    const building = facts('fire', '锦绣花园3号楼楼道里有人给电动车充电');
    expect(lookupKeys(building)).toEqual(['venue:花园:锦绣', 'house:花园:锦绣:3号楼']);
  });

  it('names the matter within the category', () => {
    expect(P.matters).toEqual(['drugs']);
    expect(facts('vice', '棋牌室里每晚聚众赌博').matters).toEqual(['gambling']);
    expect(facts('fire', '安全出口被锁死了').matters).toEqual(['exit_blocked']);
    expect(facts('fraud', '对方冒充民警说我涉嫌洗钱').matters).toEqual(['fake_police']);
  });
});

describe('comparing two tips', () => {
  it('does not propose the locked fire exit of the KTV reported for drugs: another matter at one venue', () => {
    const fireExit = facts('fire', '花园路88号金海岸KTV的安全出口被锁死了，消防通道堆满了啤酒箱。', KTV);
    expect(compareTips(fireExit, P)).toBeNull();
    const gambling = facts('vice', '花园路88号金海岸KTV包间里有人聚众赌博，一晚上输赢几万。', KTV);
    expect(compareTips(gambling, P)).toBeNull();
  });

  it('finds paraphrases written differently, with the reasons, extracted keys before the text', () => {
    const q = facts('vice', '金水区金海岸歌厅（花园路88号院）晚上有年轻人在包厢里溜冰，服务员帮着望风。');
    expect(compareTips(q, P)).toEqual({
      score: 0.85,
      reasons: [
        { code: 'venue', value: '金海岸歌厅' },
        { code: 'house_number', value: '花园路88号' },
        { code: 'road', value: '花园路' },
        { code: 'matter', value: 'drugs' },
      ],
    });
  });

  it('proposes the bar next door for the same matter with a lower score, and not a bar far down the road', () => {
    const paraphrase = compareTips(facts('vice', '花园路上的金海岸KTV有人卖毒品，三楼包厢里天天有人吸K粉。'), P);
    const nextDoor = compareTips(facts('vice', '花园路86号夜色酒吧里有人卖摇头丸，还有人在卡座吸食。', { address: '郑州市金水区花园路86号夜色酒吧', lat: 34.781112, lng: 113.681455 }), P);
    expect(nextDoor?.reasons.map((r) => r.code)).toEqual(['road', 'nearby', 'matter', 'text']);
    expect(nextDoor!.score).toBeLessThan(paraphrase!.score);
    expect(nextDoor!.score).toBeGreaterThanOrEqual(DUPLICATE_RULES.minScore);
    expect(compareTips(facts('vice', '花园路260号蓝调酒吧里有人卖摇头丸，还有人在卡座吸食。'), P)).toBeNull();
  });

  it('matches place-less fraud tips only by a shared identifier, and never two scammers', () => {
    const a = facts('fraud', '我接到电话0898-66123456，对方自称是公安局的，说我涉嫌洗钱，让我转到安全账户。');
    const same = facts('fraud', '0898 66123456这个号码冒充公安，说我名下的卡在外地洗钱。');
    const other = facts('fraud', '我接到电话0871-55123456，对方自称是公安局的，说我涉嫌洗钱，让我转到安全账户。');
    const none = facts('fraud', '对方自称是公安局的，说我涉嫌洗钱，让我转到安全账户。');
    expect(compareTips(same, a)?.reasons[0]).toEqual({ code: 'phone', value: '089866123456' });
    expect(compareTips(other, a)).toBeNull();
    expect(compareTips(none, a)).toBeNull();
  });

  it('does not take two vehicles at one junction for one', () => {
    const a = facts('traffic', '花园路与农业路交叉口每天早上有渣土车闯红灯，车牌豫A3K5Q8。');
    expect(compareTips(facts('traffic', '农业路花园路路口渣土车闯红灯，车牌豫A·3K5Q8，还不盖篷布。'), a)?.score).toBeGreaterThanOrEqual(0.8);
    expect(compareTips(facts('traffic', '农业路花园路路口渣土车闯红灯，车牌豫A77Q21，还不盖篷布。'), a)).toBeNull();
  });

  it('ranks best first and keeps at most the allowed number', () => {
    const earlier = Array.from({ length: 14 }, (_, i) => ({
      id: `TIP-410100-${i + 1}`,
      submittedAt: `2026-11-2${i % 5}T08:00:00.000Z`,
      facts: i % 2 === 0 ? P : facts('vice', '花园路86号夜色酒吧里有人卖摇头丸，还有人在卡座吸食。', { address: '郑州市金水区花园路86号夜色酒吧', lat: 34.781112, lng: 113.681455 }),
    }));
    const ranked = rankCandidates(P, earlier);
    expect(ranked).toHaveLength(DUPLICATE_RULES.maxCandidates);
    expect(ranked.map((c) => c.score)).toEqual([...ranked.map((c) => c.score)].sort((a, b) => b - a));
    // the seven copies of the tip itself first, the newer before the older; then the bar next door
    const copies = ranked.slice(0, 7);
    expect(new Set(copies.map((c) => c.score)).size).toBe(1);
    expect(copies.map((c) => earlier.find((e) => e.id === c.tipId)!.facts)).toEqual(Array(7).fill(P));
    const at = copies.map((c) => earlier.find((e) => e.id === c.tipId)!.submittedAt);
    expect(at).toEqual([...at].sort().reverse());
    expect(ranked[7]!.score).toBeLessThan(copies[0]!.score);
  });
});

describe('on the generated labelled set', () => {
  const set: LabelledTip[] = labelledTips({ seed: 1, city: cityGeo('410100'), incidents: 300, endMs: Date.parse('2026-11-26T08:00:00.000Z'), spanDays: 28 });
  const all = set.map((t) => tipFacts(t.report));

  /** As at intake: each tip against the earlier ones in the window. */
  function candidatesOf(): number[][] {
    const windowMs = DUPLICATE_RULES.windowDays * 86_400_000;
    const index = new Map<string, number>(set.map((_, i) => [`#${i}`, i]));
    return set.map((t, i) => {
      const at = Date.parse(t.submittedAt);
      const earlier = set.flatMap((e, j) => (j < i && at - Date.parse(e.submittedAt) <= windowMs ? [{ id: `#${j}`, submittedAt: e.submittedAt, facts: all[j]! }] : []));
      return rankCandidates(all[i]!, earlier).map((c) => index.get(c.tipId)!);
    });
  }

  it('has paraphrase groups and every kind of hard negative', () => {
    const roles = new Set(set.map((t) => t.role));
    for (const r of ['paraphrase', 'other_matter_same_place', 'same_road_other_venue', 'same_frame_other_place', 'other_scammer']) expect(roles.has(r as LabelledTip['role']), r).toBe(true);
    expect(labelledTips({ seed: 1, city: cityGeo('410100'), incidents: 300, endMs: Date.parse('2026-11-26T08:00:00.000Z'), spanDays: 28 })).toEqual(set);
  });

  it('proposes duplicates with precision and recall of at least 0.8', () => {
    const found = candidatesOf();
    const m = measureCandidates(set, (i) => found[i]!);
    // text similarity alone, for comparison: the Jaccard of character bigrams (place words removed)
    const sims = (pick: (a: LabelledTip, b: LabelledTip) => boolean) => {
      const out: number[] = [];
      for (let i = 0; i < set.length; i++) for (let j = 0; j < i; j++) if (pick(set[i]!, set[j]!)) out.push(textSimilarity(all[i]!, all[j]!));
      return out.sort((a, b) => a - b);
    };
    const q = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(2) : '-');
    const para = sims((a, b) => a.incident === b.incident);
    const sameText = sims((a, b) => a.incident !== b.incident && a.report.matter.id === b.report.matter.id);
    console.log(
      [
        'tip duplicates on the labelled set (shared/rules/tipDuplicates.ts)',
        `  tips ${m.tips}, duplicate pairs ${m.pairs}, proposed ${m.proposed}, correct ${m.correct}`,
        `  precision ${m.precision.toFixed(3)}   recall ${m.recall.toFixed(3)}`,
        `  wrong proposals by role: ${JSON.stringify(m.wrongByRole)}`,
        `  text similarity, paraphrases of one incident: p10 ${q(para, 0.1)} p50 ${q(para, 0.5)} p90 ${q(para, 0.9)}`,
        `  text similarity, one matter at different places: p50 ${q(sameText, 0.5)} p90 ${q(sameText, 0.9)} max ${q(sameText, 1)}`,
      ].join('\n'),
    );
    expect(m.precision).toBeGreaterThanOrEqual(0.8);
    expect(m.recall).toBeGreaterThanOrEqual(0.8);
    // the hard negatives made for the place (another matter at the venue) are never proposed
    expect(m.wrongByRole.other_matter_same_place ?? 0).toBeLessThanOrEqual(2);
  });
});
