/** Adaptive Cards (schema 1.5) as pure functions: view model + options → card JSON. No botbuilder here. */
export { articlesCard, MAX_ARTICLES, type ArticleView, type ArticlesCardView, type ArticlesCardOptions } from './articlesCard';
export { triageSummaryCard, TRIAGE_CATEGORY_CHOICES, type TriageSummaryView, type TriageSummaryOptions } from './triageCard';
export { boundaryCard, type BoundaryCardView } from './boundaryCard';
export { presalesCard, presalesHoursText, type PresalesCardView, type PresalesHoursView } from './presalesCard';
export { userHandoffCard, type UserHandoffView, type UserHandoffOptions } from './handoffCard';
export { adminNotificationCard, type AdminNotificationView, type AdminNotificationOptions } from './adminNotificationCard';
export {
  caseFormCard,
  readCaseForm,
  CASE_FORM_FIELDS,
  CASE_FORM_LIMITS,
  CASE_CATEGORY_CHOICES,
  type CaseFormField,
  type CaseFormErrors,
  type CaseFormValues,
  type CaseFormView,
  type CaseFormOptions,
} from './caseFormCard';
export { caseCard, MAX_REFRESH_USERS, type CaseCardCase, type CaseCardView, type CaseViewer, type CaseCardOptions } from './caseCard';
export { caseListCard, type CaseListItem, type CaseListView, type CaseListOptions } from './caseListCard';
export { satisfactionCard, type SatisfactionView, type SatisfactionOptions } from './satisfactionCard';
export { verbAction, readCardAction, isCardVerb, CARD_VERBS, ACTION_MODES, type ActionMode, type CardVerb, type VerbData, type EngineerStatus, type ReceivedCardAction } from './actions';
export { parseCategoryChoice, categoryChoiceValue, formatInstant } from './format';
export type { TriageView, PersonView, ProblemSummary } from './parts';
export { ct, cardResources, type CardStringKey } from './strings';
export type { AdaptiveCardJson } from './types';
