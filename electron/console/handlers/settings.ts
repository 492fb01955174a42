import { AppError } from '#shared/errors';
import { SettingsSchema } from '#shared/contract/bridge';
import type { CoreContext } from '../context';
import { issueSummary } from '../validation';
import type { HandlersOf } from './types';

/** Console settings (exchange address, language, attachment cache size, offline wipe window). */
export function settingsHandlers(ctx: CoreContext): HandlersOf<'settings.get' | 'settings.set'> {
  return {
    async 'settings.get'() {
      return ctx.settings();
    },
    async 'settings.set'(patch) {
      const next = SettingsSchema.safeParse({ ...ctx.settings(), ...patch });
      if (!next.success) throw new AppError('invalid', issueSummary(next.error));
      ctx.cache.settings.set(next.data);
      if (patch.exchangeUrl) {
        ctx.client.setUrl(patch.exchangeUrl);
        ctx.engine.sessionChanged();
      }
      if (patch.attachmentCacheMb !== undefined) await ctx.attachments.enforceLimit();
      return next.data;
    },
  };
}
