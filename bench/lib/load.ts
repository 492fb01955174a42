import { commandId } from '#console/ids';
import { Rng } from '#server/seed/prng';
import { performance } from 'node:perf_hooks';
import { ROUTES } from '#shared/contract/api';
import type { WorkItem } from '#shared/domain/items';
import type { HttpClient, HttpResult } from './http';

/**
 * Officers working their own items in claim → note → release cycles, one command per request,
 * each command expecting the version the previous answer reported. Two ways to drive them:
 * runLoad, a closed loop (each officer sends its next command as soon as the answer to the last
 * arrived: throughput), and runOpenLoop, an open loop (each officer sends on its own fixed
 * schedule whatever the exchange does: latency at a given rate, without coordinated omission).
 */
export interface Worker {
  readonly badge: string;
  readonly token: string;
  readonly items: { id: string; version: number }[];
  /** Position in the endless claim/note/release sequence over the officer's items. */
  step: number;
}

const CYCLE = ['claim', 'note', 'release'] as const;

export function makeWorker(badge: string, token: string, items: readonly WorkItem[]): Worker {
  return { badge, token, items: items.map((i) => ({ id: i.id, version: i.version })), step: 0 };
}

export interface LoadResult {
  readonly sent: number;
  readonly applied: number;
  readonly notApplied: Record<string, number>;
  readonly latenciesMs: number[];
  readonly wallMs: number;
  /** Bytes of the answers' bodies, summed (to size the bare-Fastify baseline's reply). */
  readonly responseBytes: number;
  /**
   * A 200 answer's body of about the mean answer size (items grow a note every third command, so
   * the last answer is larger than the typical one): the bare-Fastify baseline replies with it.
   */
  readonly typicalBody: string | null;
}

export interface OpenLoopResult extends LoadResult {
  /** Commands the schedule held (all of them are sent, late ones as soon as their officer is free). */
  readonly scheduled: number;
  /** The schedule's length, ms: `scheduled` over it is the offered rate. */
  readonly durationMs: number;
  /** How late each command left after its scheduled time (0 when on time), ms. */
  readonly sendLagMs: number[];
  /**
   * The part of that lateness the load generator caused: lag of the commands whose officer was
   * already free at their scheduled time (its timer fired late — the generator shares the cores).
   */
  readonly timerLagMs: number[];
}

/** The officer's next command, advancing its position in the cycle. */
function nextCommand(w: Worker): { target: { id: string; version: number }; body: { commands: unknown[] } } {
  const type = CYCLE[w.step % 3]!;
  const target = w.items[Math.floor(w.step / 3) % w.items.length]!;
  w.step++;
  const command = {
    id: commandId(),
    itemId: target.id,
    type,
    expectedVersion: target.version,
    body: type === 'note' ? { text: `压测备注 ${w.step}` } : {},
  };
  return { target, body: { commands: [command] } };
}

class Tally {
  sent = 0;
  applied = 0;
  responseBytes = 0;
  private answered = 0;
  private readonly samples: string[] = [];
  readonly notApplied: Record<string, number> = {};
  readonly latenciesMs: number[] = [];

  count(key: string): void {
    this.notApplied[key] = (this.notApplied[key] ?? 0) + 1;
  }

  /** Books one answer; on success the target's version follows the result's. */
  record(res: HttpResult, target: { version: number }): void {
    this.responseBytes += Buffer.byteLength(res.body);
    if (res.status !== 200) {
      this.count(`http_${res.status}`);
      return;
    }
    if (this.answered++ % 97 === 0 && this.samples.length < 256) this.samples.push(res.body);
    const result = (JSON.parse(res.body) as { results: { status: string; item: { version: number } | null }[] }).results[0];
    if (result?.item) target.version = result.item.version;
    if (result?.status === 'applied') this.applied++;
    else this.count(result?.status ?? 'missing');
  }

  result(wallMs: number): LoadResult {
    const { sent, applied, notApplied, latenciesMs, responseBytes } = this;
    const mean = responseBytes / Math.max(1, sent);
    const size = (b: string) => Math.abs(Buffer.byteLength(b) - mean);
    const typicalBody = this.samples.reduce<string | null>((best, b) => (best === null || size(b) < size(best) ? b : best), null);
    return { sent, applied, notApplied, latenciesMs, wallMs, responseBytes, typicalBody };
  }
}

/**
 * Closed loop: every worker sends its next command as soon as the previous answer arrived, until
 * `commands` were sent in all or `maxMs` passed. `path` is the commands route unless told (the
 * bare-Fastify baseline serves the same path).
 */
export async function runLoad(http: HttpClient, workers: readonly Worker[], opts: { commands: number; maxMs: number; path?: string }): Promise<LoadResult> {
  const path = opts.path ?? ROUTES.commands;
  const tally = new Tally();
  // Consoles keep their connections open; opening 200 at once against a saturated exchange
  // queues the late ones for seconds (measured: +60 ms per connection), so connect first, untimed.
  await Promise.all(workers.map(() => http.request('GET', ROUTES.health, null)));
  const t0 = performance.now();
  const deadline = t0 + opts.maxMs;

  const work = async (w: Worker): Promise<void> => {
    while (tally.sent < opts.commands && performance.now() < deadline) {
      tally.sent++;
      const { target, body } = nextCommand(w);
      const started = performance.now();
      const res = await http.request('POST', path, w.token, body);
      tally.latenciesMs.push(performance.now() - started);
      tally.record(res, target);
    }
  };
  await Promise.all(workers.map(work));
  return tally.result(performance.now() - t0);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Open loop at `ratePerSecond` in all, spread evenly over the workers: worker i owns connection
 * `clients[i]` (one socket each, as a console) and sends every `workers.length / rate` seconds,
 * from a random phase of its own, for `durationMs`. A command whose time comes while its officer
 * is still waiting for the previous answer leaves as soon as that answer is in, and its latency
 * still counts from its scheduled time (no coordinated omission): latency = answer time −
 * min(scheduled time, send time) — a timer that fires a fraction of a millisecond early does not
 * make a command look faster than its own round trip.
 */
export async function runOpenLoop(
  clients: readonly HttpClient[],
  workers: readonly Worker[],
  opts: { ratePerSecond: number; durationMs: number; seed?: number; path?: string },
): Promise<OpenLoopResult> {
  if (clients.length !== workers.length) throw new Error('one client per worker');
  const path = opts.path ?? ROUTES.commands;
  const tally = new Tally();
  const sendLagMs: number[] = [];
  const timerLagMs: number[] = [];
  const intervalMs = (workers.length / opts.ratePerSecond) * 1000;
  // the seed generator's PRNG (mulberry32): every run draws the same schedule phases
  const rng = new Rng(opts.seed ?? 1);
  const phases = workers.map(() => rng.next() * intervalMs);
  let scheduled = 0;
  for (const phase of phases) scheduled += Math.max(0, Math.ceil((opts.durationMs - phase) / intervalMs));
  await Promise.all(clients.map((c) => c.request('GET', ROUTES.health, null)));
  const t0 = performance.now();

  const work = async (w: Worker, client: HttpClient, phase: number): Promise<void> => {
    let freeAt = t0;
    for (let k = 0; ; k++) {
      const at = phase + k * intervalMs;
      if (at >= opts.durationMs) return;
      const due = t0 + at;
      const wait = due - performance.now();
      if (wait >= 1) await sleep(Math.round(wait));
      const { target, body } = nextCommand(w);
      const sentAt = performance.now();
      tally.sent++;
      const lag = Math.max(0, sentAt - due);
      sendLagMs.push(lag);
      if (freeAt <= due) timerLagMs.push(lag);
      const res = await client.request('POST', path, w.token, body);
      freeAt = performance.now();
      tally.latenciesMs.push(freeAt - Math.min(due, sentAt));
      tally.record(res, target);
    }
  };
  await Promise.all(workers.map((w, i) => work(w, clients[i]!, phases[i]!)));
  return { ...tally.result(performance.now() - t0), scheduled, durationMs: opts.durationMs, sendLagMs, timerLagMs };
}
