/**
 * DEV ONLY — an in-memory stand-in for the console core, so screens can be looked at before (or
 * without) a real core: `npx vite --config renderer/vite.config.ts --mode fake`. main.tsx loads it
 * only in that mode; production builds and tests never include it.
 *
 * URL options: `?offline=1` starts offline, `?login=0` at the login screen, `?n=50000` rows,
 * `?badge=100004` signs in as that demo officer (100004 is the supervisor, for take-over).
 * Commands go through the real command core (shared/rules/commands.ts applyCommand), are queued
 * as pending, and "reach the exchange" 400 ms later when online — so pending marks, revs and
 * `items.changed` behave as with the real core.
 */
import type { BridgeApi, BridgeEvent, BridgeEventPayload, Conflict, ItemQuery, ItemRow, LocalCommand, PendingCommand, Session, SyncStatus } from '#shared/contract/bridge';
import type { Application, WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import type { CommandInput } from '#shared/rules/effects';
import { SERVICES } from '#shared/data/catalogue';
import { isTerminal } from '#shared/domain/status';
import { applyCommand } from '#shared/rules/commands';
import { addWorkingDays } from '#shared/rules/workdays';
import type { ConsoleEvents } from '../app/bridge';

type OrderedQuery = Omit<ItemQuery, 'offset' | 'limit'>;

const params = new URLSearchParams(window.location.search);
const N = Number(params.get('n') ?? 2000);
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴敏', '徐强', '孙悦', '马超', '朱琳', '胡军'];
const ADDR = ['郑州市金水区花园路 12 号', '郑州市二七区大学路 88 号院 3 号楼', '郑州市中原区建设路 5 号', '郑州市管城回族区紫荆山路 120 号'];
const DAY = 86_400_000;
const LEASE_MS = 2 * 3600_000;

const DIRECTORY: readonly Officer[] = [
  { badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' },
  { badge: '100002', name: '李建国', role: 'traffic', unitCode: '410100' },
  { badge: '100003', name: '赵文博', role: 'intel', unitCode: '410100' },
  { badge: '100004', name: '陈志强', role: 'supervisor', unitCode: '410100' },
  { badge: '100005', name: '刘晓燕', role: 'clerk', unitCode: '410100' },
];
const nameOf = (badge: string | null) => (badge === null ? null : (DIRECTORY.find((o) => o.badge === badge)?.name ?? null));

function rnd(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

let officer: Officer = DIRECTORY.find((o) => o.badge === params.get('badge')) ?? DIRECTORY[0]!;
const items = new Map<string, Application>();
let rev = 1;
const revOf = new Map<string, number>();
const outbox: PendingCommand[] = [];
const conflicts: Conflict[] = [];
let online = params.get('offline') !== '1';
let session: Session | null = params.get('login') === '0' ? null : { officer, offlineLogin: false, expiresAt: new Date(Date.now() + DAY).toISOString() };

function seed(): void {
  const r = rnd(42);
  const statuses = ['submitted', 'submitted', 'submitted', 'submitted', 'supplement_requested', 'approved', 'completed', 'rejected'] as const;
  for (let i = 1; i <= N; i++) {
    const svc = SERVICES[Math.floor(r() * SERVICES.length)]!;
    const submittedAt = new Date(Date.now() - Math.floor(r() * 20 * DAY)).toISOString();
    const status = statuses[Math.floor(r() * statuses.length)]!;
    // about one in five lacks a scan (a listed code with sha256 null), as in the demo data
    const materials = svc.materials.map((m, k) => ({ code: m.code, sha256: r() < 0.08 ? null : k % 3 === 2 ? 'b'.repeat(64) : 'a'.repeat(64) }));
    const holder = isTerminal({ kind: 'application', status }) ? null : r() < 0.12 ? '100001' : r() < 0.1 ? '100005' : null;
    const id = `APP-410100-${1000 + i}`;
    items.set(id, {
      id,
      kind: 'application',
      unitCode: '410105',
      version: 1,
      claimedBy: holder,
      claimExpiresAt: holder ? new Date(Date.now() + LEASE_MS).toISOString() : null,
      submittedAt,
      dueAt: addWorkingDays(submittedAt, svc.limitDays),
      updatedAt: submittedAt,
      notes: i % 7 === 0 ? [{ at: submittedAt, by: '100005', text: '申请人来电询问进度，已告知正在审核。' }] : [],
      status,
      data: {
        serviceCode: svc.code,
        applicant: { name: NAMES[i % NAMES.length]!, idNumberMasked: `4101**********${String(1000 + (i % 9000)).slice(-3)}X`, phoneMasked: '138****5678', address: ADDR[i % ADDR.length]! },
        form: { reason: '投靠配偶', moveFrom: ADDR[(i + 1) % ADDR.length]!, relation: '配偶' },
        materials,
        delivery: i % 3 === 0 && svc.delivery.includes('ems') ? 'ems' : 'window',
        emsAddress: i % 3 === 0 ? ADDR[(i + 2) % ADDR.length]! : null,
        decision: null,
        supplement: status === 'supplement_requested' ? { missing: [svc.materials[0]!.code], note: '请补充清晰扫描件', requestedBy: '100005', requestedAt: submittedAt } : null,
        pausedWorkingDays: 0,
        handedOver: null,
        dispatched: null,
      },
    });
    revOf.set(id, 1);
  }
  const second = [...items.values()][5]!;
  conflicts.push({
    id: 1,
    commandId: crypto.randomUUID(),
    itemId: second.id,
    type: 'decide',
    body: { outcome: 'reject', reasonCode: 'materials_false', reasonText: '户口簿照片页与身份证信息不一致' },
    code: 'claim_lost',
    message: '此件已由 100004 接手',
    createdAt: new Date().toISOString(),
  });
}
seed();

const listeners = new Map<BridgeEvent, Set<(p: unknown) => void>>();
function emit<E extends BridgeEvent>(e: E, p: BridgeEventPayload<E>): void {
  for (const l of listeners.get(e) ?? []) l(p);
}
let lastSyncAt = new Date(Date.now() - 30_000).toISOString();
function status(): SyncStatus {
  return { online, syncing: false, lastSyncAt, lastError: online ? null : { code: 'offline', message: '' }, pending: outbox.length, conflicts: conflicts.length, cursor: rev };
}

function toRow(a: Application): ItemRow {
  return {
    id: a.id,
    kind: 'application',
    unitCode: a.unitCode,
    status: a.status,
    version: a.version,
    claimedBy: a.claimedBy,
    claimedByName: nameOf(a.claimedBy),
    claimExpiresAt: a.claimExpiresAt,
    submittedAt: a.submittedAt,
    dueAt: a.dueAt,
    updatedAt: a.updatedAt,
    label: a.data.serviceCode,
    person: a.data.applicant.name,
    personIdMasked: a.data.applicant.idNumberMasked,
    urgency: null,
    pending: outbox.some((c) => c.itemId === a.id),
    conflict: conflicts.some((c) => c.itemId === a.id),
  };
}

/** A rough in-memory items.query: views, search, status/text filters, one sort key. */
function queryRows(q: OrderedQuery): ItemRow[] {
  const now = new Date().toISOString();
  const today = now.slice(0, 10);
  let rows = [...items.values()].map(toRow);
  const open = (r: ItemRow) => !isTerminal({ kind: 'application', status: r.status as Application['status'] });
  if (q.view === 'open') rows = rows.filter(open);
  if (q.view === 'actionable') rows = rows.filter((r) => open(r) && (r.claimedBy === null || r.claimedBy === officer.badge || (r.claimExpiresAt ?? '') <= now));
  if (q.view === 'mine') rows = rows.filter((r) => r.claimedBy === officer.badge);
  if (q.view === 'overdue') rows = rows.filter((r) => r.status === 'submitted' && r.dueAt !== null && r.dueAt < now);
  if (q.view === 'due_today') rows = rows.filter((r) => r.status === 'submitted' && r.dueAt?.slice(0, 10) === today);
  if (q.view === 'supplement') rows = rows.filter((r) => r.status === 'supplement_requested');
  const search = (q.search ?? '').trim();
  if (search) rows = rows.filter((r) => [r.id, r.label, r.person, r.personIdMasked, SERVICES.find((s) => s.code === r.label)?.name ?? ''].some((v) => v.includes(search)));
  for (const f of q.filters ?? []) {
    if (f.op === 'in') rows = rows.filter((r) => f.value.split(',').includes(String(r[f.col as keyof ItemRow])));
    else if (f.op === 'before') rows = rows.filter((r) => String(r[f.col as keyof ItemRow] ?? '') < f.value);
    else if (f.op === 'after') rows = rows.filter((r) => String(r[f.col as keyof ItemRow] ?? '') >= f.value);
    else rows = rows.filter((r) => String(r[f.col as keyof ItemRow] ?? '').includes(f.value));
  }
  const s = q.sort?.[0] ?? { col: 'submittedAt', dir: 'asc' };
  const key = (r: ItemRow) => String(s.col === 'label' ? (SERVICES.find((x) => x.code === r.label)?.name ?? '') : (r[s.col as keyof ItemRow] ?? ''));
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1) * (s.dir === 'desc' ? -1 : 1));
  return rows;
}

const fail = (code: string, message = code) => Promise.reject({ code, message });
const delay = <T>(v: T, ms = 80) => new Promise<T>((res) => setTimeout(() => res(v), ms));

function write(item: Application): number {
  items.set(item.id, item);
  revOf.set(item.id, ++rev);
  return rev;
}

/** The "exchange" takes the queued commands of an item: its version moves on, the pending mark goes. */
function deliver(): void {
  if (!online || outbox.length === 0) return;
  const sent = outbox.splice(0, outbox.length);
  const ids = [...new Set(sent.map((c) => c.itemId))];
  for (const id of ids) {
    const item = items.get(id);
    if (item) write({ ...item, version: item.version + 1 });
  }
  lastSyncAt = new Date().toISOString();
  emit('items.changed', { rev, kinds: ['application'], ids });
  emit('sync.status', status());
}

// 1×1 blue PNG, stands in for a scan
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk2Gr8HwAEfgJ/ZmEVSwAAAABJRU5ErkJggg==';

const api: BridgeApi = {
  'app.info': () => delay({ version: '0.1.0-fake', shell: 'web', exchangeUrl: 'http://127.0.0.1:7410', demo: true }),
  'auth.login': ({ badge, password }) => {
    const who = DIRECTORY.find((o) => o.badge === badge);
    if (password !== 'Demo#2026' || !who) return fail('bad_credentials');
    officer = who;
    session = { officer, offlineLogin: !online, expiresAt: new Date(Date.now() + DAY).toISOString() };
    return delay(session);
  },
  'auth.logout': () => {
    session = null;
    emit('session.changed', null);
    return delay({ ok: true as const });
  },
  'auth.session': () => delay(session),
  'sync.status': () => delay(status()),
  'sync.now': () => {
    deliver();
    return delay(status(), 600);
  },
  'items.list': ({ sinceRev }) => {
    const rows = [...items.values()].filter((a) => (revOf.get(a.id) ?? 0) > sinceRev).map(toRow);
    return delay({ rows, removed: [], rev });
  },
  'items.query': (q) => {
    const rows = queryRows(q);
    const offset = q.offset ?? 0;
    return delay({ rows: rows.slice(offset, offset + (q.limit ?? 100)), total: rows.length, rev });
  },
  'items.indexOf': ({ query, id }) => {
    const rows = queryRows(query);
    return delay({ index: rows.findIndex((r) => r.id === id), total: rows.length });
  },
  'items.get': ({ id }) => {
    const item = items.get(id);
    if (!item) return fail('not_found');
    const attachments = item.data.materials.flatMap((m) =>
      m.sha256 === null
        ? []
        : [{ sha256: m.sha256, itemId: id, role: `material:${m.code}`, partyIdx: null, contentType: m.sha256.startsWith('b') ? ('application/pdf' as const) : ('image/png' as const), size: 1000, takenAt: null, gps: null }],
    );
    return delay({
      item: item as WorkItem,
      rev: revOf.get(id) ?? 0,
      claimedByName: nameOf(item.claimedBy),
      attachments,
      pending: outbox.filter((c) => c.itemId === id),
      conflicts: conflicts.filter((c) => c.itemId === id),
    });
  },
  'items.command': (cmd: LocalCommand) => {
    const item = items.get(cmd.itemId);
    if (!item) return fail('not_found');
    const outcome = applyCommand(item, { type: cmd.type, body: cmd.body } as CommandInput, { officer, now: new Date() });
    if (!outcome.ok) return fail(outcome.code, outcome.message);
    const written = write(outcome.item as Application);
    const commandId = crypto.randomUUID();
    outbox.push({ id: commandId, itemId: cmd.itemId, type: cmd.type, body: cmd.body, createdAt: new Date().toISOString(), attempts: 0, state: 'queued', lastError: null });
    setTimeout(() => {
      emit('items.changed', { rev: written, kinds: ['application'], ids: [cmd.itemId] });
      emit('sync.status', status());
    }, 10);
    setTimeout(deliver, 400);
    return delay({ commandId, item: outcome.item, rev: written });
  },
  'hall.handOver': ({ itemId, idNumber }) => {
    const item = items.get(itemId);
    if (!item) return fail('not_found');
    if (!online) return fail('offline');
    // the fake applicant of every item holds the number items.reveal shows
    const lookups = { item: () => undefined, attachments: () => [], idNumberMatches: () => idNumber === '410105199001011234' };
    const outcome = applyCommand(item, { type: 'hand_over', body: { idNumber } }, { officer, now: new Date(), lookups });
    if (!outcome.ok) return fail(outcome.code, outcome.message);
    const written = write({ ...(outcome.item as Application), version: item.version + 1 });
    setTimeout(() => emit('items.changed', { rev: written, kinds: ['application'], ids: [itemId] }), 10);
    return delay({ item: outcome.item, rev: written });
  },
  'officers.directory': () => delay([...DIRECTORY]),
  'tips.clusters': () => delay({ rows: [] }),
  'items.reveal': () => (online ? delay({ value: '410105199001011234' }) : fail('offline')),
  'attachments.get': ({ sha256 }) => {
    if (!online && sha256.startsWith('b')) return fail('offline');
    return delay(sha256.startsWith('b') ? { contentType: 'application/pdf', base64: btoa('%PDF-1.4\n%fake\n') } : { contentType: 'image/png', base64: PNG });
  },
  'outbox.list': () => delay([...outbox]),
  'conflicts.list': () => delay([...conflicts]),
  'conflicts.reapply': ({ id }) => {
    const i = conflicts.findIndex((c) => c.id === id);
    const [c] = conflicts.splice(i, 1);
    const commandId = crypto.randomUUID();
    if (c) outbox.push({ id: commandId, itemId: c.itemId, type: c.type, body: c.body, createdAt: new Date().toISOString(), attempts: 0, state: 'queued', lastError: null });
    emit('sync.status', status());
    setTimeout(deliver, 400);
    return delay({ commandId });
  },
  'conflicts.discard': ({ id }) => {
    conflicts.splice(
      conflicts.findIndex((c) => c.id === id),
      1,
    );
    emit('sync.status', status());
    return delay({ ok: true as const });
  },
  'settings.get': () => delay({ exchangeUrl: 'http://127.0.0.1:7410', language: 'zh-CN' as const, attachmentCacheMb: 512, wipeAfterOfflineDays: 14 }),
  'settings.set': (s) => delay({ exchangeUrl: 'http://127.0.0.1:7410', language: 'zh-CN' as const, attachmentCacheMb: 512, wipeAfterOfflineDays: 14, ...s }),
  // the supervisors' figures and reports come from the exchange only: the fake has none
  'stats.get': () => fail('offline'),
  'stats.services': () => fail('offline'),
  'reports.weekly': () => fail('offline'),
  // the audit log is the exchange's only: the fake has none
  'audit.list': () => fail('offline'),
  'audit.verify': () => fail('offline'),
  // officer administration is the exchange's alone: the fake has no roster
  'admin.officers.list': () => fail('offline'),
  'admin.officers.create': () => fail('offline'),
  'admin.officers.resetPassword': () => fail('offline'),
  'admin.officers.lock': () => fail('offline'),
  'admin.officers.unlock': () => fail('offline'),
  'admin.officers.assign': () => fail('offline'),
};

const events: ConsoleEvents = {
  on(event, listener) {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  },
};

export function installFakeBridge(): void {
  window.consoleApi = api;
  window.consoleEvents = events;
  // toggle the network from the devtools console: fakeNetwork(false)
  (window as unknown as { fakeNetwork: (on: boolean) => void }).fakeNetwork = (on: boolean) => {
    online = on;
    emit('sync.status', status());
    if (on) deliver();
  };
}
