import { deadlineClockRuns, isTerminal } from '#shared/domain/status';
import { SERVICES } from '#shared/data/catalogue';
import { makeIdNumber } from '#shared/rules/idNumber';
import { maskIdNumber } from '#shared/rules/masking';
import { unhandledTip, WorkItemSchema, type WorkItem } from '#shared/domain/items';
import type { ItemRow, QueueColumn, QueueView } from '#shared/contract/bridge';
import { displayLabel } from '#db/repos/queue-text';

/** 14:00 in Shanghai on 2026-11-26: "today" there is [2026-11-25T16:00Z, 2026-11-26T16:00Z). */
export const NOW = Date.parse('2026-11-26T06:00:00.000Z');
export const ME = '100001';

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇'];
const APP_STATUSES = ['submitted', 'submitted', 'supplement_requested', 'approved', 'rejected', 'completed', 'withdrawn'] as const;
const TIP_CATEGORIES = ['vice', 'fire', 'fraud', 'traffic', 'gang', 'other'] as const;
const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
const ACC_STATUSES = ['reported', 'photos_requested', 'determined', 'closed'] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

function common(id: string, i: number, terminal: boolean) {
  const claimers = [ME, '100004', null, null];
  const claimedBy = terminal ? null : claimers[i % claimers.length]!;
  return {
    id,
    unitCode: '410100',
    version: 1 + (i % 3),
    claimedBy,
    claimExpiresAt: claimedBy ? iso(NOW + HOUR) : null,
    // steps of 7 h over 3 slots: many equal submission times, so the id tiebreak matters
    submittedAt: iso(NOW - 30 * 24 * HOUR + (i % 40) * 7 * HOUR),
    // deadlines from ten days ago to ten days ahead, every seventh one missing
    dueAt: i % 7 === 3 ? null : iso(NOW + ((i * 37) % 480 - 240) * HOUR),
    updatedAt: iso(NOW - (i % 13) * HOUR),
    notes: [],
  };
}

function application(i: number): WorkItem {
  const status = APP_STATUSES[i % APP_STATUSES.length]!;
  const service = SERVICES[(i * 5) % SERVICES.length]!;
  const person = NAMES[i % NAMES.length]!;
  return WorkItemSchema.parse({
    ...common(`APP-410100-${i + 1}`, i, ['rejected', 'completed', 'withdrawn'].includes(status)),
    kind: 'application',
    status,
    data: {
      serviceCode: service.code,
      applicant: { name: person, idNumberMasked: maskIdNumber(makeIdNumber('410105', '19850312', i % 1000)), phoneMasked: '138****5678', address: '郑州市' },
      form: {},
      materials: [],
      delivery: 'window',
      emsAddress: null,
      decision: null,
      supplement: status === 'supplement_requested' ? { missing: ['id_card'], note: '补', requestedBy: '100004', requestedAt: iso(NOW - HOUR) } : null,
      pausedWorkingDays: 0,
      handedOver: null,
      dispatched: null,
    },
  });
}

function tip(i: number): WorkItem {
  const status = (['new', 'routed', 'closed'] as const)[i % 3]!;
  return WorkItemSchema.parse({
    ...common(`TIP-410100-${i + 1}`, i, status === 'closed'),
    kind: 'tip',
    status,
    data: {
      category: TIP_CATEGORIES[i % TIP_CATEGORIES.length],
      content: '举报内容',
      location: null,
      reporter: { anonymous: false, nameMasked: `${NAMES[i % NAMES.length]!.slice(0, 1)}*`, phoneMasked: `13${i % 10}****5678` },
      urgency: { score: 50, level: LEVELS[(i * 3) % LEVELS.length], reasons: [] },
      candidates: [],
      ...unhandledTip(),
    },
  });
}

function accident(i: number): WorkItem {
  const status = ACC_STATUSES[i % ACC_STATUSES.length]!;
  const party = (n: number) => ({
    name: NAMES[(i + n) % NAMES.length],
    idNumberMasked: maskIdNumber(makeIdNumber('410105', '19900101', (i * 2 + n) % 1000)),
    phoneMasked: '139****1234',
    plate: `豫A${String(10000 + i * 2 + n)}`,
    vehicleType: '小型轿车',
    insurer: '人保财险',
    hasPlate: true,
    inspectionValid: true,
    insuranceValid: true,
    licenceValid: true,
    statement: '',
    situations: [],
  });
  const decided = status === 'determined' || status === 'closed';
  const sha = (c: string) => c.repeat(64);
  // a few forensics findings on some cases, so the findings count sorts and filters
  const findings = [
    { code: 'exif_missing', sha256: sha('a'), detail: {} },
    { code: 'exif_gps_far', sha256: sha('b'), detail: { km: 20.4, lat: 34.9, lng: 113.9 } },
  ].slice(0, i % 3);
  return WorkItemSchema.parse({
    ...common(`ACC-410100-${i + 1}`, i, status === 'closed'),
    kind: 'accident',
    status,
    data: {
      occurredAt: iso(NOW - 2 * HOUR),
      location: { address: ['郑州市金水区花园路', '郑州市二七区大学路', '郑州市中原区建设路'][i % 3], lat: 34.7, lng: 113.6 },
      // every fifth case has three parties: nine or twelve required photos
      parties: i % 5 === 4 ? [party(0), party(1), party(2)] : [party(0), party(1)],
      declared: [],
      determination: decided
        ? { liabilities: ['full', 'none', ...(i % 5 === 4 ? ['none'] : [])], proposed: ['full', 'none', ...(i % 5 === 4 ? ['none'] : [])], scenario: 'rear_end', overrideReason: null, ruleTableVersion: 'v1', decidedBy: ME, decidedAt: iso(NOW - (i % 9) * HOUR) }
        : null,
      photoRequest: status === 'photos_requested' ? { missing: ['scene'], note: '补拍', requestedAt: iso(NOW - HOUR) } : null,
      referral: null,
      findings,
    },
  });
}

export function fixtureItems(): WorkItem[] {
  return [
    ...Array.from({ length: 280 }, (_, i) => application(i)),
    ...Array.from({ length: 90 }, (_, i) => tip(i)),
    ...Array.from({ length: 40 }, (_, i) => accident(i)),
  ];
}

// ---- the oracle: the same query done in plain TypeScript over ItemRows ---------------------------


export function inViewOracle(view: QueueView, r: ItemRow): boolean {
  switch (view) {
    case 'all':
      return true;
    case 'open':
      return !isTerminal(r as Pick<WorkItem, 'kind' | 'status'>);
    case 'actionable':
      return !isTerminal(r as Pick<WorkItem, 'kind' | 'status'>) && (r.claimedBy === null || r.claimedBy === ME || r.claimExpiresAt === null || r.claimExpiresAt <= iso(NOW));
    case 'mine':
      return r.claimedBy === ME;
    case 'due_today':
      return deadlineClockRuns(r) && r.dueAt !== null && r.dueAt >= '2026-11-25T16:00:00.000Z' && r.dueAt < '2026-11-26T16:00:00.000Z';
    case 'overdue':
      return deadlineClockRuns(r) && r.dueAt !== null && r.dueAt < iso(NOW);
    case 'supplement':
      return r.status === 'supplement_requested' || r.status === 'photos_requested';
    case 'urgent':
      return r.urgency === 'high' || r.urgency === 'critical';
  }
}

export function searchOracle(search: string, r: ItemRow): boolean {
  const hay = [r.id, r.label, displayLabel(r.kind, r.label), r.person, r.personIdMasked, r.place ?? ''].join('\n').toLowerCase();
  return hay.includes(search.toLowerCase());
}

const RANK: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };
function sortValue(col: QueueColumn, r: ItemRow): string | number | null {
  switch (col) {
    case 'label':
      return displayLabel(r.kind, r.label);
    case 'urgency':
      return r.urgency === null ? null : RANK[r.urgency]!;
    case 'missingPhotos':
      return r.missingPhotos?.length ?? null;
    default:
      return r[col] ?? null;
  }
}

/** SQLite's order: NULL first ascending; text by code point (binary collation). */
export function compareOracle(sort: readonly { col: QueueColumn; dir: 'asc' | 'desc' }[]) {
  const keys = sort.length > 0 ? [...sort] : [{ col: 'submittedAt' as const, dir: 'asc' as const }];
  if (!keys.some((k) => k.col === 'id')) keys.push({ col: 'id', dir: keys[keys.length - 1]!.dir });
  return (a: ItemRow, b: ItemRow): number => {
    for (const k of keys) {
      const x = sortValue(k.col, a);
      const y = sortValue(k.col, b);
      let c = 0;
      if (x === null && y !== null) c = -1;
      else if (x !== null && y === null) c = 1;
      else if (x !== null && y !== null) c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return k.dir === 'asc' ? c : -c;
    }
    return 0;
  };
}
