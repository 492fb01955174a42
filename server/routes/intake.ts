import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '#shared/errors';
import {
  AccidentIntakeSchema,
  ApplicationIntakeSchema,
  AppointmentIntakeSchema,
  AttachmentUploadResponseSchema,
  INTAKE_KEY_HEADER,
  IntakeResponseSchema,
  ROUTES,
  SupplementIntakeSchema,
  TipFollowUpIntakeSchema,
  TipIntakeSchema,
  WithdrawIntakeSchema,
} from '#shared/contract/api';
import { AttachmentContentTypeSchema, MAX_ATTACHMENT_BYTES } from '#shared/domain/attachments';
import type { AppDeps } from '../app';
import type { Repos } from '../store/store';
import { secretsEqual } from '../auth/tokens';
import { badIntakeKeyThrottle } from '../auth/throttle';
import { inspectAttachment } from '../domain/attachments';
import { createAccident, createApplication, createAppointment, createTip, type Created } from '../domain/intake';
import { followUpTip, supplyMaterials, withdrawItem } from '../domain/citizen';

/**
 * The Internet side's door into the exchange, guarded by its own key (not an officer token).
 * Raw-body parsers for attachments are registered here only, so no other route accepts bytes.
 */
export async function intakeRoutes(app: FastifyInstance, { store, config }: AppDeps): Promise<void> {
  const validKey = (request: FastifyRequest): boolean => {
    const key = request.headers[INTAKE_KEY_HEADER];
    return typeof key === 'string' && secretsEqual(key, config.intakeKey);
  };
  // guessing the key is throttled per address; the Internet side with the right key is not
  app.addHook('onRequest', badIntakeKeyThrottle(app, config.badIntakeKeyPerMinute, validKey));
  app.addHook('onRequest', async (request) => {
    if (!validKey(request)) throw new AppError('bad_intake_key', 'a valid intake key is required');
  });

  // one transaction per submission; its commit wakes the long-polls (app.ts `onChange`)
  const respond = async (make: (tx: Repos) => Promise<Created>) => {
    const created = await store.transaction(make);
    return created.reporterCode === undefined ? { id: created.id } : { id: created.id, reporterCode: created.reporterCode };
  };
  const response = { 200: IntakeResponseSchema };

  // Raw bytes only here (own scope): any other intake route answers a non-JSON type with 415.
  await app.register(async (raw) => {
    raw.addContentTypeParser(AttachmentContentTypeSchema.options, { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
    raw.post(
      ROUTES.intakeAttachment,
      { bodyLimit: MAX_ATTACHMENT_BYTES, schema: { response: { 200: AttachmentUploadResponseSchema } } },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', 'send the attachment bytes as image/jpeg, image/png or application/pdf');
        const meta = await inspectAttachment(request.body, request.headers['content-type']);
        await store.blobs.put(meta, request.body);
        return { sha256: meta.sha256, size: meta.size, contentType: meta.contentType };
      },
    );
  });

  app.post(ROUTES.intakeApplication, { schema: { body: ApplicationIntakeSchema, response } }, async (request) =>
    respond((tx) => createApplication(tx, request.body as z.infer<typeof ApplicationIntakeSchema>, new Date())),
  );
  app.post(ROUTES.intakeAccident, { schema: { body: AccidentIntakeSchema, response } }, async (request) =>
    respond((tx) => createAccident(tx, request.body as z.infer<typeof AccidentIntakeSchema>, new Date())),
  );
  app.post(ROUTES.intakeTip, { schema: { body: TipIntakeSchema, response } }, async (request) =>
    respond((tx) => createTip(tx, request.body as z.infer<typeof TipIntakeSchema>, new Date())),
  );
  app.post(ROUTES.intakeAppointment, { schema: { body: AppointmentIntakeSchema, response } }, async (request) =>
    respond((tx) => createAppointment(tx, request.body as z.infer<typeof AppointmentIntakeSchema>, new Date())),
  );
  app.post(ROUTES.intakeWithdraw, { schema: { body: WithdrawIntakeSchema, response } }, async (request) => {
    const body = request.body as z.infer<typeof WithdrawIntakeSchema>;
    return respond(async (tx) => ({ id: body.itemId, seq: await withdrawItem(tx, body.itemId, body.reason, new Date()) }));
  });
  app.post(ROUTES.intakeSupplement, { schema: { body: SupplementIntakeSchema, response } }, async (request) => {
    const body = request.body as z.infer<typeof SupplementIntakeSchema>;
    return respond(async (tx) => ({ id: body.itemId, seq: await supplyMaterials(tx, body.itemId, body.materials, new Date()) }));
  });
  app.post(ROUTES.intakeTipFollowUp, { schema: { body: TipFollowUpIntakeSchema, response } }, async (request) => {
    const body = request.body as z.infer<typeof TipFollowUpIntakeSchema>;
    return respond(async (tx) => ({ id: body.itemId, seq: await followUpTip(tx, body, new Date()) }));
  });
}
