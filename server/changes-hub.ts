import { EventEmitter } from 'node:events';

/**
 * Wakes long-polling officers the moment a change is committed. Fed by the store's change
 * announcements (app.ts `store.onChange`), which cover this process's commits and, on a shared
 * PostgreSQL database, every exchange instance's.
 */
export class ChangeHub {
  private readonly emitter = new EventEmitter();
  private closed = false;

  constructor() {
    // one listener per waiting officer; hundreds are normal
    this.emitter.setMaxListeners(0);
  }

  notify(latestSeq: number): void {
    this.emitter.emit('change', latestSeq);
  }

  /**
   * Resolves with the newest seq once one is > `after`, or with null after `timeoutMs` or on close.
   * It listens before it reads `currentSeq`, so a change committed while that read is on its way
   * is not missed.
   */
  waitFor(after: number, currentSeq: () => Promise<number>, timeoutMs: number): Promise<number | null> {
    const waits = !this.closed && timeoutMs > 0;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const stop = () => {
        settled = true;
        clearTimeout(timer);
        this.emitter.off('change', onChange);
        this.emitter.off('close', onClose);
      };
      const done = (value: number | null) => {
        stop();
        resolve(value);
      };
      const onChange = (seq: number) => {
        if (seq > after) done(seq);
      };
      const onClose = () => done(null);
      if (waits) {
        this.emitter.on('change', onChange);
        this.emitter.on('close', onClose);
      }
      currentSeq().then(
        (now) => {
          // a change or close since the listeners went on may have settled it already
          if (settled) return;
          if (now > after) done(now);
          else if (!waits) done(null);
          else timer = setTimeout(() => done(null), timeoutMs);
        },
        (err: unknown) => {
          if (settled) return;
          stop();
          reject(err as Error);
        },
      );
    });
  }

  close(): void {
    this.closed = true;
    this.emitter.emit('close');
  }
}
