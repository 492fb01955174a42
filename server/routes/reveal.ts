import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { AppError } from '#shared/errors';
import { RevealRequestSchema, RevealResponseSchema, ROUTES } from '#shared/contract/api';
import type { Officer } from '#shared/domain/officers';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';
import { isVisible } from '../domain/visibility';
import type { StoredItem } from '../store/store';

type RevealRequest = z.infer<typeof RevealRequestSchema>;

/** The clear value of one masked field. Tip reporters are only for intelligence staff and supervisors. */
function revealValue(stored: StoredItem, req: RevealRequest, officer: Officer): string {
  const { item, pii } = stored;
  if (item.kind === 'application' || item.kind === 'appointment') {
    if (!pii.applicant || req.field === 'reporter') throw new AppError('invalid', 'applications reveal idNumber or phone');
    return req.field === 'idNumber' ? pii.applicant.idNumber : pii.applicant.phone;
  }
  if (item.kind === 'accident') {
    if (req.partyIdx === undefined || req.field === 'reporter') throw new AppError('invalid', 'accidents reveal a party’s idNumber or phone (partyIdx)');
    const party = pii.parties?.[req.partyIdx];
    if (!party) throw new AppError('invalid', `no party ${req.partyIdx}`);
    return req.field === 'idNumber' ? party.idNumber : party.phone;
  }
  if (officer.role !== 'intel' && officer.role !== 'supervisor') throw new AppError('forbidden', 'only intelligence staff may reveal a reporter');
  const r = pii.reporter;
  if (!r || (r.name === null && r.phone === null && r.idNumber === null)) throw new AppError('not_found', 'the reporter is anonymous');
  if (req.field === 'idNumber') return r.idNumber ?? '';
  if (req.field === 'phone') return r.phone ?? '';
  return [r.name, r.phone, r.idNumber].filter((v) => v !== null).join(' / ');
}

export async function revealRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.post(ROUTES.reveal, { schema: { body: RevealRequestSchema, response: { 200: RevealResponseSchema } } }, async (request) => {
    const { officer } = sessionOf(request);
    const body = request.body as RevealRequest;
    const stored = await store.items.get(body.itemId);
    if (!stored || !isVisible(officer, stored.item)) throw new AppError('not_found', `no item ${body.itemId} in your scope`);
    const value = revealValue(stored, body, officer);
    await store.audit.append({
      at: new Date().toISOString(),
      actor: officer.badge,
      action: 'reveal',
      itemId: body.itemId,
      detail: { field: body.field, partyIdx: body.partyIdx ?? null, reason: body.reason },
    });
    return { value };
  });
}
