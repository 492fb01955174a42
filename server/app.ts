import Fastify, { type FastifyInstance } from 'fastify';
import { AppError } from '#shared/errors';
import type { ExchangeConfig } from './config';
import type { Store } from './store/store';
import { clientError, frameworkError, registerErrorHandling } from './errors';
import { registerThrottles } from './auth/throttle';
import { registerZodCompilers } from './schemas';
import { refuseControlCharacters } from './control-chars';
import { ChangeHub } from './changes-hub';
import { decorateSession, requireOfficer } from './auth/session';
import { publicAuthRoutes, officerAuthRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { changesRoutes } from './routes/changes';
import { commandRoutes } from './routes/commands';
import { attachmentRoutes } from './routes/attachments';
import { revealRoutes } from './routes/reveal';
import { auditRoutes } from './routes/audit';
import { intakeRoutes } from './routes/intake';
import { officerRoutes } from './routes/officers';
import { outboundRoutes } from './routes/outbound';
import { statsRoutes } from './routes/stats';
import { reportRoutes } from './routes/reports';
import { adminRoutes } from './routes/admin';
import { ratingRoutes } from './routes/ratings';
import { hashPhotos, photosOfIntakeBody } from './domain/forensics';
import { ROUTES } from '#shared/contract/api';

export interface AppDeps {
  readonly store: Store;
  readonly config: ExchangeConfig;
  readonly hub: ChangeHub;
}

/**
 * Builds the exchange. Plugins boot in order: external concerns (compilers, errors, parsers), app
 * decorations, then routes, each route group in its own encapsulated scope so auth hooks and body
 * parsers apply only where they are registered.
 */
export function buildApp(opts: { store: Store; config: ExchangeConfig; logger?: boolean; logLevel?: 'silent' | 'error' | 'info' }): FastifyInstance {
  const app = Fastify({
    // stderr: stdout carries only the EXCHANGE_READY line. Bugs (internal errors) are always logged.
    logger: { level: opts.logLevel ?? (opts.logger ? 'info' : 'error'), stream: process.stderr },
    bodyLimit: opts.config.jsonBodyLimit,
    // a trailing slash still matches; an over-long path parameter matches no route (404)
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    forceCloseConnections: true,
    return503OnClosing: true,
    // routing and raw-HTTP errors leave in the one error shape too (server/errors.ts)
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
    // Node answers a request without Host with a bare 400 before Fastify sees it; let it through
    // and refuse it below in the one error shape (HTTP/1.1 requires Host)
    http: { requireHostHeader: false },
  });
  const deps: AppDeps = { store: opts.store, config: opts.config, hub: new ChangeHub() };
  // Every commit that recorded a change wakes the long-polls: this process's commands and
  // intakes, and with a shared database another exchange instance's (store.ts `onChange`).
  const stopListening = opts.store.onChange((seq) => deps.hub.notify(seq));

  // external
  registerZodCompilers(app);
  registerErrorHandling(app);
  // only JSON bodies by default; raw uploads get their parsers in their own scope
  app.removeContentTypeParser('text/plain');
  refuseControlCharacters(app);

  app.addHook('onRequest', async (request) => {
    if (!request.headers.host) throw new AppError('invalid', 'the Host header is required');
  });

  // app
  decorateSession(app);
  app.decorate('deps', deps);
  // wake long-polls before the server waits for in-flight requests
  app.addHook('preClose', async () => {
    stopListening();
    deps.hub.close();
  });

  registerThrottles(app);

  // Photo forensics decode (async, sharp) the photos an accident intake or a supplement names
  // before its handler's transaction runs (domain/forensics.ts). Root-level, so it
  // reaches the intake plugin's routes; it runs after their key check and body validation.
  const hashedRoutes = new Set<string>([ROUTES.intakeAccident, ROUTES.intakeSupplement]);
  app.addHook('preHandler', async (request) => {
    if (hashedRoutes.has(request.routeOptions.url ?? '')) await hashPhotos(deps.store, photosOfIntakeBody(request.body));
  });

  // routes
  void app.register(healthRoutes, deps);
  void app.register(publicAuthRoutes, deps);
  void app.register(intakeRoutes, deps);
  void app.register(outboundRoutes, deps);
  void app.register(ratingRoutes, deps);
  void app.register(async (officerScope) => {
    requireOfficer(officerScope, deps.store);
    await officerScope.register(officerAuthRoutes, deps);
    await officerScope.register(changesRoutes, deps);
    await officerScope.register(commandRoutes, deps);
    await officerScope.register(attachmentRoutes, deps);
    await officerScope.register(revealRoutes, deps);
    await officerScope.register(auditRoutes, deps);
    await officerScope.register(officerRoutes, deps);
    await officerScope.register(statsRoutes, deps);
    await officerScope.register(reportRoutes, deps);
    await officerScope.register(adminRoutes, deps);
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
