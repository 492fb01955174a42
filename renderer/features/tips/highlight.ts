import type { TipCategory } from '#shared/domain/items';
import { KEYWORD_GROUPS } from '#shared/rules/tipTriage';

/** A stretch of a tip's text: plain, a triage signal word (of `group`), or a value a duplicate candidate matched on. */
export type Segment =
  | { readonly kind: 'plain'; readonly text: string }
  | { readonly kind: 'signal'; readonly text: string; readonly group: string }
  | { readonly kind: 'match'; readonly text: string };

interface Needle {
  readonly text: string;
  readonly kind: 'signal' | 'match';
  readonly group: string;
}

/**
 * The words the triage scored in a tip of `category` (shared/rules/tipTriage.ts KEYWORD_GROUPS:
 * a group that only counts for some categories is only a signal there), each with its group.
 */
export function signalWords(category: TipCategory): { word: string; group: string }[] {
  return KEYWORD_GROUPS.filter((g) => !g.categories || g.categories.includes(category)).flatMap((g) => g.words.map((word) => ({ word, group: g.group })));
}

/**
 * Splits `text` into segments so the pane can mark what made the tip urgent and what a duplicate
 * candidate shares with it. At each position the longest word wins (正在转账 over 正在), a matched
 * value wins a tie with a signal word, and marks never overlap; a value shorter than two
 * characters is not marked (it would light up half the text).
 */
export function highlightSegments(text: string, category: TipCategory, matchValues: readonly string[] = []): Segment[] {
  const needles: Needle[] = [
    ...matchValues.filter((v) => v.trim().length >= 2).map((v) => ({ text: v.trim(), kind: 'match' as const, group: '' })),
    ...signalWords(category).map((w) => ({ text: w.word, kind: 'signal' as const, group: w.group })),
  ].sort((a, b) => b.text.length - a.text.length || (a.kind === b.kind ? 0 : a.kind === 'match' ? -1 : 1));
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const hit = needles.find((n) => text.startsWith(n.text, i));
    if (!hit) {
      plain += text[i];
      i += 1;
      continue;
    }
    if (plain) out.push({ kind: 'plain', text: plain });
    plain = '';
    out.push(hit.kind === 'signal' ? { kind: 'signal', text: hit.text, group: hit.group } : { kind: 'match', text: hit.text });
    i += hit.text.length;
  }
  if (plain) out.push({ kind: 'plain', text: plain });
  return out;
}
