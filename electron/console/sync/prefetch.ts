import type { ExchangeClient } from '../exchange-client';
import type { AttachmentStore } from '../attachments';

/**
 * Attachment prefetch after each pull: the files of the items that pull stored (the store catches
 * up on everything once per session), so they can be reviewed offline. One run at a time is
 * remembered, for tests and shutdown.
 */
export class Prefetcher {
  private run: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ExchangeClient,
    private readonly attachments: AttachmentStore,
  ) {}

  start(token: string, itemIds: readonly string[], signal: AbortSignal): void {
    const fetcher = { fetch: (sha: string) => this.client.attachment(token, sha, signal) };
    this.run = this.attachments.prefetch(fetcher, itemIds).catch((err: unknown) => {
      console.error('[console] attachment prefetch failed:', err);
    });
  }

  idle(): Promise<void> {
    return this.run;
  }
}
