import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { CommandsRequestSchema, CommandsResponseSchema, ROUTES } from '#shared/contract/api';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';
import { CommandQueue } from '../domain/command-queue';

export async function commandRoutes(app: FastifyInstance, { store, config }: AppDeps): Promise<void> {
  // One queue per app: concurrent requests share a transaction (group commit, see command-queue.ts).
  // long-polls wake by the store's change announcement after COMMIT (app.ts)
  const queue = new CommandQueue({ store, leaseScale: config.leaseScale });
  app.post(ROUTES.commands, { schema: { body: CommandsRequestSchema, response: { 200: CommandsResponseSchema } } }, async (request) => {
    const { officer } = sessionOf(request);
    const { commands } = request.body as z.infer<typeof CommandsRequestSchema>;
    // In order; a rejection does not undo the commands before it. Answered after COMMIT.
    return { results: await queue.submit(officer, commands) };
  });
}
