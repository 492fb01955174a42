import { describe, expect, it } from 'vitest';
import { KEYWORD_GROUPS, scoreTip } from '#shared/rules/tipTriage';
import { highlightSegments, signalWords } from '../../../renderer/features/tips/highlight';

const marked = (text: string, ...args: Parameters<typeof highlightSegments> extends [string, ...infer R] ? R : never) =>
  highlightSegments(text, ...args).filter((s) => s.kind !== 'plain');

describe('the signal words of a tip', () => {
  it('are the triage’s own words, split so the segments give back the text', () => {
    const text = '我母亲正在转账给自称公安的人，还要验证码';
    const segments = highlightSegments(text, 'fraud');
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(marked(text, 'fraud')).toEqual([
      { kind: 'signal', text: '正在转账', group: 'money_moving' },
      { kind: 'signal', text: '验证码', group: 'money' },
    ]);
  });

  it('mark exactly the groups the triage scored, for the tip’s category', () => {
    for (const [category, text] of [
      ['fraud', '对方让我马上转账到安全账户'],
      ['vice', '有人在KTV正在转账赌博'],
      ['gang', '今晚有人持刀打人'],
      ['fire', '楼道里电动车充电，堵塞消防通道'],
    ] as const) {
      const scored = scoreTip({ category, content: text, location: null, reporter: { anonymous: false }, hasAttachments: false }).reasons.filter((r) => r.startsWith('keyword:'));
      const shown = [...new Set(marked(text, category).map((s) => (s.kind === 'signal' ? `keyword:${s.group}` : '')))];
      expect(shown.sort(), `${category} ${text}`).toEqual(scored.sort());
    }
  });

  it('leave money words unmarked outside fraud tips, as the triage does', () => {
    expect(signalWords('vice').some((w) => w.group === 'money' || w.group === 'money_moving')).toBe(false);
    expect(signalWords('fraud').filter((w) => w.group === 'money_moving').map((w) => w.word)).toEqual(KEYWORD_GROUPS.find((g) => g.group === 'money_moving')!.words);
  });

  it('mark the values a duplicate candidate matched on, and leave one-character values alone', () => {
    const text = '花园路金色年华KTV有人聚众赌博，电话13800001111';
    expect(marked(text, 'vice', ['金色年华KTV', '13800001111', '路'])).toEqual([
      { kind: 'match', text: '金色年华KTV' },
      { kind: 'match', text: '13800001111' },
    ]);
    // a matched value that contains a signal word wins as a whole
    expect(marked('他们正在转账', 'fraud', ['正在转账'])).toEqual([{ kind: 'match', text: '正在转账' }]);
  });
});
