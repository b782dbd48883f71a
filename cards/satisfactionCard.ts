/** After a resolution: a 1–5 rating (expanded choice set, labelled) and an optional comment. */
import { LIMITS } from '../cases/model';
import { verbAction, type ActionMode } from './actions';
import { card, errorText, heading, text } from './elements';
import { ct } from './strings';
import type { AdaptiveCardJson, CardElement, CardInput, LangOption } from './types';

export interface SatisfactionView {
  caseNumber: string;
  /** Which resolution is rated (a reopened case can be rated again). */
  resolution?: number;
  /** What the person already chose, when the card is redrawn. */
  values?: { rating?: string; comment?: string };
}

export interface SatisfactionOptions extends LangOption {
  actions: ActionMode;
  errors?: Partial<Record<'rating' | 'comment', string>>;
}

const RATINGS = ['1', '2', '3', '4', '5'] as const;

export function satisfactionCard(view: SatisfactionView, options: SatisfactionOptions): AdaptiveCardJson {
  const { lang, actions: mode } = options;
  const errors = options.errors ?? {};
  const rating: CardInput = {
    type: 'Input.ChoiceSet',
    id: 'rating',
    label: ct(lang, 'sat.rating'),
    style: 'expanded',
    isRequired: true,
    errorMessage: ct(lang, 'sat.ratingRequired'),
    choices: RATINGS.map((r) => ({ title: ct(lang, `sat.r${r}`), value: r })),
    ...(view.values?.rating && (RATINGS as readonly string[]).includes(view.values.rating) ? { value: view.values.rating } : {}),
    spacing: 'medium',
  };
  const comment: CardInput = {
    type: 'Input.Text',
    id: 'comment',
    label: ct(lang, 'sat.comment'),
    placeholder: ct(lang, 'sat.commentPlaceholder'),
    isMultiline: true,
    maxLength: LIMITS.comment,
    ...(view.values?.comment ? { value: view.values.comment } : {}),
  };
  const body: CardElement[] = [
    heading(ct(lang, 'sat.heading')),
    text(ct(lang, 'sat.intro', { number: view.caseNumber }), { spacing: 'small' }),
    rating,
    ...(errors.rating ? [errorText(errors.rating, 'rating-error')] : []),
    comment,
    ...(errors.comment ? [errorText(errors.comment, 'comment-error')] : []),
  ];
  const ids = { caseNumber: view.caseNumber, ...(view.resolution !== undefined ? { resolution: view.resolution } : {}) };
  return card(body, [verbAction(mode, 'case.satisfaction', ct(lang, 'sat.send'), ids, { style: 'positive' })]);
}
