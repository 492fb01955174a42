import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../../renderer/app/i18n/zh-CN';
import { en } from '../../../../renderer/app/i18n/en';
import { ErrorCodeSchema } from '#shared/errors';
import { AccidentStatusSchema, ApplicationStatusSchema, RejectReasonCodeSchema, TipStatusSchema, DeliverySchema } from '#shared/domain/items';
import { CommandTypeSchema } from '#shared/domain/commands';
import { VIEWS } from '../../../../renderer/features/applications/views';

type Tree = { readonly [k: string]: string | Tree };

/** Every leaf as `dotted.key → text`. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [lk, lv] of leaves(v, key)) out.set(lk, lv);
  }
  return out;
}

const ZH = leaves(zhCN);
const EN = leaves(en);
const LANGS = [
  ['zh-CN', ZH],
  ['en', EN],
] as const;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('i18n resources', () => {
  it('have exactly the same key set in zh-CN and en, all the way down', () => {
    expect([...EN.keys()].sort()).toEqual([...ZH.keys()].sort());
    expect(ZH.size).toBeGreaterThan(100);
  });

  it('contain no empty or blank strings', () => {
    for (const [lang, map] of LANGS) {
      const blank = [...map].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(blank).toEqual([]);
    }
  });

  it('use the same interpolation variables in both languages', () => {
    const mismatched = [...ZH].filter(([k, v]) => placeholders(v).join() !== placeholders(EN.get(k) ?? '').join()).map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it.each(ErrorCodeSchema.options)('translate error code %s in both languages', (code) => {
    for (const [, map] of LANGS) expect(map.get(`errors.${code}`)).toBeTruthy();
  });

  it('have no error translations for codes that do not exist', () => {
    const codes = new Set<string>(ErrorCodeSchema.options);
    const stray = [...ZH.keys()].filter((k) => k.startsWith('errors.') && !codes.has(k.slice('errors.'.length)));
    expect(stray).toEqual([]);
  });

  it('label every status of every kind', () => {
    const all = {
      application: ApplicationStatusSchema.options,
      accident: AccidentStatusSchema.options,
      tip: TipStatusSchema.options,
    };
    for (const [kind, statuses] of Object.entries(all)) {
      for (const s of statuses) for (const [, map] of LANGS) expect(map.get(`status.${kind}.${s}`), `status.${kind}.${s}`).toBeTruthy();
    }
  });

  it('give application statuses distinct labels, so a status typed in the filter means one code', () => {
    for (const [, map] of LANGS) {
      const labels = ApplicationStatusSchema.options.map((s) => map.get(`status.application.${s}`));
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it.each(RejectReasonCodeSchema.options)('label reject reason %s', (code) => {
    for (const [, map] of LANGS) expect(map.get(`rejectReason.${code}`)).toBeTruthy();
  });

  it('name every command type and delivery method', () => {
    for (const [, map] of LANGS) {
      for (const type of CommandTypeSchema.options) expect(map.get(`commandType.${type}`), type).toBeTruthy();
      for (const d of DeliverySchema.options) expect(map.get(`delivery.${d}`), d).toBeTruthy();
    }
  });

  it('name every saved view of the application queue', () => {
    for (const [, map] of LANGS) for (const v of VIEWS) expect(map.get(`queue.views.${v}`), v).toBeTruthy();
  });
});
