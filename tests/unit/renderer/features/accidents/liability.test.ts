import { describe, expect, it } from 'vitest';
import { LiabilityClassSchema, type LiabilityClass } from '#shared/domain/items';
import { isValidLiabilityCombination } from '#shared/rules/liability';
import { CLASS_ORDER, classOfKey, determineProblem, differsFromProposal, needsJudgement, proposalFor, withClass } from '../../../../../renderer/features/accidents/liability';
import { accident, party } from './fixtures';

describe('the liability step of the determine dialog', () => {
  it('maps the number keys 1–5 to 全部 主要 同等 次要 无, and no other key', () => {
    expect(['1', '2', '3', '4', '5'].map(classOfKey)).toEqual(['full', 'primary', 'equal', 'secondary', 'none']);
    expect(CLASS_ORDER).toEqual(LiabilityClassSchema.options);
    for (const key of ['0', '6', 'a', 'Enter', '']) expect(classOfKey(key)).toBeNull();
  });

  it('with two parties, one key gives both their only valid pair', () => {
    for (const idx of [0, 1]) {
      for (const cls of LiabilityClassSchema.options) {
        const next = withClass(['equal', 'equal'], idx, cls);
        expect(next[idx]).toBe(cls);
        expect(isValidLiabilityCombination(next), `${idx} ${cls} → ${next.join('/')}`).toBe(true);
      }
    }
  });

  it('with three parties, changes only the party chosen', () => {
    expect(withClass(['full', 'none', 'none'], 1, 'primary')).toEqual(['full', 'primary', 'none']);
  });

  it('lets the proposal through as it is, and asks for a reason only when the officer departs from it', () => {
    const item = accident();
    const p = proposalFor(item);
    expect(p.liabilities).toEqual(['full', 'none']);
    expect(determineProblem(p.liabilities, p, '')).toBeNull();
    expect(differsFromProposal(['none', 'full'], p)).toBe(true);
    expect(determineProblem(['none', 'full'], p, '  ')).toBe('reasonMissing');
    expect(determineProblem(['none', 'full'], p, '监控显示乙方倒车')).toBeNull();
  });

  it('refuses an invalid combination and an unset class, as the core would', () => {
    const three = accident({ parties: [party({ situations: ['rear_end'] }), party(), party()] });
    const p = proposalFor(three);
    expect(determineProblem(['primary', 'primary', 'none'], p, 'x')).toBe('invalid');
    expect(determineProblem(['full', null, 'none'] as (LiabilityClass | null)[], p, '')).toBe('incomplete');
    expect(determineProblem(['primary', 'secondary', 'none'], p, '两车均有过错')).toBeNull();
  });

  it('calls the no-situation placeholder what it is: for the officer to judge', () => {
    expect(needsJudgement(proposalFor(accident({ parties: [party(), party()] })))).toBe(true);
    expect(needsJudgement(proposalFor(accident()))).toBe(false);
  });
});
