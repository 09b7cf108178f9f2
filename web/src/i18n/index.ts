// The console's language: chosen once (remembered choice, else the browser's language),
// switchable from the header, and kept in step with dayjs and the <html lang> attribute.
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-US.ts';
import { type Catalogue, zhCN } from './zh-CN.ts';

export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

const storageKey = 'huiyuan.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Remembered choice first, then the browser: any Chinese variant gets zh-CN, the rest English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  if (isLanguage(stored)) return stored;
  const preferred = navigator.languages?.[0] ?? navigator.language ?? '';
  return preferred.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

function applySideEffects(language: Language): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
}

export async function initI18n(): Promise<void> {
  const language = initialLanguage();
  applySideEffects(language);
  i18next.on('languageChanged', () => {
    document.title = i18next.t('app.console');
  });
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: [...languages],
    // React escapes what it renders; escaping here would double-encode names like "A & B".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}

export async function switchLanguage(language: Language): Promise<void> {
  localStorage.setItem(storageKey, language);
  applySideEffects(language);
  await i18next.changeLanguage(language);
}

/**
 * Looks up a key built from data (a permission name, an audit action). Such keys cannot be
 * checked at compile time, so an unknown one shows the raw value instead of a key path.
 */
export function translateDynamic(key: string, fallback: string): string {
  return i18next.exists(key) ? String(i18next.t(key as never)) : fallback;
}
