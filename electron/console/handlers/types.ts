import type { z } from 'zod';
import type { BRIDGE, BridgeMethod, BridgeResult } from '#shared/contract/bridge';

/** A method's arguments after the bridge schema parsed them (defaults filled): what a handler gets. */
export type ParsedArgs<M extends BridgeMethod> = z.output<(typeof BRIDGE)[M]['args']>;

/** The handler map: one function per bridge method. Each module supplies its domain's part. */
export type Handlers = { [M in BridgeMethod]: (args: ParsedArgs<M>) => Promise<BridgeResult<M>> };
export type HandlersOf<K extends BridgeMethod> = Pick<Handlers, K>;
