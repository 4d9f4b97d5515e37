export type Locale = 'zh-CN' | 'en';
export type Messages = Record<string, { 'zh-CN': string; en: string }>;

const catalog: Messages = {};

/** Modules declare their messages next to their code; keys are stable error or label codes. */
export function defineMessages(messages: Messages): void {
  Object.assign(catalog, messages);
}

/** zh-CN unless the caller clearly prefers English. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const entry = catalog[key];
  const template = entry ? entry[locale] : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
