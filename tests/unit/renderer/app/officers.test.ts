import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DirectoryReloads, type DirectoryReloadTiming } from '../../../../renderer/app/officers';

const TIMING: DirectoryReloadTiming = { settleMs: 400, emptyRetryMs: [1_000, 2_000] };

/** A directory read that answers `sizes` in turn (the last one from then on), counting the reads. */
function directory(...sizes: (number | Error)[]) {
  const reads = { count: 0 };
  const read = vi.fn(async () => {
    const answer = sizes[Math.min(reads.count, sizes.length - 1)]!;
    reads.count++;
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { read, reads };
}

/** Runs timers and the promise callbacks they start. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('when the officer directory is read again', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads at start and, when that read is empty, once more after the first sync completes', async () => {
    const { read, reads } = directory(0, 12);
    const reloads = new DirectoryReloads(read, { settleMs: 400, emptyRetryMs: [] });
    reloads.start();
    await advance(0);
    expect(reads.count).toBe(1);
    reloads.syncStatus({ syncing: true });
    reloads.syncStatus({ syncing: false });
    await advance(399);
    expect(reads.count).toBe(1);
    await advance(1);
    expect(reads.count).toBe(2);
    reloads.stop();
  });

  it('coalesces a storm of items.changed while the directory is empty into one read', async () => {
    const { read, reads } = directory(0, 0, 5);
    const reloads = new DirectoryReloads(read, { settleMs: 400, emptyRetryMs: [] });
    reloads.start();
    await advance(0);
    for (let i = 0; i < 50; i++) reloads.itemsChanged();
    await advance(400);
    expect(reads.count).toBe(2);
    reloads.stop();
  });

  it('reads nothing on items.changed once it has names, but again after each completed sync', async () => {
    const { read, reads } = directory(7);
    const reloads = new DirectoryReloads(read, TIMING);
    reloads.start();
    await advance(0);
    for (let i = 0; i < 50; i++) reloads.itemsChanged();
    reloads.syncStatus({ syncing: false }); // idle and not after a sync: nothing to learn
    await advance(10_000);
    expect(reads.count).toBe(1);
    reloads.syncStatus({ syncing: true });
    reloads.syncStatus({ syncing: false });
    reloads.syncStatus({ syncing: true });
    reloads.syncStatus({ syncing: false });
    await advance(400);
    expect(reads.count).toBe(2);
    reloads.stop();
  });

  it('tries an empty or failed read again a few times at growing delays, then waits for events', async () => {
    const { read, reads } = directory(new Error('unavailable'), 0, 0, 0);
    const reloads = new DirectoryReloads(read, TIMING);
    reloads.start();
    await advance(0);
    expect(reads.count).toBe(1);
    await advance(1_000);
    expect(reads.count).toBe(2);
    await advance(1_999);
    expect(reads.count).toBe(2);
    await advance(1);
    expect(reads.count).toBe(3);
    await advance(60_000);
    expect(reads.count).toBe(3);
    reloads.itemsChanged();
    await advance(400);
    expect(reads.count).toBe(4);
    reloads.stop();
  });

  it('asks for one read after a read on its way, not one per event', async () => {
    let release: (n: number) => void = () => undefined;
    let started = 0;
    const read = () => {
      started++;
      return new Promise<number>((r) => {
        release = r;
      });
    };
    const reloads = new DirectoryReloads(read, TIMING);
    reloads.start();
    reloads.syncStatus({ syncing: true });
    reloads.syncStatus({ syncing: false });
    await advance(400); // the settled read finds the first still on its way
    for (let i = 0; i < 10; i++) reloads.itemsChanged();
    await advance(400);
    expect(started).toBe(1);
    release(3);
    await advance(400);
    expect(started).toBe(2);
    release(3);
    await advance(60_000);
    expect(started).toBe(2);
    reloads.stop();
  });

  it('reads nothing after it is stopped', async () => {
    const { read, reads } = directory(0);
    const reloads = new DirectoryReloads(read, TIMING);
    reloads.start();
    await advance(0);
    reloads.stop();
    reloads.itemsChanged();
    reloads.syncStatus({ syncing: true });
    reloads.syncStatus({ syncing: false });
    await advance(60_000);
    expect(reads.count).toBe(1);
  });
});
