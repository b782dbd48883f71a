import en from './locales/en.json';
import fr from './locales/fr.json';

/**
 * User-facing strings of the bot, in English and French resource files with the same keys (a test
 * checks they match). `{name}` placeholders are filled from `vars`.
 */
export type Lang = 'en' | 'fr';
export type StringKey = keyof typeof en;

const RESOURCES: Record<Lang, Record<StringKey, string>> = { en, fr };

export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  const template = RESOURCES[lang][key] ?? RESOURCES.en[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function resources(lang: Lang): Readonly<Record<string, string>> {
  return RESOURCES[lang];
}

/** Maps a channel locale such as fr-CA or en-GB to a language the bot speaks, if any. */
export function langFromLocale(locale: string | undefined): Lang | undefined {
  const primary = locale?.toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : undefined;
}
