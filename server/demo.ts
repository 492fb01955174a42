import {
  AccidentIntakeSchema,
  ApplicationIntakeSchema,
  TipIntakeSchema,
  type AccidentIntake,
  type ApplicationIntake,
  type TipIntake,
} from '#shared/contract/api';
import { randomUUID } from 'node:crypto';
import { AppError } from '#shared/errors';
import { CommandSchema } from '#shared/domain/commands';
import type { ItemKind } from '#shared/domain/items';
import type { ExchangeConfig } from './config';
import type { Repos, Store } from './store/store';
import { DEMO_OFFICERS, DEMO_PASSWORD, ensureDemoOfficers } from './officers';
import { inspectAttachment } from './domain/attachments';
import { createAccident, createApplication, createTip } from './domain/intake';
import { BENCH_PER_CITY, DEMO_PER_CITY, demoActions, generateDemoData, type DemoAction, type DemoData } from './seed/index';
import { lateDecisionActions, overdueApplications, seedRatings } from './seed/ratings';
import { replayTipThreads } from './seed/tipShowcase';
import { seedAppointments } from './seed/appointments';
import { runCommand } from './domain/apply';

/**
 * Demo and bench data go through the same intake functions as HTTP intake (same validation, same
 * masking, same ids), in transactions of CHUNK items so 100k items load in seconds.
 */
const CHUNK = 1000;

type Entry = { index: number } & (
  | { kind: 'application'; body: ApplicationIntake }
  | { kind: 'accident'; body: AccidentIntake }
  | { kind: 'tip'; body: TipIntake }
);

export interface SeedReport {
  readonly created: number;
  readonly refused: number;
  readonly blobs: number;
  readonly ms: number;
  /** Item id of each generated intake by kind and position (undefined where refused). */
  readonly ids: Readonly<Record<ItemKind, (string | undefined)[]>>;
}

async function storeBlobs(store: Store, data: DemoData): Promise<void> {
  for (const [sha256, blob] of data.blobs) {
    if (await store.blobs.meta(sha256)) continue;
    const meta = await inspectAttachment(blob.bytes, blob.contentType);
    if (meta.sha256 !== sha256) throw new Error(`seed blob ${sha256} hashes to ${meta.sha256}`);
    await store.blobs.put(meta, blob.bytes);
  }
}

/** Every generated item in arrival order, so ids and change seqs follow submission time. */
function entriesOf(data: DemoData): Entry[] {
  const entries: Entry[] = [
    ...data.applications.map((body, index) => ({ kind: 'application' as const, body, index })),
    ...data.accidents.map((body, index) => ({ kind: 'accident' as const, body, index })),
    ...data.tips.map((body, index) => ({ kind: 'tip' as const, body, index })),
  ];
  return entries.sort((a, b) => (a.body.submittedAt ?? '').localeCompare(b.body.submittedAt ?? ''));
}

function intakeOf<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: unknown } }, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid', 'generated intake failed its schema');
  return parsed.data;
}

async function createEntry(db: Repos, entry: Entry, now: Date, codes: ReadonlyMap<number, string>): Promise<string> {
  switch (entry.kind) {
    case 'application':
      return (await createApplication(db, intakeOf(ApplicationIntakeSchema, entry.body), now)).id;
    case 'accident':
      return (await createAccident(db, intakeOf(AccidentIntakeSchema, entry.body), now)).id;
    case 'tip':
      return (await createTip(db, intakeOf(TipIntakeSchema, entry.body), now, { reporterCode: codes.get(entry.index) })).id;
  }
}

export async function ingest(store: Store, data: DemoData, log: (line: string) => void = () => {}): Promise<SeedReport> {
  const started = Date.now();
  await storeBlobs(store, data);
  const entries = entriesOf(data);
  const now = new Date();
  let created = 0;
  let refused = 0;
  const ids: Record<ItemKind, (string | undefined)[]> = { application: [], accident: [], tip: [], appointment: [] };
  // the showcase tips' reporter codes are known, so a demo can post their reporter's follow-ups
  const codes = new Map((data.tipThreads ?? []).map((thread) => [thread.tip, thread.reporterCode]));
  for (let i = 0; i < entries.length; i += CHUNK) {
    await store.transaction(async (tx) => {
      for (const entry of entries.slice(i, i + CHUNK)) {
        try {
          ids[entry.kind][entry.index] = await createEntry(tx, entry, now, codes);
          created++;
        } catch (err) {
          // Intake refuses (AppError) before it writes anything, so the chunk stays consistent;
          // anything else is a bug and aborts the chunk.
          if (!(err instanceof AppError)) throw err;
          refused++;
          if (refused <= 5) log(`seed: refused a generated ${entry.kind}: ${err.code} ${err.message}`);
        }
      }
    });
  }
  await store.transaction((tx) => replayTipThreads(tx, data.tipThreads ?? [], ids.tip));
  return { created, refused, blobs: data.blobs.size, ms: Date.now() - started, ids };
}

/**
 * Replays the seed's officer work (server/seed/actions.ts) through the command runner, each step
 * at its own historical instant, so the demo opens with decided, routed and handed-over items and
 * an audit trail. Returns how many commands were applied and refused.
 */
export async function replayActions(store: Store, actions: readonly DemoAction[], ids: SeedReport['ids'], leaseScale: number): Promise<{ applied: number; refused: number }> {
  let applied = 0;
  let refused = 0;
  for (let i = 0; i < actions.length; i += CHUNK / 10) {
    await store.transaction(async (tx) => {
      for (const action of actions.slice(i, i + CHUNK / 10)) {
        const itemId = ids[action.kind][action.index];
        const officer = DEMO_OFFICERS.find((o) => o.badge === action.badge);
        if (!itemId || !officer) {
          refused += action.steps.length;
          continue;
        }
        for (const step of action.steps) {
          const version = (await tx.items.getWork(itemId))?.version ?? 1;
          const raw =
            step.type === 'link_duplicate'
              ? { type: step.type, body: { duplicateOf: ids.tip[step.duplicateOfTip] ?? '' } }
              : { type: step.type, body: step.body };
          const cmd = CommandSchema.safeParse({ id: randomUUID(), itemId, expectedVersion: version, ...raw });
          if (!cmd.success) {
            refused++;
            break;
          }
          const result = await runCommand({ db: tx, officer, leaseScale, now: () => new Date(step.at) }, cmd.data);
          if (result.status !== 'applied') {
            refused++;
            break;
          }
          applied++;
        }
      }
    });
  }
  return { applied, refused };
}

/** `--demo`: officers always; generated data only into an empty store. */
export async function seedDemoIfEmpty(store: Store, config: ExchangeConfig, log: (line: string) => void): Promise<void> {
  await ensureDemoOfficers(store);
  if ((await store.items.latestSeq()) > 0) {
    log('demo: the data folder already has items; not seeding again');
  } else {
    const data = await generateDemoData({ seed: 2026, perCity: { ...DEMO_PER_CITY }, photos: 'generated' });
    const report = await ingest(store, data, log);
    log(`demo: seeded ${report.created} items and ${report.blobs} attachments in ${report.ms} ms${report.refused ? ` (${report.refused} refused)` : ''}`);
    const work = await replayActions(store, demoActions(data), report.ids, config.leaseScale);
    log(`demo: replayed ${work.applied} officer commands${work.refused ? ` (${work.refused} refused)` : ''}`);
    // the supervisors' figures: applications decided late as well as on time, and ratings
    const overdue = overdueApplications(data);
    const late = await ingest(store, { ...data, applications: overdue, accidents: [], tips: [], tipThreads: [], tipDuplicateOf: [] }, log);
    const lateWork = await replayActions(store, lateDecisionActions({ ...data, applications: overdue }, []), late.ids, config.leaseScale);
    const rated = (await seedRatings(store, report.ids)).rated + (await seedRatings(store, late.ids)).rated;
    log(`demo: ${late.created} applications past their limit (${lateWork.applied} late commands), ${rated} ratings`);
    const hall = await seedAppointments(store, new Date());
    log(`demo: ${hall.booked} appointments at the district halls (${hall.worked} window commands)`);
  }
  log(`demo officers, password ${DEMO_PASSWORD}:`);
  log('  badge   role        unit    name');
  for (const o of DEMO_OFFICERS) log(`  ${o.badge}  ${o.role.padEnd(10)}  ${o.unitCode}  ${o.name}`);
}

/** Loads `total` generated items (photos reused from a small pool) for benchmarks. */
export async function seedBench(store: Store, total: number, seed = 7): Promise<SeedReport> {
  const data = await generateDemoData({ seed, perCity: BENCH_PER_CITY(total), photos: 'reuse' });
  return ingest(store, data);
}
