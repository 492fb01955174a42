import i18next, { type TFunction } from 'i18next';
import { DEFAULT_NS, NAMESPACES, RESOURCES } from '../../../renderer/app/i18n/resources';

/**
 * A real i18next instance over the renderer's resources (every namespace), without
 * renderer/app/i18n/index.ts (which reads localStorage at import and so cannot load in node).
 */
export async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: RESOURCES,
    ns: Object.keys(NAMESPACES),
    defaultNS: DEFAULT_NS,
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}
