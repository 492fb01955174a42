import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccidentCaseSchema, type AccidentCase, type LiabilityClass } from '#shared/domain/items';
import { LIABILITY_ZH, determinationContent, determinationPdf, shanghaiDateTime } from '#server/domain/determination';

// pdftotext (poppler-utils) is installed by .ci/run: without it these tests fail rather than skip

function party(name: string, plate: string, statement: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    idNumberMasked: '410105********1234',
    phoneMasked: '139****5678',
    plate,
    vehicleType: '小型轿车',
    insurer: '人保财险',
    hasPlate: true,
    inspectionValid: true,
    insuranceValid: true,
    licenceValid: true,
    statement,
    situations: [],
    ...extra,
  };
}

function determined(parties: ReturnType<typeof party>[], liabilities: LiabilityClass[], scenario: string | null, overrideReason: string | null = null): AccidentCase {
  return AccidentCaseSchema.parse({
    id: 'ACC-410100-77',
    kind: 'accident',
    unitCode: '410105',
    status: 'determined',
    version: 3,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: '2026-11-20T02:20:00.000Z',
    dueAt: null,
    updatedAt: '2026-11-20T02:31:00.000Z',
    notes: [],
    data: {
      occurredAt: '2026-11-20T02:00:00.000Z',
      location: { address: '郑州市金水区花园路与农业路交叉口', lat: 34.78, lng: 113.68 },
      parties,
      declared: [],
      determination: { liabilities, proposed: liabilities, scenario, overrideReason, ruleTableVersion: 'HA-2024.1', decidedBy: '100002', decidedAt: '2026-11-20T02:31:00.000Z' },
      photoRequest: null,
      referral: null,
    },
  });
}

const OFFICER = { badge: '100002', name: '张警官' };
const TWO = determined([party('李四', '豫A12345', '我追尾了前车。', { situations: ['rear_end'] }), party('王喆', '豫AD12345', '我在等红灯。')], ['full', 'none'], 'rear_end');

describe('the determination document (道路交通事故认定书（简易程序）)', () => {
  it('states number, time, place, parties with masked ID numbers, vehicles, plates, facts, classes, rule, officer and date', () => {
    const text = determinationContent(TWO, OFFICER).map((b) => b.text).join('\n');
    for (const expected of [
      '道路交通事故认定书（简易程序）',
      '编号：ACC-410100-77',
      `事故时间：${shanghaiDateTime('2026-11-20T02:00:00.000Z')}`,
      '2026年11月20日 10时00分',
      '事故地点：郑州市金水区花园路与农业路交叉口',
      '当事人甲：李四',
      '身份证号：410105********1234',
      '电话：139****5678',
      '号牌：豫A12345',
      '号牌：豫AD12345',
      '车辆：小型轿车',
      '当事人甲陈述：我追尾了前车。',
      '事故情形：追尾',
      '当事人甲（豫A12345）：全部责任',
      '当事人乙（豫AD12345）：无责任',
      '适用规则：追尾（rear_end）；责任认定表 HA-2024.1',
      '交通警察：张警官（警号 100002）',
      '认定日期：2026年11月20日',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('names every class in Chinese and gives the override reason when the officer departed from the proposal', () => {
    expect(LIABILITY_ZH).toEqual({ full: '全部责任', primary: '主要责任', equal: '同等责任', secondary: '次要责任', none: '无责任' });
    const three = determined(
      [party('甲一', '豫A11111', '前车'), party('乙二', '豫A22222', '中间'), party('丙三', '豫A33333', '后车追尾', { hasPlate: false, plate: '' })],
      ['none', 'secondary', 'primary'],
      null,
      '中间车辆跟车过近',
    );
    const text = determinationContent(three, OFFICER).map((b) => b.text).join('\n');
    expect(text).toContain('当事人乙（豫A22222）：次要责任');
    expect(text).toContain('当事人丙（无号牌）：主要责任');
    expect(text).toContain('未列明情形，由交通警察依事实认定');
    expect(text).toContain('调整建议责任的理由：中间车辆跟车过近');
  });

  it('writes a PDF with the font embedded, the same bytes for the same case', () => {
    const pdf = determinationPdf(TWO, OFFICER);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.includes(Buffer.from('OCHansSans-Regular'))).toBe(true);
    expect(determinationPdf(TWO, OFFICER).equals(pdf)).toBe(true);
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('holds both plates and the classes as text (pdftotext)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'determination-'));
    try {
      const file = path.join(dir, 'd.pdf');
      fs.writeFileSync(file, determinationPdf(TWO, OFFICER));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      for (const expected of ['豫A12345', '豫AD12345', '全部责任', '无责任', '王喆', '410105********1234']) expect(text).toContain(expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
