/**
 * For a user (not an administrator) who needs a support request: only their administrators can
 * open one. Names the tenant's admins, shows the problem summary, and offers "Notify my admins".
 */
import { verbAction, type ActionMode } from './actions';
import { card, heading, text } from './elements';
import { problemSummary, type PersonView, type ProblemSummary } from './parts';
import { ct } from './strings';
import type { AdaptiveCardJson, LangOption } from './types';

export interface UserHandoffView {
  /** The handoff the dialog prepared (the notification and the admin's escalation refer to it). */
  handoffId: string;
  tenantName: string;
  admins: readonly PersonView[];
  summary: ProblemSummary;
}

export interface UserHandoffOptions extends LangOption {
  actions: ActionMode;
}

function names(admins: readonly PersonView[], lang: LangOption['lang']): string {
  const list = admins.map((a) => (a.email ? `${a.name} (${a.email})` : a.name));
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} ${ct(lang, 'common.and')} ${list[list.length - 1]!}`;
}

export function userHandoffCard(view: UserHandoffView, options: UserHandoffOptions): AdaptiveCardJson {
  const { lang, actions: mode } = options;
  const known = view.admins.length > 0;
  return card(
    [
      heading(ct(lang, 'handoff.heading')),
      known
        ? text(ct(lang, 'handoff.admins', { tenant: view.tenantName, names: names(view.admins.slice(0, 20), lang) }), { spacing: 'small' })
        : text(ct(lang, 'handoff.noAdmins', { tenant: view.tenantName }), { spacing: 'small', color: 'warning' }),
      ...(known ? [text(ct(lang, 'handoff.explain'), { spacing: 'small' })] : []),
      problemSummary(lang, view.summary),
    ],
    known ? [verbAction(mode, 'handoff.notifyAdmins', ct(lang, 'handoff.notify'), { handoffId: view.handoffId }, { style: 'positive' })] : [],
  );
}
