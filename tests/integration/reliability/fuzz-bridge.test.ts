import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE, MAX_BRIDGE_PAYLOAD_BYTES, type BridgeMethod } from '#shared/contract/bridge';
import { ROUTES } from '#shared/contract/api';
import { intake, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { startWebShell, TOKEN_HEADER, type WebShell } from '../../../electron/web-shell';
import type { ConsoleCore } from '#console/service';
import { PASSWORD, readCache, startCore, tempDir, waitFor } from '../console/support';
import { accidentBody, completePhotos, tipBody } from '../server/fixtures';
import { Figures, enc, hostileString, hostileValue, jsonText, mutated, send, sendRaw, type Answer } from './fuzz-support';

/**
 * Issue 9 "keep it found": every bridge method (shared/contract/bridge.ts BRIDGE) through the real
 * web shell, with generated bad arguments, wrong types, oversize and non-JSON bodies, bad method
 * names, wrong tokens, content types and HTTP methods, plus raw HTTP that is not quite HTTP.
 * Whatever arrives: no 5xx, every 4xx in the one error shape with a code of shared/errors.ts, every
 * 200 a result of the method's contract, the shell and the core keep working, and a refused call
 * queues nothing, changes no setting, no session and no optimistic view in the cache.
 */
const figures = new Figures();
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const METHODS = Object.keys(BRIDGE) as BridgeMethod[];

describe('fuzzing the console bridge through the web shell', () => {
  let exchange: ExchangeHandle;
  let core: ConsoleCore;
  let shell: WebShell;
  let base: string;
  let dataDir: string;
  const ids: Record<string, string> = {};
  let shas: string[] = [];
  const contractMismatches: string[] = [];

  beforeAll(async () => {
    exchange = await startExchange();
    ids.application = await scannedApplication(exchange);
    ids.second = await scannedApplication(exchange);
    const photos = await completePhotos(exchange);
    shas = photos.map((p) => p.sha256);
    ids.accident = (await intake(exchange, 'accident', accidentBody('410100', photos))).id!;
    ids.tip = (await intake(exchange, 'tip', tipBody())).id!;
    dataDir = tempDir('fuzz-bridge-');
    core = await startCore(dataDir, exchange.url);
    shell = await startWebShell({ core, port: 0 });
    base = `http://127.0.0.1:${shell.port}`;
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    await waitFor(async () => (await core['items.list']({ kind: 'application', sinceRev: 0 })).rows.length >= 2, 'the console to pull its items');
  });
  afterAll(async () => {
    figures.print('fuzz-bridge');
    if (contractMismatches.length > 0) console.log(`[fuzz-bridge] results outside the contract:\n${contractMismatches.join('\n')}`);
    await shell?.close();
    await core?.close();
    await exchange?.stop();
  });

  /** What a refused call must leave as it was (the background sync may drain the outbox, never add to it). */
  const cacheState = () =>
    readCache(dataDir, (db) => ({
      outboxIds: (db.prepare('SELECT id FROM outbox').all() as { id: string }[]).map((r) => r.id),
      settings: db.prepare('SELECT key, value FROM settings ORDER BY key').all(),
      sessions: db.prepare('SELECT badge, token, token_expires_at, verifier_json FROM sessions ORDER BY badge').all(),
      localViews: (db.prepare('SELECT id FROM items WHERE local_json IS NOT NULL').all() as { id: string }[]).map((r) => r.id),
    }));

  /** The session the fuzz may have ended (a valid auth.logout): log in again so later calls reach the handlers. */
  async function ensureSession(): Promise<void> {
    if (!(await core['auth.session']({}))) await core['auth.login']({ badge: '100001', password: PASSWORD });
    const settings = await core['settings.get']({});
    if (settings.exchangeUrl !== exchange.url) await core['settings.set']({ exchangeUrl: exchange.url });
  }

  async function check(method: string, r: { body?: string | Uint8Array; headers?: Record<string, string>; httpMethod?: string; path?: string }): Promise<Answer> {
    const before = cacheState();
    const path = r.path ?? `/bridge/${enc(method)}`;
    const a = await send(base, {
      method: r.httpMethod ?? 'POST',
      path,
      headers: { [TOKEN_HEADER]: shell.token, 'content-type': 'application/json', ...r.headers },
      ...(r.body === undefined ? {} : { body: r.body }),
    });
    const what = `${r.httpMethod ?? 'POST'} ${path.slice(0, 120)} ${String(r.body ?? '').slice(0, 200)}`;
    figures.record(a.status, what, a.body);
    if (a.status >= 400 && r.httpMethod !== 'HEAD') figures.errorCode(a.status, a.body, what);
    if (a.status === 200 && Object.hasOwn(BRIDGE, method) && (r.path === undefined || r.path.startsWith('/bridge/'))) {
      const reply = JSON.parse(a.body.toString('utf8')) as { ok: boolean; result: unknown };
      const parsed = BRIDGE[method as BridgeMethod].result.safeParse(reply.result);
      if (!reply.ok || !parsed.success) contractMismatches.push(`${what} → ${a.body.toString('utf8').slice(0, 300)}`);
    }
    if (a.status >= 400) {
      const after = cacheState();
      // new rows would be a refused call that queued something; drained rows are the background push
      expect({ ...after, outboxIds: after.outboxIds.filter((id) => !before.outboxIds.includes(id)), localViews: after.localViews.filter((id) => !before.localViews.includes(id)) }, `${what} → ${a.status} changed the cache`).toEqual({
        ...before,
        outboxIds: [],
        localViews: [],
      });
    }
    return a;
  }

  async function healthy(since: ReturnType<Figures['mark']> | null): Promise<void> {
    await ensureSession();
    const info = await send(base, { method: 'POST', path: '/bridge/app.info', headers: { [TOKEN_HEADER]: shell.token, 'content-type': 'application/json' }, body: '{}' });
    expect(info.status).toBe(200);
    const got = await send(base, { method: 'POST', path: '/bridge/items.get', headers: { [TOKEN_HEADER]: shell.token, 'content-type': 'application/json' }, body: JSON.stringify({ id: ids.application }) });
    expect(got.status).toBe(200);
    expect((await fetch(`${exchange.url}${ROUTES.health}`)).status).toBe(200);
    if (since) expect(figures.since(since)).toEqual({ fiveHundreds: [], badErrorShapes: [] });
    expect(contractMismatches).toEqual([]);
  }

  /** A valid call of each method, the seed the mutations start from. */
  const validArgs = (): Record<BridgeMethod, unknown> => ({
    'app.info': {},
    'auth.login': { badge: '100002', password: 'not-the-password' },
    'auth.logout': { wipe: false },
    'auth.session': {},
    'sync.status': {},
    'sync.now': {},
    'items.list': { kind: 'application', sinceRev: 0 },
    'items.query': { kind: 'application', view: 'open', search: '张', filters: [{ col: 'status', op: 'in', value: 'submitted' }], sort: [{ col: 'submittedAt', dir: 'desc' }], offset: 0, limit: 50 },
    'hall.handOver': { itemId: ids.application, idNumber: '11010519491231002X' },
    'items.indexOf': { query: { kind: 'application', view: 'all', search: '', filters: [], sort: [{ col: 'id', dir: 'asc' }] }, id: ids.application },
    'items.get': { id: ids.application },
    'items.command': { itemId: ids.second, type: 'note', body: { text: '核对材料' } },
    'officers.directory': {},
    'tips.clusters': { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
    'items.reveal': { itemId: ids.application, field: 'phone', reason: '核实申请人身份' },
    'attachments.get': { sha256: shas[0] },
    'outbox.list': {},
    'conflicts.list': {},
    'conflicts.reapply': { id: 1 },
    'conflicts.discard': { id: 1 },
    'settings.get': {},
    'settings.set': { language: 'en', attachmentCacheMb: 64, wipeAfterOfflineDays: 7 },
    'stats.get': { unit: '410100', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
    'stats.services': { unit: '410100', month: '2026-11' },
    'reports.weekly': { unit: '410100', week: '2026-W48', format: 'xlsx' },
    'audit.list': { actor: '100001', action: 'claim,decide', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', limit: 50 },
    'audit.verify': {},
    'admin.officers.list': {},
    'admin.officers.create': { badge: '500001', name: '杨帆', role: 'clerk', unitCode: '410105' },
    'admin.officers.resetPassword': { badge: '100005' },
    'admin.officers.lock': { badge: '100005', reason: '测试锁定' },
    'admin.officers.unlock': { badge: '100005', reason: '测试解锁' },
    'admin.officers.assign': { badge: '100005', unitCode: '410105', reason: '测试调岗' },
  });

  it('every method with generated arguments: wrong types, missing and unknown fields, hostile strings', { timeout: 120_000 }, async () => {
    const since = figures.mark();
    const valid = validArgs();
    const commandBodies = fc.constantFrom(
      { itemId: ids.second, type: 'claim', body: {} },
      { itemId: ids.second, type: 'decide', body: { outcome: 'approve', pickup: 'window' } },
      { itemId: ids.accident, type: 'decide', body: { outcome: 'determine', liabilities: ['full', 'none'], scenario: null, overrideReason: null } },
      { itemId: ids.tip, type: 'triage', body: { category: 'fire', urgencyLevel: 'high', reason: '有火灾隐患' } },
      { itemId: ids.application, type: 'request_supplement', body: { missing: ['photo'], note: '' } },
      { itemId: ids.second, type: 'route', body: { unitCode: '410105', note: '' } },
    );
    const callArb = fc.constantFrom(...METHODS).chain((method) => {
      // auth.logout only mutated: a valid logout ends the session the rest of the run needs
      const args = method === 'items.command' ? fc.oneof(mutated(valid[method]), commandBodies.chain((c) => mutated(c))) : mutated(valid[method]);
      return fc.tuple(fc.constant(method), (method === 'auth.logout' ? args.filter((a) => JSON.stringify(a) !== JSON.stringify(valid[method])) : args).chain((a) => jsonText(a)));
    });
    await fc.assert(
      fc.asyncProperty(callArb, async ([method, body]) => {
        await check(method, { body });
        if (method === 'settings.set' || method === 'auth.logout' || method === 'auth.login') await ensureSession();
      }),
      { numRuns: runs(800) },
    );
    await healthy(since);
  });

  it('queue queries of a valid shape with hostile values: searches, filters and sorts on every column', async () => {
    const since = figures.mark();
    const cols = ['id', 'label', 'person', 'submittedAt', 'dueAt', 'status', 'claimedBy', 'urgency', 'updatedAt'] as const;
    const text = (max: number) => hostileString.map((s) => s.slice(0, max));
    const query = fc.record({
      kind: fc.constantFrom('application', 'accident', 'tip'),
      view: fc.constantFrom('all', 'open', 'actionable', 'mine', 'due_today', 'overdue', 'supplement', 'urgent'),
      search: fc.oneof(text(100), fc.constantFrom('%', '_', '%_%', "'", '"', '\\', '*', 'APP-', '410100', '豫A', '张三', '\u0000', "') OR 1=1 --")),
      filters: fc.array(fc.record({ col: fc.constantFrom(...cols), op: fc.constantFrom('contains', 'equals', 'startsWith', 'before', 'after', 'in'), value: fc.oneof(text(200), fc.constantFrom('2026-01-01T00:00:00.000Z', 'submitted,approved', ',', '', 'not a date', '9999-99-99')) }), { maxLength: 4 }),
      sort: fc.array(fc.record({ col: fc.constantFrom(...cols), dir: fc.constantFrom('asc', 'desc') }), { maxLength: 3 }),
      offset: fc.oneof(fc.nat({ max: 50 }), fc.constant(2 ** 31)),
      limit: fc.integer({ min: 1, max: 1000 }),
    });
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (q, indexOf) => {
        const { offset: _offset, limit: _limit, ...rest } = q;
        const [method, args] = indexOf ? ['items.indexOf', { query: rest, id: ids.application }] : ['items.query', q];
        const a = await check(method, { body: JSON.stringify(args) });
        // answered, or refused as `invalid` (an operator that does not fit its column): nothing else
        const reply = JSON.parse(a.body.toString('utf8')) as { ok: boolean; error?: { code: string } };
        expect([method, a.status, reply.ok ? 'ok' : reply.error?.code], a.body.toString('utf8').slice(0, 300)).toEqual([method, reply.ok ? 200 : 400, reply.ok ? 'ok' : 'invalid']);
      }),
      { numRuns: runs(300) },
    );
    await healthy(since);
  });

  it('bad method names, tokens, content types, HTTP methods and Host headers', async () => {
    const since = figures.mark();
    const name = fc.oneof(
      hostileString,
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'items', 'items.', '.get', 'items.get.x', 'ITEMS.GET', 'items.get ', 'items%2eget', 'items.get/..', '../items.get', 'app.info%00', 'events', ''),
      fc.constantFrom(...METHODS).map((m) => `${m}${['/', '?', '#', '%20', '..'][m.length % 5]}`),
    );
    await fc.assert(
      fc.asyncProperty(name, fc.option(hostileValue.chain((v) => jsonText(v))), async (method, body) => {
        await check(method, { ...(body === null ? {} : { body }) });
      }),
      { numRuns: runs(150) },
    );
    // percent-encoding that does not decode, sent as is
    for (const raw of ['%', '%ZZ', '%E0%A4%A', '%C0%AF', '%FF', '%u0041']) await check(raw, { path: `/bridge/${raw}`, body: '{}' });

    const headerCases = fc.record({
      method: fc.constantFrom(...METHODS),
      token: fc.oneof(fc.constant(null), fc.constant('__keep__'), hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, ''))),
      type: fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/jsonp', 'image/png')),
      httpMethod: fc.constantFrom('POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      host: fc.constantFrom('__keep__', '__keep__', `localhost:${0}`, 'evil.example', '127.0.0.1', '127.0.0.1:1', '[::1]'),
    });
    await fc.assert(
      fc.asyncProperty(headerCases, async (c) => {
        const headers: Record<string, string> = { 'content-type': c.type };
        if (c.token === null) headers[TOKEN_HEADER] = '';
        else if (c.token !== '__keep__') headers[TOKEN_HEADER] = c.token;
        if (c.host !== '__keep__') headers.host = c.host.replace(':0', `:${shell.port}`);
        const hasBody = c.httpMethod !== 'GET' && c.httpMethod !== 'HEAD';
        await check(c.method, { httpMethod: c.httpMethod, headers, ...(hasBody ? { body: JSON.stringify(validArgs()[c.method]) } : {}) });
        if (c.method === 'auth.logout' || c.method === 'settings.set') await ensureSession();
      }),
      { numRuns: runs(150) },
    );
    await healthy(since);
  });

  it('oversize and non-JSON bodies', async () => {
    const since = figures.mark();
    const big = (n: number) => JSON.stringify({ badge: '100001', password: 'x'.repeat(n) });
    for (const [method, body] of [
      ['auth.login', big(MAX_BRIDGE_PAYLOAD_BYTES + 10)],
      ['items.query', JSON.stringify({ kind: 'application', search: 'x'.repeat(MAX_BRIDGE_PAYLOAD_BYTES) })],
      ['items.command', JSON.stringify({ itemId: ids.second, type: 'note', body: { text: '字'.repeat(MAX_BRIDGE_PAYLOAD_BYTES / 2) } })],
      ['settings.set', `{"language":"en",${'"x":1,'.repeat(200_000)}"y":2}`],
      ['items.list', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['items.get', `{"id":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`],
    ] as const) {
      const a = await check(method, { body });
      expect([method, a.status < 500]).toEqual([method, true]);
    }
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 500 }),
      fc.constantFrom('\ufeff{}', '{}{}', '{"a":1,}', 'undefined', 'NaN', "{'a':1}", '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"__proto__":{"polluted":true}}', '[]', 'null', '0', '""', 'true').map((s) => Buffer.from(s)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS.filter((m) => m !== 'auth.logout')), bytes, async (method, b) => {
        await check(method, { body: new Uint8Array(b) });
        if (method === 'settings.set' || method === 'auth.login') await ensureSession();
      }),
      { numRuns: runs(150) },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await healthy(since);
  });

  it('static files and the event stream: traversal, bad encoding, wrong tokens', async () => {
    const since = figures.mark();
    const pathArb = fc.oneof(
      hostileString.map((s) => `/${enc(s)}`),
      fc.constantFrom('/assets/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%00', '/index.html%00.js', '/assets/', '/bridge', '/bridge/', '/bridge/events?token=x', '/bridge/events', '/%', '/%ZZ', '//etc/passwd', '/assets/%2e%2e%2fsecret'),
    );
    await fc.assert(
      fc.asyncProperty(pathArb, fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'), async (path, method) => {
        const a = await check('static', { path, httpMethod: method, headers: {}, ...(method === 'POST' ? { body: '{}' } : {}) });
        expect(a.body.toString('utf8')).not.toMatch(/"name":\s*"officer-console"/);
      }),
      { numRuns: runs(120) },
    );
    await healthy(since);
  });

  it('raw HTTP to the shell: garbage, no Host, huge headers, bad content-length, truncated bodies', async () => {
    const since = figures.mark();
    const host = `Host: 127.0.0.1:${shell.port}`;
    const token = `${TOKEN_HEADER}: ${shell.token}`;
    const body = JSON.stringify({ id: ids.application });
    type Raw = { name: string; chunks: readonly (string | Buffer)[]; halfClose?: boolean };
    const rawArb: fc.Arbitrary<Raw> = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({ name: 'random bytes', chunks: [Buffer.from(b), '\r\n\r\n'] })),
      fc.integer({ min: 9_000, max: 100_000 }).map((n) => ({ name: `a ${n}-byte header`, chunks: [`POST /bridge/app.info HTTP/1.1\r\n${host}\r\n${token}\r\nX-Big: ${'x'.repeat(n)}\r\n\r\n`] })),
      fc.constantFrom('-1', 'abc', '1e3', '99999999999999999999', '', '5,5').map((cl) => ({
        name: `content-length "${cl}"`,
        chunks: [`POST /bridge/items.get HTTP/1.1\r\n${host}\r\n${token}\r\nContent-Type: application/json\r\nContent-Length: ${cl}\r\n\r\n${body}`],
      })),
      fc.constant<Raw>({ name: 'a content-length far above the limit', chunks: [`POST /bridge/items.get HTTP/1.1\r\n${host}\r\n${token}\r\nContent-Type: application/json\r\nContent-Length: ${MAX_BRIDGE_PAYLOAD_BYTES * 50}\r\n\r\n${body}`], halfClose: true }),
      fc.nat({ max: body.length - 1 }).map((cut) => ({
        name: `a body truncated at ${cut} of ${body.length}`,
        chunks: [`POST /bridge/items.get HTTP/1.1\r\n${host}\r\n${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, cut)}`],
        halfClose: true,
      })),
      fc.constant<Raw>({ name: 'content-length and chunked', chunks: [`POST /bridge/items.get HTTP/1.1\r\n${host}\r\n${token}\r\nContent-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`] }),
      fc.constant<Raw>({ name: 'no Host on HTTP/1.1', chunks: [`POST /bridge/app.info HTTP/1.1\r\n${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`] }),
      fc.constant<Raw>({ name: 'a bare LF request', chunks: [`POST /bridge/app.info HTTP/1.1\n${host}\n${token}\nContent-Type: application/json\nContent-Length: 2\n\n{}`] }),
      fc.constant<Raw>({ name: 'a header without a colon', chunks: [`POST /bridge/app.info HTTP/1.1\r\n${host}\r\nNoColon\r\n\r\n`] }),
    );
    // the shell logs what it takes for a bug ("unhandled error", answered `internal`): a client's bytes never are one
    const bugLogs: string[] = [];
    const errorLog = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (String(args[0]).includes('[web-shell]')) bugLogs.push(`${String(args[0])} ${args.slice(1).map((a) => (a instanceof Error ? `${a.message} (${(a as NodeJS.ErrnoException).code})` : String(a))).join(' ')}`);
    });
    const triggers = new Set<string>();
    try {
      await fc.assert(
        fc.asyncProperty(rawArb, async (r) => {
          const logged = bugLogs.length;
          const a = await sendRaw(shell.port, r.chunks, { halfClose: r.halfClose ?? false });
          figures.record(a.status, `raw: ${r.name}`, a.body);
          if (a.status >= 400) figures.errorCode(a.status, a.body, `raw: ${r.name}`, a.raw.toString('latin1').slice(0, 300));
          // the log may come just after the socket closed
          await new Promise((resolve) => setImmediate(resolve));
          if (bugLogs.length > logged) triggers.add(r.name.replace(/\d+/g, 'N'));
        }),
        { numRuns: runs(120) },
      );
    } finally {
      errorLog.mockRestore();
    }
    console.log(`[fuzz-bridge] raw requests the shell logged as a bug: ${bugLogs.length} (${[...triggers].join('; ')})${bugLogs[0] ? `, e.g. ${bugLogs[0]}` : ''}`);
    await healthy(null);
    expect({ ...figures.since(since), requestsLoggedAsBugs: [...triggers] }).toEqual({ fiveHundreds: [], badErrorShapes: [], requestsLoggedAsBugs: [] });
  });

  it('sent what it meant to', () => {
    expect(figures.sent).toBeGreaterThan(runs(900));
  });
});
