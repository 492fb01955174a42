import { EventEmitter } from 'node:events';

/**
 * Wakes long-polling officers the moment a change is committed. In-process only: the exchange is
 * one process; a multi-node deployment would put LISTEN/NOTIFY or a broker behind this interface.
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

  /** Resolves with the newest seq once one is > `after`, or with null after `timeoutMs` or on close. */
  waitFor(after: number, currentSeq: () => number, timeoutMs: number): Promise<number | null> {
    const now = currentSeq();
    if (now > after) return Promise.resolve(now);
    if (this.closed || timeoutMs === 0) return Promise.resolve(null);
    return new Promise((resolve) => {
      const done = (value: number | null) => {
        clearTimeout(timer);
        this.emitter.off('change', onChange);
        this.emitter.off('close', onClose);
        resolve(value);
      };
      const onChange = (seq: number) => {
        if (seq > after) done(seq);
      };
      const onClose = () => done(null);
      const timer = setTimeout(() => done(null), timeoutMs);
      this.emitter.on('change', onChange);
      this.emitter.on('close', onClose);
    });
  }

  close(): void {
    this.closed = true;
    this.emitter.emit('close');
  }
}
