import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_HEADER, ROUTES } from '#shared/contract/api';
import { MAX_ATTACHMENT_BYTES } from '#shared/domain/attachments';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { BAD_ID_NUMBER, accidentBody, applicationBody, auth, command, jpegBytes, pngBytes, snapshot, tipBody } from './fixtures';

/**
 * Bad input of every kind gets a 4xx with a stable code, and nothing stored changes: same row
 * counts in every table, same newest change seq, same versions, same blob files.
 */
describe('bad input', () => {
  let exchange: ExchangeHandle;
  let token: string;
  let itemId: string;

  beforeAll(async () => {
    exchange = await startExchange();
    token = await login(exchange.url, '100001');
    itemId = (await intake(exchange, 'application', applicationBody())).id!;
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  type Case = { name: string; path: string; method?: string; headers?: Record<string, string>; body?: string | Uint8Array; status: number; code: string };

  const officerJson = (name: string, path: string, body: string | Uint8Array, status: number, code: string, contentType = 'application/json'): Case => ({
    name,
    path,
    headers: { 'content-type': contentType },
    body,
    status,
    code,
  });
  const json = (value: unknown) => JSON.stringify(value);

  const officerCases = (): Case[] => [
    officerJson('malformed JSON', ROUTES.commands, '{"commands": [', 400, 'bad_json'),
    officerJson('an empty JSON body', ROUTES.commands, '', 400, 'bad_json'),
    officerJson('prototype poisoning', ROUTES.commands, '{"__proto__": {"admin": true}, "commands": []}', 400, 'bad_json'),
    officerJson('commands of the wrong type', ROUTES.commands, json({ commands: 'claim' }), 400, 'invalid'),
    officerJson('a version as a string', ROUTES.commands, json({ commands: [{ ...command(itemId, 'claim', 1), expectedVersion: '1' }] }), 400, 'invalid'),
    officerJson('an unknown top-level field', ROUTES.commands, json({ commands: [command(itemId, 'claim', 1)], force: true }), 400, 'invalid'),
    officerJson('an unknown field in a body', ROUTES.commands, json({ commands: [command(itemId, 'claim', 1, { until: 'forever' })] }), 400, 'invalid'),
    officerJson('an unknown command type', ROUTES.commands, json({ commands: [command(itemId, 'delete', 1)] }), 400, 'invalid'),
    officerJson('an SQL-looking item id', ROUTES.commands, json({ commands: [command("APP-410100-1' OR '1'='1", 'claim', 1)] }), 400, 'invalid'),
    officerJson('a note with control characters only', ROUTES.commands, json({ commands: [command(itemId, 'note', 1, { text: '\u0000\u0001' })] }), 400, 'invalid'),
    officerJson('an oversize body', ROUTES.commands, json({ commands: [command(itemId, 'note', 1, { text: 'x'.repeat(400_000) })] }), 413, 'payload_too_large'),
    officerJson('plain text', ROUTES.commands, 'claim APP-410100-1', 415, 'unsupported_media_type', 'text/plain'),
    officerJson('XML', ROUTES.commands, '<commands/>', 415, 'unsupported_media_type', 'application/xml'),
    officerJson('image bytes to a JSON route', ROUTES.commands, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 415, 'unsupported_media_type', 'image/jpeg'),
    officerJson('a reveal without a reason', ROUTES.reveal, json({ itemId, field: 'phone', reason: '' }), 400, 'invalid'),
    officerJson('a login with an SQL-looking badge', ROUTES.login, json({ badge: "' OR 1=1 --", password: 'x' }), 400, 'invalid'),
    { name: 'a negative cursor', path: `${ROUTES.changes}?after=-1`, method: 'GET', status: 400, code: 'invalid' },
    { name: 'a non-numeric cursor', path: `${ROUTES.changes}?after=abc`, method: 'GET', status: 400, code: 'invalid' },
    { name: 'an unknown query parameter', path: `${ROUTES.changes}?after=0&where=1`, method: 'GET', status: 400, code: 'invalid' },
    { name: 'a limit above the maximum', path: `${ROUTES.changes}?limit=100000`, method: 'GET', status: 400, code: 'invalid' },
    { name: 'a malformed attachment hash', path: ROUTES.attachment.replace(':sha256', '..%2F..%2Fetc%2Fpasswd'), method: 'GET', status: 400, code: 'invalid' },
    { name: 'an unknown route', path: '/api/v1/items/drop', method: 'GET', status: 404, code: 'not_found' },
  ];

  const intakeJson = (name: string, path: string, body: unknown, status: number, code: string): Case => ({
    name,
    path,
    headers: { 'content-type': 'application/json', [INTAKE_KEY_HEADER]: exchange.intakeKey },
    body: typeof body === 'string' ? body : json(body),
    status,
    code,
  });

  const intakeCases = (): Case[] => [
    intakeJson('a bad ID number checksum', ROUTES.intakeApplication, applicationBody('410100', { applicant: { ...applicationBody().applicant, idNumber: BAD_ID_NUMBER } }), 400, 'bad_id_number'),
    intakeJson('an ID number of the wrong shape', ROUTES.intakeApplication, applicationBody('410100', { applicant: { ...applicationBody().applicant, idNumber: '4101' } }), 400, 'invalid'),
    intakeJson('an unknown service', ROUTES.intakeApplication, applicationBody('410100', { serviceCode: "x'; DROP TABLE items; --" }), 400, 'unknown_service'),
    intakeJson('an unknown unit', ROUTES.intakeApplication, applicationBody('419999'), 400, 'invalid'),
    intakeJson('material outside the service', ROUTES.intakeApplication, applicationBody('410100', { materials: [{ code: 'bribe', sha256: null }] }), 400, 'invalid'),
    intakeJson('a material that was never uploaded', ROUTES.intakeApplication, applicationBody('410100', { materials: [{ code: 'id_card', sha256: 'a'.repeat(64) }] }), 400, 'invalid'),
    intakeJson('an unknown field', ROUTES.intakeApplication, { ...applicationBody(), priority: 'vip' }, 400, 'invalid'),
    intakeJson('control characters in an address', ROUTES.intakeApplication, applicationBody('410100', { applicant: { ...applicationBody().applicant, address: 'a\u0007b' } }), 400, 'invalid'),
    intakeJson('a bad plate', ROUTES.intakeAccident, { ...accidentBody(), parties: accidentBody().parties.map((p, i) => (i === 0 ? { ...p, plate: '京A12345' } : p)) }, 400, 'bad_plate'),
    intakeJson('a bad party ID number', ROUTES.intakeAccident, { ...accidentBody(), parties: accidentBody().parties.map((p) => ({ ...p, idNumber: BAD_ID_NUMBER })) }, 400, 'bad_id_number'),
    intakeJson('a tip with a NUL byte', ROUTES.intakeTip, { ...tipBody(), content: '有人在\u0000此处聚众赌博' }, 400, 'invalid'),
    intakeJson('a tip of the wrong types', ROUTES.intakeTip, { ...tipBody(), category: 7, reporter: 'me' }, 400, 'invalid'),
    intakeJson('malformed JSON', ROUTES.intakeTip, '{"unitCode": 410100,', 400, 'bad_json'),
    {
      name: 'image bytes to a JSON intake route',
      path: ROUTES.intakeApplication,
      headers: { 'content-type': 'image/png', [INTAKE_KEY_HEADER]: exchange.intakeKey },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      status: 415,
      code: 'unsupported_media_type',
    },
    intakeJson('withdrawing an unknown item', ROUTES.intakeWithdraw, { itemId: 'APP-410100-99999', reason: '撤回' }, 404, 'not_found'),
    intakeJson('a supplement nobody asked for', ROUTES.intakeSupplement, { itemId: 'APP-410100-1', materials: [{ code: 'photo', sha256: 'b'.repeat(64) }] }, 400, 'invalid'),
    { name: 'intake without the key', path: ROUTES.intakeTip, headers: { 'content-type': 'application/json' }, body: json(tipBody()), status: 401, code: 'bad_intake_key' },
    {
      name: 'intake with a wrong key',
      path: ROUTES.intakeTip,
      headers: { 'content-type': 'application/json', [INTAKE_KEY_HEADER]: 'guess' },
      body: json(tipBody()),
      status: 401,
      code: 'bad_intake_key',
    },
  ];

  /**
   * node:http rather than fetch: on an oversize body the exchange answers 413 and closes the
   * connection while the client may still be writing; the answer counts, the EPIPE does not.
   */
  function send(c: Case, withToken: boolean): Promise<{ status: number; body: { error?: { code?: string; message?: string } } }> {
    return new Promise((resolve, reject) => {
      const payload = c.body === undefined ? undefined : typeof c.body === 'string' ? Buffer.from(c.body) : Buffer.from(c.body);
      const req = http.request(`${exchange.url}${c.path}`, {
        method: c.method ?? 'POST',
        headers: { ...(withToken ? auth(token) : {}), ...c.headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (err) {
            reject(err);
          }
        });
      });
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      if (!payload || payload.length < 64 * 1024) {
        req.end(payload);
        return;
      }
      // A large body: send the headers first so the exchange can refuse by content-length before
      // a byte of the body is written (else the refusal races our write and we may only see EPIPE).
      req.flushHeaders();
      const timer = setTimeout(() => req.end(payload), 1000);
      req.on('response', () => clearTimeout(timer));
    });
  }

  async function expectRefusedWithoutChange(cases: Case[], withToken: boolean) {
    for (const c of cases) {
      const before = snapshot(exchange);
      const res = await send(c, withToken);
      expect({ case: c.name, status: res.status, code: res.body.error?.code }).toEqual({ case: c.name, status: c.status, code: c.code });
      expect(typeof res.body.error?.message).toBe('string');
      expect(snapshot(exchange), c.name).toEqual(before);
    }
  }

  it('refuses malformed, mistyped, oversize and foreign-typed officer requests without changing anything', async () => {
    await expectRefusedWithoutChange(officerCases(), true);
  });

  it('refuses bad intake bodies without changing anything', async () => {
    await expectRefusedWithoutChange(intakeCases(), false);
  });

  it('refuses bad attachments without storing a byte', async () => {
    const png = await pngBytes(3);
    const upload = (name: string, body: Uint8Array, contentType: string, status: number, code: string): Case => ({
      name,
      path: ROUTES.intakeAttachment,
      headers: { 'content-type': contentType, [INTAKE_KEY_HEADER]: exchange.intakeKey },
      body,
      status,
      code,
    });
    const oversize = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    oversize.set([0xff, 0xd8, 0xff, 0xe0]);
    await expectRefusedWithoutChange(
      [
        upload('a PNG declared as JPEG', png, 'image/jpeg', 415, 'unsupported_media_type'),
        upload('a JPEG declared as PDF', await jpegBytes(4), 'application/pdf', 415, 'unsupported_media_type'),
        upload('a GIF', new TextEncoder().encode('GIF89a....'), 'image/gif', 415, 'unsupported_media_type'),
        upload('a script declared as PNG', new TextEncoder().encode('<script>alert(1)</script>'), 'image/png', 415, 'unsupported_media_type'),
        upload('JSON to the upload route', new TextEncoder().encode('{}'), 'application/json', 415, 'unsupported_media_type'),
        upload('an empty upload', new Uint8Array(0), 'image/png', 400, 'invalid'),
        upload('an attachment over the size limit', oversize, 'image/jpeg', 413, 'payload_too_large'),
      ],
      false,
    );
  });

  it('still accepts good input afterwards, and stores SQL-looking text as plain text', async () => {
    const sqlish = "Robert'); DROP TABLE items;--";
    const res = await intake(exchange, 'tip', { ...tipBody(), content: sqlish });
    expect(res.status).toBe(200);
    const after = snapshot(exchange);
    expect(after['rows:items']).toBe(2);
  });
});
