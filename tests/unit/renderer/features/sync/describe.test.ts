import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { CommandTypeSchema } from '#shared/domain/commands';
import { SERVICES } from '#shared/data/catalogue';
import { describeCommand } from '../../../../../renderer/features/sync/describe';
import { translator } from '../../translator';

let zh: TFunction;
let en: TFunction;

beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

const material = SERVICES.flatMap((s) => s.materials).find((m) => m.code === 'marriage_certificate') ?? SERVICES[0]!.materials[0]!;

describe('describeCommand', () => {
  it('says where an approved certificate is picked up', () => {
    expect(describeCommand('decide', { outcome: 'approve', pickup: 'ems' }, zh, 'zh-CN')).toBe('批准（EMS邮寄）');
    expect(describeCommand('decide', { outcome: 'approve' }, zh, 'zh-CN')).toBe('批准（窗口领取）');
  });

  it('gives a rejection its reason and the officer\'s own words', () => {
    expect(describeCommand('decide', { outcome: 'reject', reasonCode: 'materials_false', reasonText: '户口簿系伪造' }, zh, 'zh-CN')).toBe('驳回：材料虚假——户口簿系伪造');
    expect(describeCommand('decide', { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' }, zh, 'zh-CN')).toBe('驳回：不符合办理条件');
  });

  it('falls back to "other" for a rejection without a reason code', () => {
    expect(describeCommand('decide', { outcome: 'reject', reasonText: '见备注' }, zh, 'zh-CN')).toBe('驳回：其他（须填写说明）——见备注');
  });

  it('lists the liabilities of a determination', () => {
    expect(describeCommand('decide', { outcome: 'determine', liabilities: ['full', 'none'], scenario: null, overrideReason: null }, zh, 'zh-CN')).toBe('责任认定：full / none');
  });

  it('names the missing materials of a supplement notice in the officer\'s language', () => {
    const zhText = describeCommand('request_supplement', { missing: [material.code, 'no_such_code'], note: '请补交原件' }, zh, 'zh-CN');
    expect(zhText).toBe(`一次性告知补正：${material.name}、no_such_code（说明：请补交原件）`);
    const enText = describeCommand('request_supplement', { missing: [material.code], note: '' }, en, 'en');
    expect(enText).toContain(material.nameEn);
    expect(enText).not.toContain(material.name);
  });

  it("describes a supervisor's take-over with its reason", () => {
    expect(describeCommand('take_over', { reason: '原认领人休假' }, zh, 'zh-CN')).toBe('接手：原认领人休假');
    expect(describeCommand('take_over', {}, zh, 'zh-CN')).toBe('接手');
  });

  it('describes a hand-over and a note', () => {
    expect(describeCommand('hand_over', { idNumber: '11010519491231002X' }, zh, 'zh-CN')).toBe('已核验身份证件原件并领证');
    expect(describeCommand('dispatch', { waybill: 'EA123456789CN' }, zh, 'zh-CN')).toBe('EMS寄出：运单号 EA123456789CN');
    expect(describeCommand('check_in', {}, zh, 'zh-CN')).toBe('签到');
    expect(describeCommand('note', { text: '申请人来电' }, zh, 'zh-CN')).toBe('备注：申请人来电');
  });

  it('names other command types by their type', () => {
    expect(describeCommand('claim', {}, zh, 'zh-CN')).toBe('认领');
    expect(describeCommand('close', { reason: '已处理' }, zh, 'zh-CN')).toBe('结案');
    expect(describeCommand('claim', {}, en, 'en')).toBe(en('domain:commandType.claim'));
  });

  it('does not throw on a body that is not what the type promises', () => {
    for (const body of [null, undefined, 42, 'text', [], { outcome: 7 }, { missing: 'x', note: 3 }, { text: {} }]) {
      for (const type of CommandTypeSchema.options) expect(() => describeCommand(type, body, zh, 'zh-CN')).not.toThrow();
    }
    expect(describeCommand('decide', { outcome: 'unknown' }, zh, 'zh-CN')).toBe('决定');
  });

  it.each(CommandTypeSchema.options)('describes a %s command in both languages without showing a translation key', (type) => {
    for (const [t, lang] of [
      [zh, 'zh-CN'],
      [en, 'en'],
    ] as const) {
      const text = describeCommand(type, {}, t, lang);
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/\b(commandType|decision|delivery|rejectReason)\.[a-z_]+|^[a-z]+:/);
    }
  });
});
