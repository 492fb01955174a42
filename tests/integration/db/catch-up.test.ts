import fs from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCache } from '#db/cache';
import { tempDir } from '../console/support';

describe('catch-up mode of the cache', () => {
  it('lets the WAL grow past the default checkpoint while on, with every commit readable by another connection', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const cache = openCache(file);
    cache.catchUp(true);
    // about 40 MiB of commits: past the default checkpoint (1000 pages) but inside the catch-up one
    const blob = 'x'.repeat(4096);
    for (let t = 0; t < 40; t++) cache.tx(() => {
      for (let i = 0; i < 256; i++) cache.meta.set(`k${t}-${i}`, blob);
    });
    const walDuring = fs.statSync(`${file}-wal`).size;
    expect(walDuring).toBeGreaterThan(30 * 1024 * 1024);
    // another connection sees every committed row while the WAL is long
    const reader = new Database(file, { readonly: true });
    expect((reader.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'k%'").get() as { n: number }).n).toBe(40 * 256);
    reader.close();
    cache.catchUp(false);
    cache.tx(() => cache.meta.set('after', '1'));
    expect(cache.meta.get('after')).toBe('1');
    cache.close();
  });
});
