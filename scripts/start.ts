/**
 * `npm start` (`npm run start:web` adds --web): the console in demo mode on one machine.
 *
 * 1. Unless EXCHANGE_URL is set, starts the embedded demo exchange (EXCHANGE_PORT default 7410,
 *    EXCHANGE_DATA default .data/exchange) and waits for its EXCHANGE_READY line.
 * 2. Builds the renderer if dist/renderer is missing.
 * 3. Launches Electron when it is installed (an optional dependency) and --web is not given;
 *    otherwise serves the same console to a browser through the web shell (CONSOLE_PORT default
 *    a free port, CONSOLE_DATA default .data/console) and prints the address to open.
 * Ctrl-C (or SIGTERM) stops the console first, then the exchange, each gracefully.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY_TIMEOUT_MS = 180_000; // a first demo start seeds thousands of items and photos
const STOP_TIMEOUT_MS = 15_000;

const web = process.argv.includes('--web');
const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function log(message: string): void {
  process.stdout.write(`[start] ${message}\n`);
}

/** Spawns a process and resolves with the URL from its one `<READY_WORD> <url>` stdout line. */
function spawnUntilReady(name: string, command: string, args: string[], readyWord: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push({ name, child });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`${name} did not print ${readyWord} within ${READY_TIMEOUT_MS / 1000}s`)), READY_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (ready) {
        process.stdout.write(prefixLines(name, chunk));
        return;
      }
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line.startsWith(`${readyWord} `)) {
          ready = true;
          clearTimeout(timer);
          resolve(line.slice(readyWord.length + 1).trim());
        } else if (line) process.stdout.write(prefixLines(name, line + '\n'));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
      else if (!stopping) {
        log(`${name} stopped unexpectedly (code ${code}, signal ${signal}); shutting down`);
        void shutdown(code ?? 1);
      }
    });
  });
}

function prefixLines(name: string, text: string): string {
  return text.replace(/^(?=.)/gm, `[${name}] `);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Electron's package exports the path of its binary; absent when the optional dependency failed. */
function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Newest first: the console flushes to the exchange's absence gracefully, not the other way round.
  for (const { name, child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), delay(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) {
      log(`${name} did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it`);
      child.kill('SIGKILL');
      await exited;
    } else log(`${name} stopped`);
  }
  process.exit(exitCode);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let exchangeUrl = process.env.EXCHANGE_URL;
  const demo = !exchangeUrl || process.argv.includes('--demo');
  if (!exchangeUrl) {
    const port = process.env.EXCHANGE_PORT ?? '7410';
    const data = process.env.EXCHANGE_DATA ?? '.data/exchange';
    log(`starting the demo exchange on port ${port} (data in ${data})`);
    exchangeUrl = await spawnUntilReady('exchange', process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo', '--port', port, '--data', data], 'EXCHANGE_READY');
    log(`exchange ready at ${exchangeUrl}`);
  }

  if (!existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    log('building the renderer (npm run build:renderer)');
    await run('npm', ['run', 'build:renderer']);
  }

  const consoleData = process.env.CONSOLE_DATA ?? '.data/console';
  const binary = web ? null : electronBinary();
  if (binary) {
    log('building the Electron bundle (npm run build:electron)');
    await run('npm', ['run', 'build:electron']);
    const args = ['.', ...(demo ? ['--demo'] : [])];
    const child = spawn(binary, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, EXCHANGE_URL: exchangeUrl, CONSOLE_DATA: consoleData } });
    children.push({ name: 'electron', child });
    child.once('exit', (code) => {
      if (!stopping) void shutdown(code ?? 0);
    });
    return;
  }

  if (!web) log('Electron 未安装（可选依赖），改为浏览器模式 / Electron is not installed; serving the console for a browser');
  const consoleUrl = await spawnUntilReady(
    'console',
    process.execPath,
    ['--import', 'tsx', 'electron/web-shell.ts', '--exchange', exchangeUrl, '--data', consoleData, ...(demo ? ['--demo'] : [])],
    'CONSOLE_READY',
    { CONSOLE_PORT: process.env.CONSOLE_PORT ?? '0' },
  );
  process.stdout.write(`\n  请在浏览器中打开 / Open in a browser:\n  ${consoleUrl}\n\n  按 Ctrl-C 退出 / Press Ctrl-C to stop.\n\n`);
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
