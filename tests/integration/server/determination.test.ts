import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_HEADER, OutboundResponseSchema, ROUTES } from '#shared/contract/api';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, auth, changes, command, postCommands, uploadJpeg } from './fixtures';

/**
 * The determination document (server/domain/determination.ts) over real HTTP: applying a
 * determination attaches the PDF to the case in the same write, the console gets it through the
 * feed and the attachment route, and the citizen's side through the outbound notice and document.
 */
// pdftotext (poppler-utils) is installed by .ci/run: without it these tests fail rather than skip
const DETERMINE = { outcome: 'determine', liabilities: ['full', 'none'], scenario: 'rear_end', overrideReason: null };

let exchange: ExchangeHandle;
let token: string;
let itemId: string;
let pdfSha: string;
let pdf: Buffer;

const outboundDocument = (sha: string, key: string | null = exchange.intakeKey) =>
  fetch(`${exchange.url}${ROUTES.outboundDocument.replace(':sha256', sha)}`, { headers: key ? { [INTAKE_KEY_HEADER]: key } : {} });

beforeAll(async () => {
  exchange = await startExchange();
  token = await login(exchange.url, '100002');
  // every required photo (shared/rules/quickProcedure.ts), so the determination is allowed
  const roles = [
    ...['front_side', 'rear_side', 'collision'].map((role) => ({ role, partyIdx: null })),
    ...[0, 1].flatMap((partyIdx) => ['plate', 'driving_licence', 'vehicle_licence'].map((role) => ({ role, partyIdx }))),
  ];
  const photos = [];
  for (const [i, r] of roles.entries()) photos.push({ ...r, sha256: await uploadJpeg(exchange, 40 + i) });
  const res = await intake(exchange, 'accident', accidentBody('410100', photos));
  itemId = res.id!;
  expect((await postCommands(exchange, token, [command(itemId, 'claim', 1)]))[0]?.status).toBe('applied');
}, 120_000);

afterAll(async () => {
  await exchange?.stop();
});

describe('the determination PDF', () => {
  it('is attached with role determination when the determination is applied, and reaches the console through the feed', async () => {
    const determine = command(itemId, 'decide', 2, DETERMINE, '7d0c7a52-6c4d-4b8a-9a44-1f3c2e9b0d11');
    const [result] = await postCommands(exchange, token, [determine]);
    expect(result).toMatchObject({ status: 'applied', item: { status: 'determined', version: 3 } });
    const page = await changes(exchange, token);
    expect(page.items.find((i) => i.id === itemId)).toMatchObject({ status: 'determined', version: 3 });
    const docs = page.attachments.filter((a) => a.itemId === itemId && a.role === 'determination');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ contentType: 'application/pdf', partyIdx: null, takenAt: null, gps: null });
    pdfSha = docs[0]!.sha256;
    const res = await fetch(`${exchange.url}${ROUTES.attachment.replace(':sha256', pdfSha)}`, { headers: auth(token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(pdfSha);
    expect(docs[0]!.size).toBe(pdf.length);

    // a resend of the same command answers the first result and issues no second document
    const [again] = await postCommands(exchange, token, [determine]);
    expect(again).toEqual(result);
    expect((await changes(exchange, token)).attachments.filter((a) => a.itemId === itemId && a.role === 'determination')).toHaveLength(1);
  });

  it('holds both plates and each party’s class in Chinese (pdftotext)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'determination-'));
    try {
      const file = path.join(dir, 'd.pdf');
      fs.writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      for (const expected of ['道路交通事故认定书（简易程序）', `编号：${itemId}`, '豫A12345', '豫A54321', '当事人甲（豫A12345）：全部责任', '当事人乙（豫A54321）：无责任', '追尾', 'HA-2024.1', '100002']) {
        expect(text).toContain(expected);
      }
      // the ID number is masked on the document
      expect(text).not.toMatch(/\d{17}[\dX]/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is named by the outbound determination_ready notice, and the Internet side fetches the same bytes with its key', async () => {
    const res = await fetch(`${exchange.url}${ROUTES.outbound}?after=0`, { headers: { [INTAKE_KEY_HEADER]: exchange.intakeKey } });
    const page = OutboundResponseSchema.parse(await res.json());
    const ready = page.notifications.filter((n) => n.itemId === itemId && n.event === 'determination_ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ kind: 'accident', pdfSha256: pdfSha });
    const doc = await outboundDocument(pdfSha);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await doc.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('serves only issued documents to the Internet side, and only with its key', async () => {
    expect((await outboundDocument(pdfSha, null)).status).toBe(401);
    expect((await outboundDocument(pdfSha, 'wrong-key')).status).toBe(401);
    const photo = (await changes(exchange, token)).attachments.find((a) => a.itemId === itemId && a.role === 'front_side')!;
    expect((await outboundDocument(photo.sha256)).status).toBe(404);
    expect((await outboundDocument('0'.repeat(64))).status).toBe(404);
  });
});
