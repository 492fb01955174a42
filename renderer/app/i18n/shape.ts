/** A translation tree with the same keys as `T`, every leaf a string (how en is typed from zh-CN). */
export type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/**
 * One i18n namespace in both languages. The English tree is typed from the Chinese one, so the
 * compiler rejects a missing or extra key; tests/unit/renderer/app/i18n.test.ts checks the same
 * at run time over every namespace (and the interpolation variables).
 */
export function defineNamespace<const T>(zhCN: T, en: Shape<T>): { readonly 'zh-CN': T; readonly en: Shape<T> } {
  return { 'zh-CN': zhCN, en };
}
