import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReporterCodeSchema, TipIntakeSchema } from '#shared/contract/api';
import { TipCategorySchema, type Tip } from '#shared/domain/items';
import { cityOf } from '#shared/domain/units';
import { DEMO_PER_CITY, generateDemoData, type DemoData } from '#server/seed/index';
import {
  ANON_FOLLOWUPS,
  FRAUD_ONGOING,
  KTV_BORDERLINE,
  KTV_FIRE_EXIT,
  KTV_PARAPHRASES,
  KTV_PRIMARY,
  SHOWCASE_REPORTER_CODE,
  replayTipThreads,
} from '#server/seed/tipShowcase';
import { ingest, type SeedReport } from '#server/demo';
import { createTip } from '#server/domain/intake';
import { followUpTip } from '#server/domain/citizen';
import { createSqliteStore } from '#server/store/sqlite/index';
import type { Store } from '#server/store/store';

/**
 * The demo's tip showcase (server/seed/tipShowcase.ts) goes through the same intake as citizens'
 * tips: the ongoing transfer tops the city's triage order, the KTV group's paraphrases name their
 * primary, the bar next door is proposed lower and the locked fire exit not at all; the anonymous
 * tip's reporter threads in with the known code.
 */
const NOW = '2026-11-26T08:00:00.000Z';
let dir: string;
let store: Store;
let data: DemoData;
let report: SeedReport;
let tips: Tip[];

beforeAll(async () => {
  data = await generateDemoData({ seed: 2026, perCity: DEMO_PER_CITY, photos: 'reuse', now: NOW });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-showcase-'));
  store = createSqliteStore(dir);
  report = await ingest(store, data);
  tips = [];
  for (const id of report.ids.tip) tips.push((await store.items.getWork(id!)) as Tip);
}, 120_000);

afterAll(async () => {
  await store?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const byContent = (content: string): Tip => {
  const found = tips.filter((t) => t.data.content === content);
  expect(found, content).toHaveLength(1);
  return found[0]!;
};

describe('the tip showcase', () => {
  it('keeps every category in all four demo cities, the counts as asked and the data deterministic', async () => {
    expect(report.refused).toBe(0);
    expect(data.tips).toHaveLength(Object.values(DEMO_PER_CITY).reduce((s, c) => s + c.tips, 0));
    for (const city of Object.keys(DEMO_PER_CITY)) {
      expect(new Set(data.tips.filter((t) => cityOf(t.unitCode) === city).map((t) => t.category)), city).toEqual(new Set(TipCategorySchema.options));
    }
    const again = await generateDemoData({ seed: 2026, perCity: DEMO_PER_CITY, photos: 'reuse', now: NOW });
    expect(again.tips).toEqual(data.tips);
    expect(again.tipThreads).toEqual(data.tipThreads);
    expect(again.tipDuplicateOf).toEqual(data.tipDuplicateOf);
  });

  it('puts the money still moving above every other Zhengzhou tip', () => {
    const fraud = byContent(FRAUD_ONGOING.content);
    expect(fraud.unitCode).toBe(FRAUD_ONGOING.unitCode);
    expect(fraud.data.reporter.anonymous).toBe(false);
    expect(Date.parse(NOW) - Date.parse(fraud.submittedAt)).toBe(FRAUD_ONGOING.minutesAgo * 60_000);
    expect(fraud.data.urgency.level).toBe('critical');
    const others = tips.filter((t) => cityOf(t.unitCode) === '410100' && t.id !== fraud.id);
    expect(others.length).toBeGreaterThan(100);
    for (const t of others) expect(t.data.urgency.score, t.data.content).toBeLessThan(fraud.data.urgency.score);
  });

  it('has the KTV paraphrases name their primary, the bar next door lower, and the fire exit not at all', () => {
    const primary = byContent(KTV_PRIMARY);
    expect(primary.data.candidates).toEqual([]);
    const scores: number[] = [];
    for (const text of KTV_PARAPHRASES) {
      const c = byContent(text).data.candidates.find((x) => x.tipId === primary.id);
      expect(c, text).toBeDefined();
      expect(c!.reasons.map((r) => r.code)).toContain('venue');
      scores.push(c!.score);
    }
    expect(byContent(KTV_PARAPHRASES[1]).data.reporter.anonymous).toBe(true);
    const borderline = byContent(KTV_BORDERLINE).data.candidates.find((x) => x.tipId === primary.id);
    expect(borderline).toBeDefined();
    expect(borderline!.reasons.map((r) => r.code)).not.toContain('venue');
    expect(borderline!.score).toBeLessThan(Math.min(...scores));
    const fire = byContent(KTV_FIRE_EXIT);
    expect(fire.data.category).toBe('fire');
    expect(fire.data.candidates).toEqual([]);
    expect(tips.some((t) => t.data.candidates.some((c) => c.tipId === fire.id))).toBe(false);
  });

  it('finds the generated paraphrases too, and names few tips that are not', () => {
    const index = new Map(report.ids.tip.map((id, i) => [id!, i]));
    const group = (i: number) => data.tipDuplicateOf[i] ?? i;
    let right = 0;
    let wrong = 0;
    tips.forEach((t, i) => {
      for (const c of t.data.candidates) if (group(index.get(c.tipId)!) === group(i)) right++;
      else wrong++;
    });
    const duplicates = data.tipDuplicateOf.filter((d) => d !== null).length;
    expect(duplicates).toBeGreaterThan(10);
    expect(right).toBeGreaterThanOrEqual(duplicates * 0.8);
    expect(wrong).toBeLessThanOrEqual(right * 0.25);
  });

  it('gives the showcase tips the known reporter code and the anonymous tip its reporter follow-ups', () => {
    expect(ReporterCodeSchema.parse(SHOWCASE_REPORTER_CODE)).toBe(SHOWCASE_REPORTER_CODE);
    const anon = data.tipThreads.find((t) => data.tips[t.tip]!.content === ANON_FOLLOWUPS.content)!;
    expect(data.tips[anon.tip]!.reporter.anonymous).toBe(true);
    expect(cityOf(data.tips[anon.tip]!.unitCode)).toBe('410100');
    expect(anon.followUps.map((f) => f.text)).toEqual(ANON_FOLLOWUPS.followUps.map((f) => f.text));
    for (const f of anon.followUps) {
      expect(f.at > data.tips[anon.tip]!.submittedAt!).toBe(true);
      expect(f.at < NOW).toBe(true);
    }
    expect(data.tipThreads.every((t) => t.reporterCode === SHOWCASE_REPORTER_CODE)).toBe(true);
    expect(data.tipThreads).toHaveLength(7);
  });

  it('threads the follow-ups in when the tips are created with the known code, and the code works again', async () => {
    const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-threads-'));
    const scratch = createSqliteStore(scratchDir);
    try {
      const ids: (string | undefined)[] = [];
      for (const [i, t] of data.tips.entries()) {
        const thread = data.tipThreads.find((x) => x.tip === i);
        ids.push(thread ? (await scratch.transaction((tx) => createTip(tx, TipIntakeSchema.parse(t), new Date(NOW), { reporterCode: thread.reporterCode }))).id : undefined);
      }
      expect(await scratch.transaction((tx) => replayTipThreads(tx, data.tipThreads, ids))).toBe(2);
      const anon = data.tipThreads.find((t) => data.tips[t.tip]!.content === ANON_FOLLOWUPS.content)!;
      const tip = (await scratch.items.getWork(ids[anon.tip]!)) as Tip;
      expect(tip.data.messages.map((m) => [m.from, m.by, m.text, m.at])).toEqual(anon.followUps.map((f) => ['reporter', null, f.text, f.at]));
      // what the end-to-end test does over HTTP
      await scratch.transaction((tx) => followUpTip(tx, { itemId: tip.id, reporterCode: SHOWCASE_REPORTER_CODE, text: '又来了' }, new Date(NOW)));
      expect(((await scratch.items.getWork(tip.id)) as Tip).data.messages).toHaveLength(3);
    } finally {
      await scratch.close();
      fs.rmSync(scratchDir, { recursive: true, force: true });
    }
  });
});
