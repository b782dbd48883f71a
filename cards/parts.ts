/** Pieces shared by several cards: the triage result and the problem summary. */
import { LIMITS } from '../cases/model';
import type { Category, Lang, Severity, Subcategory } from '../knowledge/labels';
import { bullets, container, excerpt, facts, label, text } from './elements';
import { categoryText, severityText } from './format';
import { ct } from './strings';
import type { CardElement } from './types';

/** What the assistant understood (the triage contract's labels) and why it chose the severity. */
export interface TriageView {
  category: Category;
  subcategory: Subcategory | null;
  /** Null when the category has no severity (everything but technical). */
  severity: Severity | null;
  /** Why the severity was assessed so, in the user's language; may be empty. */
  reasons: readonly string[];
}

/** A person as cards show them (never sent back in action data). */
export interface PersonView {
  name: string;
  email?: string;
}

/** The problem as handed from a user to their administrators. */
export interface ProblemSummary {
  /** What the person described, in their words. */
  described: string;
  /** What they already tried (articles, steps); may be empty. */
  tried: readonly string[];
  triage: TriageView;
}

/** Severity reasons under a small heading; nothing when there are none. */
export function severityReasons(lang: Lang, reasons: readonly string[]): CardElement[] {
  if (!reasons.length) return [];
  return [label(ct(lang, 'severity.why')), ...bullets(reasons.slice(0, LIMITS.severityReasons).map((r) => excerpt(r, LIMITS.severityReason)))];
}

/** Category and severity (assessed by the assistant) with the reasons, read-only. */
export function triageFacts(lang: Lang, triage: TriageView): CardElement[] {
  const list = [{ title: ct(lang, 'field.category'), value: categoryText(lang, triage.category, triage.subcategory) }];
  if (triage.severity) {
    list.push({ title: ct(lang, 'field.severity'), value: ct(lang, 'severity.assessed', { severity: severityText(lang, triage.severity) }) });
  }
  return [facts(list), ...(triage.severity ? severityReasons(lang, triage.reasons) : [])];
}

/** The problem summary: what was described, what was tried, the assistant's assessment. */
export function problemSummary(lang: Lang, summary: ProblemSummary): CardElement {
  return container(
    [
      label(ct(lang, 'summary.heading'), { spacing: 'none', size: 'medium' }),
      label(ct(lang, 'summary.described')),
      text(excerpt(summary.described, 2000), { spacing: 'small' }),
      label(ct(lang, 'summary.tried')),
      ...(summary.tried.length ? bullets(summary.tried.slice(0, 10).map((t) => excerpt(t, 300))) : [text(ct(lang, 'summary.triedNothing'), { spacing: 'small', isSubtle: true })]),
      label(ct(lang, 'summary.assessment')),
      ...triageFacts(lang, summary.triage),
    ],
    { style: 'emphasis', spacing: 'medium' },
  );
}
