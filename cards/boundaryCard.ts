/**
 * A request support does not cover: why, and exactly where to go. Input is the policy's boundary
 * route in the user's language (policy.boundaries[id]: label → title, route → explanation/whereToGo).
 */
import { card, heading, label, subtle, text } from './elements';
import { ct } from './strings';
import type { AdaptiveCardJson, CardAction, LangOption } from './types';

export interface BoundaryCardView {
  /** e.g. "Your own network". */
  title: string;
  /** Why support does not cover it. */
  explanation: string;
  /** Who or what to turn to instead. */
  whereToGo: string;
  /** A page for it, or null when the route is a person or a team. */
  link: string | null;
}

export function boundaryCard(view: BoundaryCardView, options: LangOption): AdaptiveCardJson {
  const { lang } = options;
  const actions: CardAction[] = view.link ? [{ type: 'Action.OpenUrl', title: ct(lang, 'boundary.open'), url: view.link }] : [];
  return card(
    [
      subtle(ct(lang, 'boundary.kicker'), { spacing: 'none' }),
      heading(view.title),
      label(ct(lang, 'boundary.why')),
      text(view.explanation, { spacing: 'small' }),
      label(ct(lang, 'boundary.whereToGo')),
      text(view.whereToGo, { spacing: 'small' }),
      ...(view.link ? [text(view.link, { spacing: 'small', isSubtle: true })] : []),
    ],
    actions,
  );
}
