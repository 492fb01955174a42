/**
 * Sleep-until-woken for the sync loops. A wake with no sleeper is remembered, so a kick that
 * arrives during a round (new outbox rows, a session change) is never lost.
 */
export class Wakers {
  private readonly sleepers = new Set<() => void>();
  private pending = false;

  wake(): void {
    if (this.sleepers.size === 0) this.pending = true;
    for (const w of this.sleepers) w();
    this.sleepers.clear();
  }

  /** Resolves after `ms` (Infinity: only when woken), or at once if a wake is pending or `stopped`. */
  sleep(ms: number, stopped: boolean): Promise<void> {
    if (stopped) return Promise.resolve();
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      this.sleepers.add(done);
    });
  }
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 60_000;

/** Exponential backoff with jitter (50–100 % of the step), so many consoles do not retry in step. */
export function backoffMs(attempt: number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + Math.random() / 2));
}
