import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ChangesQuerySchema, ChangesResponseSchema, ROUTES, WaitQuerySchema, WaitResponseSchema } from '#shared/contract/api';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';
import { readChangesJson } from '../domain/feed';

export async function changesRoutes(app: FastifyInstance, { store, hub }: AppDeps): Promise<void> {
  // The page is JSON bytes built from stored item JSON (domain/feed.ts); a buffer with a JSON
  // content type is sent as is, so the declared response schema documents it without a second pass.
  app.get(ROUTES.changes, { schema: { querystring: ChangesQuerySchema, response: { 200: ChangesResponseSchema } } }, async (request, reply) => {
    const q = request.query as z.infer<typeof ChangesQuerySchema>;
    return reply.type('application/json; charset=utf-8').send(await readChangesJson(store, sessionOf(request), q.after, q.limit));
  });

  app.get(ROUTES.changesWait, { schema: { querystring: WaitQuerySchema, response: { 200: WaitResponseSchema } } }, async (request) => {
    sessionOf(request);
    const q = request.query as z.infer<typeof WaitQuerySchema>;
    const seq = await hub.waitFor(q.after, () => store.items.latestSeq(), q.timeoutMs);
    return seq === null ? { latest: await store.items.latestSeq(), changed: false } : { latest: seq, changed: true };
  });
}
