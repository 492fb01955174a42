import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses the threshold: copying the WAL into the database file and fsyncing it then stalls every
 * request waiting on that commit. Here a worker thread with its own connection runs PASSIVE
 * checkpoints on a timer instead (the main connection sets wal_autocheckpoint = 0). PASSIVE never
 * blocks the writer: it copies what it can while commits go on appending, and the WAL starts over
 * from its beginning once a checkpoint has caught up. Durability is the WAL's either way; a
 * checkpoint only moves committed pages into the main file.
 *
 * Plain JavaScript evaluated in the worker, so it needs no TypeScript loader there.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // SQLITE_BUSY: another checkpoint (the closing main connection) is running; try next time.
    if (err && err.code !== 'SQLITE_BUSY') parentPort.postMessage(String(err && err.message));
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'close') {
    clearInterval(timer);
    db.close();
    const closed = new Int32Array(workerData.closed);
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    parentPort.close();
  }
});
`;

export interface Checkpointer {
  /**
   * Closes the worker's connection and waits for it (a few ms at most), so that the caller's
   * connection is the last one and its close folds the WAL into the database file, as before.
   */
  close(): void;
}

const CLOSE_WAIT_MS = 5_000;

export function startCheckpointer(file: string, intervalMs = 500, onError: (message: string) => void = () => undefined): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs, closed } });
  // never keeps a finished process (or a test run) alive
  worker.unref();
  worker.on('message', (m: unknown) => onError(String(m)));
  worker.on('error', (err) => onError(err.message));
  let running = true;
  worker.once('exit', () => (running = false));
  return {
    close() {
      if (!running) return;
      worker.postMessage('close');
      Atomics.wait(new Int32Array(closed), 0, 0, CLOSE_WAIT_MS);
    },
  };
}
