import type { CoreContext } from '../context';
import type { HandlersOf } from './types';
import type { SUPERVISION_BRIDGE } from '#shared/contract/bridge-supervision';

/** The supervision screens' methods: online calls to the exchange with the session's token. */
export function supervisionHandlers(ctx: CoreContext): HandlersOf<keyof typeof SUPERVISION_BRIDGE> {
  void ctx;
  return {};
}
