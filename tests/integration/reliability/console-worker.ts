import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BridgeArgs, BridgeMethod, BridgeResult } from '#shared/contract/bridge';
import type { ErrorCode } from '#shared/errors';

const FIXTURE = fileURLToPath(new URL('./fixtures/console-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const CALL_TIMEOUT_MS = 30_000;

export type Reply<M extends BridgeMethod> = { ok: true; result: BridgeResult<M> } | { ok: false; error: { code: ErrorCode; message: string } };

/** A console core in its own process (fixtures/console-worker.ts), driven over stdin/stdout. */
export interface ConsoleWorker {
  readonly pid: number;
  call<M extends BridgeMethod>(method: M, args: BridgeArgs<M>): Promise<Reply<M>>;
  /** Like `call`, but throws on an error reply. */
  must<M extends BridgeMethod>(method: M, args: BridgeArgs<M>): Promise<BridgeResult<M>>;
  /** SIGKILL, as a power cut or a crash: no graceful close. */
  kill(): Promise<void>;
  /** Closes stdin: the core closes and the process exits. */
  stop(): Promise<void>;
  stderr(): string;
}

export async function startConsoleWorker(dataDir: string, exchangeUrl: string, badge: string): Promise<ConsoleWorker> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, exchangeUrl, badge], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let nextId = 1;
  const pending = new Map<number, { resolve: (reply: unknown) => void; reject: (err: Error) => void }>();
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      for (const p of pending.values()) p.reject(new Error('the console worker exited before answering'));
      pending.clear();
      resolve();
    }),
  );
  let ready: (() => void) | null = null;
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
    if (err.length > 50_000) err = err.slice(-50_000);
  });
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    let nl: number;
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      if (line.startsWith('READY ')) ready?.();
      else if (line.startsWith('RES ')) {
        const reply = JSON.parse(line.slice(4)) as { id: number };
        pending.get(reply.id)?.resolve(reply);
        pending.delete(reply.id);
      }
    }
  });
  child.stdin.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console worker did not start:\n${err}`)), START_TIMEOUT_MS);
    ready = () => {
      clearTimeout(timer);
      resolve();
    };
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`console worker exited before ready:\n${err}`));
    });
  });

  const call = <M extends BridgeMethod>(method: M, args: BridgeArgs<M>): Promise<Reply<M>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`bridge call ${method} got no answer in ${CALL_TIMEOUT_MS} ms:\n${err.slice(-2000)}`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply as Reply<M>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.stdin.write(`${JSON.stringify({ id, method, args })}\n`);
    });

  return {
    pid: child.pid!,
    call,
    must: async (method, args) => {
      const reply = await call(method, args);
      if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
      return reply.result;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.stdin.end();
      await exited;
    },
    stderr: () => err,
  };
}
