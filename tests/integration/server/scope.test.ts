import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#shared/contract/api';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, auth, changes, command, openDb, postCommands, tipBody, uploadJpeg } from './fixtures';

describe('what an officer may see and do', () => {
  let exchange: ExchangeHandle;
  const ids: Record<string, string> = {};
  const photo: Record<string, string> = {};

  beforeAll(async () => {
    exchange = await startExchange();
    for (const [city, unit] of [['zz', '410105'], ['ly', '410305']] as const) {
      photo[city] = await uploadJpeg(exchange, city === 'zz' ? 1 : 2);
      ids[`${city}:application`] = (await intake(exchange, 'application', applicationBody(unit))).id!;
      ids[`${city}:accident`] = (await intake(exchange, 'accident', accidentBody(unit, [{ sha256: photo[city]!, role: 'collision', partyIdx: null }]))).id!;
      ids[`${city}:tip`] = (await intake(exchange, 'tip', tipBody(unit))).id!;
    }
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('shows a clerk applications only, and refuses to let a clerk decide an accident', async () => {
    const token = await login(exchange.url, '100001');
    const page = await changes(exchange, token);
    expect(page.items.map((i) => i.kind)).toEqual(['application']);
    expect(page.items.map((i) => i.id)).toEqual([ids['zz:application']]);

    const [claim] = await postCommands(exchange, token, [command(ids['zz:accident']!, 'claim', 1)]);
    expect(claim).toMatchObject({ status: 'forbidden', item: null });
    const [decide] = await postCommands(exchange, token, [
      command(ids['zz:accident']!, 'decide', 1, { outcome: 'determine', liabilities: ['full', 'none'], scenario: 'rear_end', overrideReason: null }),
    ]);
    expect(decide).toMatchObject({ status: 'forbidden', item: null });
  });

  it("shows Zhengzhou's officers none of Luoyang's items, and the reverse", async () => {
    const pairs = [
      ['100001', 'zz', 'ly'],
      ['100002', 'zz', 'ly'],
      ['100003', 'zz', 'ly'],
      ['100004', 'zz', 'ly'],
      ['300001', 'ly', 'zz'],
      ['300002', 'ly', 'zz'],
    ] as const;
    for (const [badge, own, other] of pairs) {
      const page = await changes(exchange, await login(exchange.url, badge));
      const seen = page.items.map((i) => i.id);
      expect(seen.length, `${badge} sees something`).toBeGreaterThan(0);
      for (const id of seen) expect(Object.entries(ids).find(([, v]) => v === id)?.[0].startsWith(own), `${badge} sees ${id}`).toBe(true);
      expect(seen.some((id) => id.includes(other === 'ly' ? '410300' : '410100'))).toBe(false);
    }
  });

  it('gives the province admin no citizen items', async () => {
    const page = await changes(exchange, await login(exchange.url, '900001'));
    expect(page.items).toEqual([]);
  });

  it("refuses an attachment of another city's item and serves one in scope with its type and ETag", async () => {
    const zzTraffic = await login(exchange.url, '100002');
    const refused = await fetch(`${exchange.url}${ROUTES.attachment.replace(':sha256', photo.ly!)}`, { headers: auth(zzTraffic) });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_found' } });

    const own = await fetch(`${exchange.url}${ROUTES.attachment.replace(':sha256', photo.zz!)}`, { headers: auth(zzTraffic) });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/jpeg');
    expect(own.headers.get('etag')).toBe(`"${photo.zz}"`);
    expect(Buffer.from(await own.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const cached = await fetch(`${exchange.url}${ROUTES.attachment.replace(':sha256', photo.zz!)}`, { headers: { ...auth(zzTraffic), 'if-none-match': `"${photo.zz}"` } });
    expect(cached.status).toBe(304);

    // a clerk of the same city does not see accidents, so not their photos either
    const clerk = await login(exchange.url, '100001');
    expect((await fetch(`${exchange.url}${ROUTES.attachment.replace(':sha256', photo.zz!)}`, { headers: auth(clerk) })).status).toBe(404);
  });

  it('lists the attachment metadata of the items in a page', async () => {
    const page = await changes(exchange, await login(exchange.url, '100002'));
    expect(page.attachments).toEqual([
      expect.objectContaining({ sha256: photo.zz, itemId: ids['zz:accident'], role: 'collision', partyIdx: null, contentType: 'image/jpeg' }),
    ]);
  });

  it('sends masked personal data in the feed and reveals it only through an audited request', async () => {
    const clerk = await login(exchange.url, '100001');
    const page = await changes(exchange, clerk);
    const app = page.items[0]!;
    expect(app.kind === 'application' && app.data.applicant.idNumberMasked).toMatch(/^4101\*{10}\d{3}[\dX]$/);
    expect(JSON.stringify(page)).not.toContain('13812345678');
    const res = await fetch(`${exchange.url}${ROUTES.reveal}`, {
      method: 'POST',
      headers: { ...auth(clerk), 'content-type': 'application/json' },
      body: JSON.stringify({ itemId: app.id, field: 'phone', reason: '电话联系申请人补充材料' }),
    });
    expect(await res.json()).toEqual({ value: '13812345678' });
    const db = openDb(exchange);
    const audit = db.prepare("SELECT actor, item_id, detail FROM audit WHERE action = 'reveal'").all();
    db.close();
    expect(audit).toEqual([{ actor: '100001', item_id: app.id, detail: JSON.stringify({ field: 'phone', partyIdx: null, reason: '电话联系申请人补充材料' }) }]);
    const traffic = await login(exchange.url, '100002');
    const tipReveal = await fetch(`${exchange.url}${ROUTES.reveal}`, {
      method: 'POST',
      headers: { ...auth(traffic), 'content-type': 'application/json' },
      body: JSON.stringify({ itemId: ids['zz:tip'], field: 'reporter', reason: '核实举报人' }),
    });
    expect(tipReveal.status).toBe(404);
  });
});
