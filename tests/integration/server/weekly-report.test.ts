import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_HEADER, ROUTES, StatsResponseSchema, type StatsResponse } from '#shared/contract/api';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { ID_NUMBER, accidentBody, applicationBody, auth, command, completePhotos, getJson, openDb, postCommands, tipBody } from './fixtures';
import { isoWeekOf, isoWeekRange } from '../../../server/domain/stats';

/**
 * GET /api/v1/reports/weekly: the PDF's text (pdftotext, installed by .ci/run) and the XLSX read
 * back with exceljs carry the same headline figures as GET /stats for the week, and nothing of the
 * citizens' or reporters' personal data the items hold (names, ID numbers, phones, addresses, the
 * tip's text, a rating's comment).
 */
let exchange: ExchangeHandle;
let supervisor: string;
let week: string;
let stats: StatsResponse;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weekly-report-'));

const PII = [
  '张三',
  '李四',
  '王五',
  '赵六',
  '钱七',
  ID_NUMBER,
  ID_NUMBER.slice(0, 14),
  '13812345678',
  '13912345678',
  '13700001111',
  '花园路',
  '大学路',
  '易燃物品',
  '态度恶劣',
];

const report = (token: string, query: string) => fetch(`${exchange.url}${ROUTES.reportWeekly}?${query}`, { headers: auth(token) });

beforeAll(async () => {
  exchange = await startExchange();
  supervisor = await login(exchange.url, '100004');
  const clerk = await login(exchange.url, '100001');
  const traffic = await login(exchange.url, '100002');
  const intel = await login(exchange.url, '100003');
  week = isoWeekOf(new Date().toISOString()).label;
  const decide = async (token: string, id: string, body: unknown) =>
    expect((await postCommands(exchange, token, [command(id, 'claim', 1), command(id, 'decide', 2, body)])).map((r) => r.status)).toEqual(['applied', 'applied']);
  // two on time, one late (submitted weeks ago), one rejected
  const ids = [
    await scannedApplication(exchange, '410105'),
    await scannedApplication(exchange, '410102', { applicant: { name: '钱七', idNumber: ID_NUMBER, phone: '13812345678', address: '郑州市金水区花园路1号' } }),
    await scannedApplication(exchange, '410105', { submittedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() }),
  ];
  for (const id of ids) await decide(clerk, id, { outcome: 'approve', pickup: 'window' });
  const rejected = (await intake(exchange, 'application', applicationBody('410103', {}, '张三'))).id!;
  await decide(clerk, rejected, { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' });
  const accident = (await intake(exchange, 'accident', accidentBody('410105', await completePhotos(exchange)))).id!;
  await decide(traffic, accident, { outcome: 'determine', liabilities: ['full', 'none'], scenario: 'rear_end', overrideReason: null });
  const tip = (await intake(exchange, 'tip', tipBody('410100'))).id!;
  await postCommands(exchange, intel, [command(tip, 'claim', 1), command(tip, 'route', 2, { unitCode: '410105', note: '' })]);
  for (const [itemId, stars] of [
    [ids[0], 5],
    [rejected, 2],
    [accident, 4],
  ] as const) {
    const res = await fetch(`${exchange.url}${ROUTES.intakeRating}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTAKE_KEY_HEADER]: exchange.intakeKey },
      body: JSON.stringify({ itemId, stars, comment: '张三 13812345678 态度恶劣' }),
    });
    expect(res.status).toBe(200);
  }
  const { from, to } = isoWeekRange(week);
  stats = StatsResponseSchema.parse((await getJson(`${exchange.url}${ROUTES.stats}?from=${from}&to=${to}`, supervisor)).body);
}, 180_000);

afterAll(async () => {
  await exchange?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

describe('the weekly report', () => {
  it('as PDF carries the week’s headline figures, in Chinese, and no personal data; audited', async () => {
    const res = await report(supervisor, `week=${week}&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="weekly-410100-${week}.pdf"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tmp, 'weekly.pdf');
    fs.writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('郑州市公安局“互联网+”警务工作周报');
    expect(text).toContain(`第${Number(week.slice(6))}周`);
    expect(stats.applications).toMatchObject({ decided: 4, decidedOnTime: 3 });
    expect(text).toMatch(new RegExp(`及时办件率\\s+${pct(stats.applications.timelyRate).replace('.', '\\.')}`));
    expect(text).toMatch(new RegExp(`申请办结\\s+${stats.applications.decided}\\s`));
    expect(text).toMatch(new RegExp(`按期办结\\s+${stats.applications.decidedOnTime}\\s`));
    expect(text).toMatch(new RegExp(`群众评价\\s+${stats.satisfaction.count}\\s`));
    expect(text).toContain('王丽娜');
    expect(text).toContain('郑州市公安局金水区分局');
    for (const secret of PII) expect(text, secret).not.toContain(secret);
    const db = openDb(exchange);
    try {
      const row = db.prepare("SELECT actor, detail FROM audit WHERE action = 'report_weekly' ORDER BY seq DESC LIMIT 1").get() as { actor: string; detail: string };
      expect(row.actor).toBe('100004');
      expect(JSON.parse(row.detail)).toMatchObject({ unit: '410100', week, format: 'pdf', size: bytes.length });
    } finally {
      db.close();
    }
  });

  it('as XLSX has the same figures as numbers, and no personal data', async () => {
    const res = await report(supervisor, `unit=410100&week=${week}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主要指标', '各单位申请办理', '各事项申请办理', '民警办件', '各单位事故快处', '线索分类与结果', '群众满意度（按事项）', '群众满意度（按单位）']);
    const values = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, c) => row.getCell(c + 1).value ?? null)));
      return rows;
    };
    const headline = new Map(values('主要指标').slice(3).map((r) => [r[0], r[1]]));
    expect(headline.get('申请受理')).toBe(stats.applications.received);
    expect(headline.get('申请办结')).toBe(stats.applications.decided);
    expect(headline.get('按期办结')).toBe(stats.applications.decidedOnTime);
    expect(headline.get('及时办件率')).toBe(pct(stats.applications.timelyRate));
    expect(headline.get('事故报案')).toBe(stats.accidents.reported);
    expect(headline.get('线索受理')).toBe(stats.tips.received);
    expect(headline.get('群众评价')).toBe(stats.satisfaction.count);
    const byUnit = values('各单位申请办理').slice(1);
    expect(byUnit).toEqual(stats.applications.byUnit.map((u) => [u.name, u.received, u.decided, u.decidedOnTime, u.timelyRate, u.overdueOpen]));
    expect(values('民警办件').slice(1)).toEqual(stats.applications.byOfficer.map((o) => [o.name, o.badge, o.decided, o.decidedOnTime, o.timelyRate]));
    const all = JSON.stringify(wb.worksheets.map((w) => values(w.name)));
    for (const secret of PII) expect(all, secret).not.toContain(secret);
  });

  it('is for supervisors of the unit and admins; others, other units and bad weeks are refused', async () => {
    const clerk = await login(exchange.url, '100001');
    const admin = await login(exchange.url, '900001');
    expect(await (await report(clerk, `week=${week}`)).json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await report(supervisor, `unit=410300&week=${week}`)).status).toBe(403);
    expect((await report(admin, `unit=410300&week=${week}&format=xlsx`)).status).toBe(200);
    expect((await report(admin, `week=${week}`)).headers.get('content-disposition')).toContain('weekly-410000-');
    for (const bad of ['2026-W54', '2026-47', 'W47', '2025-W53']) expect((await report(supervisor, `week=${bad}`)).status, bad).toBe(400);
    expect((await report(supervisor, `week=${week}&format=docx`)).status).toBe(400);
  });
});
