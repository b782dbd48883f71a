/**
 * What the assistant understood: category, subcategory, severity with its reasons. The person can
 * correct the category (always) and the severity (only when `severityEditable`, i.e. elevated
 * support); otherwise the severity is shown read-only as assessed by the assistant.
 * Confirm sends `category` (a category choice value, see parseCategoryChoice) and, when editable,
 * `severity` ("A" | "B" | "C").
 */
import { verbAction, type ActionMode } from './actions';
import { card, heading, subtle, text } from './elements';
import { categoryChoices, categoryChoiceValue, severityChoices, severityText, TECHNICAL_CHOICES } from './format';
import { severityReasons, type TriageView } from './parts';
import { ct } from './strings';
import type { AdaptiveCardJson, CardElement, FactSet, LangOption } from './types';

export interface TriageSummaryView {
  triage: TriageView;
  /** True when the customer may set the severity (elevated support): the policy decides, the dialog passes it. */
  severityEditable: boolean;
  stepId: string;
}

export interface TriageSummaryOptions extends LangOption {
  actions: ActionMode;
}

/** Categories a person can pick when correcting the triage. */
export const TRIAGE_CATEGORY_CHOICES = [
  { category: 'presales' as const, subcategory: null },
  { category: 'billing' as const, subcategory: null },
  ...TECHNICAL_CHOICES,
];

export function triageSummaryCard(view: TriageSummaryView, options: TriageSummaryOptions): AdaptiveCardJson {
  const { lang, actions: mode } = options;
  const { triage } = view;
  const editSeverity = view.severityEditable && triage.severity !== null;
  const body: CardElement[] = [
    heading(ct(lang, 'triage.heading')),
    text(ct(lang, editSeverity ? 'triage.introSeverity' : 'triage.intro'), { spacing: 'small' }),
    {
      type: 'Input.ChoiceSet',
      id: 'category',
      label: ct(lang, 'triage.categoryLabel'),
      style: 'compact',
      isRequired: true,
      errorMessage: ct(lang, 'triage.categoryRequired'),
      choices: categoryChoices(lang, TRIAGE_CATEGORY_CHOICES, triage),
      value: categoryChoiceValue(triage.category, triage.subcategory),
      spacing: 'medium',
    },
  ];
  if (triage.severity) {
    if (editSeverity) {
      body.push(
        {
          type: 'Input.ChoiceSet',
          id: 'severity',
          label: ct(lang, 'triage.severityLabel'),
          style: 'compact',
          isRequired: true,
          errorMessage: ct(lang, 'triage.severityRequired'),
          choices: severityChoices(lang),
          value: triage.severity,
          spacing: 'medium',
        },
        subtle(ct(lang, 'triage.severityEditable')),
      );
    } else {
      const fact: FactSet = {
        type: 'FactSet',
        spacing: 'medium',
        facts: [{ title: ct(lang, 'field.severity'), value: ct(lang, 'severity.assessed', { severity: severityText(lang, triage.severity) }) }],
      };
      body.push(fact);
    }
    body.push(...severityReasons(lang, triage.reasons));
  }
  return card(body, [
    verbAction(mode, 'triage.confirm', ct(lang, 'common.confirm'), { stepId: view.stepId }, { style: 'positive' }),
    verbAction(mode, 'triage.cancel', ct(lang, 'common.cancel'), { stepId: view.stepId }, { inputs: 'none' }),
  ]);
}
