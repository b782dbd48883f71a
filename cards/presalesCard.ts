/**
 * A pre-sales question: the matching article (title, summary, steps or a link) and how to reach
 * the pre-sales team, with its hours ("Monday to Friday, 09:00–17:00") in the visitor's local time,
 * naming their time zone when known. Whether it is open now and the next opening come from the
 * caller (cases/sla.ts knows the holidays); they are shown in the visitor's zone.
 */
import { parseHours } from '../cases/policy';
import { articleBlock, type ArticleView } from './articlesCard';
import { actionSet, card, container, heading, label, subtle, text } from './elements';
import { capitalise, formatInstant, safeZone, weekdaysText } from './format';
import { ct } from './strings';
import type { AdaptiveCardJson, CardAction, CardElement, LangOption } from './types';

export interface PresalesHoursView {
  /** Local opening hours "HH:MM-HH:MM" (policy.presalesHours.hours). */
  hours: string;
  /** ISO weekdays, 1 = Monday (policy.presalesHours.days). */
  days: readonly number[];
  /** Closed on local public holidays (policy.presalesHours.holidays). */
  holidays: boolean;
}

export interface PresalesCardView {
  /** The best matching article, or null when none fits. */
  article: ArticleView | null;
  contact: { phone?: string; email?: string; url?: string };
  hours: PresalesHoursView;
  /** The visitor's IANA time zone, when known. */
  visitorTimeZone?: string;
  /** Optional, from the caller's business calendar. */
  openNow?: boolean;
  /** Next opening (ISO instant), shown in the visitor's time zone; only when not open now. */
  nextOpening?: string;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "Monday to Friday, 09:00–17:00, your local time (Europe/Paris)". */
export function presalesHoursText(view: Pick<PresalesCardView, 'hours' | 'visitorTimeZone'>, lang: LangOption['lang']): string {
  const parsed = parseHours(view.hours.hours);
  const [open, close] = parsed ? [hhmm(parsed.open), hhmm(parsed.close)] : view.hours.hours.split('-');
  const days = weekdaysText(view.hours.days, lang);
  const zone = view.visitorTimeZone && safeZone(view.visitorTimeZone) === view.visitorTimeZone ? view.visitorTimeZone : undefined;
  const vars = { days, open: open ?? '', close: close ?? '', zone: zone ?? '' };
  return capitalise(ct(lang, zone ? 'presales.hoursKnown' : 'presales.hoursUnknown', vars));
}

export function presalesCard(view: PresalesCardView, options: LangOption): AdaptiveCardJson {
  const { lang } = options;
  const body: CardElement[] = [heading(ct(lang, 'presales.heading'))];
  if (view.article) body.push(...articleBlock(view.article, 0, lang));

  const reach: CardElement[] = [label(ct(lang, 'presales.reach'), { spacing: 'none' }), text(presalesHoursText(view, lang), { spacing: 'small' })];
  if (view.hours.holidays) reach.push(subtle(ct(lang, 'presales.holidays')));
  if (view.openNow === true) reach.push(text(ct(lang, 'presales.openNow'), { color: 'good', spacing: 'small' }));
  else if (view.nextOpening) {
    reach.push(text(ct(lang, 'presales.nextOpening', { when: formatInstant(view.nextOpening, view.visitorTimeZone, lang) }), { spacing: 'small' }));
  }
  if (view.contact.phone) reach.push(text(ct(lang, 'presales.phone', { phone: view.contact.phone }), { spacing: 'small' }));
  if (view.contact.email) reach.push(text(ct(lang, 'presales.email', { email: view.contact.email }), { spacing: 'small' }));
  if (view.contact.url) {
    const open: CardAction = { type: 'Action.OpenUrl', title: ct(lang, 'presales.contactPage'), url: view.contact.url };
    reach.push(actionSet([open], { spacing: 'small' }));
  }
  body.push(container(reach, { style: 'emphasis', spacing: 'large' }));
  return card(body);
}
