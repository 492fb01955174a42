/**
 * Supervisors' figures (GET /api/v1/stats) and the weekly report over a province-sized store:
 * BENCH_ITEMS items (default 1,000,000) spread over a year, inserted through the store's own SQL
 * (`insertItem`, batches of 20k in one transaction each: the item row, its JSON and its change row,
 * the 0110 stats indexes maintained as they are on every write) with ratings of about a third of the
 * finished ones. Then, in-process, the median of five runs after a warm-up: the stats of a week,
 * a month and a year for the province, a city and a district; the monthly service table; the
 * weekly report as PDF and XLSX. Writes bench/results/stats.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SERVICES } from '#shared/data/catalogue';
import { TipCategorySchema, type WorkItem } from '#shared/domain/items';
import { childrenOf } from '#shared/domain/units';
import { createSqliteStore, DB_FILE } from '#server/store/sqlite/index';
import { ensureDemoOfficers, DEMO_OFFICERS } from '#server/officers';
import { computeStats, isoWeekOf, isoWeekRange, monthRange, serviceUsage, isRateable, ratingServiceOf } from '#server/domain/stats';
import { weeklyReportContent, weeklyReportPdf, weeklyReportXlsx } from '#server/domain/weekly-report';
import { Rng } from '#server/seed/prng';
import { percentile, report, type Figure } from './lib/report';
import { loadAverage, round, tempDir } from './lib/fixtures';

const TOTAL = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const BATCH = 20_000;
const DAY = 86_400_000;
const MIN = 60_000;
const log = (line: string) => console.log(`[stats.bench] ${line}`);
const rng = new Rng(11);

// cities weighted like the bench seed (a capital dominates); items sit at a city, a district or a station
const CITIES: readonly (readonly [string, number])[] = [['410100', 40], ['410300', 15], ['411300', 12], ['410200', 9], ['410700', 8], ['411400', 8], ['411600', 8]];
const UNITS = CITIES.map(([city, w]) => {
  const districts = childrenOf(city).filter((u) => u.level === 'district');
  const stations = districts.flatMap((d) => childrenOf(d.code));
  return { w, codes: [city, ...districts.map((d) => d.code), ...districts.map((d) => d.code), ...stations.map((s) => s.code)] };
});
const WEIGHT = UNITS.reduce((s, u) => s + u.w, 0);
function unitCode(): string {
  let roll = rng.next() * WEIGHT;
  for (const u of UNITS) if ((roll -= u.w) < 0) return rng.pick(u.codes);
  return '410100';
}
const clerks = DEMO_OFFICERS.filter((o) => o.role === 'clerk').map((o) => o.badge);
const iso = (ms: number) => new Date(ms).toISOString();
const mask = { name: '王**', idNumberMasked: '410105********1234', phoneMasked: '138****5678' };
const NOW = Math.floor(Date.now() / 1000) * 1000;

/** One item of a year's history: a realistic shape and size, decided or not like the demo's. */
function makeItem(n: number): WorkItem {
  const submitted = NOW - Math.floor(rng.next() * 365 * DAY);
  const unit = unitCode();
  const city = unit.slice(0, 4) + '00';
  const base = { unitCode: unit, version: 3, claimedBy: null, claimExpiresAt: null, submittedAt: iso(submitted), updatedAt: iso(submitted), notes: [] };
  const roll = rng.next();
  if (roll < 400 / 670) {
    const service = rng.pick(SERVICES);
    const due = submitted + service.limitDays * 1.4 * DAY;
    const decided = submitted < NOW - 2 * DAY && rng.chance(0.9);
    const decidedAt = decided ? Math.min(NOW - MIN, rng.chance(0.9) ? submitted + rng.int(30, 60 * 24 * 3) * MIN : due + rng.int(60, 60 * 24 * 5) * MIN) : 0;
    const rejected = decided && rng.chance(0.07);
    return {
      ...base,
      id: `APP-${city}-${n}`,
      kind: 'application',
      status: decided ? (rejected ? 'rejected' : rng.chance(0.5) ? 'completed' : 'approved') : 'submitted',
      dueAt: iso(due),
      updatedAt: iso(decided ? decidedAt : submitted),
      data: {
        serviceCode: service.code,
        applicant: { ...mask, address: '郑州市金水区花园路与农业路交叉口东北角某小区3号楼2单元' },
        form: { purpose: '旅游', destination: '新加坡' },
        materials: service.materials.map((m) => ({ code: m.code, sha256: 'ab'.repeat(32) })),
        delivery: 'window',
        emsAddress: null,
        decision: decided
          ? { outcome: rejected ? 'rejected' : 'approved', pickup: rejected ? null : 'window', reasonCode: rejected ? 'not_eligible' : null, reasonText: null, decidedBy: rng.pick(clerks), decidedAt: iso(decidedAt) }
          : null,
        supplement: null,
        pausedWorkingDays: 0,
        handedOver: null,
        dispatched: null,
      },
    } as WorkItem;
  }
  if (roll < 520 / 670) {
    const closedOut = submitted < NOW - DAY;
    const referred = closedOut && rng.chance(0.1);
    const determined = closedOut && !referred && rng.chance(0.85);
    // minutes to the determination: most within a quarter hour, a long tail
    const minutes = rng.chance(0.3) ? rng.int(2, 5) : rng.chance(0.8) ? rng.int(5, 30) : rng.int(30, 600);
    const party = (plate: string) => ({ ...mask, plate, vehicleType: '小型轿车', insurer: '人保财险', hasPlate: true, inspectionValid: true, insuranceValid: true, licenceValid: true, statement: '本车正常直行，对方车辆变更车道时未让行，发生碰擦。', situations: [] });
    return {
      ...base,
      id: `ACC-${city}-${n}`,
      kind: 'accident',
      status: determined ? 'determined' : referred ? 'referred' : 'reported',
      dueAt: null,
      data: {
        occurredAt: iso(submitted - 10 * MIN),
        location: { address: '郑州市金水区花园路与农业路交叉口', lat: 34.78, lng: 113.68 },
        parties: [party('豫A12345'), party('豫A54321')],
        declared: [],
        determination: determined
          ? { liabilities: ['full', 'none'], proposed: ['full', 'none'], scenario: 'rear_end', overrideReason: null, ruleTableVersion: 'henan-2024', decidedBy: '100002', decidedAt: iso(submitted + minutes * MIN) }
          : null,
        photoRequest: null,
        referral: referred ? { reasons: ['casualties'], note: '有人受伤', at: iso(submitted + rng.int(3, 30) * MIN) } : null,
        findings: [],
      },
    } as WorkItem;
  }
  const old = submitted < NOW - DAY;
  const r = rng.next();
  const status = !old || r < 0.2 ? 'new' : r < 0.6 ? 'routed' : r < 0.7 ? 'case_opened' : r < 0.9 ? 'closed' : 'duplicate';
  const routedAt = status === 'routed' || status === 'case_opened' ? iso(submitted + rng.int(10, 60 * 48) * MIN) : null;
  return {
    ...base,
    id: `TIP-${city}-${n}`,
    kind: 'tip',
    status,
    dueAt: routedAt ? iso(Date.parse(routedAt) + 72 * 3600_000) : null,
    data: {
      category: rng.pick(TipCategorySchema.options),
      content: '小区地下车库长期堆放大量易燃物品，消防通道被占用，多次向物业反映无果，存在严重火灾隐患，请尽快核查处理。',
      location: { address: '郑州市二七区大学路8号', lat: null, lng: null },
      reporter: { anonymous: false, nameMasked: '赵*', phoneMasked: '137****1111' },
      urgency: { score: 55, level: 'medium', reasons: ['fire_exit_blocked'] },
      candidates: [],
      notDuplicates: [],
      duplicateOf: status === 'duplicate' ? `TIP-${city}-1` : null,
      routedTo: routedAt ? unit : null,
      routedAt,
      caseNumber: status === 'case_opened' ? `A${city}${n}` : null,
      messages: [],
      closure: status === 'closed' ? { reason: '经核查不实', at: iso(submitted + 3 * DAY), by: '100003' } : null,
    },
  } as WorkItem;
}

async function median5(fn: () => unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return round(percentile(times, 50), 1);
}

async function main(): Promise<void> {
  const dir = tempDir('stats');
  const store = createSqliteStore(dir);
  const figures: Figure[] = [];
  const context: Record<string, unknown> = { items: TOTAL, loadAverageAtStart: loadAverage() };
  try {
    await ensureDemoOfficers(store);
    const t0 = performance.now();
    let ratings = 0;
    for (let i = 0; i < TOTAL; i += BATCH) {
      await store.transaction(async (tx) => {
        for (let n = i; n < Math.min(TOTAL, i + BATCH); n++) {
          const item = makeItem(n + 1);
          await tx.items.insert(item, {}, []);
          if (isRateable(item) && rng.chance(0.33)) {
            const stars = rng.chance(0.1) ? rng.int(1, 2) : rng.int(3, 5);
            await tx.stats.addRating({ itemId: item.id, kind: item.kind, unitCode: item.unitCode, serviceCode: ratingServiceOf(item), stars, comment: null, at: iso(Math.min(NOW - MIN, Date.parse(item.updatedAt) + rng.int(10, 3000) * MIN)) });
            ratings++;
          }
        }
      });
      if ((i / BATCH) % 10 === 9) log(`${i + BATCH} items, ${Math.round((performance.now() - t0) / 1000)} s`);
    }
    const seedS = (performance.now() - t0) / 1000;
    const dbMiB = fs.statSync(path.join(dir, DB_FILE)).size / 2 ** 20;
    figures.push({ metric: `seed ${TOTAL / 1000}k items + ${Math.round(ratings / 1000)}k ratings (store SQL, batches of ${BATCH / 1000}k)`, value: round(seedS, 1), unit: 's' });
    figures.push({ metric: 'seed rate (items, with the stats indexes)', value: Math.round(TOTAL / seedS), unit: 'items/s' });
    figures.push({ metric: 'database file after seeding', value: Math.round(dbMiB), unit: 'MiB' });

    const lastWeek = isoWeekOf(iso(NOW - 7 * DAY)).label;
    const week = isoWeekRange(lastWeek);
    const month = iso(NOW - 30 * DAY + 8 * 3600_000).slice(0, 7);
    const monthR = monthRange(month);
    const year = { from: iso(NOW - 365 * DAY), to: iso(NOW) };
    const aim = '≤ 500';
    for (const [label, unit] of [
      ['province 410000', '410000'],
      ['city 410100', '410100'],
      ['district 410105', '410105'],
    ] as const) {
      for (const [span, r] of [
        ['week', week],
        ['month', monthR],
        ['year', year],
      ] as const) {
        const ms = await median5(() => computeStats(store, unit, r.from, r.to));
        const s = await computeStats(store, unit, r.from, r.to);
        const counted = s.applications.received + s.accidents.reported + s.tips.received;
        figures.push({ metric: `GET /stats, ${label}, a ${span}`, value: ms, unit: 'ms', aim: span === 'year' ? undefined : aim, met: span === 'year' ? undefined : ms <= 500, note: `${counted} items received, timely ${((s.applications.timelyRate ?? 0) * 100).toFixed(1)}%` });
      }
    }
    const usage = await median5(() => serviceUsage(store, '410000', month));
    figures.push({ metric: `GET /stats/services, province, ${month}`, value: usage, unit: 'ms', aim, met: usage <= 500 });
    for (const [label, unit] of [
      ['city 410100', '410100'],
      ['province 410000', '410000'],
    ] as const) {
      const pdf = await median5(async () => weeklyReportPdf(await weeklyReportContent(store, unit, lastWeek)));
      const bytes = weeklyReportPdf(await weeklyReportContent(store, unit, lastWeek)).length;
      figures.push({ metric: `weekly report PDF, ${label}, ${lastWeek}`, value: pdf, unit: 'ms', aim: '≤ 2000', met: pdf <= 2000, note: `${Math.round(bytes / 1024)} KiB` });
      const times: number[] = [];
      for (let i = 0; i < 4; i++) {
        const t = performance.now();
        await weeklyReportXlsx(await weeklyReportContent(store, unit, lastWeek));
        times.push(performance.now() - t);
      }
      const xlsx = round(percentile(times.slice(1), 50), 1);
      figures.push({ metric: `weekly report XLSX, ${label}, ${lastWeek}`, value: xlsx, unit: 'ms', aim: '≤ 2000', met: xlsx <= 2000 });
    }
    context.loadAverageAtEnd = loadAverage();
    context.ratings = ratings;
    context.method = 'in-process store (server/store/sqlite), median of 5 runs after one warm-up; XLSX median of 3 after one';
    context.week = lastWeek;
    context.month = month;
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report('stats', figures, context);
}

await main();
