/**
 * The cards' user-facing strings, in cards/locales/en.json and fr.json (same keys; a test checks
 * them). Same pattern as bot/i18n.ts: `{name}` placeholders are filled from `vars`.
 */
import type { Lang } from '../knowledge/labels';
import en from './locales/en.json';
import fr from './locales/fr.json';

export type { Lang };
export type CardStringKey = keyof typeof en;

const RESOURCES: Record<Lang, Record<CardStringKey, string>> = { en, fr };

/** The card string `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function ct(lang: Lang, key: CardStringKey, vars: Record<string, string | number> = {}): string {
  const template = RESOURCES[lang][key] ?? RESOURCES.en[key];
  if (template === undefined) throw new Error(`card string "${key}" is missing`);
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** All card strings of one language (for tests and tooling). */
export function cardResources(lang: Lang): Readonly<Record<string, string>> {
  return RESOURCES[lang];
}
