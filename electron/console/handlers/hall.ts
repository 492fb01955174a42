import { commandId } from '../ids';
import { AppError, RejectionCodeSchema } from '#shared/errors';
import type { HALL_BRIDGE } from '#shared/contract/bridge-hall';
import type { Command } from '#shared/domain/commands';
import { isRetryable } from '../exchange-client';
import { applyLocal, cacheLookups, storeServerItem } from '../local-view';
import type { CoreContext } from '../context';
import type { HandlersOf } from './types';

/**
 * The hall window's hand-over: the typed ID number goes to the exchange in one request and is
 * kept nowhere here. The core checks first what it can without the number's owner (the claimless
 * status rules, the checksum: shared/rules/effects.ts), so a typo is answered at once and even
 * offline; the exchange then compares the number with the applicant's and audits the attempt.
 * Nothing is queued: offline, or with this officer's own commands on the item still unsent, it
 * refuses instead of leaving a number in the outbox.
 */
export function hallHandlers(ctx: CoreContext): HandlersOf<keyof typeof HALL_BRIDGE> {
  const { cache } = ctx;
  return {
    async 'hall.handOver'({ itemId, idNumber }) {
      const s = ctx.requireSession();
      const cached = cache.items.get(itemId);
      if (!cached) throw new AppError('not_found', `本地缓存中没有 ${itemId}`);
      const body = { idNumber };
      const check = applyLocal(cached.local ?? cached.server, { type: 'hand_over', body }, s.officer, new Date(ctx.now()), cacheLookups(cache));
      if (!check.ok) throw new AppError(check.code, check.message);
      if (!s.token) throw new AppError('offline', '交付须联网核对身份证：请联网并在线登录后再办理');
      if (cache.outbox.forItem(itemId).some((r) => r.badge === s.officer.badge)) {
        throw new AppError('invalid', '此事项还有未发送的操作：请先同步，再办理交付');
      }
      const command = { id: commandId(), itemId, type: 'hand_over', expectedVersion: cached.server.version, body } as Command;
      let result;
      try {
        [result] = (await ctx.client.commands(s.token, [command])).results;
      } catch (err) {
        if (err instanceof AppError && isRetryable(err)) throw new AppError('offline', '交换平台暂时无法连接，未办理交付：请稍后重试');
        throw err;
      }
      if (!result) throw new AppError('internal', '交换平台未返回交付的结果');
      if (result.item) storeServerItem(cache, result.item);
      const rev = cache.meta.rev();
      ctx.events.emit('items.changed', { rev, kinds: [cached.server.kind], ids: [itemId] });
      if (result.status !== 'applied') {
        const code = RejectionCodeSchema.parse(result.status);
        // the alert says what id_mismatch means; the detail line adds what only this answer knows
        throw new AppError(code, code === 'id_mismatch' ? `交换平台已核对 ${itemId} 申请人登记的号码，本次尝试已记入审计日志` : (result.message ?? code));
      }
      return { item: cache.items.effective(itemId) ?? result.item!, rev };
    },
  };
}
