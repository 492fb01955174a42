import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BRIDGE, BRIDGE_EVENTS } from '#shared/contract/bridge';
// Plain Playwright `test`: the fixtures' browser-page guards do not apply to an Electron window.
import { ROOT, useDemoExchange } from './fixtures';

/**
 * The Electron shell through Playwright's _electron. Electron is an optional dependency: where its
 * binary is not installed (it downloads from GitHub on install) these tests skip with that reason.
 */
function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
test.skip(binary === null, 'Electron is not installed (optional dependency; its binary could not be downloaded here): Electron shell tests skipped');

const exchange = useDemoExchange();
let app: ElectronApplication;

test.beforeAll(async () => {
  const build = spawnSync('npm', ['run', 'build:electron'], { cwd: ROOT, stdio: 'inherit' });
  expect(build.status).toBe(0);
  app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [ROOT, '--demo'],
    cwd: ROOT,
    env: { ...process.env, EXCHANGE_URL: exchange().url, CONSOLE_DATA: mkdtempSync(path.join(os.tmpdir(), 'console-electron-')) },
  });
});
test.afterAll(async () => {
  await app?.close();
});

test.describe('the Electron shell', () => {
  test('exposes exactly the bridge contract and no Node to the page', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('login-submit')).toBeVisible();
    const exposed = await page.evaluate(() => ({
      api: Object.keys((window as unknown as { consoleApi: object }).consoleApi).sort(),
      events: typeof (window as unknown as { consoleEvents?: { on?: unknown } }).consoleEvents?.on,
      node: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed.api).toEqual(Object.keys(BRIDGE).sort());
    expect(exposed.events).toBe('function');
    expect(exposed.node).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    const info = await page.evaluate(() => (window as unknown as { consoleApi: { 'app.info': (a: object) => Promise<unknown> } }).consoleApi['app.info']({}));
    expect(info).toMatchObject({ shell: 'electron', exchangeUrl: exchange().url });
    expect(Object.keys(BRIDGE_EVENTS).length).toBeGreaterThan(0);
  });

  test('an officer signs in and the queue fills', async () => {
    const page = await app.firstWindow();
    await page.getByTestId('login-badge').fill('100001');
    await page.getByTestId('login-password').fill('Demo#2026');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('officer-name')).toBeVisible();
    await expect(page.getByTestId('queue-grid').locator('[role="gridcell"][col-id="id"]').first()).toHaveText(/^APP-4101/, { timeout: 60_000 });
  });

  test('the window refuses to navigate away from the console', async () => {
    const page = await app.firstWindow();
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect.poll(() => page.url()).toBe(before);
  });
});
