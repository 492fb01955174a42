import { existsSync, readdirSync } from 'node:fs';
import { MAX_BRIDGE_PAYLOAD_BYTES } from '#shared/contract/bridge';
import { claimInUi, expect, inputOf, pickOpenApplication, signIn, shot, startConsole, test, useDemoExchange, waitForQueue, type ConsoleHandle } from './fixtures';

const exchange = useDemoExchange();

test.describe('the web shell bridge over HTTP', () => {
  let shell: ConsoleHandle;
  test.beforeAll(async () => {
    shell = await startConsole(exchange().url);
  });
  test.afterAll(async () => {
    await shell.stop();
  });

  const post = (method: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${shell.origin}/bridge/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-console-token': shell.token, ...headers }, body });

  test('a valid call answers {ok: true, result}', async () => {
    const res = await post('app.info', '{}');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, result: { shell: 'web', exchangeUrl: exchange().url } });
  });

  test('an unknown method is 404 unknown_method', async () => {
    const res = await post('items.destroyAll', '{}');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  test('arguments of the wrong type are 400 invalid', async () => {
    const res = await post('items.get', JSON.stringify({ id: 42 }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const extra = await post('sync.status', JSON.stringify({ sneaky: true }));
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  test('a body over the bridge limit is 413 payload_too_large', async () => {
    const res = await post('auth.login', JSON.stringify({ badge: '100001', password: 'x'.repeat(MAX_BRIDGE_PAYLOAD_BYTES + 10) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });

  test('a body that is not JSON is 400 bad_json, and a non-JSON content type 415', async () => {
    const bad = await post('auth.session', '{"oops":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'bad_json' } });
    const text = await post('auth.session', '{}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ ok: false, error: { code: 'unsupported_media_type' } });
  });

  test('calls without the right token are 401 unauthenticated, the event stream too', async () => {
    for (const token of [undefined, 'wrong', shell.token.slice(0, -1)]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token !== undefined) headers['x-console-token'] = token;
      const res = await fetch(`${shell.origin}/bridge/app.info`, { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect((await fetch(`${shell.origin}/bridge/events`)).status).toBe(401);
    expect((await fetch(`${shell.origin}/bridge/events?token=nope`)).status).toBe(401);
  });

  test('the event stream with the token is server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${shell.origin}/bridge/events?token=${encodeURIComponent(shell.token)}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
  });

  test('static files carry the CSP and nosniff, and nothing outside the renderer is served', async () => {
    const page = await fetch(`${shell.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    for (const sneaky of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json']) {
      const res = await fetch(`${shell.origin}${sneaky}`);
      expect(res.status, sneaky).toBe(404);
    }
  });

  test('a request naming another host is refused', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${shell.origin}/`, { headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

test.describe('bridge errors in the UI', () => {
  test('a reveal that fails while the exchange is down shows a Chinese alert and keeps the typed reason', async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);
    await claimInUi(page, item.id);

    await exchange().stop();
    try {
      await page.getByTestId('action-reveal-id').click();
      const dialog = page.getByRole('dialog');
      const reason = inputOf(dialog.getByTestId('reveal-reason'));
      await reason.fill('核对申请人身份信息');
      await dialog.getByTestId('dialog-confirm').click();
      // The dialog's standing audit notice is an alert too; the failure is the one naming the outage.
      const alert = dialog.getByRole('alert').filter({ hasText: /离线|不可用/ });
      await expect(alert).toBeVisible();
      await expect(alert).toHaveText(/^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+$/);
      await expect(reason).toHaveValue('核对申请人身份信息');
      await expect(dialog.getByTestId('reveal-value')).toHaveCount(0);
      await shot(page, 'dialog-reveal-error');
    } finally {
      await exchange().restart();
    }
  });

  test('SIGTERM closes the web shell cleanly: exit code 0 and the SQLite cache checkpointed', async () => {
    const shell = await startConsole(exchange().url);
    const login = await fetch(`${shell.origin}/bridge/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-console-token': shell.token },
      body: JSON.stringify({ badge: '100001', password: 'Demo#2026' }),
    });
    expect(login.status).toBe(200);
    expect(await shell.stop()).toBe(0);
    expect(existsSync(shell.dataDir)).toBe(true);
    const leftovers = readdirSync(shell.dataDir, { recursive: true }).map(String).filter((f) => f.endsWith('-wal') || f.endsWith('-shm'));
    expect(leftovers).toEqual([]);
  });
});
