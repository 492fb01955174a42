import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { CommandsRequestSchema, CommandsResponseSchema, ROUTES } from '#shared/contract/api';
import type { CommandResult } from '#shared/domain/commands';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';
import { runCommand } from '../domain/apply';

export async function commandRoutes(app: FastifyInstance, { store, config, hub }: AppDeps): Promise<void> {
  app.post(ROUTES.commands, { schema: { body: CommandsRequestSchema, response: { 200: CommandsResponseSchema } } }, async (request) => {
    const { officer } = sessionOf(request);
    const { commands } = request.body as z.infer<typeof CommandsRequestSchema>;
    const ctx = { store, officer, leaseScale: config.leaseScale };
    // In order, each in its own transaction: a rejection does not undo the commands before it.
    const results: CommandResult[] = commands.map((cmd) => runCommand(ctx, cmd));
    if (results.some((r) => r.status === 'applied')) hub.notify(store.latestSeq());
    return { results };
  });
}
