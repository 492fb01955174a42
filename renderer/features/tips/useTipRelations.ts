import { useEffect, useRef, useState } from 'react';
import type { ItemRow } from '#shared/contract/bridge';
import type { Tip, TipCandidateReason } from '#shared/domain/items';
import { bridge, onBridgeEvent } from '../../app/bridge';

/**
 * A possible duplicate as the pane shows it. `direction`: `proposed` when this tip names it among
 * its candidates (it is the earlier report), `proposes` when it names this tip (the newer report
 * holds the candidate, computed at its intake). `tip` null: not in this console's cache (another
 * jurisdiction's, or gone).
 */
export interface CandidateView {
  readonly id: string;
  readonly direction: 'proposed' | 'proposes';
  readonly score: number;
  readonly reasons: readonly TipCandidateReason[];
  readonly tip: Tip | null;
  /** Already in the same duplicate group. */
  readonly linked: boolean;
}

export interface GroupMember {
  readonly row: ItemRow;
  readonly primary: boolean;
}

export interface TipRelations {
  readonly candidates: readonly CandidateView[];
  /** The duplicate group (primary first, then its followers by arrival), when there is one. */
  readonly group: readonly GroupMember[];
  readonly loaded: boolean;
}

const MAX_PROPOSING = 20;

/** Whether two tips are in one duplicate group. */
export function sameGroup(a: Tip, b: Tip): boolean {
  const pa = a.data.duplicateOf ?? a.id;
  const pb = b.data.duplicateOf ?? b.id;
  return pa === pb;
}

/**
 * The candidates to show for `tip`, from what the cache holds: the ones it names and the ones
 * naming it, minus those marked "not a duplicate" on either side (so a rejected pair is not
 * proposed again), each once, the best first. Pure: tests/unit/renderer/tips-relations.test.ts.
 */
export function candidateViews(tip: Tip, loaded: ReadonlyMap<string, Tip | null>, proposing: readonly string[]): CandidateView[] {
  const rejected = new Set(tip.data.notDuplicates);
  const out: CandidateView[] = [];
  const seen = new Set<string>([tip.id]);
  for (const c of tip.data.candidates) {
    if (seen.has(c.tipId) || rejected.has(c.tipId)) continue;
    seen.add(c.tipId);
    const other = loaded.get(c.tipId) ?? null;
    if (other?.data.notDuplicates.includes(tip.id)) continue;
    out.push({ id: c.tipId, direction: 'proposed', score: c.score, reasons: c.reasons, tip: other, linked: other !== null && sameGroup(tip, other) });
  }
  for (const id of proposing) {
    if (seen.has(id) || rejected.has(id)) continue;
    const other = loaded.get(id) ?? null;
    const entry = other?.data.candidates.find((c) => c.tipId === tip.id);
    if (!other || !entry || other.data.notDuplicates.includes(tip.id)) continue;
    seen.add(id);
    out.push({ id, direction: 'proposes', score: entry.score, reasons: entry.reasons, tip: other, linked: sameGroup(tip, other) });
  }
  return out.sort((a, b) => Number(a.linked) - Number(b.linked) || b.score - a.score);
}

async function tipFromCache(id: string): Promise<Tip | null> {
  try {
    const d = await bridge()['items.get']({ id });
    return d.item.kind === 'tip' ? d.item : null;
  } catch {
    return null; // not in this cache: shown as outside it
  }
}

const queryRows = (filters: { col: 'duplicateOf' | 'id' | 'candidateOf'; value: string }[], limit: number) =>
  bridge()
    ['items.query']({ kind: 'tip', view: 'all', filters: filters.map((f) => ({ ...f, op: 'equals' as const })), sort: [{ col: 'submittedAt', dir: 'asc' }], limit })
    .then((r) => r.rows);

/**
 * Container hook: the open tip's candidates (each opened from the cache with items.get) and its
 * duplicate group, read again when the tip changes or when the cache writes one of them.
 */
export function useTipRelations(tip: Tip): TipRelations {
  const [state, setState] = useState<TipRelations>({ candidates: [], group: [], loaded: false });
  const [tick, setTick] = useState(0);
  // the parts of the tip that change what is shown (the effect reads `tip` only through them)
  const key = `${tip.id}:${tip.version}:${tip.data.notDuplicates.join(',')}:${tip.data.duplicateOf ?? ''}`;
  const tipRef = useRef(tip);
  tipRef.current = tip;
  /** The tips shown, so only a change to one of them reads them again. */
  const shown = useRef<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let alive = true;
    const tip = tipRef.current;
    const primary = tip.data.duplicateOf ?? tip.id;
    void (async () => {
      const [proposingRows, followers, primaryRows] = await Promise.all([
        queryRows([{ col: 'candidateOf', value: tip.id }], MAX_PROPOSING),
        queryRows([{ col: 'duplicateOf', value: primary }], 100),
        queryRows([{ col: 'id', value: primary }], 1),
      ]);
      const proposing = proposingRows.map((r) => r.id);
      const ids = [...new Set([...tip.data.candidates.map((c) => c.tipId), ...proposing])].filter((id) => id !== tip.id);
      const loaded = new Map(await Promise.all(ids.map(async (id) => [id, await tipFromCache(id)] as const)));
      const group: GroupMember[] = followers.length > 0 ? [...primaryRows.map((row) => ({ row, primary: true })), ...followers.map((row) => ({ row, primary: false }))] : [];
      shown.current = new Set([tip.id, primary, ...ids, ...followers.map((r) => r.id)]);
      if (alive) setState({ candidates: candidateViews(tip, loaded, proposing), group, loaded: true });
    })().catch(() => alive && setState((s) => ({ ...s, loaded: true })));
    return () => {
      alive = false;
    };
  }, [key, tick]);

  // a reply, a link or a follower arriving: read again when it concerns one of them (or may: no ids)
  useEffect(
    () =>
      onBridgeEvent('items.changed', (e) => {
        if (e.kinds.includes('tip') && (!e.ids || e.ids.some((id) => shown.current.has(id)))) setTick((n) => n + 1);
      }),
    [],
  );
  return state;
}
