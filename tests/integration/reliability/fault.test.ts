import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { AuditVerifyResponseSchema, ROUTES } from '#shared/contract/api';
import { login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { exchangeItems, readCache, tempDir, waitFor } from '../console/support';
import { command, openDb, postCommands } from '../server/fixtures';
import { startConsoleWorker, type ConsoleWorker } from './console-worker';
import { isCommandsPost, startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * Issue 9 "keep it found": a console (its core in a child process, so it can be SIGKILLed) works
 * through a TCP fault proxy while, round after round, one fault is injected: the exchange killed
 * at a random moment (also while a commands batch is in flight), a commands answer dropped after
 * the exchange applied it, the console killed right after queuing decisions, the line refused or
 * held, a second officer racing the console for a claim, or a supervisor taking the console's
 * claim over while it decides. Seeded: FAULT_SEED=<n> replays a run,
 * FAULT_ROUNDS=<n> changes its length.
 *
 * At the end: every command the console queued is applied exactly once on the exchange (audit log,
 * each command id at most once), or it is a conflict another officer's action explains (or held
 * behind one); no conflict on an item nobody else touched; the console's cache equals the
 * exchange; the audit chain verifies.
 */
const SEED = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 21);
const CONSOLE_BADGE = '100001';
const SECOND_BADGE = '100005';
const SUPERVISOR_BADGE = '100004';

type RoundKind = 'kill_exchange' | 'drop_answer' | 'kill_console' | 'race' | 'take_over' | 'partition' | 'double';
const KINDS: RoundKind[] = ['kill_exchange', 'drop_answer', 'kill_console', 'race', 'take_over', 'partition', 'double'];

/** mulberry32: small, seedable, good enough to pick faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fault timing, not a wait for a condition: the moment a kill lands. */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]);
}

interface Queued {
  commandId: string;
  itemId: string;
  type: string;
  round: number;
  kind: RoundKind;
}

describe('faults at every moment: each decision lands once or is an explained conflict', () => {
  let exchange: ExchangeHandle;
  let proxy: TcpProxy;
  let worker: ConsoleWorker;
  let dataDir: string;

  beforeAll(async () => {
    exchange = await startExchange();
    proxy = await startTcpProxy(exchange.port);
    dataDir = tempDir('fault-console-');
    worker = await startConsoleWorker(dataDir, proxy.url, CONSOLE_BADGE);
  });
  afterAll(async () => {
    await worker?.kill();
    await proxy?.close();
    await exchange?.stop();
  });

  it('survives seeded rounds of kills, dropped answers, partitions and racing claims', { timeout: 300_000 }, async () => {
    const rnd = seeded(SEED);
    console.log(`[fault] seed ${SEED} (replay with FAULT_SEED=${SEED}), ${ROUNDS} rounds`);
    // every kind at least twice when the run is long enough, the rest drawn at random, shuffled
    const schedule: RoundKind[] = [];
    for (let i = 0; i < ROUNDS; i++) schedule.push(i < 2 * KINDS.length ? KINDS[i % KINDS.length]! : KINDS[Math.floor(rnd() * KINDS.length)]!);
    for (let i = schedule.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [schedule[i], schedule[j]] = [schedule[j]!, schedule[i]!];
    }

    const queued: Queued[] = [];
    const refusedAtOnce: { itemId: string; type: string; code: string; round: number }[] = [];
    const faults: Record<string, number> = {};
    const count = (name: string) => (faults[name] = (faults[name] ?? 0) + 1);
    const secondToken = await login(exchange.url, SECOND_BADGE);
    const supervisorToken = await login(exchange.url, SUPERVISOR_BADGE);

    const queue = async (round: number, kind: RoundKind, itemId: string, type: 'claim' | 'decide', body: Record<string, unknown> = {}) => {
      const reply = await worker.call('items.command', { itemId, type, body } as never);
      if (reply.ok) queued.push({ commandId: reply.result.commandId, itemId, type, round, kind });
      else refusedAtOnce.push({ itemId, type, code: reply.error.code, round });
      return reply.ok;
    };
    const decision = (): Record<string, unknown> =>
      rnd() < 0.75 ? { outcome: 'approve', pickup: rnd() < 0.5 ? 'window' : 'ems' } : { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '不符合办理条件' };
    const claimAndDecide = async (round: number, kind: RoundKind, ids: string[], phase: 'both' | 'claims' | 'decisions' = 'both') => {
      if (phase !== 'decisions') for (const id of ids) await queue(round, kind, id, 'claim');
      if (phase !== 'claims') {
        for (const id of ids) {
          // only what the console itself could claim: a locally refused claim leaves nothing to decide
          if (queued.some((q) => q.itemId === id && q.type === 'claim')) await queue(round, kind, id, 'decide', decision());
        }
      }
    };
    const outboxDrained = () =>
      waitFor(async () => (await worker.must('outbox.list', {})).every((r) => r.state === 'held'), 'the console outbox to drain (only held rows left)', 60_000);
    const serverVersion = (id: string): number => {
      const db = openDb(exchange);
      try {
        return (db.prepare('SELECT version FROM items WHERE id = ?').get(id) as { version: number }).version;
      } finally {
        db.close();
      }
    };
    /** The second officer's console, straight to the exchange; its claims and decisions are what explain a conflict. */
    const secondOfficer = async (itemId: string, type: 'claim' | 'decide', body: Record<string, unknown> = {}) => {
      const [result] = await postCommands(exchange, secondToken, [command(itemId, type, serverVersion(itemId), body, randomUUID())]);
      return result!.status;
    };
    /** A supervisor taking the console's claim over: what explains a claim_lost. */
    const takeOver = async (itemId: string) => {
      const [result] = await postCommands(exchange, supervisorToken, [command(itemId, 'take_over', serverVersion(itemId), { reason: '窗口人员调岗，由值班主管接办' }, randomUUID())]);
      return result!.status;
    };

    for (let round = 0; round < schedule.length; round++) {
      const kind = schedule[round]!;
      const ids = [await scannedApplication(exchange), await scannedApplication(exchange)];
      await waitFor(async () => {
        for (const id of ids) if (!(await worker.call('items.get', { id })).ok) return false;
        return true;
      }, `round ${round}: the console to pull its new items`);

      switch (kind) {
        case 'kill_exchange': {
          const atRequest = rnd() < 0.7;
          const delay = Math.floor(rnd() * 25);
          count(atRequest ? 'exchange killed during a commands batch' : 'exchange killed at a random moment');
          const killed = atRequest ? proxy.nextRequest(isCommandsPost).then(() => pause(delay)).then(() => exchange.kill()) : null;
          await claimAndDecide(round, kind, ids);
          if (killed) await within(killed, 20_000, 'a commands batch to kill the exchange on');
          else {
            await pause(delay);
            await exchange.kill();
          }
          await exchange.restart();
          break;
        }
        case 'drop_answer': {
          const variant = Math.floor(rnd() * 3);
          if (variant === 0) {
            count('answer of a claim batch dropped');
            const dropped = proxy.dropNextAnswer(isCommandsPost);
            await claimAndDecide(round, kind, ids);
            await within(dropped, 20_000, 'a commands answer to drop');
          } else if (variant === 1) {
            count('answer of a decide batch dropped');
            await claimAndDecide(round, kind, ids, 'claims');
            await outboxDrained();
            const dropped = proxy.dropNextAnswer(isCommandsPost);
            await claimAndDecide(round, kind, ids, 'decisions');
            await within(dropped, 20_000, 'a commands answer to drop');
          } else {
            // the window of the version-chain bug: the claim's answer is lost (every time, for now),
            // the feed already shows the claim's version while the claim is still queued, and the
            // officer decides then
            count('claim answer lost, decisions made after the feed showed the claim');
            const cut = proxy.dropAnswers(isCommandsPost);
            await claimAndDecide(round, kind, ids, 'claims');
            await waitFor(() => cut.dropped() >= 1, 'a claim batch answer to drop');
            await waitFor(
              () =>
                readCache(dataDir, (db) =>
                  ids.every(
                    (id) =>
                      (db.prepare('SELECT server_version AS v FROM items WHERE id = ?').get(id) as { v: number }).v >= 2 &&
                      db.prepare("SELECT 1 FROM outbox WHERE item_id = ? AND type = 'claim' AND state = 'queued'").get(id) !== undefined,
                  ),
                ),
              'the feed to show the claims while they are still queued',
            );
            await claimAndDecide(round, kind, ids, 'decisions');
            cut.stop();
          }
          break;
        }
        case 'kill_console': {
          const afterClaims = rnd() < 0.3;
          count(afterClaims ? 'console killed right after queuing claims' : 'console killed right after queuing decisions');
          await claimAndDecide(round, kind, ids, afterClaims ? 'claims' : 'both');
          await worker.kill();
          worker = await startConsoleWorker(dataDir, proxy.url, CONSOLE_BADGE);
          if (afterClaims) await claimAndDecide(round, kind, ids, 'decisions');
          break;
        }
        case 'race': {
          const contested = ids[0]!;
          const secondFirst = rnd() < 0.5;
          count(secondFirst ? 'race: second officer claims first' : 'race: console claims first');
          let theirs: string;
          if (secondFirst) {
            theirs = await secondOfficer(contested, 'claim');
            await queue(round, kind, contested, 'claim');
          } else {
            const mine = queue(round, kind, contested, 'claim');
            await pause(Math.floor(rnd() * 30));
            theirs = await secondOfficer(contested, 'claim');
            await mine;
          }
          await queue(round, kind, ids[1]!, 'claim');
          await claimAndDecide(round, kind, ids, 'decisions');
          if (theirs === 'applied' && rnd() < 0.5) {
            count('race: second officer also decided');
            expect(await secondOfficer(contested, 'decide', { outcome: 'approve', pickup: 'window' })).toBe('applied');
          }
          break;
        }
        case 'take_over': {
          const concurrent = rnd() < 0.5;
          count(concurrent ? 'supervisor takes over while the console decides' : 'supervisor takes over, then the console decides');
          await claimAndDecide(round, kind, ids, 'claims');
          await outboxDrained();
          if (concurrent) {
            const taken = takeOver(ids[0]!);
            await claimAndDecide(round, kind, ids, 'decisions');
            expect(await taken).toBe('applied');
          } else {
            expect(await takeOver(ids[0]!)).toBe('applied');
            await claimAndDecide(round, kind, ids, 'decisions');
          }
          break;
        }
        case 'double': {
          if (rnd() < 0.5) {
            count('double: exchange killed, console queues offline and is killed, both come back');
            await exchange.kill();
            await claimAndDecide(round, kind, ids);
            await worker.kill();
            worker = await startConsoleWorker(dataDir, proxy.url, CONSOLE_BADGE);
            await exchange.restart();
          } else {
            count('double: a commands answer dropped, then the exchange killed before the resend');
            const dropped = proxy.dropNextAnswer(isCommandsPost);
            await claimAndDecide(round, kind, ids);
            await within(dropped, 20_000, 'a commands answer to drop');
            await exchange.kill();
            await exchange.restart();
          }
          break;
        }
        case 'partition': {
          const mode = rnd() < 0.5 ? 'refuse' : 'hold';
          count(`line ${mode === 'refuse' ? 'refusing' : 'accepting and holding'} connections`);
          proxy.setMode(mode);
          await claimAndDecide(round, kind, ids);
          await waitFor(async () => (await worker.must('outbox.list', {})).some((r) => r.attempts >= 1), 'a push to fail on the cut line', 30_000);
          proxy.setMode('forward');
          break;
        }
      }
      await outboxDrained();
    }

    // ---- the invariants -------------------------------------------------------------------------
    const conflicts = await worker.must('conflicts.list', {});
    const outbox = await worker.must('outbox.list', {});
    const db = openDb(exchange);
    let audit: { commandId: string | null; actor: string; action: string; itemId: string | null }[];
    try {
      audit = db
        .prepare("SELECT json_extract(detail, '$.commandId') AS commandId, actor, action, item_id AS itemId FROM audit ORDER BY seq")
        .all() as typeof audit;
    } finally {
      db.close();
    }
    const appliedTimes = new Map<string, number>();
    for (const a of audit) if (a.commandId) appliedTimes.set(a.commandId, (appliedTimes.get(a.commandId) ?? 0) + 1);
    // what another officer applied on an item is what may explain the console's conflict on it
    const touchedByOthers = new Set(audit.filter((a) => (a.actor === SECOND_BADGE || a.actor === SUPERVISOR_BADGE) && a.itemId && a.commandId).map((a) => a.itemId!));
    const conflictById = new Map(conflicts.map((c) => [c.commandId, c]));
    const conflictItems = new Set(conflicts.map((c) => c.itemId));

    const appliedOnce: Queued[] = [];
    const doubled: Queued[] = [];
    const lost: Queued[] = [];
    const explainedConflicts: Queued[] = [];
    const heldBehindConflict: Queued[] = [];
    const appliedAndConflict: Queued[] = [];
    for (const q of queued) {
      const times = appliedTimes.get(q.commandId) ?? 0;
      const conflict = conflictById.get(q.commandId);
      if (times > 1) doubled.push(q);
      if (times === 1) {
        appliedOnce.push(q);
        if (conflict) appliedAndConflict.push(q);
        continue;
      }
      if (times > 1) continue;
      if (conflict) explainedConflicts.push(q);
      else if (outbox.some((r) => r.id === q.commandId && r.state === 'held') && conflictItems.has(q.itemId)) heldBehindConflict.push(q);
      else lost.push(q);
    }
    const spurious = conflicts.filter((c) => !touchedByOthers.has(c.itemId));
    const unexplainedRefusals = refusedAtOnce.filter((r) => !touchedByOthers.has(r.itemId));
    const anyCommandTwice = [...appliedTimes].filter(([, n]) => n > 1).map(([id]) => id);
    const decidesPerItem = new Map<string, number>();
    for (const a of audit) if (a.action.startsWith('decide:') && a.itemId) decidesPerItem.set(a.itemId, (decidesPerItem.get(a.itemId) ?? 0) + 1);
    const decidedTwice = [...decidesPerItem].filter(([, n]) => n > 1).map(([id]) => id);

    // the console's cache against the exchange's feed, for every item the officer sees
    const consoleToken = await login(exchange.url, CONSOLE_BADGE);
    const mismatches = async (): Promise<string[]> => {
      const onExchange = await exchangeItems(exchange.url, consoleToken);
      const out: string[] = [];
      for (const [id, item] of onExchange) {
        const reply = await worker.call('items.get', { id });
        if (!reply.ok) out.push(`${id}: not in the cache (${reply.error.code})`);
        else if (JSON.stringify(sortKeys(reply.result.item)) !== JSON.stringify(sortKeys(item)))
          out.push(`${id}: cache v${reply.result.item.version} ${reply.result.item.status} claimed by ${reply.result.item.claimedBy}; exchange v${item.version} ${item.status} claimed by ${item.claimedBy}`);
      }
      return out;
    };
    let lastMismatches: string[] = [];
    await waitFor(async () => (lastMismatches = await mismatches()).length === 0, 'the console cache to equal the exchange', 20_000).catch(() => undefined);

    const supervisor = await login(exchange.url, SUPERVISOR_BADGE);
    const verifyRes = await fetch(`${exchange.url}${ROUTES.auditVerify}`, { headers: { authorization: `Bearer ${supervisor}` } });
    const verify = AuditVerifyResponseSchema.parse(await verifyRes.json());

    const decisions = queued.filter((q) => q.type === 'decide');
    const figures = {
      seed: SEED,
      rounds: schedule.length,
      roundsByKind: Object.fromEntries(KINDS.map((k) => [k, schedule.filter((s) => s === k).length])),
      faults,
      proxy: { ...proxy.stats },
      commandsQueued: queued.length,
      decisionsMade: decisions.length,
      appliedOnce: appliedOnce.length,
      decisionsAppliedOnce: appliedOnce.filter((q) => q.type === 'decide').length,
      lost: lost.length,
      doubled: doubled.length,
      conflicts: conflicts.length,
      conflictsByCode: conflicts.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.code]: (acc[c.code] ?? 0) + 1 }), {}),
      conflictsExplainedByAnotherOfficer: conflicts.length - spurious.length,
      heldBehindAnExplainedConflict: heldBehindConflict.length,
      spuriousConflicts: spurious.length,
      refusedAtOnce: refusedAtOnce.length,
      refusedAtOnceByCode: refusedAtOnce.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.code]: (acc[r.code] ?? 0) + 1 }), {}),
      refusedAtOnceUnexplained: unexplainedRefusals.length,
      cacheMismatches: lastMismatches.length,
      auditVerify: verify,
    };
    console.log(`[fault] figures ${JSON.stringify(figures, null, 2)}`);

    expect(queued.length).toBeGreaterThan(0);
    expect({ lost, doubled, appliedAndConflict, anyCommandTwice, decidedTwice }).toEqual({ lost: [], doubled: [], appliedAndConflict: [], anyCommandTwice: [], decidedTwice: [] });
    expect(spurious, `seed ${SEED}: conflicts on items nobody else touched`).toEqual([]);
    expect(unexplainedRefusals, `seed ${SEED}: local refusals nobody else explains`).toEqual([]);
    expect(outbox.filter((r) => r.state === 'queued')).toEqual([]);
    expect(explainedConflicts.length + heldBehindConflict.length + appliedOnce.length).toBe(queued.length);
    expect(lastMismatches, `seed ${SEED}: cache differs from the exchange`).toEqual([]);
    expect(verify.ok).toBe(true);
  });
});

/** Key order is not content: compare items as sorted JSON. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}
