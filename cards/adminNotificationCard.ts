/**
 * Sent proactively to each administrator of the tenant when a user hands a problem over: who
 * asked, the summary, the triage result, and "Open a request from this".
 */
import { verbAction, type ActionMode } from './actions';
import { card, heading, subtle, text } from './elements';
import { formatInstant } from './format';
import { problemSummary, type PersonView, type ProblemSummary } from './parts';
import { ct } from './strings';
import type { AdaptiveCardJson, CardElement, LangOption } from './types';

export interface AdminNotificationView {
  handoffId: string;
  requester: PersonView;
  /** When the user asked (ISO instant). */
  askedAt: string;
  /** The tenant's (or the admin's) time zone. */
  timeZone: string;
  summary: ProblemSummary;
}

export interface AdminNotificationOptions extends LangOption {
  actions: ActionMode;
}

export function adminNotificationCard(view: AdminNotificationView, options: AdminNotificationOptions): AdaptiveCardJson {
  const { lang, actions: mode } = options;
  const body: CardElement[] = [
    heading(ct(lang, 'adminNotice.heading')),
    text(ct(lang, 'adminNotice.who', { name: view.requester.name, when: formatInstant(view.askedAt, view.timeZone, lang) }), { spacing: 'small' }),
  ];
  if (view.requester.email) body.push(text(ct(lang, 'adminNotice.email', { email: view.requester.email }), { spacing: 'small' }));
  body.push(subtle(ct(lang, 'adminNotice.why')), problemSummary(lang, view.summary));
  return card(body, [
    verbAction(mode, 'handoff.escalate', ct(lang, 'adminNotice.escalate'), { handoffId: view.handoffId }, { style: 'positive' }),
  ]);
}
