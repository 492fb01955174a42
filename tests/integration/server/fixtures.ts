import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { randomUUID } from 'node:crypto';
import { ChangesResponseSchema, CommandsResponseSchema, ROUTES, type ChangesResponse } from '#shared/contract/api';
import type { Command, CommandResult } from '#shared/domain/commands';
import { uploadAttachment, type ExchangeHandle } from '../../helpers/exchange';

/** Valid intake bodies and small HTTP helpers shared by the exchange's integration tests. */

export { ID_NUMBER, applicationBody, accidentBody, tipBody } from '../../helpers/intake-bodies';
import { ID_NUMBER } from '../../helpers/intake-bodies';

/** Same digits as ID_NUMBER with the check character changed: fails GB 11643. */
export const BAD_ID_NUMBER = `${ID_NUMBER.slice(0, 17)}${ID_NUMBER.endsWith('0') ? '1' : '0'}`;

export async function jpegBytes(seed = 0): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: seed % 256, g: 10, b: 20 } } }).jpeg().toBuffer();
}

export async function pngBytes(seed = 0): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: seed % 256, g: 30, b: 40 } } }).png().toBuffer();
}

export async function uploadJpeg(handle: ExchangeHandle, seed = 0): Promise<string> {
  const res = await uploadAttachment(handle, await jpegBytes(seed), 'image/jpeg');
  if (!res.sha256) throw new Error(`upload failed: ${JSON.stringify(res.body)}`);
  return res.sha256;
}

export function auth(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function getJson(url: string, token: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: auth(token) });
  return { status: res.status, body: await res.json() };
}

export async function changes(handle: ExchangeHandle, token: string, after = 0, limit = 2000): Promise<ChangesResponse> {
  const res = await getJson(`${handle.url}${ROUTES.changes}?after=${after}&limit=${limit}`, token);
  if (res.status !== 200) throw new Error(`changes: ${res.status} ${JSON.stringify(res.body)}`);
  return ChangesResponseSchema.parse(res.body);
}

export function command(itemId: string, type: string, expectedVersion: number, body: unknown = {}, id: string = randomUUID()) {
  return { id, itemId, type, expectedVersion, body } as unknown as Command;
}

export async function postCommands(handle: ExchangeHandle, token: string, commands: unknown[]): Promise<CommandResult[]> {
  const res = await fetch(`${handle.url}${ROUTES.commands}`, {
    method: 'POST',
    headers: { ...auth(token), 'content-type': 'application/json' },
    body: JSON.stringify({ commands }),
  });
  const body: unknown = await res.json();
  if (res.status !== 200) throw new Error(`commands: ${res.status} ${JSON.stringify(body)}`);
  return CommandsResponseSchema.parse(body).results;
}

/** Opens the exchange's database beside the running process (WAL allows a concurrent reader). */
export function openDb(handle: ExchangeHandle, readonly = true): Database.Database {
  return new Database(path.join(handle.dataDir, 'exchange.sqlite'), { readonly, fileMustExist: true });
}

/** Everything a refused request must leave untouched: row counts, the newest seqs, blob files. */
export function snapshot(handle: ExchangeHandle): Record<string, number> {
  const db = openDb(handle);
  try {
    const out: Record<string, number> = {};
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) out[`rows:${name}`] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    out.maxChangeSeq = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM changes').get() as { n: number }).n;
    out.maxVersionSum = (db.prepare('SELECT coalesce(sum(version), 0) AS n FROM items').get() as { n: number }).n;
    const blobDir = path.join(handle.dataDir, 'blobs');
    out.blobFiles = fs.existsSync(blobDir) ? fs.readdirSync(blobDir, { recursive: true }).filter((f) => String(f).length > 10).length : 0;
    return out;
  } finally {
    db.close();
  }
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Every photo a two-party case needs (shared/rules/quickProcedure.ts REQUIRED_PHOTO_ROLES), each its own JPEG. */
export async function completePhotos(handle: ExchangeHandle, parties = 2, seed = 100): Promise<{ sha256: string; role: string; partyIdx: number | null }[]> {
  const photos: { sha256: string; role: string; partyIdx: number | null }[] = [];
  let n = seed;
  for (const role of ['front_side', 'rear_side', 'collision']) photos.push({ sha256: await uploadJpeg(handle, n++), role, partyIdx: null });
  for (let p = 0; p < parties; p++) {
    for (const role of ['plate', 'driving_licence', 'vehicle_licence']) photos.push({ sha256: await uploadJpeg(handle, n++), role, partyIdx: p });
  }
  return photos;
}
