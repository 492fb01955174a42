import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '#shared/errors';
import { ROUTES } from '#shared/contract/api';
import { Sha256Schema } from '#shared/domain/attachments';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';
import { isVisible } from '../domain/visibility';

const ParamsSchema = z.strictObject({ sha256: Sha256Schema });

/**
 * Attachment bytes for officers with an item referencing them in scope. Anything else is 404,
 * the same answer as for a hash nobody uploaded, so the route does not confirm what exists.
 * The 200 body is raw bytes (no JSON schema to declare); errors go through the one handler.
 */
export async function attachmentRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.get(ROUTES.attachment, { schema: { params: ParamsSchema } }, async (request, reply) => {
    const { officer } = sessionOf(request);
    const { sha256 } = request.params as z.infer<typeof ParamsSchema>;
    const notFound = new AppError('not_found', 'no such attachment');
    if (!(await store.items.withBlob(sha256)).some((item) => isVisible(officer, item))) throw notFound;
    const meta = await store.blobs.meta(sha256);
    const etag = `"${sha256}"`;
    if (!meta) throw notFound;
    void reply
      .header('etag', etag)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const bytes = await store.blobs.read(sha256);
    if (!bytes) throw new AppError('internal', `blob ${sha256} is missing on disk`);
    return reply.type(meta.contentType).send(bytes);
  });
}
