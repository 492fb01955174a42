/**
 * The bare-Fastify baseline of the exchange bench, run as its own process exactly as the exchange
 * is (`node --import tsx bench/lib/bare-fastify.ts`, same fastify, same Node flags): one POST route
 * at the commands path that lets Fastify's default JSON parser read the command batch and answers
 * a fixed reply object (a real command result the bench captured from the exchange, passed in
 * BARE_REPLY_JSON) through Fastify's default serializer. No hooks, no schemas, no logger, no
 * store: what any Fastify route costs per request on this machine.
 * Prints one `BARE_READY http://127.0.0.1:<port>` line on stdout once listening; SIGTERM closes.
 */
import Fastify from 'fastify';
import { ROUTES } from '#shared/contract/api';

const reply: unknown = JSON.parse(process.env.BARE_REPLY_JSON ?? '{"results":[]}');
const app = Fastify({ logger: false, forceCloseConnections: true });

app.post(ROUTES.commands, async (request) => {
  const body = request.body as { commands?: unknown[] } | null;
  if (!body || !Array.isArray(body.commands)) throw new Error('not a command batch');
  return reply;
});
app.get(ROUTES.health, async () => ({ ok: true }));

await app.listen({ host: '127.0.0.1', port: Number(process.env.BARE_PORT ?? 0) });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`BARE_READY http://127.0.0.1:${port}\n`);

process.on('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
