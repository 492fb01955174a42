import type { LocalCommand } from '#shared/contract/bridge';
import type { WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { actionOf } from '#shared/domain/status';
import { checkAction, type CommandRejection } from '#shared/rules/commands';
import { bridge, toBridgeError } from '../../app/bridge';
import { holdsLiveClaim } from './actionState';
import type { ItemCommand } from './types';

/** What became of one item: done, or refused (by the core here, or by the console core) with why. */
export type ClaimThenOutcome =
  | { readonly id: string; readonly ok: true; readonly item: WorkItem }
  | { readonly id: string; readonly ok: false; readonly item: WorkItem | null; readonly action: string; readonly refusal: CommandRejection };

/**
 * A command on an item other than the one open (a bulk action, or linking the newer report of a
 * pair into the open tip's group): read it from the cache, claim it unless the officer holds it
 * already, then send the command — each through the outbox, which chains their expected versions,
 * so claim and decision reach the exchange in order. Whether each may be sent is the command
 * core's `checkAction` on the item as it then stands, like a button's; a refusal is returned, not
 * thrown, so a batch goes on with the next item. `build` sees the item after the claim.
 */
export async function claimThen(id: string, build: (item: WorkItem) => ItemCommand, officer: Officer, now: () => Date = () => new Date()): Promise<ClaimThenOutcome> {
  let item: WorkItem | null = null;
  let action = 'claim';
  try {
    item = (await bridge()['items.get']({ id })).item;
    if (!holdsLiveClaim(item, officer.badge, now())) {
      const refused = checkAction(item, 'claim', { officer, now: now() });
      if (refused) return { id, ok: false, item, action, refusal: refused };
      item = (await bridge()['items.command']({ itemId: id, type: 'claim', body: {} })).item;
    }
    const cmd = build(item);
    action = actionOf(cmd);
    const refused = checkAction(item, action, { officer, now: now() });
    if (refused) return { id, ok: false, item, action, refusal: refused };
    const res = await bridge()['items.command']({ itemId: id, ...cmd } as LocalCommand);
    return { id, ok: true, item: res.item };
  } catch (e: unknown) {
    const err = toBridgeError(e);
    const code = err.code === 'conflict' || err.code === 'claim_lost' || err.code === 'forbidden' || err.code === 'not_found' ? err.code : 'invalid';
    return { id, ok: false, item, action, refusal: { code, message: err.message } };
  }
}

/** claimThen for each id in turn (not in parallel: the officer sees them land in order). */
export async function claimThenEach(
  ids: readonly string[],
  build: (item: WorkItem) => ItemCommand,
  officer: Officer,
  onProgress?: (done: number, outcome: ClaimThenOutcome) => void,
): Promise<ClaimThenOutcome[]> {
  const out: ClaimThenOutcome[] = [];
  for (const id of ids) {
    const outcome = await claimThen(id, build, officer);
    out.push(outcome);
    onProgress?.(out.length, outcome);
  }
  return out;
}
