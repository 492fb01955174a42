import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { checkAction } from '#shared/rules/commands';
import { ACCIDENT_ACTIONS, SHORTCUT } from '../../../../../renderer/features/accidents/actions';
import { returnNote } from '../../../../../renderer/features/accidents/returnPhotos';
import { accidentReasonText } from '../../../../../renderer/features/accidents/reasons';
import { actionStates, detailLookups } from '../../../../../renderer/features/workspace/actionState';
import { WORKSPACE_KEYS } from '../../../../../renderer/features/workspace/commonActions';
import { VIEWER_KEYS, VIEWER_LETTERS } from '../../../../../renderer/features/workspace/keys';
import { translator } from '../../translator';
import { accident, detailOf, fullSet, NOW, party, TRAFFIC } from './fixtures';

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

const def = { reasonText: accidentReasonText };
const states = (item: ReturnType<typeof accident>, photos = fullSet(item.data.parties.length), t: TFunction = zh) =>
  actionStates(def, ACCIDENT_ACTIONS, { item, detail: detailOf(item, photos), officer: TRAFFIC, now: NOW, t, lang: t === en ? 'en' : 'zh-CN' });

describe('the accident review’s actions', () => {
  it('have one key each, none the workspace’s or the viewer’s, and labels in both languages', () => {
    const keys = ACCIDENT_ACTIONS.map((a) => a.shortcut);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) {
      expect(k).not.toBe(WORKSPACE_KEYS.next);
      expect(Object.keys(VIEWER_LETTERS)).not.toContain(k);
      expect(Object.keys(VIEWER_KEYS)).not.toContain(k.toLowerCase());
    }
    expect(SHORTCUT.determine).toBe('D');
    for (const a of ACCIDENT_ACTIONS) for (const t of [zh, en]) expect(t(a.labelKey)).not.toBe(a.labelKey.split(':')[1]);
  });

  it('enable determining a complete standard case, exactly when the command core would apply it', () => {
    const item = accident();
    const s = states(item);
    expect(s.determine).toEqual({ enabled: true });
    expect(checkAction(item, 'decide:determine', { officer: TRAFFIC, now: NOW, lookups: detailLookups({ item, detail: detailOf(item, fullSet(2)) }) })).toBeNull();
  });

  it('refuse determining while a required photo is missing, naming it, and say so in both languages', () => {
    const item = accident();
    const photos = fullSet(2).filter((p) => !(p.role === 'plate' && p.partyIdx === 1));
    const s = states(item, photos);
    expect(s.determine).toMatchObject({ enabled: false, reason: expect.stringContaining('乙方号牌') });
    expect(states(item, photos, en).determine).toMatchObject({ enabled: false, reason: expect.stringContaining('Party B Plate') });
    // the pane's refusal is the core's: checkAction with the same lookups refuses too
    expect(checkAction(item, 'decide:determine', { officer: TRAFFIC, now: NOW, lookups: detailLookups({ item, detail: detailOf(item, photos) }) })?.code).toBe('invalid');
    expect(s.photos).toEqual({ enabled: true });
  });

  it('leave only the referral when the quick procedure is excluded, with the reasons in words', () => {
    const item = accident({ declared: ['casualties'], parties: [party({ situations: ['rear_end'] }), party({ insuranceValid: false })] });
    const s = states(item);
    expect(s.determine).toMatchObject({ enabled: false, reason: expect.stringContaining('有人员伤亡、无交强险') });
    expect(s.photos).toMatchObject({ enabled: false });
    expect(s.refer).toEqual({ enabled: true });
    expect(states(item, undefined, en).determine).toMatchObject({ reason: expect.stringContaining('casualties, no compulsory insurance') });
  });

  it('need the claim first, and name a finished status as the officer reads it', () => {
    expect(states(accident({ claimedBy: null })).determine).toMatchObject({ enabled: false, reason: expect.stringContaining('请先认领') });
    expect(states(accident({ status: 'photos_requested' })).determine).toMatchObject({ enabled: false, reason: '事项当前状态（待补拍照片）不允许此操作' });
  });

  it('write the notice to the parties in Chinese, one line per photo, then the note', () => {
    expect(returnNote([{ code: 'plate#1', reason: 'missing' }, { code: 'collision', reason: 'blurry' }], '请在今天内补传', zh)).toBe('乙方号牌：缺少；碰撞部位：照片模糊\n请在今天内补传');
  });
});
