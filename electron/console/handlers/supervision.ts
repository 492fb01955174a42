import { ROUTES, ServiceUsageResponseSchema, StatsResponseSchema } from '#shared/contract/api';
import type { SUPERVISION_BRIDGE } from '#shared/contract/bridge-supervision';
import { AppError } from '#shared/errors';
import type { CoreContext } from '../context';
import type { HandlersOf } from './types';

/**
 * The supervision screens' methods: online calls to the exchange with the session's token. Nothing
 * is cached: the figures are the exchange's, computed by SQL over the authoritative store, and a
 * console holds only its own jurisdiction. Without a token (an offline unlock) they refuse at once
 * with `offline`; a network failure is `offline` from the client too.
 */
export function supervisionHandlers(ctx: CoreContext): HandlersOf<keyof typeof SUPERVISION_BRIDGE> {
  const token = (what: string): string => {
    const s = ctx.requireSession();
    if (!s.token) throw new AppError('offline', `${what}需要联网并在线登录`);
    return s.token;
  };
  return {
    async 'stats.get'({ unit, from, to }) {
      return ctx.client.call('GET', ROUTES.stats, StatsResponseSchema, { token: token('统计数字'), query: { unit, from, to } });
    },

    async 'stats.services'({ unit, month }) {
      return ctx.client.call('GET', ROUTES.statsServices, ServiceUsageResponseSchema, { token: token('事项使用情况'), query: { unit, month } });
    },

    async 'reports.weekly'({ unit, week, format }) {
      const file = await ctx.client.download(token('下载周报'), ROUTES.reportWeekly, { unit, week, format });
      return {
        // the exchange names the file (weekly-<unit>-<week>.<format>); the same name if it did not
        fileName: file.fileName ?? `weekly-${unit ?? 'all'}-${week}.${format}`,
        contentType: file.contentType,
        base64: file.bytes.toString('base64'),
      };
    },
  };
}
