import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { NAMESPACES, RESOURCES } from '../../../../renderer/app/i18n/resources';
import { ErrorCodeSchema } from '#shared/errors';
import { AccidentStatusSchema, ApplicationStatusSchema, RejectReasonCodeSchema, TipStatusSchema, DeliverySchema } from '#shared/domain/items';
import { CommandTypeSchema } from '#shared/domain/commands';
import { VIEWS } from '../../../../renderer/features/applications/views';
import { APPLICATION_ACTIONS } from '../../../../renderer/features/applications/actions';
import { translator } from '../translator';

type Tree = { readonly [k: string]: string | Tree };

/** Every leaf as `ns:dotted.key → text`, over every namespace of one language. */
function leaves(tree: Tree, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`;
    if (typeof v === 'string') out.set(key, v);
    else for (const [lk, lv] of leaves(v, key)) out.set(lk, lv);
  }
  return out;
}

function all(lang: 'zh-CN' | 'en'): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ns, tree] of Object.entries(RESOURCES[lang])) for (const [k, v] of leaves(tree as Tree, `${ns}:`)) out.set(k, v);
  return out;
}

const ZH = all('zh-CN');
const EN = all('en');
const LANGS = [
  ['zh-CN', ZH],
  ['en', EN],
] as const;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

describe('i18n resources', () => {
  it('are split into the namespaces of the features and the shell, in both languages', () => {
    expect(Object.keys(NAMESPACES).sort()).toEqual(['accidents', 'admin', 'app', 'applications', 'audit', 'auth', 'dashboard', 'domain', 'errors', 'hall', 'sync', 'tips', 'workspace']);
    for (const lang of ['zh-CN', 'en'] as const) expect(Object.keys(RESOURCES[lang]).sort()).toEqual(Object.keys(NAMESPACES).sort());
  });

  it('have exactly the same key set in zh-CN and en, namespace by namespace, all the way down', () => {
    expect([...EN.keys()].sort()).toEqual([...ZH.keys()].sort());
    expect(ZH.size).toBeGreaterThan(200);
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

  it('resolve a namespaced key through i18next, and fall back to no Chinese text in English', () => {
    expect(zh('applications:col.id')).toBe('编号');
    expect(en('applications:col.id')).toBe('ID');
    expect(zh('title')).toBe(ZH.get('app:title')); // `app` is the default namespace
    const chinese = /[\u4e00-\u9fff]/;
    // English texts are English (a few keep a Chinese term on purpose: none today)
    const stray = [...EN].filter(([k, v]) => chinese.test(v) && !k.startsWith('app:lang.')).map(([k]) => k);
    expect(stray).toEqual([]);
  });

  it.each(ErrorCodeSchema.options)('translate error code %s in both languages', (code) => {
    for (const [, map] of LANGS) expect(map.get(`errors:${code}`)).toBeTruthy();
  });

  it('have no error translations for codes that do not exist', () => {
    const codes = new Set<string>(ErrorCodeSchema.options);
    const stray = [...ZH.keys()].filter((k) => k.startsWith('errors:') && !codes.has(k.slice('errors:'.length)));
    expect(stray).toEqual([]);
  });

  it('label every status of every kind', () => {
    const statuses = { application: ApplicationStatusSchema.options, accident: AccidentStatusSchema.options, tip: TipStatusSchema.options };
    for (const [kind, list] of Object.entries(statuses)) {
      for (const s of list) for (const [, map] of LANGS) expect(map.get(`domain:status.${kind}.${s}`), `status.${kind}.${s}`).toBeTruthy();
    }
  });

  it('give application statuses distinct labels, so a status typed in the filter means one code', () => {
    for (const [, map] of LANGS) {
      const labels = ApplicationStatusSchema.options.map((s) => map.get(`domain:status.application.${s}`));
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it.each(RejectReasonCodeSchema.options)('label reject reason %s', (code) => {
    for (const [, map] of LANGS) expect(map.get(`domain:rejectReason.${code}`)).toBeTruthy();
  });

  it('name every command type and delivery method', () => {
    for (const [, map] of LANGS) {
      for (const type of CommandTypeSchema.options) expect(map.get(`domain:commandType.${type}`), type).toBeTruthy();
      for (const d of DeliverySchema.options) expect(map.get(`domain:delivery.${d}`), d).toBeTruthy();
    }
  });

  it('name every saved view and action by a key that exists in both languages', () => {
    const keys = [...VIEWS.map((v) => v.labelKey), ...APPLICATION_ACTIONS.map((a) => a.labelKey)];
    for (const key of keys) for (const [lang, map] of LANGS) expect(map.get(key), `${lang} ${key}`).toBeTruthy();
  });

  it('keep English column headers and action labels short enough not to be cut at 1280 px', () => {
    // the grid's minimum widths hold about 12 characters on two header lines; buttons never wrap
    for (const [k, v] of EN) {
      if (k.startsWith('applications:col.') && !k.endsWith('Tip')) expect(v.length, k).toBeLessThanOrEqual(12);
      if (k.startsWith('applications:action.') || k.startsWith('workspace:action.claim') || k.startsWith('workspace:action.release') || k.startsWith('workspace:action.takeOver'))
        expect(v.length, k).toBeLessThanOrEqual(18);
    }
  });
});
