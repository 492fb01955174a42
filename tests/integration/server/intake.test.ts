import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, login, startExchange, uploadAttachment, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, changes, openDb, tipBody } from './fixtures';
import { statutoryDueAt } from '#shared/rules/workdays';

describe('intake from the Internet side', () => {
  let exchange: ExchangeHandle;
  beforeAll(async () => {
    exchange = await startExchange();
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('reads the time and place a photo was taken from its EXIF', async () => {
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 9, g: 9, b: 9 } } })
      .withExif({
        IFD2: { DateTimeOriginal: '2026:11:20 10:00:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 45/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '113/1 37/1 12/1' },
      })
      .jpeg()
      .toBuffer();
    const { sha256 } = await uploadAttachment(exchange, photo, 'image/jpeg');
    const { id } = await intake(exchange, 'accident', accidentBody('410100', [{ sha256: sha256!, role: 'front_side', partyIdx: null }]));
    const page = await changes(exchange, await login(exchange.url, '100002'));
    const meta = page.attachments.find((a) => a.itemId === id)!;
    // EXIF has no zone; the platform's phones are on Shanghai time
    expect(meta.takenAt).toBe('2026-11-20T02:00:00.000Z');
    expect(meta.gps!.lat).toBeCloseTo(34.76, 5);
    expect(meta.gps!.lng).toBeCloseTo(113.62, 5);
  });

  it('refuses an image over 64 megapixels (a decompression bomb) and an unreadable one, storing nothing', async () => {
    const bomb = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: { r: 0, g: 0, b: 0 } }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const blobsBefore = fs.readdirSync(path.join(exchange.dataDir, 'blobs'), { recursive: true }).length;
    const refused = await uploadAttachment(exchange, bomb, 'image/png');
    expect(refused).toMatchObject({ status: 413, sha256: null, body: { error: { code: 'payload_too_large' } } });
    const stub = await uploadAttachment(exchange, Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg');
    expect(stub).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    expect(fs.readdirSync(path.join(exchange.dataDir, 'blobs'), { recursive: true }).length).toBe(blobsBefore);
  });

  it('stores identical bytes once, under their sha256, and accepts PDFs', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const first = await uploadAttachment(exchange, pdf, 'application/pdf');
    const second = await uploadAttachment(exchange, pdf, 'application/pdf');
    expect(first).toMatchObject({ status: 200, body: { contentType: 'application/pdf', size: pdf.length } });
    expect(second.sha256).toBe(first.sha256);
    const file = path.join(exchange.dataDir, 'blobs', first.sha256!.slice(0, 2), first.sha256!);
    expect(fs.readFileSync(file).equals(pdf)).toBe(true);
  });

  it('numbers items by kind and city and sets an application’s statutory due date from the catalogue', async () => {
    const a = await intake(exchange, 'application', { ...applicationBody('410305'), submittedAt: '2026-11-02T02:00:00.000Z' });
    const b = await intake(exchange, 'application', applicationBody('410300'));
    expect(a.id).toBe('APP-410300-1');
    expect(b.id).toBe('APP-410300-2');
    const page = await changes(exchange, await login(exchange.url, '300001'));
    const item = page.items.find((i) => i.id === a.id)!;
    // exit_passport_first: 7 working days
    expect(item.dueAt).toBe(statutoryDueAt('2026-11-02T02:00:00.000Z', 7, 0));
  });

  it('scores a tip’s urgency and keeps no identity of an anonymous reporter', async () => {
    const { id } = await intake(exchange, 'tip', { ...tipBody(), reporter: { anonymous: true, name: '钱七', phone: '13600002222', idNumber: null } });
    const page = await changes(exchange, await login(exchange.url, '100003'));
    const tip = page.items.find((i) => i.id === id)!;
    expect(tip.kind === 'tip' && tip.data.urgency.reasons).toContain('category:fire');
    expect(tip.kind === 'tip' && tip.data.reporter).toEqual({ anonymous: true, nameMasked: '', phoneMasked: '' });
    const db = openDb(exchange);
    const row = db.prepare('SELECT pii FROM items WHERE id = ?').get(id) as { pii: string };
    db.close();
    expect(row.pii).not.toContain('13600002222');
    expect(row.pii).not.toContain('钱七');
  });
});
