import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#shared/contract/api';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, auth, ID_NUMBER, changes, command, completePhotos, openDb, postCommands, tipBody, until, uploadJpeg } from './fixtures';

function auditRowsFor(exchange: ExchangeHandle, commandId: string): number {
  const db = openDb(exchange);
  try {
    return (db.prepare("SELECT count(*) AS n FROM audit WHERE json_extract(detail, '$.commandId') = ?").get(commandId) as { n: number }).n;
  } finally {
    db.close();
  }
}

function versionOf(exchange: ExchangeHandle, itemId: string): number {
  const db = openDb(exchange);
  try {
    return (db.prepare('SELECT version FROM items WHERE id = ?').get(itemId) as { version: number }).version;
  } finally {
    db.close();
  }
}

describe('officer commands', () => {
  let exchange: ExchangeHandle;
  let clerkA: string;
  let clerkB: string;

  beforeAll(async () => {
    exchange = await startExchange();
    clerkA = await login(exchange.url, '100001');
    clerkB = await login(exchange.url, '100005');
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('applies a command resent after a dropped response exactly once', async () => {
    const { id: itemId } = await intake(exchange, 'application', applicationBody());
    const claim = command(itemId!, 'claim', 1);
    // The first attempt's response is dropped: the client gives up as soon as the headers arrive.
    const aborter = new AbortController();
    const first = await fetch(`${exchange.url}${ROUTES.commands}`, {
      method: 'POST',
      headers: { ...auth(clerkA), 'content-type': 'application/json' },
      body: JSON.stringify({ commands: [claim] }),
      signal: aborter.signal,
    });
    aborter.abort();
    expect(first.status).toBe(200);

    const [again] = await postCommands(exchange, clerkA, [claim]);
    expect(again).toMatchObject({ id: claim.id, status: 'applied' });
    expect(again!.item).toMatchObject({ version: 2, claimedBy: '100001' });
    const [thirdTime] = await postCommands(exchange, clerkA, [claim]);
    expect(thirdTime).toEqual(again);
    expect(versionOf(exchange, itemId!)).toBe(2);
    expect(auditRowsFor(exchange, claim.id)).toBe(1);
  });

  it('refuses a command id reused by another officer or for another item', async () => {
    const { id: itemId } = await intake(exchange, 'application', applicationBody());
    const { id: otherId } = await intake(exchange, 'application', applicationBody());
    const note = command(itemId!, 'note', 1, { text: '已电话联系' });
    expect((await postCommands(exchange, clerkA, [note]))[0]!.status).toBe('applied');
    expect((await postCommands(exchange, clerkB, [note]))[0]!.status).toBe('invalid');
    expect((await postCommands(exchange, clerkA, [{ ...note, itemId: otherId }]))[0]!.status).toBe('invalid');
    expect(versionOf(exchange, otherId!)).toBe(1);
  });

  it('lets exactly one of two officers racing for an item win; the other gets conflict', async () => {
    const { id: itemId } = await intake(exchange, 'application', applicationBody());
    const tokens = [clerkA, clerkB];
    const results = (await Promise.all(tokens.map((t) => postCommands(exchange, t, [command(itemId!, 'claim', 1)])))).map(([r]) => r!);
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'conflict']);
    const loserIdx = results.findIndex((r) => r.status === 'conflict');
    // the loser gets the winner's state to roll back to
    expect(results[loserIdx]!.item).toMatchObject({ version: 2, claimedBy: results[1 - loserIdx]!.item!.claimedBy });
    // even with the fresh version, the loser cannot take a live claim
    const [retry] = await postCommands(exchange, tokens[loserIdx]!, [command(itemId!, 'claim', 2)]);
    expect(retry!.status).toBe('conflict');
    expect(versionOf(exchange, itemId!)).toBe(2);
  });

  it('rejects a stale expectedVersion with conflict and returns the current item', async () => {
    const { id: itemId } = await intake(exchange, 'application', applicationBody());
    await postCommands(exchange, clerkA, [command(itemId!, 'note', 1, { text: '第一条' })]);
    const [stale] = await postCommands(exchange, clerkA, [command(itemId!, 'note', 1, { text: '第二条' })]);
    expect(stale).toMatchObject({ status: 'conflict', item: { id: itemId, version: 2 } });
  });

  it('takes an application through claim, approval and hand-over, releasing the claim at the end', async () => {
    const itemId = await scannedApplication(exchange);
    const results = await postCommands(exchange, clerkA, [
      command(itemId!, 'claim', 1),
      command(itemId!, 'decide', 2, { outcome: 'approve', pickup: 'window' }),
      command(itemId!, 'hand_over', 3, { idNumber: ID_NUMBER }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(results[2]!.item).toMatchObject({ status: 'completed', version: 4, claimedBy: null, claimExpiresAt: null });
    const [late] = await postCommands(exchange, clerkA, [command(itemId!, 'decide', 4, { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' })]);
    expect(late!.status).toBe('invalid');
  });

  it('refuses a decision without a claim, and a supplement naming material outside the catalogue', async () => {
    const { id: itemId } = await intake(exchange, 'application', applicationBody());
    const [unclaimed] = await postCommands(exchange, clerkA, [command(itemId!, 'decide', 1, { outcome: 'approve', pickup: 'window' })]);
    expect(unclaimed!.status).toBe('claim_lost');
    await postCommands(exchange, clerkA, [command(itemId!, 'claim', 1)]);
    const [bad] = await postCommands(exchange, clerkA, [command(itemId!, 'request_supplement', 2, { missing: ['no_such_material'], note: '' })]);
    expect(bad!.status).toBe('invalid');
  });

  it('pauses the statutory clock for a supplement and resumes it when the material arrives', async () => {
    const { id: itemId } = await intake(exchange, 'application', applicationBody());
    const [, asked] = await postCommands(exchange, clerkA, [
      command(itemId!, 'claim', 1),
      command(itemId!, 'request_supplement', 2, { missing: ['photo'], note: '请上传近期免冠照片' }),
    ]);
    expect(asked).toMatchObject({ status: 'applied', item: { status: 'supplement_requested' } });
    const sha = await uploadJpeg(exchange, 77);
    const resumed = await intake(exchange, 'supplement', { itemId, materials: [{ code: 'photo', sha256: sha }] });
    expect(resumed.status).toBe(200);
    const page = await changes(exchange, clerkA);
    const item = page.items.find((i) => i.id === itemId)!;
    expect(item).toMatchObject({ status: 'submitted', version: 4 });
    expect(item.kind === 'application' && item.data.materials.map((m) => m.code)).toEqual(['id_card', 'photo']);
    expect(page.attachments.some((a) => a.itemId === itemId && a.role === 'material:photo')).toBe(true);
  });

  it('records the liability proposal and requires a reason to depart from it', async () => {
    const traffic = await login(exchange.url, '100002');
    const { id: itemId } = await intake(exchange, 'accident', accidentBody('410100', await completePhotos(exchange)));
    await postCommands(exchange, traffic, [command(itemId!, 'claim', 1)]);
    const [invalidCombo] = await postCommands(exchange, traffic, [
      command(itemId!, 'decide', 2, { outcome: 'determine', liabilities: ['full', 'full'], scenario: null, overrideReason: '两车均有责任' }),
    ]);
    expect(invalidCombo!.status).toBe('invalid');
    const [noReason] = await postCommands(exchange, traffic, [
      command(itemId!, 'decide', 2, { outcome: 'determine', liabilities: ['equal', 'equal'], scenario: null, overrideReason: null }),
    ]);
    expect(noReason!.status).toBe('invalid');
    const [ok] = await postCommands(exchange, traffic, [
      command(itemId!, 'decide', 2, { outcome: 'determine', liabilities: ['full', 'none'], scenario: 'rear_end', overrideReason: null }),
    ]);
    expect(ok).toMatchObject({ status: 'applied', item: { status: 'determined' } });
    expect(ok!.item!.kind === 'accident' && ok!.item!.data.determination).toMatchObject({ proposed: ['full', 'none'], ruleTableVersion: 'HA-2024.1' });
  });

  it('refuses a determination while a required photo is missing, naming it, and lets the case go back to the parties', async () => {
    const traffic = await login(exchange.url, '100002');
    const photos = (await completePhotos(exchange, 2, 300)).filter((p) => !(p.role === 'plate' && p.partyIdx === 1));
    const { id: itemId } = await intake(exchange, 'accident', accidentBody('410100', photos));
    await postCommands(exchange, traffic, [command(itemId!, 'claim', 1)]);
    const [refused] = await postCommands(exchange, traffic, [
      command(itemId!, 'decide', 2, { outcome: 'determine', liabilities: ['full', 'none'], scenario: 'rear_end', overrideReason: null }),
    ]);
    expect(refused).toMatchObject({ status: 'invalid', item: { status: 'reported', version: 2 } });
    expect(refused!.message).toContain('第2方号牌');
    const [back] = await postCommands(exchange, traffic, [command(itemId!, 'request_supplement', 2, { missing: ['plate#1'], note: '号牌不清' })]);
    expect(back).toMatchObject({ status: 'applied', item: { status: 'photos_requested' } });
  });

  it('sends a tip routed to another city as a removal to the officers who saw it', async () => {
    const intel = await login(exchange.url, '100003');
    const { id: tipId } = await intake(exchange, 'tip', tipBody());
    const before = await changes(exchange, intel);
    expect(before.items.some((i) => i.id === tipId)).toBe(true);
    const [routed] = await postCommands(exchange, intel, [
      command(tipId!, 'claim', 1),
      command(tipId!, 'route', 2, { unitCode: '410300', note: '发生地在洛阳' }),
    ]).then((r) => [r[1]]);
    expect(routed).toMatchObject({ status: 'applied', item: null });
    const after = await changes(exchange, intel, before.next);
    expect(after.removed).toEqual([tipId]);
    expect(after.items).toEqual([]);
    const [outside] = await postCommands(exchange, intel, [command(tipId!, 'note', 3, { text: '?' })]);
    expect(outside).toMatchObject({ status: 'forbidden', item: null });
  });
});

describe('after a crash', () => {
  let exchange: ExchangeHandle;
  beforeAll(async () => {
    exchange = await startExchange();
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('still knows every applied command and session once restarted after SIGKILL', async () => {
    const clerk = await login(exchange.url, '100001');
    const { id: itemId } = await intake(exchange, 'application', applicationBody());
    const claim = command(itemId!, 'claim', 1);
    const [first] = await postCommands(exchange, clerk, [claim]);
    expect(first!.status).toBe('applied');

    await exchange.kill();
    await exchange.restart();

    const [resent] = await postCommands(exchange, clerk, [claim]);
    expect(resent).toEqual(first);
    expect(versionOf(exchange, itemId!)).toBe(2);
    expect(auditRowsFor(exchange, claim.id)).toBe(1);
  });
});

describe('claims as leases', () => {
  let exchange: ExchangeHandle;
  beforeAll(async () => {
    // application leases of 2 h become ~0.7 s
    exchange = await startExchange({ env: { EXCHANGE_LEASE_SCALE: '0.0001' } });
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('lets another officer claim after the lease expires, and the first then gets claim_lost', async () => {
    const first = await login(exchange.url, '100001');
    const second = await login(exchange.url, '100005');
    const { id: itemId } = await intake(exchange, 'application', applicationBody());
    const [claimed] = await postCommands(exchange, first, [command(itemId!, 'claim', 1)]);
    expect(claimed!.status).toBe('applied');

    const taken = await until('the lease to expire', async () => {
      const [r] = await postCommands(exchange, second, [command(itemId!, 'claim', 2, {}, randomUUID())]);
      return r!.status === 'applied' ? r : undefined;
    });
    expect(taken!.item).toMatchObject({ claimedBy: '100005', version: 3 });
    const [late] = await postCommands(exchange, first, [command(itemId!, 'decide', 3, { outcome: 'approve', pickup: 'window' })]);
    expect(late).toMatchObject({ status: 'claim_lost', item: { claimedBy: '100005' } });
  });

  it('lands a decision from the holder whose lease ran out when nobody else took the item meanwhile', async () => {
    const holder = await login(exchange.url, '100001');
    const itemId = await scannedApplication(exchange);
    const [claimed] = await postCommands(exchange, holder, [command(itemId!, 'claim', 1)]);
    expect(claimed!.status).toBe('applied');
    const expiresAt = Date.parse((claimed!.item as { claimExpiresAt: string }).claimExpiresAt);
    await until('the lease to expire', async () => (Date.now() > expiresAt + 50 ? true : undefined));

    const [decided] = await postCommands(exchange, holder, [command(itemId!, 'decide', 2, { outcome: 'approve', pickup: 'window' })]);
    expect(decided).toMatchObject({ status: 'applied', item: { status: 'approved', version: 3 } });
  });
});
