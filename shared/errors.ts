import { z } from 'zod';

/**
 * Every error that crosses a boundary (HTTP, IPC, the web-shell bridge) carries one of these codes.
 * Server and console share the union so neither ever matches on message text.
 *
 * When you add a code, also add its Chinese and English text in renderer/app/i18n (errors.*).
 */
export const ErrorCodeSchema = z.enum([
  // bad input: expected, shown to the officer
  'invalid', // a request or command body failed validation
  'bad_json', // the body is not JSON at all
  'payload_too_large',
  'unsupported_media_type',
  'bad_id_number', // GB 11643 checksum or shape failed
  'bad_plate',
  'unknown_service',
  'id_mismatch', // the ID number presented at the window is not the applicant's
  'slot_full', // the appointment slot has no place left
  // authentication / authorisation
  'unauthenticated', // no or expired token
  'bad_credentials',
  'locked', // too many failed logins
  'account_disabled', // locked by an administrator until unlocked
  'forbidden', // role or jurisdiction does not allow it
  'bad_intake_key',
  // state
  'not_found',
  'conflict', // expectedVersion is stale, or another officer holds the item
  'claim_lost', // the caller's lease expired or was taken over
  'rate_limited',
  // console-side
  'offline', // the action needs the exchange and it cannot be reached
  'no_session',
  'cache_too_new', // the local cache was written by a newer console
  'unknown_method', // bridge method not in the contract
  // bugs and outages
  'internal',
  'unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: ErrorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Rejection codes a command may come back with (DESIGN.md "Sync protocol"). */
export const RejectionCodeSchema = z.enum(['conflict', 'claim_lost', 'forbidden', 'invalid', 'not_found', 'id_mismatch']);
export type RejectionCode = z.infer<typeof RejectionCodeSchema>;

/** An error meant to cross a boundary. `expected` tells bad input (shown) from a bug (logged). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get expected(): boolean {
    return this.code !== 'internal' && this.code !== 'unavailable';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** HTTP status for each code, used by the exchange's one error handler. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  bad_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  bad_id_number: 400,
  bad_plate: 400,
  unknown_service: 400,
  id_mismatch: 422,
  slot_full: 409,
  unauthenticated: 401,
  bad_credentials: 401,
  locked: 423,
  account_disabled: 423,
  forbidden: 403,
  bad_intake_key: 401,
  not_found: 404,
  conflict: 409,
  claim_lost: 409,
  rate_limited: 429,
  offline: 503,
  no_session: 401,
  cache_too_new: 409,
  unknown_method: 404,
  internal: 500,
  unavailable: 503,
};
