import { TipSchema, unhandledTip, type Tip, type TipData } from '#shared/domain/items';

/** A cached tip as the exchange sends it (an unhandled vice report in Jinshui), with what a test changes. */
export function tip(id: string, over: { unitCode?: string; status?: Tip['status']; submittedAt?: string; data?: Partial<TipData> } = {}): Tip {
  return TipSchema.parse({
    id,
    kind: 'tip',
    unitCode: over.unitCode ?? '410105',
    status: over.status ?? 'new',
    version: 1,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: over.submittedAt ?? '2026-11-26T06:00:00.000Z',
    dueAt: null,
    updatedAt: '2026-11-26T06:00:00.000Z',
    notes: [],
    data: {
      category: 'vice',
      content: '花园路有人聚众赌博',
      location: { address: '郑州市金水区花园路12号', lat: null, lng: null },
      reporter: { anonymous: true, nameMasked: '', phoneMasked: '' },
      urgency: { score: 40, level: 'medium', reasons: ['category:vice', 'has_location', 'anonymous'] },
      candidates: [],
      ...unhandledTip(),
      ...over.data,
    },
  });
}
