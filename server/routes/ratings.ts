import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '#shared/errors';
import { INTAKE_KEY_HEADER, RatingIntakeSchema, RatingResponseSchema, ROUTES } from '#shared/contract/api';
import type { AppDeps } from '../app';
import { secretsEqual } from '../auth/tokens';
import { badIntakeKeyThrottle } from '../auth/throttle';
import { rateItem } from '../domain/stats';

/**
 * Citizens rate a finished item 1–5 with an optional comment (群众满意度), relayed by the Internet
 * side with the intake key, checked as routes/intake.ts checks it (wrong keys throttled per
 * address). One rating per item: a second is `conflict`; an unfinished item `invalid`. The comment
 * is citizen text and stays on the exchange: no figure and no report carries it.
 */
export async function ratingRoutes(app: FastifyInstance, { store, config }: AppDeps): Promise<void> {
  const validKey = (request: FastifyRequest): boolean => {
    const key = request.headers[INTAKE_KEY_HEADER];
    return typeof key === 'string' && secretsEqual(key, config.intakeKey);
  };
  app.addHook('onRequest', badIntakeKeyThrottle(app, config.badIntakeKeyPerMinute, validKey));
  app.addHook('onRequest', async (request) => {
    if (!validKey(request)) throw new AppError('bad_intake_key', 'a valid intake key is required');
  });

  app.post(ROUTES.intakeRating, { schema: { body: RatingIntakeSchema, response: { 200: RatingResponseSchema } } }, async (request) => {
    const body = request.body as z.infer<typeof RatingIntakeSchema>;
    const rating = await store.transaction((tx) => rateItem(tx, body, new Date()));
    return { itemId: rating.itemId, stars: rating.stars, at: rating.at };
  });
}
