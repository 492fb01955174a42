import { TipSchema, unhandledTip, type Tip, type TipData } from '#shared/domain/items';
import type { ItemDetail } from '#shared/contract/bridge';
import type { Officer } from '#shared/domain/officers';

export const INTEL: Officer = { badge: '100003', name: '赵文博', role: 'intel', unitCode: '410100' };
export const SUPERVISOR: Officer = { badge: '100004', name: '陈志强', role: 'supervisor', unitCode: '410100' };
export const NOW = new Date('2026-11-26T08:00:00.000Z');

/** A Zhengzhou tip; by default new and held by INTEL. */
export function tip(over: Partial<Omit<Tip, 'data'>> & { data?: Partial<TipData> } = {}): Tip {
  const claimedBy = over.claimedBy === undefined ? INTEL.badge : over.claimedBy;
  const { data, ...rest } = over;
  return TipSchema.parse({
    id: 'TIP-410100-7',
    kind: 'tip',
    unitCode: '410105',
    version: 2,
    status: 'new',
    claimExpiresAt: claimedBy ? '2026-11-26T12:00:00.000Z' : null,
    submittedAt: '2026-11-26T07:50:00.000Z',
    dueAt: null,
    updatedAt: '2026-11-26T07:55:00.000Z',
    notes: [],
    ...rest,
    claimedBy,
    data: {
      category: 'fraud',
      content: '我母亲正在转账给自称公安的人，对方说她的银行卡涉嫌洗钱',
      location: { address: '郑州市金水区花园路12号', lat: null, lng: null },
      reporter: { anonymous: false, nameMasked: '张*', phoneMasked: '138****5678' },
      urgency: { score: 90, level: 'critical', reasons: ['category:fraud', 'keyword:imminent', 'keyword:money', 'keyword:money_moving', 'has_location'] },
      candidates: [],
      ...unhandledTip(),
      ...data,
    },
  });
}

export function detailOf(item: Tip): ItemDetail {
  return { item, rev: 1, claimedByName: null, attachments: [], pending: [], conflicts: [] };
}
