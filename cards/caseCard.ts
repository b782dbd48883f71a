/**
 * One support request: number, title, category, severity and why, status, created, the response
 * objective in words (cases/policy.ts describeObjective) and the due time in the tenant's time zone
 * and language, or "No committed response time". Buttons depend on the viewer: administrators add
 * details, close, reopen (when the service says a reopen is allowed); support engineers assign,
 * change status and reply. In Teams (`actions: 'execute'`) the card asks for a refresh for the
 * given user ids so each admin and engineer sees their own buttons.
 */
import { canTransition, isTerminal, LIMITS, type SupportCase } from '../cases/model';
import { describeObjective } from '../cases/policy';
import { refreshAction, verbAction, type ActionMode, type EngineerStatus } from './actions';
import { card, excerpt, facts, heading, label, text } from './elements';
import { severityReasons } from './parts';
import { categoryText, formatInstant, severityText, statusText } from './format';
import { ct } from './strings';
import type { AdaptiveCardJson, CardAction, CardElement, Fact, LangOption, ShowCardAction } from './types';

/** The case fields the card shows; a cases/model.ts SupportCase fits. */
export type CaseCardCase = Pick<
  SupportCase,
  | 'number'
  | 'title'
  | 'description'
  | 'category'
  | 'subcategory'
  | 'severity'
  | 'severitySource'
  | 'severityReasons'
  | 'status'
  | 'createdAt'
  | 'objective'
  | 'dueAt'
  | 'assignee'
  | 'version'
> & { breached?: boolean };

/**
 * Who looks at the card, as the server decided. Delegated partners see the admin buttons.
 * 'reader' gets no buttons (e.g. the shared base card of a refreshing Teams card).
 */
export type CaseViewer =
  | { role: 'admin'; /** From the case service (closed within the reopen window). */ canReopen: boolean }
  | { role: 'support-engineer'; /** The case is assigned to this engineer already. */ isAssignee: boolean }
  | { role: 'reader' };

export interface CaseCardView {
  case: CaseCardCase;
  /** The tenant's IANA time zone: dates are shown in it. */
  timeZone: string;
  viewer: CaseViewer;
  /** Teams user ids (MRIs or AAD object ids) that should refresh to their own view; execute mode only. At most 60 are used. */
  refreshUserIds?: readonly string[];
  /** Display name of the assignee, shown to engineers instead of the id. */
  assigneeName?: string | null;
}

export interface CaseCardOptions extends LangOption {
  actions: ActionMode;
}

/** Teams refreshes a card for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

const ENGINEER_STATUSES: readonly { status: EngineerStatus; key: 'case.inProgress' | 'case.waiting' | 'case.resolve' }[] = [
  { status: 'in-progress', key: 'case.inProgress' },
  { status: 'waiting-on-customer', key: 'case.waiting' },
  { status: 'resolved', key: 'case.resolve' },
];

function textEntry(
  mode: ActionMode,
  lang: LangOption['lang'],
  spec: { title: string; inputId: 'note' | 'reply'; inputLabel: string; required: string; send: string; verb: 'case.addNote' | 'case.reply'; caseNumber: string; max: number },
): ShowCardAction {
  return {
    type: 'Action.ShowCard',
    title: spec.title,
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: spec.inputId,
          label: spec.inputLabel,
          isMultiline: true,
          maxLength: spec.max,
          isRequired: true,
          errorMessage: spec.required,
        },
      ],
      actions: [verbAction(mode, spec.verb, spec.send, { caseNumber: spec.caseNumber }, { style: 'positive' })],
    },
  };
}

function adminActions(view: CaseCardView & { viewer: { role: 'admin' } }, options: CaseCardOptions): CardAction[] {
  const { lang, actions: mode } = options;
  const c = view.case;
  const list: CardAction[] = [];
  if (!isTerminal(c.status)) {
    list.push(
      textEntry(mode, lang, {
        title: ct(lang, 'case.addDetails'),
        inputId: 'note',
        inputLabel: ct(lang, 'case.noteLabel'),
        required: ct(lang, 'case.noteRequired'),
        send: ct(lang, 'common.send'),
        verb: 'case.addNote',
        caseNumber: c.number,
        max: LIMITS.note,
      }),
      verbAction(mode, 'case.close', ct(lang, 'case.close'), { caseNumber: c.number }, { inputs: 'none' }),
    );
  }
  if (view.viewer.canReopen && c.status === 'closed') {
    list.push(verbAction(mode, 'case.reopen', ct(lang, 'case.reopen'), { caseNumber: c.number }, { inputs: 'none' }));
  }
  return list;
}

function engineerActions(view: CaseCardView & { viewer: { role: 'support-engineer' } }, options: CaseCardOptions): CardAction[] {
  const { lang, actions: mode } = options;
  const c = view.case;
  if (isTerminal(c.status)) return [];
  const version = { expectedVersion: c.version };
  const list: CardAction[] = [];
  if (!view.viewer.isAssignee) {
    list.push(verbAction(mode, 'case.assignToMe', ct(lang, 'case.assignToMe'), { caseNumber: c.number, ...version }, { inputs: 'none' }));
  }
  for (const { status, key } of ENGINEER_STATUSES) {
    if (status !== c.status && canTransition(c.status, status)) {
      list.push(verbAction(mode, 'case.setStatus', ct(lang, key), { caseNumber: c.number, status, ...version }, { inputs: 'none' }));
    }
  }
  list.push(
    textEntry(mode, lang, {
      title: ct(lang, 'case.reply'),
      inputId: 'reply',
      inputLabel: ct(lang, 'case.replyLabel'),
      required: ct(lang, 'case.replyRequired'),
      send: ct(lang, 'case.sendReply'),
      verb: 'case.reply',
      caseNumber: c.number,
      max: LIMITS.reply,
    }),
  );
  return list;
}

export function caseCard(view: CaseCardView, options: CaseCardOptions): AdaptiveCardJson {
  const { lang } = options;
  const c = view.case;
  const severity = severityText(lang, c.severity);
  const list: Fact[] = [
    { title: ct(lang, 'field.category'), value: categoryText(lang, c.category, c.subcategory) },
    {
      title: ct(lang, 'field.severity'),
      value: ct(lang, c.severitySource === 'customer' ? 'severity.chosen' : 'severity.assessed', { severity }),
    },
    { title: ct(lang, 'field.status'), value: statusText(lang, c.status) },
    { title: ct(lang, 'field.created'), value: formatInstant(c.createdAt, view.timeZone, lang) },
    { title: ct(lang, 'field.objective'), value: describeObjective(c.objective, lang) },
    { title: ct(lang, 'field.due'), value: c.dueAt ? formatInstant(c.dueAt, view.timeZone, lang) : ct(lang, 'dueNone') },
  ];
  if (view.viewer.role === 'support-engineer') {
    list.push({ title: ct(lang, 'field.assignee'), value: c.assignee ? (view.assigneeName ?? c.assignee) : ct(lang, 'unassigned') });
  }
  const body: CardElement[] = [
    heading(ct(lang, 'case.heading', { number: c.number })),
    text(excerpt(c.title, LIMITS.title), { weight: 'bolder', spacing: 'small' }),
    facts(list),
  ];
  if (c.breached && !isTerminal(c.status)) body.push(text(ct(lang, 'case.breached'), { color: 'attention', weight: 'bolder' }));
  body.push(...severityReasons(lang, c.severityReasons));
  if (c.description.trim()) body.push(label(ct(lang, 'case.description')), text(excerpt(c.description, 1500), { spacing: 'small' }));

  const viewer = view.viewer;
  const actions =
    viewer.role === 'admin'
      ? adminActions({ ...view, viewer }, options)
      : viewer.role === 'support-engineer'
        ? engineerActions({ ...view, viewer }, options)
        : [];
  const result = card(body, actions);
  const userIds = (view.refreshUserIds ?? []).filter((id) => id.trim()).slice(0, MAX_REFRESH_USERS);
  if (options.actions === 'execute' && userIds.length) result.refresh = { action: refreshAction(c.number), userIds };
  return result;
}
