import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Figure {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The aim from the issue, as text ("≥ 2000", "≤ 50"), when there is one. */
  readonly aim?: string;
  /** Whether the figure meets its aim; left out when there is none. */
  readonly met?: boolean;
  readonly note?: string;
}

/** Prints the figures as a table and writes bench/results/<name>.json with the machine they ran on. */
export function report(name: string, figures: readonly Figure[], context: Record<string, unknown> = {}): void {
  const rows = figures.map((f) => [f.metric, formatValue(f.value), f.unit, f.aim ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO', f.note ?? '']);
  const head = ['metric', 'value', 'unit', 'aim', 'met', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)))).join('  ');
  console.log(`\n## ${name}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  const dir = join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        name,
        at: new Date().toISOString(),
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
        context,
        figures,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`(written to ${file})`);
}

function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3);
}

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

/** Percentile of a sorted-or-not sample (nearest rank). */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
