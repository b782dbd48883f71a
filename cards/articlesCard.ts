/**
 * Up to three self-service articles: title, summary, the numbered steps behind a "Show steps"
 * toggle (Action.ToggleVisibility works in Teams and Web Chat), "This solved it" per article, and
 * "Not solved" / "Contact support" for the card.
 */
import type { TopicId } from '../knowledge/labels';
import { verbAction, type ActionMode } from './actions';
import { actionSet, card, container, excerpt, heading, text } from './elements';
import { ct } from './strings';
import type { AdaptiveCardJson, CardAction, CardElement, LangOption } from './types';

/** One article; a knowledge/articles.ts `Article` fits (plus an optional link). */
export interface ArticleView {
  id: TopicId;
  title: string;
  summary: string;
  /** Numbered steps, one markdown string each, without the number. */
  steps: readonly string[];
  /** Where the full article lives, when it has a page. */
  url?: string;
}

export interface ArticlesCardView {
  /** Best first; only the first three are shown. */
  articles: readonly ArticleView[];
  /** The conversation step the card belongs to (so a late click on an old card can be recognised). */
  stepId: string;
}

export interface ArticlesCardOptions extends LangOption {
  actions: ActionMode;
}

export const MAX_ARTICLES = 3;
/** Limits that keep three articles under 28 KB; the articles themselves are much shorter. */
const MAX_STEPS = 12;
const MAX_STEP_CHARS = 600;
const MAX_STEPS_CHARS = 2500;

/** The steps to show, within the per-article budget (a cut step ends with "…"). */
function budgetedSteps(steps: readonly string[]): string[] {
  const out: string[] = [];
  let left = MAX_STEPS_CHARS;
  for (const step of steps.slice(0, MAX_STEPS)) {
    if (left <= 1) break;
    const shown = excerpt(step, Math.min(MAX_STEP_CHARS, left));
    out.push(shown);
    left -= Array.from(shown).length;
  }
  return out;
}

/** The article itself (title, summary, steps toggle, link), without feedback buttons. */
export function articleBlock(view: ArticleView, index: number, lang: ArticlesCardOptions['lang'], extra: CardAction[] = []): CardElement[] {
  const stepsId = `steps-${index}`;
  const steps = budgetedSteps(view.steps);
  const buttons: CardAction[] = [];
  if (steps.length) buttons.push({ type: 'Action.ToggleVisibility', title: ct(lang, 'articles.showSteps'), targetElements: [stepsId] });
  if (view.url) buttons.push({ type: 'Action.OpenUrl', title: ct(lang, 'articles.readMore'), url: view.url });
  buttons.push(...extra);
  const items: CardElement[] = [
    text(excerpt(view.title, 200), { weight: 'bolder', size: 'medium', spacing: index === 0 ? 'default' : 'large', separator: index > 0 }),
    text(excerpt(view.summary, 500), { spacing: 'small' }),
  ];
  if (steps.length) {
    items.push(
      container(
        steps.map((step, i) => text(`${i + 1}. ${step}`, { spacing: 'small' })),
        { id: stepsId, isVisible: false, style: 'emphasis', spacing: 'small' },
      ),
    );
  }
  if (buttons.length) items.push(actionSet(buttons, { spacing: 'small' }));
  return items;
}

export function articlesCard(view: ArticlesCardView, options: ArticlesCardOptions): AdaptiveCardJson {
  const { lang, actions: mode } = options;
  const shown = view.articles.slice(0, MAX_ARTICLES);
  const topicIds = shown.map((a) => a.id);
  const best = topicIds[0] ?? null;
  const body: CardElement[] = [];
  if (!shown.length) {
    body.push(text(ct(lang, 'articles.none')));
  } else {
    body.push(heading(ct(lang, shown.length === 1 ? 'articles.headingOne' : 'articles.headingMany')));
    shown.forEach((article, i) => {
      const solved = verbAction(mode, 'article.solved', ct(lang, 'articles.solved'), { topicId: article.id, stepId: view.stepId }, { style: 'positive', inputs: 'none' });
      body.push(...articleBlock(article, i, lang, [solved]));
    });
    body.push(text(ct(lang, 'articles.ask'), { spacing: 'large', separator: true }));
  }
  const footer: CardAction[] = [];
  if (shown.length) {
    footer.push(verbAction(mode, 'article.notSolved', ct(lang, 'articles.notSolved'), { topicId: best, topicIds, stepId: view.stepId }, { inputs: 'none' }));
  }
  footer.push(verbAction(mode, 'article.contact', ct(lang, 'articles.contact'), { topicId: best, topicIds, stepId: view.stepId }, { inputs: 'none' }));
  return card(body, footer);
}
