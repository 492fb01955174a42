import { z } from 'zod';

/**
 * Bridge methods of the supervision screens (see bridge.ts for the rules every method follows). They call
 * the exchange online only: figures, documents and the audit log are never cached on the console.
 */
export const SUPERVISION_BRIDGE = {} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;
