import type { CoreContext } from '../context';
import type { HandlersOf } from './types';

/** Attachment bytes: from the content-addressed store, fetched (and verified) when online and missing. */
export function attachmentHandlers(ctx: CoreContext): HandlersOf<'attachments.get'> {
  return {
    async 'attachments.get'({ sha256 }) {
      const s = ctx.requireSession();
      const token = s.token;
      const fetcher = token ? { fetch: (sha: string) => ctx.client.attachment(token, sha) } : null;
      const { contentType, bytes } = await ctx.attachments.get(sha256, fetcher);
      return { contentType, base64: bytes.toString('base64') };
    },
  };
}
