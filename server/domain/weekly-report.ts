import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import ExcelJS from 'exceljs';
import type { StatsResponse, TipOutcomeCounts } from '#shared/contract/api';
import { TIP_CATEGORY_NAMES } from '#shared/data/tip-categories';
import type { Repos } from '../store/store';
import { computeStats, isoWeekRange } from './stats';

/**
 * The weekly report to the leadership (DOMAIN.md "Reporting"): the figures of GET /api/v1/stats
 * for one unit and one ISO week of Asia/Shanghai time, as a PDF (pdfkit with the exchange's GBK
 * font, as the determination document) or an XLSX workbook (exceljs). Both are drawn from one
 * model (`weeklyReportContent`), so they say the same.
 *
 * It carries figures and officers' names only: never a citizen's or a reporter's name, ID number,
 * phone, address, the text of an item, or a rating's comment (the stats hold none of these).
 */
const FONT_FILE = fileURLToPath(new URL('../assets/fonts/OCHansSans-Regular.ttf', import.meta.url));
let fontBytes: Buffer | undefined;
function font(): Buffer {
  fontBytes ??= fs.readFileSync(FONT_FILE);
  return fontBytes;
}

export type Cell = string | number | null;
/** `percent` columns hold a share 0..1 (shown as %); `number` counts or durations. */
export interface Column {
  readonly title: string;
  readonly kind: 'text' | 'number' | 'percent';
  /** Relative width in the PDF. */
  readonly width: number;
}
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}
export interface WeeklyReportContent {
  readonly title: string;
  readonly subtitle: string;
  readonly week: string;
  readonly unitCode: string;
  readonly generatedAt: string;
  /** The headline: label, value, how to read it. */
  readonly headline: ReportTable;
  readonly tables: readonly ReportTable[];
  readonly stats: StatsResponse;
}

const SHANGHAI_MS = 8 * 3600_000;
function shanghaiDate(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

const text = (title: string, width = 2): Column => ({ title, kind: 'text', width });
const num = (title: string, width = 1): Column => ({ title, kind: 'number', width });
const pct = (title: string, width = 1): Column => ({ title, kind: 'percent', width });
const OUTCOME_COLUMNS = [num('待处理'), num('已分流'), num('已立案'), num('不实'), num('重复')];
const outcomeCells = (o: TipOutcomeCounts): number[] => [o.pending, o.routed, o.case_opened, o.unfounded, o.duplicate];

export async function weeklyReportContent(db: Repos, unit: string, week: string, now: Date = new Date()): Promise<WeeklyReportContent> {
  const { from, to } = isoWeekRange(week);
  const s = await computeStats(db, unit, from, to, now);
  const a = s.applications;
  const acc = s.accidents;
  const t = s.tips;
  const [year, w] = week.split('-W');
  const headline: ReportTable = {
    title: '主要指标',
    columns: [text('指标', 3), text('数值', 2), text('说明', 5)],
    rows: [
      ['申请受理', a.received, '本周提交的网上申请'],
      ['申请办结', a.decided, `批准 ${a.approved}，驳回 ${a.rejected}`],
      ['按期办结', a.decidedOnTime, '在法定期限（含补正顺延）内作出决定'],
      ['及时办件率', formatPercent(a.timelyRate), '按期办结 ÷ 本周办结'],
      ['逾期未办', a.overdueOpen, `截至 ${shanghaiDate(s.asOf)} 已超期限仍未办结`],
      ['事故报案', acc.reported, '快处快赔报案'],
      ['事故认定 / 转现场', `${acc.determined} / ${acc.referred}`, '简易程序认定 / 不适用转现场处理'],
      ['认定用时（中位 / P90）', `${formatNumber(acc.minutesToDetermination.median)} / ${formatNumber(acc.minutesToDetermination.p90)} 分钟`, '从报案到认定'],
      ['5分钟内认定占比', formatPercent(acc.shareWithin5Min), `${acc.determinedWithin5Min} 起`],
      ['线索受理', t.received, `分流 ${t.outcomes.routed}，立案 ${t.outcomes.case_opened}，不实 ${t.outcomes.unfounded}，重复 ${t.outcomes.duplicate}，待处理 ${t.outcomes.pending}`],
      ['分流用时（中位 / P90）', `${formatNumber(t.hoursToRouting.median)} / ${formatNumber(t.hoursToRouting.p90)} 小时`, '从受理到分流'],
      ['群众评价', s.satisfaction.count, `平均 ${formatNumber(s.satisfaction.average)} 分（满分 5 分）`],
    ],
  };
  const tables: ReportTable[] = [
    {
      title: '各单位申请办理',
      columns: [text('单位', 3), num('受理'), num('办结'), num('按期'), pct('及时办件率', 1.3), num('逾期未办')],
      rows: a.byUnit.map((u) => [u.name, u.received, u.decided, u.decidedOnTime, u.timelyRate, u.overdueOpen]),
    },
    {
      title: '各事项申请办理',
      columns: [text('事项', 3.5), num('受理'), num('办结'), num('按期'), pct('及时办件率', 1.3), num('逾期未办')],
      rows: a.byService.map((x) => [x.name, x.received, x.decided, x.decidedOnTime, x.timelyRate, x.overdueOpen]),
    },
    {
      title: '民警办件',
      columns: [text('民警', 2), text('警号', 1.2), num('办结'), num('按期'), pct('及时办件率', 1.3)],
      rows: a.byOfficer.map((o) => [o.name, o.badge, o.decided, o.decidedOnTime, o.timelyRate]),
    },
    {
      title: '各单位事故快处',
      columns: [text('单位', 3), num('报案'), num('认定'), num('转现场'), num('5分钟内认定', 1.3)],
      rows: acc.byUnit.map((u) => [u.name, u.reported, u.determined, u.referred, u.determinedWithin5Min]),
    },
    {
      title: '线索分类与结果',
      columns: [text('类别', 2), num('受理'), ...OUTCOME_COLUMNS],
      rows: t.byCategory.map((c) => [TIP_CATEGORY_NAMES[c.category].zh, c.received, ...outcomeCells(c.outcomes)]),
    },
    {
      title: '群众满意度（按事项）',
      columns: [text('事项', 4), num('评价数'), num('平均分')],
      rows: s.satisfaction.byService.map((x) => [x.name, x.count, x.average]),
    },
    {
      title: '群众满意度（按单位）',
      columns: [text('单位', 4), num('评价数'), num('平均分')],
      rows: s.satisfaction.byUnit.map((x) => [x.name, x.count, x.average]),
    },
  ];
  return {
    title: `${s.unit.name}“互联网+”警务工作周报`,
    subtitle: `${year}年第${Number(w)}周（${shanghaiDate(from)}至${shanghaiDate(new Date(Date.parse(to) - 1).toISOString())}）　单位代码 ${unit}`,
    week,
    unitCode: unit,
    generatedAt: now.toISOString(),
    headline,
    tables,
    stats: s,
  };
}

export function formatPercent(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}
function formatNumber(v: number | null): string {
  return v === null ? '—' : String(v);
}
function cellText(c: Cell, col: Column): string {
  if (c === null) return '—';
  if (col.kind === 'percent' && typeof c === 'number') return formatPercent(c);
  return String(c);
}

// ---- PDF ----------------------------------------------------------------------------------------

const MARGIN = 48;

/** The report as a PDF (A4, portrait). Synchronous: pdfkit writes it all during `end()`. */
export function weeklyReportPdf(content: WeeklyReportContent): Buffer {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    compress: true,
    font: font() as unknown as string, // bytes, as determination.ts passes them (@types/pdfkit says string)
    info: { Title: content.title, Subject: content.week, Producer: 'Officer Console exchange', Creator: 'Officer Console exchange', CreationDate: new Date(content.generatedAt) },
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.fontSize(17).fillColor('#000').text(content.title, { align: 'center', width });
  doc.moveDown(0.3).fontSize(10).fillColor('#333').text(content.subtitle, { align: 'center', width });
  doc.moveDown(0.2).fontSize(8.5).fillColor('#666').text(`生成时间：${shanghaiDate(content.generatedAt)}　本报告仅含统计数字，不含群众及举报人个人信息`, { align: 'center', width });
  for (const table of [content.headline, ...content.tables]) drawTable(doc, table, width);
  doc.end();
  const chunks: Buffer[] = [];
  for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c);
  const pdf = Buffer.concat(chunks);
  if (!pdf.subarray(-6).toString('latin1').includes('%%EOF')) throw new Error('pdfkit did not finish the report synchronously');
  return pdf;
}

function drawTable(doc: PDFKit.PDFDocument, table: ReportTable, width: number): void {
  const rowH = 17;
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * width);
  const bottom = () => doc.page.height - MARGIN;
  // a heading never sits alone at the foot of a page
  if (doc.y + 22 + rowH * 3 > bottom()) doc.addPage();
  doc.moveDown(0.8).fontSize(12).fillColor('#000').text(table.title, MARGIN, doc.y, { width });
  let y = doc.y + 3;
  const row = (cells: readonly string[], header: boolean) => {
    if (y + rowH > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    if (header) doc.rect(MARGIN, y, width, rowH).fillColor('#e8edf3').fill();
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      const right = table.columns[i]!.kind !== 'text';
      doc.fontSize(9).fillColor('#000').text(c, x + 4, y + 4.5, { width: w - 8, align: right ? 'right' : 'left', lineBreak: false, ellipsis: true, height: rowH });
      x += w;
    });
    doc.moveTo(MARGIN, y + rowH).lineTo(MARGIN + width, y + rowH).lineWidth(0.4).strokeColor('#b8c2cc').stroke();
    y += rowH;
  };
  row(table.columns.map((c) => c.title), true);
  if (table.rows.length === 0) row(['（本周无数据）', ...table.columns.slice(1).map(() => '')], false);
  for (const r of table.rows) row(r.map((c, i) => cellText(c, table.columns[i]!)), false);
  doc.x = MARGIN;
  doc.y = y + 2;
}

// ---- XLSX ---------------------------------------------------------------------------------------

/** The report as a workbook: the headline sheet, then one sheet per table, numbers as numbers. */
export async function weeklyReportXlsx(content: WeeklyReportContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Officer Console exchange';
  wb.created = new Date(content.generatedAt);
  wb.title = content.title;
  const overview = wb.addWorksheet('主要指标');
  overview.addRow([content.title]).font = { bold: true, size: 14 };
  overview.addRow([content.subtitle]);
  overview.addRow([]);
  addTable(overview, content.headline);
  for (const table of content.tables) addTable(wb.addWorksheet(sheetName(table.title)), table);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

function addTable(ws: ExcelJS.Worksheet, table: ReportTable): void {
  const header = ws.addRow(table.columns.map((c) => c.title));
  header.font = { bold: true };
  for (const r of table.rows) {
    const row = ws.addRow(r.map((c) => c ?? null));
    table.columns.forEach((col, i) => {
      if (col.kind === 'percent') row.getCell(i + 1).numFmt = '0.0%';
    });
  }
  table.columns.forEach((col, i) => {
    ws.getColumn(i + 1).width = Math.max(10, Math.round(col.width * 9));
  });
}
