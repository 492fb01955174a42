import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '#shared/errors';
import { KINDS_BY_ROLE, type Officer } from '#shared/domain/officers';
import { unitPrefix } from '#shared/domain/units';
import type { Scope, Store } from '../store/store';
import { tokenHash } from './tokens';

export interface Session {
  readonly officer: Officer;
  readonly tokenHash: string;
  readonly scope: Scope;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

export function scopeOf(officer: Officer): Scope {
  return { kinds: KINDS_BY_ROLE[officer.role], unitPrefix: unitPrefix(officer.unitCode) };
}

export function sessionOf(request: FastifyRequest): Session {
  if (!request.session) throw new AppError('unauthenticated', 'sign in first');
  return request.session;
}

/** Called once on the root instance, before any route plugin. */
export function decorateSession(app: FastifyInstance): void {
  app.decorateRequest('session', null);
}

/** Adds a hook to every route in `app`'s scope that needs a valid, unexpired, unrevoked token. */
export function requireOfficer(app: FastifyInstance, store: Store): void {
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new AppError('unauthenticated', 'a bearer token is required');
    const hash = tokenHash(token);
    const record = await store.sessions.find(hash);
    if (!record || record.revoked || Date.parse(record.expiresAt) <= Date.now()) {
      throw new AppError('unauthenticated', 'the session has expired; sign in again');
    }
    const officer = await store.officers.get(record.badge);
    if (!officer) throw new AppError('unauthenticated', 'the officer no longer exists');
    const plain: Officer = { badge: officer.badge, name: officer.name, role: officer.role, unitCode: officer.unitCode };
    request.session = { officer: plain, tokenHash: hash, scope: scopeOf(plain) };
  });
}
