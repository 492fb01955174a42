import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_NS, NAMESPACES, RESOURCES } from './resources';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

const LANG_KEY = 'console.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

void i18next.use(initReactI18next).init({
  resources: RESOURCES,
  ns: Object.keys(NAMESPACES),
  defaultNS: DEFAULT_NS,
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function setLanguage(lang: Language): void {
  localStorage.setItem(LANG_KEY, lang);
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** Whether this browser profile has a language of its own; if not, the console's settings decide. */
export function hasLocalLanguage(): boolean {
  return localStorage.getItem(LANG_KEY) !== null;
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

export { i18next };
