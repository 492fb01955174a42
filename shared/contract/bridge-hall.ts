import { z } from 'zod';
import { ItemIdSchema, WorkItemSchema } from '../domain/items';
import { IdNumberInputSchema } from '../domain/commands';

/**
 * Bridge methods of the hall window (see bridge.ts for the rules every method follows). The
 * window's appointments and pickups are queues over the cache (items.query) and their commands go
 * through items.command like any other, except the hand-over: its body is the ID number typed
 * from the card the citizen presents, and that number must never rest on the console (not in the
 * outbox, not in a conflict, not in a log). So it is sent straight to the exchange, online only,
 * and the exchange compares it with the applicant's (DESIGN.md "Hand-over").
 */
export const HALL_BRIDGE = {
  /**
   * Hands an approved window-pickup application over after the exchange matched the typed number
   * (an 18-character GB 11643 number, the checksum checked here first). Refused with `offline`
   * without a token or a network, `id_mismatch` when the number is another's, or the exchange's
   * code for the item's state; nothing is queued either way. The result is the item as the
   * exchange now holds it, written into the cache.
   */
  'hall.handOver': {
    args: z.strictObject({ itemId: ItemIdSchema, idNumber: IdNumberInputSchema }),
    result: z.object({ item: WorkItemSchema, rev: z.number().int().min(0) }),
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;
