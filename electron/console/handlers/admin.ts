import type { CoreContext } from '../context';
import type { HandlersOf } from './types';
import type { ADMIN_BRIDGE } from '#shared/contract/bridge-admin';

/** The admin screens' methods: online calls to the exchange with the session's token. */
export function adminHandlers(ctx: CoreContext): HandlersOf<keyof typeof ADMIN_BRIDGE> {
  void ctx;
  return {};
}
