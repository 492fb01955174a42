import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '#shared/errors';

/**
 * Throttles (DESIGN.md "Security model"), besides the lockout after failed logins: login attempts
 * per badge — the badge comes from the body, so that limit runs on the preHandler hook, after
 * parsing — and per client address; intake requests with a wrong key per address. Beyond a limit
 * the answer is 429 `rate_limited` in the one error shape, with `retry-after`.
 * In memory per exchange instance; several instances behind a balancer each keep their own.
 */
export function registerThrottles(app: FastifyInstance): void {
  // the plugin decorates the root (it is fastify-plugin wrapped), so every route scope can use app.rateLimit
  void app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('rate_limited', `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`, { retryAfterMs: context.ttl }),
  });
}

const MINUTE = 60_000;

/**
 * The two login limits as one preHandler. (The plugin's own handler runs once per request, so two
 * of them on one route would leave the second unchecked: both limits are checked here instead.)
 */
export function loginThrottles(app: FastifyInstance, perBadge: number, perAddress: number): preHandlerAsyncHookHandler {
  const byAddress = app.createRateLimit({ max: perAddress, timeWindow: MINUTE, keyGenerator: (request: FastifyRequest) => `login-ip:${request.ip}` });
  const byBadge = app.createRateLimit({
    max: perBadge,
    timeWindow: MINUTE,
    keyGenerator: (request: FastifyRequest) => `login-badge:${String((request.body as { badge?: unknown } | null)?.badge ?? '')}`,
  });
  return async (request, reply) => {
    for (const check of [byAddress, byBadge]) {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        void reply.header('retry-after', String(Math.max(1, Math.ceil(result.ttl / 1000))));
        throw new AppError('rate_limited', `登录尝试过于频繁，请 ${Math.ceil(result.ttl / 1000)} 秒后再试`, { retryAfterMs: result.ttl });
      }
    }
  };
}

/** Counts only requests whose intake key is wrong (`validKey` false), per client address. */
export function badIntakeKeyThrottle(app: FastifyInstance, perAddress: number, validKey: (request: FastifyRequest) => boolean) {
  return app.rateLimit({
    max: perAddress,
    timeWindow: MINUTE,
    keyGenerator: (request: FastifyRequest) => `intake-key:${request.ip}`,
    allowList: (request: FastifyRequest) => validKey(request),
  });
}
