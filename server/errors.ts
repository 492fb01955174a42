import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, HTTP_STATUS, type ErrorCode } from '#shared/errors';

/**
 * The exchange's one error handler: everything leaves as `{error: {code, message}}` with a code
 * from shared/errors.ts. Bad input never becomes a 5xx; only bugs are `internal` (and logged).
 */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid',
  FST_ERR_VALIDATION: 'invalid',
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as Partial<FastifyError> & { type?: string };
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new AppError(mapped, fe.message ?? mapped);
  // JSON.parse errors from the body parser and secure-json-parse's prototype-poisoning refusal
  if (err instanceof SyntaxError || (fe.statusCode === 400 && /JSON|prototype/i.test(fe.message ?? ''))) {
    return new AppError('bad_json', 'the body is not valid JSON');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 413) return new AppError('payload_too_large', fe.message ?? 'payload too large');
    if (fe.statusCode === 415) return new AppError('unsupported_media_type', fe.message ?? 'unsupported media type');
    if (fe.statusCode === 404) return new AppError('not_found', fe.message ?? 'not found');
    return new AppError('invalid', fe.message ?? 'invalid request');
  }
  return new AppError('internal', 'internal error');
}

/** A zod failure as an `invalid` AppError whose details name the fields. */
export function invalidFrom(error: z.ZodError, where: string): AppError {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  return new AppError('invalid', `${where}: ${first ? `${first.path || '(root)'} ${first.message}` : 'invalid'}`, { issues });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    if (!appError.expected) request.log.error({ err }, 'request failed');
    // Only the code, message and field list go out: never a stack or SQL text.
    void reply.status(HTTP_STATUS[appError.code]).type('application/json').send(JSON.stringify(appError.toBody()));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .type('application/json')
      .send(JSON.stringify(new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`).toBody()));
  });
}

/**
 * Fastify's own routing errors (Fastify option `frameworkErrors`): a path with bad percent-encoding
 * and an over-long path parameter bypass the error handler above and would answer in Fastify's
 * shape. Both become the one error shape: bad encoding is `invalid`; a parameter longer than any
 * route takes (an over-long `:sha256`) names nothing that exists, so `not_found`.
 */
export function frameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const appError =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('not_found', 'no such resource (path parameter too long)') : new AppError('invalid', 'malformed request path');
  void reply.status(HTTP_STATUS[appError.code]).type('application/json').send(JSON.stringify(appError.toBody()));
}

/**
 * Malformed raw HTTP (Fastify option `clientErrorHandler`, the socket's `clientError`): answered
 * in the one error shape before the socket closes, instead of Fastify's default body.
 */
export function clientError(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ['431 Request Header Fields Too Large', 'payload_too_large', 'request headers too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['408 Request Timeout', 'invalid', 'the request was not completed in time']
        : ['400 Bad Request', 'invalid', 'malformed HTTP request'];
  const body = JSON.stringify(new AppError(code as ErrorCode, message).toBody());
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
