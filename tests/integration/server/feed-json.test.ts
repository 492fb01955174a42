import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#shared/contract/api';
import { WorkItemSchema, type WorkItem } from '#shared/domain/items';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { attachmentsOf, rowToItem } from '../../../server/store/sqlite/items';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, auth, ID_NUMBER, changes, command, openDb, postCommands, tipBody, uploadJpeg } from './fixtures';

/** Every item as read straight from its row (the store's own parse), with its stored feed JSON. */
function readDirect(exchange: ExchangeHandle): Map<string, { item: WorkItem; json: string; attachments: string; links: AttachmentMeta[] }> {
  const db = openDb(exchange);
  try {
    const rows = db.prepare('SELECT * FROM items').all() as (Parameters<typeof rowToItem>[0] & { json: string; attachments_json: string })[];
    const prepares = { get: (sql: string) => db.prepare(sql) };
    return new Map(rows.map((r) => [r.id, { item: rowToItem(r), json: r.json, attachments: r.attachments_json, links: attachmentsOf(prepares, [r.id]) }]));
  } finally {
    db.close();
  }
}

const linkKey = (a: { itemId: string; sha256: string; role: string; partyIdx: number | null }) => `${a.itemId}|${a.sha256}|${a.role}|${a.partyIdx}`;
const bySha = (list: AttachmentMeta[]) => [...list].sort((a, b) => linkKey(a).localeCompare(linkKey(b)));

describe('the stored feed JSON of an item', () => {
  let exchange: ExchangeHandle;
  let clerk: string;
  let supervisor: string;

  beforeAll(async () => {
    exchange = await startExchange();
    clerk = await login(exchange.url, '100001');
    supervisor = await login(exchange.url, '100004');
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('equals the item as stored after intake, commands and withdrawal, and is what the feed sends', async () => {
    const photo = await uploadJpeg(exchange, 7);
    const decided = await scannedApplication(exchange, '410105');
    const noted = (await intake(exchange, 'application', applicationBody('410105'))).id!;
    const withdrawn = (await intake(exchange, 'application', applicationBody('410105'))).id!;
    const untouched = (await intake(exchange, 'application', applicationBody('410105'))).id!;
    const photo2 = await uploadJpeg(exchange, 8);
    const photos = [
      { sha256: photo, role: 'collision', partyIdx: null },
      { sha256: photo2, role: 'front_side', partyIdx: null },
      { sha256: photo2, role: 'plate', partyIdx: 0 },
    ];
    const accident = (await intake(exchange, 'accident', accidentBody('410105', photos))).id!;
    const tip = (await intake(exchange, 'tip', tipBody('410105'))).id!;

    const results = await postCommands(exchange, clerk, [
      command(decided, 'claim', 1),
      command(decided, 'decide', 2, { outcome: 'approve', pickup: 'window' }),
      command(decided, 'hand_over', 3, { idNumber: ID_NUMBER }),
      command(noted, 'note', 1, { text: '已电话联系' }),
      command(noted, 'claim', 2),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect((await intake(exchange, 'withdraw', { itemId: withdrawn, reason: '不需要了' })).status).toBe(200);

    const direct = readDirect(exchange);
    const ids = [decided, noted, withdrawn, untouched, tip, accident];
    for (const id of ids) {
      const row = direct.get(id)!;
      expect(WorkItemSchema.parse(JSON.parse(row.json)), id).toEqual(row.item);
      expect(bySha(JSON.parse(`[${row.attachments}]`) as AttachmentMeta[]), id).toEqual(bySha(row.links));
    }
    expect(direct.get(accident)!.links).toHaveLength(3);
    expect(direct.get(decided)!.item).toMatchObject({ version: 4, claimedBy: null });
    expect(direct.get(noted)!.item).toMatchObject({ version: 3, claimedBy: '100001' });
    expect(direct.get(withdrawn)!.item.status).toBe('withdrawn');

    // the supervisor sees every kind of the city: each item the feed sends is its current state
    const page = await changes(exchange, supervisor);
    const sent = new Map(page.items.map((i) => [i.id, i]));
    for (const id of ids.filter((i) => i !== withdrawn)) expect(sent.get(id), id).toEqual(direct.get(id)!.item);
    expect(page.removed).toContain(withdrawn);
    expect(page.items.map((i) => i.id)).toEqual([...new Set(page.items.map((i) => i.id))]);
    expect(page.attachments).toContainEqual(expect.objectContaining({ itemId: accident, sha256: photo, role: 'collision' }));
    // the page's attachments are exactly the links of the items it sends, with their blob metadata
    const db = openDb(exchange);
    try {
      const linked = attachmentsOf({ get: (sql: string) => db.prepare(sql) }, page.items.map((i) => i.id));
      expect(bySha(page.attachments)).toEqual(bySha(linked));
      expect(linked.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('is, like the stored result and the answer of a claim, note and release, the exact text JSON.stringify gives', async () => {
    // the command path splices texts stringified before (server/serialized.ts rememberJson)
    const id = (await intake(exchange, 'application', applicationBody('410105'))).id!;
    const cycle = [command(id, 'claim', 1), command(id, 'note', 2, { text: '第二次联系' }), command(id, 'release', 3), command(id, 'claim', 4)];
    for (const cmd of cycle) {
      const res = await fetch(`${exchange.url}${ROUTES.commands}`, {
        method: 'POST',
        headers: { ...auth(clerk), 'content-type': 'application/json' },
        body: JSON.stringify({ commands: [cmd] }),
      });
      const text = await res.text();
      const answer = JSON.parse(text) as { results: { status: string; item: WorkItem }[] };
      expect(answer.results[0]!.status).toBe('applied');
      const db = openDb(exchange);
      try {
        const row = db.prepare('SELECT * FROM items WHERE id = ?').get(id) as Parameters<typeof rowToItem>[0] & { json: string };
        const stored = db.prepare('SELECT result FROM commands WHERE id = ?').get(cmd.id) as { result: string };
        const item = rowToItem(row);
        expect(row.json).toBe(JSON.stringify(item));
        expect(row.data).toBe(JSON.stringify(item.data));
        expect(stored.result).toBe(JSON.stringify({ id: cmd.id, status: 'applied', item }));
        expect(text).toBe(JSON.stringify({ results: [JSON.parse(stored.result)] }));
      } finally {
        db.close();
      }
    }
  });

  it('is sent as application/json that parses to the same page the schema accepts', async () => {
    const res = await fetch(`${exchange.url}${ROUTES.changes}?after=0&limit=3`, { headers: auth(clerk) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { items: unknown[]; hasMore: boolean; next: number };
    expect(body.items.length).toBeLessThanOrEqual(3);
    expect(typeof body.hasMore).toBe('boolean');
  });
});
