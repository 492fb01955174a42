import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ROUTES } from '#shared/contract/api';
import type { WorkItem } from '#shared/domain/items';
import type { HttpClient } from './http';

/**
 * Officers working their own items in claim → note → release cycles, one command per request,
 * each command expecting the version the previous answer reported.
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
}

export async function runLoad(http: HttpClient, workers: readonly Worker[], opts: { commands: number; maxMs: number }): Promise<LoadResult> {
  let sent = 0;
  let applied = 0;
  const notApplied: Record<string, number> = {};
  const latenciesMs: number[] = [];
  // Consoles keep their connections open; opening 200 at once against a saturated exchange
  // queues the late ones for seconds (measured: +60 ms per connection), so connect first, untimed.
  await Promise.all(workers.map(() => http.request('GET', ROUTES.health, null)));
  const t0 = performance.now();
  const deadline = t0 + opts.maxMs;

  const work = async (w: Worker): Promise<void> => {
    while (sent < opts.commands && performance.now() < deadline) {
      sent++;
      const type = CYCLE[w.step % 3]!;
      const target = w.items[Math.floor(w.step / 3) % w.items.length]!;
      w.step++;
      const command = {
        id: randomUUID(),
        itemId: target.id,
        type,
        expectedVersion: target.version,
        body: type === 'note' ? { text: `压测备注 ${w.step}` } : {},
      };
      const started = performance.now();
      const res = await http.request('POST', ROUTES.commands, w.token, { commands: [command] });
      latenciesMs.push(performance.now() - started);
      if (res.status !== 200) {
        notApplied[`http_${res.status}`] = (notApplied[`http_${res.status}`] ?? 0) + 1;
        continue;
      }
      const result = (JSON.parse(res.body) as { results: { status: string; item: { version: number } | null }[] }).results[0];
      if (result?.item) target.version = result.item.version;
      if (result?.status === 'applied') applied++;
      else notApplied[result?.status ?? 'missing'] = (notApplied[result?.status ?? 'missing'] ?? 0) + 1;
    }
  };
  await Promise.all(workers.map(work));
  return { sent, applied, notApplied, latenciesMs, wallMs: performance.now() - t0 };
}
