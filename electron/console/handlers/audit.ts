import type { CoreContext } from '../context';
import type { HandlersOf } from './types';
import type { AUDIT_BRIDGE } from '#shared/contract/bridge-audit';

/** The audit screens' methods: online calls to the exchange with the session's token. */
export function auditHandlers(ctx: CoreContext): HandlersOf<keyof typeof AUDIT_BRIDGE> {
  void ctx;
  return {};
}
