import i18next, { type TFunction } from 'i18next';
import { zhCN } from '../../../renderer/app/i18n/zh-CN';
import { en } from '../../../renderer/app/i18n/en';

/**
 * A real i18next instance over the renderer's resources, without renderer/app/i18n/index.ts (which
 * reads localStorage at import and so cannot load in node).
 */
export async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}
