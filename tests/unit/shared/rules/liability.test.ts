import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LiabilityClass } from '#shared/domain/items';
import { ScenarioCodeSchema } from '#shared/domain/items';
import {
  CURRENT_LIABILITY_TABLE_VERSION,
  LIABILITY_SCENARIOS,
  isValidLiabilityCombination,
  proposeLiability,
  scenarioByCode,
} from '#shared/rules/liability';

const two = (a: string[], b: string[]) => proposeLiability([{ situations: a }, { situations: b }]);

const FULL_LIABILITY_SITUATIONS = [
  'rear_end',
  'lane_change',
  'reversing',
  'rolling_back',
  'door_opening',
  'wrong_way',
  'red_light',
  'turn_not_yield_straight',
  'not_yield_priority',
  'not_yield_right',
  'right_turn_not_yield_left_turn',
  'entering_road_not_yield',
  'illegal_u_turn',
  'solid_line_lane_change',
  'improper_overtaking',
  'roundabout_not_yield',
  'ignore_officer_signal',
  'closed_road_or_dedicated_lane',
];
const FRONT_EXCEPTIONS = ['front_no_tail_lights_night', 'front_stopped_no_warning', 'front_unmarked_overlength_load'];

describe('the liability table', () => {
  it('is versioned and lists every DOMAIN.md situation with zh and en names', () => {
    expect(CURRENT_LIABILITY_TABLE_VERSION).toBe('HA-2024.1');
    for (const code of [...FULL_LIABILITY_SITUATIONS, ...FRONT_EXCEPTIONS, 'fled_scene', 'fake_evidence']) {
      const s = scenarioByCode(code);
      expect(s, code).toBeDefined();
      expect(s!.name).toMatch(/\p{Script=Han}/u);
      expect(s!.nameEn).toMatch(/[A-Za-z]/);
    }
  });

  it('has unique codes that fit the scenario-code schema', () => {
    const codes = LIABILITY_SCENARIOS.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(ScenarioCodeSchema.safeParse(c).success, c).toBe(true);
  });

  it('refuses an unknown table version', () => {
    expect(() => proposeLiability([{ situations: [] }, { situations: [] }], 'XX-1')).toThrow(RangeError);
    expect(() => scenarioByCode('rear_end', 'XX-1')).toThrow(RangeError);
  });
});

describe('valid liability combinations', () => {
  it('allows full/none, primary/secondary and equal/equal for two parties, in any order', () => {
    const valid: LiabilityClass[][] = [
      ['full', 'none'],
      ['none', 'full'],
      ['primary', 'secondary'],
      ['secondary', 'primary'],
      ['equal', 'equal'],
    ];
    for (const c of valid) expect(isValidLiabilityCombination(c), c.join('/')).toBe(true);
  });

  it('refuses every other pair', () => {
    const classes: LiabilityClass[] = ['full', 'primary', 'equal', 'secondary', 'none'];
    const valid = new Set(['full/none', 'none/full', 'primary/secondary', 'secondary/primary', 'equal/equal']);
    for (const a of classes) for (const b of classes) expect(isValidLiabilityCombination([a, b]), `${a}/${b}`).toBe(valid.has(`${a}/${b}`));
  });

  it('allows the three-party combinations of the documented rule', () => {
    for (const c of [
      ['full', 'none', 'none'],
      ['none', 'none', 'full'],
      ['equal', 'equal', 'equal'],
      ['equal', 'none', 'equal'],
      ['primary', 'secondary', 'secondary'],
      ['secondary', 'none', 'primary'],
    ] as LiabilityClass[][]) {
      expect(isValidLiabilityCombination(c), c.join('/')).toBe(true);
    }
  });

  it('refuses three-party combinations mixing levels or with no one at fault', () => {
    for (const c of [
      ['none', 'none', 'none'],
      ['full', 'full', 'none'],
      ['full', 'secondary', 'none'],
      ['primary', 'equal', 'secondary'],
      ['primary', 'primary', 'secondary'],
      ['equal', 'none', 'none'],
      ['secondary', 'secondary', 'none'],
    ] as LiabilityClass[][]) {
      expect(isValidLiabilityCombination(c), c.join('/')).toBe(false);
    }
  });

  it('refuses fewer than two parties', () => {
    expect(isValidLiabilityCombination(['full'])).toBe(false);
    expect(isValidLiabilityCombination([])).toBe(false);
  });
});

describe('proposing liability from the DOMAIN.md rules', () => {
  for (const code of FULL_LIABILITY_SITUATIONS) {
    it(`gives full liability to the party with ${code} when the other has none`, () => {
      expect(two([code], [])).toMatchObject({ liabilities: ['full', 'none'], scenario: code, reasons: ['single_party_at_fault'] });
      expect(two([], [code]).liabilities).toEqual(['none', 'full']);
    });
  }

  it('splits equally when both parties have a listed situation', () => {
    const p = two(['lane_change'], ['red_light']);
    expect(p.liabilities).toEqual(['equal', 'equal']);
    expect(p.scenario).toBe('red_light'); // the more decisive of the two by table rank
    expect(p.reasons).toEqual(['several_parties_at_fault']);
  });

  for (const exception of FRONT_EXCEPTIONS) {
    it(`makes the rear vehicle primary and the front secondary when the front had ${exception}`, () => {
      expect(two(['rear_end'], [exception])).toMatchObject({ liabilities: ['primary', 'secondary'], scenario: 'rear_end', reasons: ['rear_end_front_exception'] });
      expect(two([exception], ['rear_end']).liabilities).toEqual(['secondary', 'primary']);
    });
  }

  it('ignores a front-vehicle exception when nobody rear-ended', () => {
    expect(two(['lane_change'], ['front_no_tail_lights_night']).liabilities).toEqual(['full', 'none']);
  });

  it('treats a front vehicle with its own fault as at fault, exception or not', () => {
    expect(two(['rear_end'], ['front_stopped_no_warning', 'lane_change']).liabilities).toEqual(['equal', 'equal']);
  });

  for (const back of ['reversing', 'rolling_back']) {
    it(`gives full liability to a front vehicle ${back} into the one behind, even if that was reported as rear-end`, () => {
      const p = two(['rear_end'], [back]);
      expect(p.liabilities).toEqual(['none', 'full']);
      expect(p.scenario).toBe(back);
      expect(p.reasons).toEqual(['single_party_at_fault', 'reversing_outranks_rear_end']);
    });
  }

  for (const art61 of ['fled_scene', 'fake_evidence']) {
    it(`gives full liability to the party with ${art61} over every other situation (art. 61)`, () => {
      const p = two(['red_light', 'rear_end'], [art61]);
      expect(p).toMatchObject({ liabilities: ['none', 'full'], scenario: art61, reasons: ['art61_full_liability'] });
    });
  }

  it('splits equally between two parties who both fled, leaving a third without liability', () => {
    const p = proposeLiability([{ situations: ['fled_scene'] }, { situations: ['rear_end'] }, { situations: ['fake_evidence'] }]);
    expect(p.liabilities).toEqual(['equal', 'none', 'equal']);
    expect(p.reasons).toEqual(['art61_several_parties']);
  });

  it('proposes equal with no scenario and says so when nothing listed applies', () => {
    expect(two([], [])).toEqual({ liabilities: ['equal', 'equal'], scenario: null, reasons: ['no_listed_situation'], tableVersion: 'HA-2024.1' });
  });

  it('ignores unknown situation codes and reports it', () => {
    const p = two(['made_up_code'], ['lane_change']);
    expect(p.liabilities).toEqual(['none', 'full']);
    expect(p.reasons).toEqual(['single_party_at_fault', 'unknown_situation_ignored']);
  });

  it('handles three parties: one at fault bears full, the others none', () => {
    expect(proposeLiability([{ situations: [] }, { situations: ['wrong_way'] }, { situations: [] }]).liabilities).toEqual(['none', 'full', 'none']);
  });

  it('handles a three-car rear-end chain with a front exception', () => {
    const p = proposeLiability([{ situations: ['front_stopped_no_warning'] }, { situations: [] }, { situations: ['rear_end'] }]);
    expect(p.liabilities).toEqual(['secondary', 'none', 'primary']);
  });

  it('records the table version it used', () => {
    expect(two(['rear_end'], []).tableVersion).toBe(CURRENT_LIABILITY_TABLE_VERSION);
  });

  it('always proposes a valid combination, for any situations of two or three parties', () => {
    const codes = [...LIABILITY_SCENARIOS.map((s) => s.code), 'unknown_code'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...codes), { maxLength: 4 }), { minLength: 2, maxLength: 3 }), (situations) => {
        const p = proposeLiability(situations.map((s) => ({ situations: s })));
        expect(p.liabilities).toHaveLength(situations.length);
        expect(isValidLiabilityCombination(p.liabilities)).toBe(true);
        expect(p.reasons.length).toBeGreaterThan(0);
        if (p.scenario !== null) expect(scenarioByCode(p.scenario)).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});
