import { TipCategorySchema, type TipCategory } from '#shared/domain/items';
import type { CoreContext } from '../context';
import type { HandlersOf } from './types';

const isCategory = (c: string): c is TipCategory => (TipCategorySchema.options as readonly string[]).includes(c);

/** The tip workspace's reads beyond the queue: where tips cluster (counted in SQL over the cache, so it works offline). */
export function tipHandlers(ctx: CoreContext): HandlersOf<'tips.clusters'> {
  return {
    async 'tips.clusters'({ from, to }) {
      ctx.requireSession();
      const rows = ctx.cache.queue.tipClusters(new Date(from).toISOString(), new Date(to).toISOString());
      // a category this console does not know (a newer exchange's) is left out rather than mislabelled
      return { rows: rows.flatMap((r) => (isCategory(r.category) ? [{ district: r.district, category: r.category, count: r.count }] : [])) };
    },
  };
}
