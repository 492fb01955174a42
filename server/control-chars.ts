import type { FastifyInstance } from 'fastify';
import { AppError } from '#shared/errors';

// C0 controls except tab, newline and carriage return, plus DEL: never meaningful in officer or
// citizen text, and a classic way to smuggle things into logs and exports.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function findControl(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path || '(root)' : null;
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    if (CONTROL.test(key)) return `${path}.${key.replace(CONTROL, '?')}`;
    const found = findControl(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Refuses any JSON body with a control character in a string or key, before schema validation. */
export function refuseControlCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const where = findControl(request.body, '');
    if (where) throw new AppError('invalid', `control characters are not allowed (${where})`);
  });
}
