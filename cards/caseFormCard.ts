/**
 * The support request form, pre-filled from the conversation. Each error in `errors` is shown
 * right under its field (attention colour), so an invalid form is redrawn in place with what the
 * person typed (readCaseForm turns the submitted inputs back into values). The submit action
 * carries the `submissionKey`, so a double click opens one case.
 */
import { CONTACT_METHODS, LIMITS, type CaseCategory, type ContactMethod } from '../cases/model';
import { LANGS, SEVERITIES, type Lang, type Severity, type TechnicalSubcategory } from '../knowledge/labels';
import { verbAction, type ActionMode } from './actions';
import { card, clip, errorText, excerpt, heading, subtle, text } from './elements';
import { categoryChoices, categoryChoiceValue, parseCategoryChoice, severityChoices, severityText, TECHNICAL_CHOICES } from './format';
import { severityReasons } from './parts';
import { ct, type CardStringKey } from './strings';
import type { AdaptiveCardJson, CardElement, CardInput, LangOption } from './types';

export const CASE_FORM_FIELDS = [
  'title',
  'description',
  'category',
  'severity',
  'reachable247',
  'phone',
  'email',
  'preferred',
  'language',
  'timeZone',
] as const;
/** A form field; it is also the id of its input and the key of its value in the submitted data. */
export type CaseFormField = (typeof CASE_FORM_FIELDS)[number];
export type CaseFormErrors = Partial<Record<CaseFormField, string>>;

/** The form's text limits (the case model accepts longer descriptions; the form asks for less). */
export const CASE_FORM_LIMITS = { title: LIMITS.title, description: 4000 } as const;

/** A redrawn form keeps what was typed, up to these lengths (so the card stays under 28 KB). */
const REDRAW_MAX = { title: 400, description: 5000, short: 300 } as const;

const PHONE_PATTERN = '^\\+?[0-9 ().-]{5,30}$';

export interface CaseFormValues {
  title: string;
  description: string;
  category: CaseCategory;
  /** Required for technical, null otherwise. */
  subcategory: TechnicalSubcategory | null;
  severity: Severity;
  /** "Someone can be reached 24/7" (asked when the severity is editable; required for A). */
  reachable247: boolean;
  phone: string;
  email: string;
  preferred: ContactMethod;
  language: Lang;
  /** IANA time zone, pre-filled with the tenant's. */
  timeZone: string;
}

export interface CaseFormView {
  /** Chosen once per form by the dialog; sent with the submission (the case service's clientKey). */
  submissionKey: string;
  values: CaseFormValues;
  /** Why the assistant assessed the severity so. */
  severityReasons: readonly string[];
  /** True only with elevated support (the policy decides). */
  severityEditable: boolean;
}

export interface CaseFormOptions extends LangOption {
  actions: ActionMode;
  /** One message per field, shown under the field. */
  errors?: CaseFormErrors;
}

export const CASE_CATEGORY_CHOICES = [{ category: 'billing' as const, subcategory: null }, ...TECHNICAL_CHOICES];

function withError(input: CardInput, error: string | undefined): CardElement[] {
  return error ? [input, errorText(excerpt(error, 300), `${input.id}-error`)] : [input];
}

export function caseFormCard(view: CaseFormView, options: CaseFormOptions): AdaptiveCardJson {
  const { lang, actions: mode } = options;
  const errors = options.errors ?? {};
  const v = view.values;
  const body: CardElement[] = [heading(ct(lang, 'form.heading')), text(ct(lang, 'form.intro'), { spacing: 'small' })];
  if (Object.values(errors).some((e) => e)) body.push(text(ct(lang, 'form.hasErrors'), { color: 'attention', weight: 'bolder' }));

  body.push(
    ...withError(
      {
        type: 'Input.Text',
        id: 'title',
        label: ct(lang, 'form.title'),
        value: clip(v.title, REDRAW_MAX.title),
        placeholder: ct(lang, 'form.titlePlaceholder'),
        maxLength: CASE_FORM_LIMITS.title,
        isRequired: true,
        errorMessage: ct(lang, 'form.titleRequired'),
        spacing: 'medium',
      },
      errors.title,
    ),
    ...withError(
      {
        type: 'Input.Text',
        id: 'description',
        label: ct(lang, 'form.description'),
        value: clip(v.description, REDRAW_MAX.description),
        placeholder: ct(lang, 'form.descriptionPlaceholder'),
        isMultiline: true,
        maxLength: CASE_FORM_LIMITS.description,
        isRequired: true,
        errorMessage: ct(lang, 'form.descriptionRequired'),
      },
      errors.description,
    ),
    ...withError(
      {
        type: 'Input.ChoiceSet',
        id: 'category',
        label: ct(lang, 'field.category'),
        style: 'compact',
        choices: categoryChoices(lang, CASE_CATEGORY_CHOICES, { category: v.category, subcategory: v.subcategory }),
        value: categoryChoiceValue(v.category, v.subcategory),
        isRequired: true,
        errorMessage: ct(lang, 'form.categoryRequired'),
      },
      errors.category,
    ),
  );

  if (view.severityEditable) {
    body.push(
      ...withError(
        {
          type: 'Input.ChoiceSet',
          id: 'severity',
          label: ct(lang, 'field.severity'),
          style: 'compact',
          choices: severityChoices(lang),
          value: v.severity,
          isRequired: true,
          errorMessage: ct(lang, 'form.severityRequired'),
        },
        errors.severity,
      ),
      ...severityReasons(lang, view.severityReasons),
      ...withError(
        {
          type: 'Input.Toggle',
          id: 'reachable247',
          label: ct(lang, 'form.reachableLabel'),
          title: ct(lang, 'form.reachableTitle'),
          value: v.reachable247 ? 'true' : 'false',
          valueOn: 'true',
          valueOff: 'false',
          // The card cannot react to the choice above: required when A is the current value, and the
          // server checks it again (an A without it is redrawn with an error here).
          isRequired: v.severity === 'A',
          errorMessage: ct(lang, 'form.reachableRequired'),
        },
        errors.reachable247,
      ),
    );
    if (v.severity !== 'A') body.push(subtle(ct(lang, 'form.reachableNote')));
  } else {
    body.push(
      text(ct(lang, 'field.severity'), { weight: 'bolder', spacing: 'medium' }),
      text(ct(lang, 'severity.assessed', { severity: severityText(lang, v.severity) }), { spacing: 'small' }),
      ...(errors.severity ? [errorText(errors.severity, 'severity-error')] : []),
      ...severityReasons(lang, view.severityReasons),
    );
  }

  body.push(
    ...withError(
      {
        type: 'Input.Text',
        id: 'phone',
        label: ct(lang, 'form.phone'),
        style: 'tel',
        value: clip(v.phone, REDRAW_MAX.short),
        maxLength: 30,
        regex: PHONE_PATTERN,
        errorMessage: ct(lang, 'form.phoneInvalid'),
        spacing: 'medium',
      },
      errors.phone,
    ),
    ...withError(
      {
        type: 'Input.Text',
        id: 'email',
        label: ct(lang, 'form.email'),
        style: 'email',
        value: clip(v.email, REDRAW_MAX.short),
        maxLength: 254,
        errorMessage: ct(lang, 'form.emailInvalid'),
      },
      errors.email,
    ),
    ...withError(
      {
        type: 'Input.ChoiceSet',
        id: 'preferred',
        label: ct(lang, 'form.preferred'),
        style: 'compact',
        choices: CONTACT_METHODS.map((m) => ({ title: ct(lang, `contact.${m}` as CardStringKey), value: m })),
        value: v.preferred,
        isRequired: true,
        errorMessage: ct(lang, 'form.preferredRequired'),
      },
      errors.preferred,
    ),
    ...withError(
      {
        type: 'Input.ChoiceSet',
        id: 'language',
        label: ct(lang, 'form.language'),
        style: 'compact',
        choices: LANGS.map((l) => ({ title: ct(lang, `lang.${l}` as CardStringKey), value: l })),
        value: v.language,
        isRequired: true,
        errorMessage: ct(lang, 'form.languageRequired'),
      },
      errors.language,
    ),
    ...withError(
      {
        type: 'Input.Text',
        id: 'timeZone',
        label: ct(lang, 'form.timeZone'),
        value: clip(v.timeZone, REDRAW_MAX.short),
        placeholder: ct(lang, 'form.timeZonePlaceholder'),
        maxLength: 64,
        isRequired: true,
        errorMessage: ct(lang, 'form.timeZoneRequired'),
      },
      errors.timeZone,
    ),
  );

  return card(body, [
    verbAction(mode, 'case.submit', ct(lang, 'form.submit'), { submissionKey: view.submissionKey }, { style: 'positive' }),
    verbAction(mode, 'case.cancelForm', ct(lang, 'common.cancel'), { submissionKey: view.submissionKey }, { inputs: 'none' }),
  ]);
}

/**
 * The form values from what the client sent back (Action.Execute data or Action.Submit value),
 * over the previous values: texts as typed, choices only when they are valid choices. Nothing is
 * validated here: the case service does that, and its errors go back into `errors`.
 */
export function readCaseForm(submitted: Record<string, unknown>, previous: CaseFormValues, severityEditable: boolean): CaseFormValues {
  const str = (key: CaseFormField, fallback: string) => (typeof submitted[key] === 'string' ? (submitted[key] as string) : fallback);
  const next: CaseFormValues = { ...previous };
  next.title = str('title', previous.title);
  next.description = str('description', previous.description);
  next.phone = str('phone', previous.phone);
  next.email = str('email', previous.email);
  next.timeZone = str('timeZone', previous.timeZone);
  const category = parseCategoryChoice(submitted.category);
  if (category && (category.category === 'billing' || category.category === 'technical')) {
    next.category = category.category;
    next.subcategory = category.subcategory as TechnicalSubcategory | null;
  }
  if (severityEditable && (SEVERITIES as readonly unknown[]).includes(submitted.severity)) next.severity = submitted.severity as Severity;
  if ((CONTACT_METHODS as readonly unknown[]).includes(submitted.preferred)) next.preferred = submitted.preferred as ContactMethod;
  if ((LANGS as readonly unknown[]).includes(submitted.language)) next.language = submitted.language as Lang;
  if (severityEditable && 'reachable247' in submitted) next.reachable247 = submitted.reachable247 === 'true' || submitted.reachable247 === true;
  return next;
}
