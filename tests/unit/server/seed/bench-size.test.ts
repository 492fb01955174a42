import { describe, expect, it } from 'vitest';
import { BENCH_PER_CITY, DEMO_PER_CITY, generateDemoData } from '#server/seed/index';

describe('bench-size generation', () => {
  it('splits a total over several cities exactly, with the demo mix of kinds', () => {
    for (const total of [1, 7, 1000, 100_000]) {
      const perCity = BENCH_PER_CITY(total);
      const sum = Object.values(perCity).reduce((s, c) => s + c.applications + c.accidents + c.tips, 0);
      expect(sum).toBe(total);
    }
    const big = Object.values(BENCH_PER_CITY(100_000));
    expect(big.length).toBeGreaterThanOrEqual(5);
    const apps = big.reduce((s, c) => s + c.applications, 0);
    const demo = Object.values(DEMO_PER_CITY);
    const demoShare = demo.reduce((s, c) => s + c.applications, 0) / demo.reduce((s, c) => s + c.applications + c.accidents + c.tips, 0);
    expect(Math.abs(apps / 100_000 - demoShare)).toBeLessThan(0.05);
  });

  it('generates 100,000 items in reuse mode from a small pool of photos', async () => {
    const started = performance.now();
    const d = await generateDemoData({ seed: 1, perCity: BENCH_PER_CITY(100_000), photos: 'reuse', now: '2026-11-26T08:00:00.000Z' });
    const ms = Math.round(performance.now() - started);
    // reported, not asserted: timing belongs in bench/, not in tests
    console.info(`seed: 100k items in reuse mode took ${ms} ms`);
    expect(d.applications.length + d.accidents.length + d.tips.length).toBe(100_000);
    expect(d.blobs.size).toBeLessThan(50);
  }, 180_000);
});
