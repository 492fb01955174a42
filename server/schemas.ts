import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ChangesResponseSchema, CommandsResponseSchema, type CommandsResponse } from '#shared/contract/api';
import { AppError } from '#shared/errors';
import { safeParseWithFastPath } from '#shared/contract/fast-path';
import { invalidFrom } from './errors';
import { stringifyOnce } from './serialized';

/**
 * Responses assembled only from values the store already parsed with their schemas (items via
 * WorkItemSchema on read). Parsing a 1000-item feed page a second time doubled its cost.
 * Command results: an applied item passed WorkItemSchema before it was written, a rejection
 * carries the item as read (parsed), a replayed result is parsed with CommandResultSchema when
 * read back (store getCommand); the rest are literals typed as CommandResult.
 */
const PREVALIDATED = new WeakSet<z.ZodType>([ChangesResponseSchema, CommandsResponseSchema]);

/**
 * Fastify validator and serializer compilers for zod schemas (the zod type provider is not
 * installed; this is the small part of it we need). Requests are parsed, so handlers get the
 * parsed (defaulted, trimmed) value. Responses are parsed with their schema too, so the exchange
 * can never send what the console's client would refuse.
 */
export function registerZodCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const zodSchema = schema as z.ZodType;
    return (data: unknown) => {
      // a canonical request (every key there, nothing to strip or fill in) is taken as it came
      const result = safeParseWithFastPath(zodSchema, data);
      return result.success ? { value: result.data } : { error: invalidFrom(result.error, httpPart ?? 'request') };
    };
  });
  app.setSerializerCompiler(({ schema }) => {
    const zodSchema = schema as z.ZodType;
    // each result was stringified once already, when stored under its command id
    if (zodSchema === CommandsResponseSchema) return (data: unknown) => `{"results":[${(data as CommandsResponse).results.map(stringifyOnce).join(',')}]}`;
    if (PREVALIDATED.has(zodSchema)) return (data: unknown) => JSON.stringify(data);
    return (data: unknown) => {
      const result = zodSchema.safeParse(data);
      if (!result.success) throw new AppError('internal', `response failed its schema: ${result.error.issues[0]?.message ?? ''}`);
      return JSON.stringify(result.data);
    };
  });
}
