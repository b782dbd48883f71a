/**
 * Domain values in words (category, severity, status…), instants in a given time zone, and the
 * one encoding of the category choice shared by the triage card and the case form.
 */
import { DateTime, Info } from 'luxon';
import type { Category, Lang, Severity, Subcategory, TechnicalSubcategory } from '../knowledge/labels';
import { BOUNDARY_SUBCATEGORIES, TECHNICAL_SUBCATEGORIES } from '../knowledge/labels';
import { ct, type CardStringKey } from './strings';
import type { Choice } from './types';

const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

export function categoryText(lang: Lang, category: Category, subcategory: Subcategory | null): string {
  const main = ct(lang, `category.${category}` as CardStringKey);
  return subcategory ? ct(lang, 'category.withSubcategory', { category: main, subcategory: subcategoryText(lang, subcategory) }) : main;
}

export function subcategoryText(lang: Lang, subcategory: Subcategory): string {
  return ct(lang, `subcategory.${subcategory}` as CardStringKey);
}

export function severityText(lang: Lang, severity: Severity | null): string {
  return severity ? ct(lang, `severity.${severity}` as CardStringKey) : ct(lang, 'severity.none');
}

export type StatusValue = 'new' | 'in-progress' | 'waiting-on-customer' | 'resolved' | 'closed' | 'cancelled';

export function statusText(lang: Lang, status: StatusValue): string {
  return ct(lang, `status.${status}` as CardStringKey);
}

/** A valid IANA zone, or UTC when the given one is missing or unknown. */
export function safeZone(zone: string | undefined): string {
  if (!zone) return 'UTC';
  return DateTime.now().setZone(zone).isValid ? zone : 'UTC';
}

/**
 * An instant in a time zone and language, e.g. en "Tue 3 June 2025, 11:15 (UTC+2)",
 * fr "mar. 3 juin 2025, 11:15 (UTC+2)". An unknown zone falls back to UTC; an unreadable
 * instant is returned as given.
 */
export function formatInstant(iso: string, zone: string | undefined, lang: Lang): string {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) return iso;
  return dt.setZone(safeZone(zone)).setLocale(LOCALES[lang]).toFormat("ccc d LLLL yyyy, HH:mm '(UTC'Z')'");
}

/** ISO weekdays (1 = Monday) in words: "Monday to Friday", "du lundi au vendredi", "Monday and Thursday". */
export function weekdaysText(days: readonly number[], lang: Lang): string {
  const names = Info.weekdays('long', { locale: LOCALES[lang] });
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (!sorted.length) return '';
  // A run of consecutive days, possibly across Sunday → Monday (e.g. Sunday to Thursday).
  const set = new Set(sorted);
  const start = sorted.find((d) => !set.has(d === 1 ? 7 : d - 1));
  if (sorted.length >= 3 && sorted.length < 7 && start !== undefined) {
    const run: number[] = [];
    for (let d = start; set.has(d) && run.length < 7; d = d === 7 ? 1 : d + 1) run.push(d);
    if (run.length === sorted.length) {
      return ct(lang, 'days.range', { first: names[run[0]! - 1]!, last: names[run[run.length - 1]! - 1]! });
    }
  }
  const words = sorted.map((d) => names[d - 1]!);
  if (words.length === 1) return words[0]!;
  return `${words.slice(0, -1).join(', ')} ${ct(lang, 'common.and')} ${words[words.length - 1]!}`;
}

export function capitalise(value: string): string {
  return value ? value.charAt(0).toLocaleUpperCase() + value.slice(1) : value;
}

// ---------------------------------------------------------------------------------------------
// Category choice: one Input.ChoiceSet value for category and subcategory
// ---------------------------------------------------------------------------------------------

/** "presales", "billing", "technical.setup", "boundary.network", "out-of-scope"… */
export function categoryChoiceValue(category: Category, subcategory: Subcategory | null): string {
  return subcategory ? `${category}.${subcategory}` : category;
}

/** The category (and subcategory) a category choice value stands for, or undefined if it is not one. */
export function parseCategoryChoice(value: unknown): { category: Category; subcategory: Subcategory | null } | undefined {
  if (typeof value !== 'string') return undefined;
  const [category, subcategory, more] = value.trim().split('.');
  if (more !== undefined) return undefined;
  if (category === 'technical') {
    return (TECHNICAL_SUBCATEGORIES as readonly string[]).includes(subcategory ?? '')
      ? { category, subcategory: subcategory as TechnicalSubcategory }
      : undefined;
  }
  if (category === 'boundary') {
    return (BOUNDARY_SUBCATEGORIES as readonly string[]).includes(subcategory ?? '')
      ? { category, subcategory: subcategory as Subcategory }
      : undefined;
  }
  if (subcategory !== undefined) return undefined;
  if (category === 'presales' || category === 'billing' || category === 'out-of-scope') return { category, subcategory: null };
  return undefined;
}

/** Choices of a category input; the current value is always offered, even when it is not a usual one. */
export function categoryChoices(
  lang: Lang,
  allowed: readonly { category: Category; subcategory: Subcategory | null }[],
  current?: { category: Category; subcategory: Subcategory | null },
): Choice[] {
  const list = [...allowed];
  if (current && !list.some((c) => c.category === current.category && c.subcategory === current.subcategory)) list.push(current);
  return list.map((c) => ({ title: categoryText(lang, c.category, c.subcategory), value: categoryChoiceValue(c.category, c.subcategory) }));
}

export const TECHNICAL_CHOICES = TECHNICAL_SUBCATEGORIES.map((subcategory) => ({ category: 'technical' as const, subcategory }));

export function severityChoices(lang: Lang): Choice[] {
  return (['A', 'B', 'C'] as const).map((s) => ({ title: severityText(lang, s), value: s }));
}
