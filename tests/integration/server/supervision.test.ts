import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficerDirectoryResponseSchema, ROUTES } from '#shared/contract/api';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, command, getJson, openDb, postCommands } from './fixtures';

/** What a clerk ran into (issue: one command core): refusals that say why, take-over, names. */
describe('the exchange on decisions a clerk and a supervisor make', () => {
  let exchange: ExchangeHandle;
  let clerk: string;
  let otherClerk: string;
  let supervisor: string;

  beforeAll(async () => {
    exchange = await startExchange();
    clerk = await login(exchange.url, '100001');
    otherClerk = await login(exchange.url, '100005');
    supervisor = await login(exchange.url, '100004');
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('refuses to approve an application whose listed material has no scan, naming the material, and changes nothing', async () => {
    // applicationBody supplies the ID card without its scan and no photo at all
    const { id } = await intake(exchange, 'application', applicationBody());
    const [claimed, approve] = await postCommands(exchange, clerk, [command(id!, 'claim', 1), command(id!, 'decide', 2, { outcome: 'approve', pickup: 'window' })]);
    expect(claimed!.status).toBe('applied');
    expect(approve).toMatchObject({ status: 'invalid', item: { status: 'submitted', version: 2 } });
    expect(approve!.message).toContain('居民身份证');
    expect(approve!.message).toContain('近期免冠证件照片');
    const [reject] = await postCommands(exchange, clerk, [command(id!, 'decide', 2, { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' })]);
    expect(reject!.status).toBe('applied');
  });

  it('lets a supervisor take over a clerk’s claim with a reason, audited, after which the clerk’s decision is claim_lost', async () => {
    const id = await scannedApplication(exchange);
    await postCommands(exchange, clerk, [command(id, 'claim', 1)]);
    const [byClerk] = await postCommands(exchange, otherClerk, [command(id, 'take_over', 2, { reason: '顶班' })]);
    expect(byClerk!.status).toBe('forbidden');
    const [taken] = await postCommands(exchange, supervisor, [command(id, 'take_over', 2, { reason: '原认领人已下班，督导接手' })]);
    expect(taken).toMatchObject({ status: 'applied', item: { claimedBy: '100004', version: 3 } });
    const [late] = await postCommands(exchange, clerk, [command(id, 'decide', 3, { outcome: 'approve', pickup: 'window' })]);
    expect(late).toMatchObject({ status: 'claim_lost', item: { claimedBy: '100004' } });
    const db = openDb(exchange);
    try {
      const row = db.prepare("SELECT actor, detail FROM audit WHERE action = 'take_over' AND item_id = ?").get(id) as { actor: string; detail: string };
      expect(row.actor).toBe('100004');
      expect(JSON.parse(row.detail)).toMatchObject({ body: { reason: '原认领人已下班，督导接手' } });
    } finally {
      db.close();
    }
  });

  it('serves the officer directory of the caller’s city: names without secrets, no other city', async () => {
    const res = await getJson(`${exchange.url}${ROUTES.officerDirectory}`, clerk);
    expect(res.status).toBe(200);
    const { officers } = OfficerDirectoryResponseSchema.parse(res.body);
    expect(officers.map((o) => o.badge)).toEqual(['100001', '100002', '100003', '100004', '100005']);
    expect(officers.every((o) => o.unitCode.startsWith('4101') && o.name.length > 0)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash|salt|locked/i);
    const luoyang = OfficerDirectoryResponseSchema.parse((await getJson(`${exchange.url}${ROUTES.officerDirectory}`, await login(exchange.url, '300001'))).body);
    expect(luoyang.officers.map((o) => o.badge)).toEqual(['300001', '300002']);
  });
});
