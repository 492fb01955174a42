import type { FastifyInstance } from 'fastify';
import { OfficerDirectoryResponseSchema, ROUTES } from '#shared/contract/api';
import { cityOf, unitPrefix } from '#shared/domain/units';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';

/**
 * The officer directory of the caller's city (the province for province officers): badge, name,
 * role and unit, so a console shows who holds an item by name, offline too. Colleagues' names
 * only; hashes and login state never leave the store.
 */
export async function officerRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.get(ROUTES.officerDirectory, { schema: { response: { 200: OfficerDirectoryResponseSchema } } }, async (request) => {
    const { officer } = sessionOf(request);
    return { officers: await store.officers.list(unitPrefix(cityOf(officer.unitCode))) };
  });
}
