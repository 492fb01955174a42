import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { TipCandidateReasonSchema, TipCategorySchema } from '#shared/domain/items';
import { KEYWORD_GROUPS, SIGNAL_WEIGHTS } from '#shared/rules/tipTriage';
import { MATTERS } from '#shared/rules/tipDuplicates';
import { matchWords, MATTER_EN, matterName } from '../../../renderer/features/tips/matters';
import { candidateReasonText, categoryName, scorePercent, urgencyReasonText, urgencyReasonsLine } from '../../../renderer/features/tips/reasons';
import { translator } from './translator';

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});
const CHINESE = /[\u4e00-\u9fff]/;

describe('the urgency reasons of a tip', () => {
  it('say every code the triage writes, in both languages, English without Chinese', () => {
    const codes = [
      ...TipCategorySchema.options.map((c) => `category:${c}`),
      ...KEYWORD_GROUPS.map((g) => `keyword:${g.group}`),
      ...Object.keys(SIGNAL_WEIGHTS),
      'officer_override',
    ];
    for (const code of codes) {
      const zhText = urgencyReasonText(code, zh, 'zh-CN');
      const enText = urgencyReasonText(code, en, 'en');
      expect(zhText, code).not.toBe(code);
      expect(enText, code).not.toBe(code);
      expect(zhText, code).toMatch(CHINESE);
      expect(enText, code).not.toMatch(CHINESE);
    }
    expect(urgencyReasonText('keyword:money_moving', zh, 'zh-CN')).toBe('资金正在转出');
    expect(urgencyReasonText('category:fraud', zh, 'zh-CN')).toBe('类别：电信诈骗');
    expect(urgencyReasonText('category:fraud', en, 'en')).toBe('Category: Telecom fraud');
    expect(urgencyReasonsLine(['category:fire', 'has_location', 'anonymous'], en, 'en')).toBe('Category: Fire hazard, Exact place given, Anonymous');
  });

  it('show a code this console does not know as it is, never as nothing', () => {
    expect(urgencyReasonText('keyword:new_group', zh, 'zh-CN')).toBe('keyword:new_group');
    expect(urgencyReasonText('something_else', en, 'en')).toBe('something_else');
    expect(categoryName('unknown', 'en')).toBe('unknown');
  });

  it('say why a candidate was proposed, with the matched value, for every reason code', () => {
    for (const code of TipCandidateReasonSchema.shape.code.options) {
      const zhText = candidateReasonText({ code, value: '金色年华KTV' }, zh, 'zh-CN');
      const enText = candidateReasonText({ code, value: '金色年华KTV' }, en, 'en');
      expect(zhText, code).toContain('金色年华KTV');
      expect(enText, code).toContain('金色年华KTV');
      expect(enText.replace('金色年华KTV', ''), code).not.toMatch(CHINESE);
    }
    expect(candidateReasonText({ code: 'phone', value: '13800001111' }, zh, 'zh-CN')).toBe('同一电话 13800001111');
    expect(candidateReasonText({ code: 'matter', value: 'drugs' }, zh, 'zh-CN')).toBe('同一事项：涉毒');
    expect(candidateReasonText({ code: 'matter', value: 'drugs' }, en, 'en')).toBe('Same matter: drugs');
    expect(candidateReasonText({ code: 'text', value: '0.42' }, zh, 'zh-CN')).toBe('文字相似 42%');
  });

  it('name every matter a candidate can agree on in both languages, and mark its words in the texts', () => {
    for (const m of Object.values(MATTERS).flat()) {
      expect(matterName(m.code, 'zh-CN')).toBe(m.label);
      expect(MATTER_EN[m.code], m.code).toBeTruthy();
      expect(MATTER_EN[m.code]).not.toMatch(CHINESE);
    }
    expect(matchWords([{ code: 'matter', value: 'drugs' }, { code: 'nearby', value: '7 m' }, { code: 'venue', value: '金海岸KTV' }], 'vice')).toEqual(expect.arrayContaining(['摇头丸', 'K粉', '金海岸KTV']));
    expect(matchWords([{ code: 'text', value: '0.5' }], 'vice')).toEqual([]);
    expect(scorePercent(0.834)).toBe('83%');
  });
});
