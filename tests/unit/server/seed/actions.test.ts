import { beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_BODIES } from '#shared/domain/commands';
import { TRANSITIONS, TERMINAL } from '#shared/domain/status';
import { cityOf, isKnownUnit } from '#shared/domain/units';
import type { ItemKind } from '#shared/domain/items';
import { DEMO_PER_CITY, demoActions, generateDemoData, type DemoAction, type DemoData } from '#server/seed/index';

const NOW = '2026-11-26T08:00:00.000Z';
const START: Readonly<Record<ItemKind, string>> = { application: 'submitted', accident: 'reported', tip: 'new', appointment: 'booked' };

let data: DemoData;
let actions: DemoAction[];

beforeAll(async () => {
  data = await generateDemoData({ seed: 2026, perCity: DEMO_PER_CITY, photos: 'reuse', now: NOW });
  actions = demoActions(data, { now: NOW });
}, 60_000);

function itemOf(a: DemoAction) {
  const list = a.kind === 'application' ? data.applications : a.kind === 'accident' ? data.accidents : data.tips;
  const item = list[a.index];
  if (!item) throw new Error(`no ${a.kind} ${a.index}`);
  return item;
}

describe('demoActions', () => {
  it('is deterministic and works only items of cities with demo officers', () => {
    expect(demoActions(data, { now: NOW })).toEqual(actions);
    expect(actions.length).toBeGreaterThan(100);
    for (const a of actions) expect(['410100', '410300']).toContain(cityOf(itemOf(a).unitCode));
  });

  it('replays through the status machine: valid bodies, a claim before claimed work, time moving forward', () => {
    for (const a of actions) {
      const item = itemOf(a);
      let status = START[a.kind];
      let claimed = false;
      let last = item.submittedAt ?? '';
      for (const step of a.steps) {
        expect(step.at > last, `${a.kind} ${a.index} ${step.type}`).toBe(true);
        expect(step.at <= NOW).toBe(true);
        last = step.at;
        let action: string = step.type;
        if (step.type === 'link_duplicate') {
          expect(step.duplicateOfTip).toBeLessThan(a.index);
        } else {
          expect(COMMAND_BODIES[step.type].safeParse(step.body).success, JSON.stringify(step)).toBe(true);
          if (step.type === 'decide') action = `decide:${step.body.outcome}`;
          if (step.type === 'route') expect(isKnownUnit(step.body.unitCode)).toBe(true);
        }
        const t = TRANSITIONS[a.kind][action];
        expect(t, `${a.kind} ${action}`).toBeDefined();
        expect(t?.from, `${a.kind} ${action} from ${status}`).toContain(status);
        if (t?.needsClaim) expect(claimed, `${a.kind} ${action} unclaimed`).toBe(true);
        if (step.type === 'claim') claimed = true;
        if (step.type === 'release') claimed = false;
        status = t?.to ?? status;
        if ((TERMINAL[a.kind] as readonly string[]).includes(status)) claimed = false;
      }
      expect(claimed, `${a.kind} ${a.index} left claimed`).toBe(false);
    }
  });

  it('leaves a realistic mix: approved, handed over, supplements, determined, referred, routed and linked duplicates', () => {
    const types = new Set(actions.flatMap((a) => a.steps.map((s) => (s.type === 'decide' ? `decide:${s.body.outcome}` : s.type))));
    for (const t of ['decide:approve', 'decide:reject', 'hand_over', 'request_supplement', 'decide:determine', 'refer', 'close', 'route', 'link_duplicate', 'open_case']) {
      expect(types.has(t), t).toBe(true);
    }
    const touched = new Set(actions.filter((a) => a.kind === 'application').map((a) => a.index));
    const zzApps = data.applications.filter((a) => cityOf(a.unitCode) === '410100').length;
    expect(touched.size).toBeLessThan(zzApps);
  });
});
