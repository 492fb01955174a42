import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '#shared/errors';
import { INTAKE_KEY_HEADER, OutboundQuerySchema, OutboundResponseSchema, ROUTES, type OutboundNotification } from '#shared/contract/api';
import { Sha256Schema } from '#shared/domain/attachments';
import type { AppDeps } from '../app';
import { secretsEqual } from '../auth/tokens';

const DocumentParamsSchema = z.strictObject({ sha256: Sha256Schema });

/**
 * The Internet side's read of what citizens must be told (DESIGN.md "Exchange API v1":
 * GET /api/v1/outbound), behind the same key as intake (checked as routes/intake.ts does), and
 * the documents those notices name. A page is the log's rows after the cursor; `next` is the
 * last row's seq (the cursor given when the page is empty), `hasMore` whether rows follow.
 */
export async function outboundRoutes(app: FastifyInstance, { store, config }: AppDeps): Promise<void> {
  app.addHook('onRequest', async (request) => {
    const key = request.headers[INTAKE_KEY_HEADER];
    if (typeof key !== 'string' || !secretsEqual(key, config.intakeKey)) throw new AppError('bad_intake_key', 'a valid intake key is required');
  });

  app.get(ROUTES.outbound, { schema: { querystring: OutboundQuerySchema, response: { 200: OutboundResponseSchema } } }, async (request) => {
    const q = request.query as z.infer<typeof OutboundQuerySchema>;
    const rows = await store.outbound.after(q.after, q.limit + 1);
    const page = rows.slice(0, q.limit);
    // the payload's fields sit beside the envelope's; the envelope wins should a payload ever name one
    const notifications = page.map((r) => ({ ...r.payload, seq: r.seq, at: r.at, itemId: r.itemId, kind: r.kind, event: r.event }) as OutboundNotification);
    return { notifications, next: page.length > 0 ? page[page.length - 1]!.seq : q.after, hasMore: rows.length > q.limit };
  });

  // Only documents the exchange issued (the determination PDF) — never a citizen's or an officer's
  // upload — so the key reads nothing but what the notices name. Anything else is 404.
  app.get(ROUTES.outboundDocument, { schema: { params: DocumentParamsSchema } }, async (request, reply) => {
    const { sha256 } = request.params as z.infer<typeof DocumentParamsSchema>;
    const holders = await store.items.withBlob(sha256);
    const issued = (await store.items.attachmentsOf(holders.map((i) => i.id))).some((a) => a.sha256 === sha256 && a.role === 'determination');
    const bytes = issued ? await store.blobs.read(sha256) : undefined;
    if (!bytes) throw new AppError('not_found', 'no such document');
    return reply.type('application/pdf').header('x-content-type-options', 'nosniff').send(bytes);
  });
}
