import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditVerifyResponseSchema, ROUTES } from '#shared/contract/api';
import { login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { command, getJson, openDb, postCommands } from './fixtures';

describe('the audit log', () => {
  let exchange: ExchangeHandle;
  let supervisor: string;

  beforeAll(async () => {
    exchange = await startExchange();
    supervisor = await login(exchange.url, '100004');
    const clerk = await login(exchange.url, '100001');
    const id = await scannedApplication(exchange);
    const results = await postCommands(exchange, clerk, [
      command(id!, 'claim', 1),
      command(id!, 'note', 2, { text: '材料齐全' }),
      command(id!, 'decide', 3, { outcome: 'approve', pickup: 'ems' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('verifies an untouched chain', async () => {
    const res = await getJson(`${exchange.url}${ROUTES.auditVerify}`, supervisor);
    const body = AuditVerifyResponseSchema.parse(res.body);
    expect(body.ok).toBe(true);
    // two logins and three commands
    expect(body.checked).toBe(5);
  });

  it('is verified by supervisors and admins only', async () => {
    const clerk = await login(exchange.url, '100001');
    expect((await getJson(`${exchange.url}${ROUTES.auditVerify}`, clerk)).body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await getJson(`${exchange.url}${ROUTES.auditVerify}`, await login(exchange.url, '900001'))).status).toBe(200);
  });

  it('detects a row changed directly in SQLite and names its seq', async () => {
    const db = openDb(exchange, false);
    const target = db.prepare("SELECT seq FROM audit WHERE action = 'decide:approve'").get() as { seq: number };
    db.prepare("UPDATE audit SET detail = json_set(detail, '$.body.pickup', 'window') WHERE seq = ?").run(target.seq);
    db.close();
    const body = AuditVerifyResponseSchema.parse((await getJson(`${exchange.url}${ROUTES.auditVerify}`, supervisor)).body);
    expect(body).toEqual({ ok: false, checked: target.seq - 1, firstBadSeq: target.seq });
  });
});
