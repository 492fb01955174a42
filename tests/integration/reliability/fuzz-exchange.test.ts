import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { INTAKE_KEY_HEADER, ROUTES } from '#shared/contract/api';
import { COMMAND_BODIES } from '#shared/domain/commands';
import { intake, login, scannedApplication, startExchange, uploadAttachment, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, auth, completePhotos, jpegBytes, pngBytes, snapshot, tipBody } from '../server/fixtures';
import { Figures, enc, hostileString, hostileValue, jsonText, mutated, send, sendRaw, type Answer, type Request } from './fuzz-support';

/**
 * Issue 9 "keep it found": generated bad input to every route of the exchange, and raw HTTP that is
 * not quite HTTP. Whatever arrives: no 5xx, every 4xx in the one error shape with a code of
 * shared/errors.ts, the exchange stays up, and a refused request stores nothing (same row counts
 * in every table, same newest seq, same versions, same blob files; a refused login writes only
 * its audit row and the badge's failure count, as designed).
 */
const figures = new Figures();
/** FUZZ_SCALE=4 runs four times as many cases (slower, for a hunt). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe('fuzzing every exchange route', () => {
  let exchange: ExchangeHandle;
  let port: number;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const shas: string[] = [];
  let photos: { sha256: string; role: string; partyIdx: number | null }[] = [];

  beforeAll(async () => {
    exchange = await startExchange();
    port = exchange.port;
    for (const badge of ['100001', '100002', '100003', '100004', '300001', '900001']) tokens[badge] = await login(exchange.url, badge);
    const revoked = await login(exchange.url, '100005');
    await fetch(`${exchange.url}${ROUTES.logout}`, { method: 'POST', headers: auth(revoked) });
    tokens.revoked = revoked;
    ids.application = await scannedApplication(exchange);
    photos = await completePhotos(exchange);
    shas.push(...photos.map((p) => p.sha256));
    ids.accident = (await intake(exchange, 'accident', accidentBody('410100', photos))).id!;
    ids.tip = (await intake(exchange, 'tip', tipBody())).id!;
    ids.luoyang = (await intake(exchange, 'application', applicationBody('410300'))).id!;
    const png = await uploadAttachment(exchange, await pngBytes(9), 'image/png');
    shas.push(png.sha256!);
  });
  afterAll(async () => {
    figures.print('fuzz-exchange');
    await exchange?.stop();
  });

  const tokenArb = (): fc.Arbitrary<Record<string, string>> =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('100001', '100002', '100003', '100004', '300001', '900001').map((b) => auth(tokens[b]!)) },
      { weight: 1, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.constant(auth(tokens.revoked!)) },
      { weight: 1, arbitrary: hostileString.map((s) => ({ authorization: `Bearer ${s.replace(/[^\x20-\x7e]/g, '')}` })) },
      { weight: 1, arbitrary: fc.constantFrom({ authorization: 'Basic YTpi' }, { authorization: 'Bearer' }, { authorization: `bearer ${'a'.repeat(5000)}` }) },
    );
  const intakeKeyArb = (): fc.Arbitrary<Record<string, string>> =>
    fc.oneof({ weight: 8, arbitrary: fc.constant({ [INTAKE_KEY_HEADER]: exchange.intakeKey }) }, { weight: 1, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constant({ [INTAKE_KEY_HEADER]: 'guess' }) });
  const jsonType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '', 'image/png') },
  );

  /** Sends, checks the answer's rules, and that a refusal stored nothing (`allowed`: what a refusal may write). */
  async function check(r: Request, opts: { mayWrite?: (a: Answer) => boolean; refusalMayTouch?: string[] } = {}): Promise<Answer> {
    const before = snapshot(exchange);
    const a = await send(exchange.url, r);
    const what = `${r.method} ${r.path.slice(0, 200)} ${String(r.body ?? '').slice(0, 200)}`;
    // a 5xx or a misshapen error is recorded (and fails the test at its end, with every such request listed)
    figures.record(a.status, what, a.body);
    if (a.status >= 400 && r.method !== 'HEAD') figures.errorCode(a.status, a.body, what);
    const after = snapshot(exchange);
    const wrote = a.status < 300 && (opts.mayWrite?.(a) ?? false);
    if (!wrote) {
      const touched = a.status >= 400 ? (opts.refusalMayTouch ?? []) : [];
      const strip = (s: Record<string, number>) => Object.fromEntries(Object.entries(s).filter(([k]) => !touched.includes(k)));
      expect(strip(after), `${what} → ${a.status} changed what is stored`).toEqual(strip(before));
    }
    return a;
  }

  /** The exchange still answers, and the test's requests got no 5xx and only well-shaped errors. */
  async function healthy(since: ReturnType<Figures['mark']>): Promise<void> {
    const res = await fetch(`${exchange.url}${ROUTES.health}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(figures.since(since)).toEqual({ fiveHundreds: [], badErrorShapes: [] });
  }

  it('login: bad bodies, badges and passwords', async () => {
    const since = figures.mark();
    const base = { badge: '100001', password: 'wrong-password' };
    await fc.assert(
      fc.asyncProperty(mutated(base).chain((b) => jsonText(b)), jsonType, async (body, type) => {
        const a = await check({ method: 'POST', path: ROUTES.login, headers: { 'content-type': type }, body }, { refusalMayTouch: ['rows:audit'] });
        expect(a.status).not.toBe(200);
      }),
      { numRuns: runs(60) },
    );
    await healthy(since);
  });

  it('changes and changes/wait: bad cursors, limits, timeouts, extra parameters, tokens', async () => {
    const since = figures.mark();
    const numberish = fc.oneof(fc.integer({ min: -5, max: 3000 }).map(String), hostileString, fc.constantFrom('1.5', '1e3', '-0', '', '9'.repeat(30), '0x1f', ' 3'));
    const extra = fc.array(fc.tuple(hostileString, hostileString), { maxLength: 2 });
    const query = (params: [string, string][]) => (params.length ? `?${params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '');
    await fc.assert(
      fc.asyncProperty(fc.option(numberish), fc.option(numberish), extra, tokenArb(), async (after, limit, more, headers) => {
        const params: [string, string][] = [...(after === null ? [] : [['after', after] as [string, string]]), ...(limit === null ? [] : [['limit', limit] as [string, string]]), ...more];
        await check({ method: 'GET', path: `${ROUTES.changes}${query(params)}`, headers });
      }),
      { numRuns: runs(200) },
    );
    // a wait that is valid returns at once (timeoutMs ≤ 50) or is refused: never a 25 s default
    const shortOrBad = fc.oneof(
      fc.integer({ min: 0, max: 50 }).map(String),
      fc.constantFrom('-1', '60001', '1.5', 'abc', '1e9', 'NaN', 'Infinity', '%00', '99999999999999999999'),
      hostileString.filter((s) => {
        const n = Number(s.trim() === '' ? 'x' : s);
        return !Number.isInteger(n) || n < 0 || n > 60_000 || n <= 50;
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.option(numberish), shortOrBad, extra, tokenArb(), async (after, timeoutMs, more, headers) => {
        const params: [string, string][] = [...(after === null ? [] : [['after', after] as [string, string]]), ['timeoutMs', timeoutMs], ...more];
        await check({ method: 'GET', path: `${ROUTES.changesWait}${query(params)}`, headers });
      }),
      { numRuns: runs(120) },
    );
    await healthy(since);
  });

  it('commands: generated batches, including deep mutations of valid commands', async () => {
    const since = figures.mark();
    const valid = () => ({ commands: [{ id: randomUUID(), itemId: ids.application!, type: 'note', expectedVersion: 1, body: { text: '核对材料' } }] });
    const commandArb = fc.record(
      {
        id: fc.oneof(fc.uuid(), hostileString),
        itemId: fc.oneof(fc.constantFrom(ids.application!, ids.accident!, ids.tip!, ids.luoyang!, 'APP-410100-99999'), hostileString),
        type: fc.oneof(fc.constantFrom(...Object.keys(COMMAND_BODIES)), hostileString),
        expectedVersion: fc.oneof(fc.integer({ min: -2, max: 4 }), hostileValue),
        body: fc.oneof(fc.constant({}), hostileValue, fc.record({ outcome: fc.constantFrom('approve', 'reject', 'determine'), pickup: hostileValue })),
      },
      { requiredKeys: [] },
    );
    const batch = fc.oneof(
      fc.record({ commands: fc.array(commandArb, { maxLength: 4 }) }),
      fc.constant(null).map(() => valid()).chain((v) => mutated(v)),
      fc.nat({ max: 3 }).map((n) => ({ commands: Array.from({ length: 100 + n }, () => valid().commands[0]) })),
      hostileValue,
    );
    await fc.assert(
      fc.asyncProperty(batch.chain((b) => jsonText(b)), jsonType, tokenArb(), async (body, type, headers) => {
        await check(
          { method: 'POST', path: ROUTES.commands, headers: { ...headers, 'content-type': type }, body },
          // a 200 is a batch of results: applied ones write, rejections are remembered under their id
          { mayWrite: () => true },
        );
      }),
      { numRuns: runs(300) },
    );
    await healthy(since);
  });

  it('reveal: generated requests; only an answered reveal is audited', async () => {
    const since = figures.mark();
    const base = { itemId: ids.application!, field: 'phone', reason: '核实申请人身份' };
    await fc.assert(
      fc.asyncProperty(mutated(base).chain((b) => jsonText(b)), jsonType, tokenArb(), async (body, type, headers) => {
        await check({ method: 'POST', path: ROUTES.reveal, headers: { ...headers, 'content-type': type }, body }, { mayWrite: () => true });
      }),
      { numRuns: runs(150) },
    );
    await healthy(since);
  });

  it('attachments/:sha256, audit/verify and officers/directory: bad parameters, queries, tokens, methods', async () => {
    const since = figures.mark();
    const shaArb = fc.oneof(
      fc.constantFrom(...shas),
      fc.stringMatching(/^[0-9a-f]{64}$/),
      fc.stringMatching(/^[0-9a-fA-F]{0,70}$/),
      hostileString.map(enc),
      fc.constantFrom('%', '%ZZ', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'a'.repeat(201), `${shas[0]}%00`, `${shas[0]}/x`),
    );
    const routes = fc.oneof(
      shaArb.map((s) => ROUTES.attachment.replace(':sha256', s)),
      fc.constantFrom(ROUTES.auditVerify, ROUTES.officerDirectory, ROUTES.me, ROUTES.health),
    );
    const query = fc.option(fc.tuple(hostileString, hostileString).map(([k, v]) => `?${enc(k)}=${enc(v)}`), { nil: '' });
    const extraHeaders = fc.oneof(
      fc.constant({}),
      fc.constantFrom<Record<string, string>>({ 'if-none-match': '*' }, { 'if-none-match': `"${shas[0]}"` }, { range: 'bytes=0-1' }, { range: 'bytes=-99999999999' }, { accept: 'application/xml' }, { 'accept-encoding': 'gzip;q=-1' }),
    );
    await fc.assert(
      fc.asyncProperty(routes, query, tokenArb(), extraHeaders, fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE', 'PUT', 'OPTIONS'), async (path, q, headers, more, method) => {
        await check({ method, path: `${path}${q}`, headers: { ...headers, ...more } });
      }),
      { numRuns: runs(250) },
    );
    await healthy(since);
  });

  it('intake JSON routes: applications, accidents, tips, withdraw and supplements', async () => {
    const since = figures.mark();
    const cases = fc.oneof(
      mutated(applicationBody()).map((body) => ({ path: ROUTES.intakeApplication, body })),
      mutated(accidentBody('410100', photos)).map((body) => ({ path: ROUTES.intakeAccident, body })),
      mutated(tipBody()).map((body) => ({ path: ROUTES.intakeTip, body })),
      mutated({ itemId: ids.tip!, reason: '已自行解决' }).map((body) => ({ path: ROUTES.intakeWithdraw, body })),
      mutated({ itemId: ids.application!, materials: [{ code: 'photo', sha256: shas[0]! }] }).map((body) => ({ path: ROUTES.intakeSupplement, body })),
    );
    await fc.assert(
      fc.asyncProperty(cases.chain(({ path, body }) => jsonText(body).map((text) => ({ path, text }))), jsonType, intakeKeyArb(), async ({ path, text }, type, headers) => {
        await check({ method: 'POST', path, headers: { ...headers, 'content-type': type }, body: text }, { mayWrite: () => true });
      }),
      { numRuns: runs(400) },
    );
    await healthy(since);
  });

  it('intake attachments: generated bytes under every declared type', async () => {
    const since = figures.mark();
    const jpeg = await jpegBytes(77);
    const png = await pngBytes(78);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.tuple(fc.constantFrom(jpeg, png, Buffer.from('%PDF-1.4\n')), fc.uint8Array({ maxLength: 500 }), fc.nat({ max: 600 })).map(([good, junk, cut]) => Buffer.concat([good.subarray(0, Math.max(3, cut)), junk])),
      fc.constantFrom(jpeg, png, Buffer.from([0xff, 0xd8, 0xff]), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('%PDF-')),
    );
    const type = fc.oneof(fc.constantFrom('image/jpeg', 'image/png', 'application/pdf'), fc.constantFrom('image/JPEG', 'image/jpeg; charset=binary', 'image/gif', 'application/octet-stream', 'application/json', '', 'text/plain'));
    await fc.assert(
      fc.asyncProperty(bytes, type, intakeKeyArb(), async (b, t, headers) => {
        await check({ method: 'POST', path: ROUTES.intakeAttachment, headers: { ...headers, 'content-type': t }, body: new Uint8Array(b) }, { mayWrite: () => true });
      }),
      { numRuns: runs(250) },
    );
    await healthy(since);
  });

  it('oversize bodies on every JSON route are 413, never read into memory whole', async () => {
    const since = figures.mark();
    for (const path of [ROUTES.login, ROUTES.commands, ROUTES.reveal, ROUTES.intakeApplication, ROUTES.intakeAccident, ROUTES.intakeTip, ROUTES.intakeWithdraw, ROUTES.intakeSupplement]) {
      const body = JSON.stringify({ text: 'x'.repeat(300 * 1024) });
      const a = await check({ method: 'POST', path, headers: { ...auth(tokens['100001']!), [INTAKE_KEY_HEADER]: exchange.intakeKey, 'content-type': 'application/json' }, body });
      expect([path, a.status]).toEqual([path, 413]);
    }
    await healthy(since);
  });

  it('any method on any path, with any body', async () => {
    const since = figures.mark();
    const pathArb = fc.oneof(
      fc.constantFrom(...Object.values(ROUTES)),
      fc.tuple(fc.constantFrom(...Object.values(ROUTES)), hostileString).map(([p, s]) => `${p}/${enc(s)}`),
      hostileString.map((s) => `/api/v1/${enc(s)}`),
      fc.constantFrom('/', '//', '/api', '/api/v1', '/api/v2/health', '/api/v1/health/', '/api/v1//health', '/API/V1/HEALTH', '/api/v1/health?x=%', '/%2e%2e/%2e%2e/etc/passwd'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
        pathArb,
        fc.option(hostileValue.chain((v) => jsonText(v))),
        jsonType,
        tokenArb(),
        async (method, path, body, type, headers) => {
          const hasBody = body !== null && method !== 'GET' && method !== 'HEAD';
          await check({ method, path, headers: { ...headers, [INTAKE_KEY_HEADER]: exchange.intakeKey, ...(hasBody ? { 'content-type': type } : {}) }, ...(hasBody ? { body } : {}) }, { mayWrite: () => true });
        },
      ),
      { numRuns: runs(300) },
    );
    await healthy(since);
  });

  it('raw HTTP: garbage request lines, bad percent-encoding, huge headers, bad content-length, truncated bodies', async () => {
    const since = figures.mark();
    const host = `Host: 127.0.0.1:${port}`;
    const tokenHeader = `Authorization: Bearer ${tokens['100001']}`;
    const intakeHeader = `${INTAKE_KEY_HEADER}: ${exchange.intakeKey}`;
    const tip = JSON.stringify(tipBody());
    type Raw = { name: string; chunks: readonly (string | Buffer)[]; halfClose?: boolean };
    const rawArb: fc.Arbitrary<Raw> = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({ name: 'random bytes', chunks: [Buffer.from(b), '\r\n\r\n'] })),
      fc
        .tuple(fc.string({ unit: 'binary-ascii', maxLength: 12 }), fc.string({ unit: 'binary-ascii', maxLength: 60 }), fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.', 'HTTP/9.9', 'http/1.1', ''))
        .map(([m, p, v]) => ({ name: 'a garbage request line', chunks: [`${m} ${p} ${v}\r\n${host}\r\n\r\n`] })),
      fc
        .tuple(fc.constantFrom(ROUTES.attachment.replace(':sha256', ''), `${ROUTES.changes}?after=`, `${ROUTES.health}/`, '/'), fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%C0%AF', '%00', '%FF%FE', '%u0041', '%%', '%2'))
        .map(([p, bad]) => ({ name: 'bad percent-encoding', chunks: [`GET ${p}${bad} HTTP/1.1\r\n${host}\r\n${tokenHeader}\r\nConnection: close\r\n\r\n`] })),
      fc.integer({ min: 9_000, max: 120_000 }).map((n) => ({ name: `a ${n}-byte header`, chunks: [`GET ${ROUTES.health} HTTP/1.1\r\n${host}\r\nX-Big: ${'x'.repeat(n)}\r\n\r\n`] })),
      fc.integer({ min: 200, max: 2_000 }).map((n) => ({ name: `${n} headers`, chunks: [`GET ${ROUTES.health} HTTP/1.1\r\n${host}\r\n${Array.from({ length: n }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`] })),
      fc.integer({ min: 9_000, max: 70_000 }).map((n) => ({ name: `a ${n}-byte URL`, chunks: [`GET ${ROUTES.changes}?after=${'1'.repeat(n)} HTTP/1.1\r\n${host}\r\n${tokenHeader}\r\n\r\n`] })),
      fc
        .tuple(fc.constantFrom('-1', 'abc', '1e3', ' 5', '5,5', '99999999999999999999', '0x10', '', '12 34', '+10'), fc.constantFrom(ROUTES.intakeTip, ROUTES.commands, ROUTES.login))
        .map(([cl, p]) => ({ name: `content-length "${cl}" on ${p}`, chunks: [`POST ${p} HTTP/1.1\r\n${host}\r\n${tokenHeader}\r\n${intakeHeader}\r\nContent-Type: application/json\r\nContent-Length: ${cl}\r\n\r\n${tip}`] })),
      fc.constantFrom(ROUTES.intakeTip, ROUTES.commands).map((p) => ({
        name: `two content-lengths on ${p}`,
        chunks: [`POST ${p} HTTP/1.1\r\n${host}\r\n${tokenHeader}\r\n${intakeHeader}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: ${tip.length}\r\n\r\n${tip}`],
      })),
      fc.constantFrom(ROUTES.intakeTip, ROUTES.commands).map((p) => ({
        name: `content-length and chunked on ${p}`,
        chunks: [`POST ${p} HTTP/1.1\r\n${host}\r\n${tokenHeader}\r\n${intakeHeader}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n`],
      })),
      fc.constantFrom('zz', '-1', 'ffffffffffffffff', '1;ext="', '', '0x5').map((size) => ({
        name: `a bad chunk size "${size}"`,
        chunks: [`POST ${ROUTES.intakeTip} HTTP/1.1\r\n${host}\r\n${intakeHeader}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${size}\r\n${tip}\r\n0\r\n\r\n`],
        // a huge declared chunk waits for bytes that never come: end our side so the server sees the truncation
        halfClose: true,
      })),
      fc.tuple(fc.constantFrom(ROUTES.intakeTip, ROUTES.commands, ROUTES.login), fc.nat({ max: 200 })).map(([p, cut]) => ({
        name: `a body truncated at ${cut} of ${tip.length} on ${p}`,
        chunks: [`POST ${p} HTTP/1.1\r\n${host}\r\n${tokenHeader}\r\n${intakeHeader}\r\nContent-Type: application/json\r\nContent-Length: ${tip.length}\r\n\r\n${tip.slice(0, cut)}`],
        halfClose: true,
      })),
      fc.constantFrom('\u0000', '\r', '\n', '\u007f', '\u00ff').map((c) => ({ name: `a header value with ${JSON.stringify(c)}`, chunks: [Buffer.from(`GET ${ROUTES.health} HTTP/1.1\r\n${host}\r\nX-Bad: a${c}b\r\n\r\n`, 'latin1')] })),
      fc.constant<Raw>({ name: 'a header without a colon', chunks: [`GET ${ROUTES.health} HTTP/1.1\r\n${host}\r\nNoColonHere\r\n\r\n`] }),
      fc.constant<Raw>({ name: 'no Host on HTTP/1.1', chunks: [`GET ${ROUTES.health} HTTP/1.1\r\nConnection: close\r\n\r\n`] }),
      fc.constant<Raw>({ name: 'a bare LF request', chunks: [`GET ${ROUTES.health} HTTP/1.1\n${host}\n\n`] }),
    );
    await fc.assert(
      fc.asyncProperty(rawArb, async (r) => {
        const before = snapshot(exchange);
        const a = await sendRaw(port, r.chunks, { halfClose: r.halfClose ?? false });
        figures.record(a.status, `raw: ${r.name}`, a.body);
        if (a.status >= 400) figures.errorCode(a.status, a.body, `raw: ${r.name}`, a.raw.toString('latin1').slice(0, 300));
        if (a.status === 0 || a.status >= 400) expect(snapshot(exchange), `raw: ${r.name} stored something`).toEqual(before);
      }),
      { numRuns: runs(300) },
    );
    await healthy(since);
  });

  it('sent what it meant to', () => {
    expect(figures.sent).toBeGreaterThan(2000);
  });
});
