import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { HealthResponseSchema, ROUTES } from '#shared/contract/api';
import { buildApp } from '../../../server/app';
import { testConfig } from '../../../server/config';
import { createSqliteStore } from '../../../server/store/sqlite/index';
import type { Store } from '../../../server/store/store';

/** Route-level behaviour through `inject`, on an app built in-process with a real SQLite store. */
describe('the exchange app', () => {
  let app: FastifyInstance;
  let store: Store;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-app-'));
    store = createSqliteStore(dir);
    app = buildApp({ store, config: testConfig({ dataDir: dir }), logLevel: 'silent' });
    // a route with a bug, to see what a bug looks like from outside
    app.get('/test/bug', async () => {
      throw new Error('SELECT * FROM officers WHERE password_hash = x');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('reports health with its version', async () => {
    const res = await app.inject({ method: 'GET', url: ROUTES.health });
    expect(res.statusCode).toBe(200);
    expect(HealthResponseSchema.parse(res.json()).version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers a bug with a bare internal error that leaks no detail', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/bug' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
  });

  it('answers unknown routes and methods with not_found', async () => {
    expect((await app.inject({ method: 'DELETE', url: ROUTES.health })).json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
  });

  it('names the offending field of an invalid body', async () => {
    const res = await app.inject({ method: 'POST', url: ROUTES.login, payload: { badge: '12', password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid', details: { issues: [{ path: 'badge' }] } } });
  });
});
