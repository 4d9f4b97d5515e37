import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** UI languages. zh-CN is the default; the choice is kept in localStorage. */
export type Lang = 'zh-CN' | 'en';
export interface Text {
  'zh-CN': string;
  en: string;
}

const STORAGE_KEY = 'huike.lang';
const dictionary = new Map<string, Text>();

/** Each feature registers its own strings once at module load, like the server's defineMessages. */
export function defineMessages(messages: Record<string, Text>): void {
  for (const [key, text] of Object.entries(messages)) dictionary.set(key, text);
}

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let currentLang: Lang = readStoredLang();
/** The language outside React (the API client's Accept-Language). */
export const getLang = (): Lang => currentLang;

export function translate(lang: Lang, key: string, params?: Record<string, unknown>): string {
  const text = dictionary.get(key)?.[lang] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export type TFunction = (key: string, params?: Record<string, unknown>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
  /** Pick the current language from a server label {zh-CN, en}. */
  pick: (label: Text | string | undefined | null) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    currentLang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {}
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      pick: (label) => (label == null ? '' : typeof label === 'string' ? label : label[lang] || label['zh-CN']),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = (): TFunction => useI18n().t;
