/**
 * The tenant's open and recently closed requests: number, title, severity, status, due time (in
 * the tenant's time zone), each with a "View" button. Long lists are cut (with "N more not
 * shown") so the card stays small; a cases/caseService.ts TenantCaseList fits the view model.
 */
import { isTerminal, type SupportCase } from '../cases/model';
import { verbAction, type ActionMode } from './actions';
import { actionSet, card, column, columns, container, excerpt, heading, label, subtle, text } from './elements';
import { formatInstant, statusText } from './format';
import { ct } from './strings';
import type { AdaptiveCardJson, CardElement, LangOption } from './types';

export type CaseListItem = Pick<SupportCase, 'number' | 'title' | 'severity' | 'status' | 'dueAt'> & {
  breached?: boolean;
  closedAt?: string | null;
};

export interface CaseListView {
  open: readonly CaseListItem[];
  recentlyClosed: readonly CaseListItem[];
  /** The tenant's IANA time zone. */
  timeZone: string;
}

export interface CaseListOptions extends LangOption {
  actions: ActionMode;
  /** Most items shown per section (default 15 open, 10 closed). */
  maxOpen?: number;
  maxClosed?: number;
}

function item(c: CaseListItem, view: CaseListView, options: CaseListOptions, first: boolean): CardElement {
  const { lang, actions: mode } = options;
  const lines: CardElement[] = [
    text(`${c.number} · ${excerpt(c.title, 120)}`, { weight: 'bolder', spacing: 'none' }),
    subtle(ct(lang, 'list.line', { severity: c.severity, status: statusText(lang, c.status) }), { spacing: 'none' }),
  ];
  if (isTerminal(c.status)) {
    if (c.closedAt) lines.push(subtle(ct(lang, 'list.closedOn', { when: formatInstant(c.closedAt, view.timeZone, lang) }), { spacing: 'none' }));
  } else {
    lines.push(
      text(c.dueAt ? ct(lang, 'list.due', { when: formatInstant(c.dueAt, view.timeZone, lang) }) : ct(lang, 'dueNone'), {
        spacing: 'none',
        isSubtle: !c.breached,
        ...(c.breached ? { color: 'attention' as const } : {}),
      }),
    );
  }
  return columns(
    [
      column('stretch', lines),
      column('auto', [actionSet([verbAction(mode, 'case.view', ct(lang, 'list.view'), { caseNumber: c.number })])], {
        verticalContentAlignment: 'center',
      }),
    ],
    { separator: !first, spacing: 'medium' },
  );
}

function section(
  items: readonly CaseListItem[],
  max: number,
  titleKey: 'list.open' | 'list.closed',
  noneKey: 'list.noneOpen' | 'list.noneClosed',
  view: CaseListView,
  options: CaseListOptions,
): CardElement {
  const { lang } = options;
  const shown = items.slice(0, Math.max(0, max));
  const content: CardElement[] = [label(ct(lang, titleKey, { count: items.length }), { spacing: 'none' })];
  if (!items.length) content.push(subtle(ct(lang, noneKey)));
  shown.forEach((c, i) => content.push(item(c, view, options, i === 0)));
  if (items.length > shown.length) content.push(subtle(ct(lang, 'list.more', { count: items.length - shown.length })));
  return container(content, { spacing: 'large' });
}

export function caseListCard(view: CaseListView, options: CaseListOptions): AdaptiveCardJson {
  const { lang } = options;
  return card([
    heading(ct(lang, 'list.heading')),
    section(view.open, options.maxOpen ?? 15, 'list.open', 'list.noneOpen', view, options),
    section(view.recentlyClosed, options.maxClosed ?? 10, 'list.closed', 'list.noneClosed', view, options),
  ]);
}
