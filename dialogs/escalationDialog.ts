import { randomUUID } from 'node:crypto';
import { cardMessage } from './cardMessage';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { caseCard, caseFormCard, formatInstant, readCaseForm, type CaseFormErrors, type CaseFormValues, type TriageView } from '../cards';
import type { Actor, SupportCase } from '../cases/model';
import { CaseError } from '../cases/errors';
import { isValidTimeZone, type Tenant } from '../cases/directory';
import { customerMaySetSeverity, describeObjective } from '../cases/policy';
import type { Lang, Severity, Subcategory, TopicId } from '../knowledge/labels';
import { t, type StringKey } from '../bot/i18n';
import { askCard, CardPrompt, type CardAnswer, type CardPromptOptions } from './cardPrompt';
import type { DialogServices } from './services';
import { session } from './session';

/**
 * Opening a request: a form pre-filled from the conversation and the directory; the submitted
 * values are validated (zod, then the case service's own rules) and an invalid form is redrawn in
 * place with the errors beside the fields. The form's submission key makes a double click open one
 * case. Ends with the case card and returns `{ caseNumber }`.
 */
export const ESCALATION_DIALOG = 'escalation';
const FLOW = 'escalation.flow';
const FORM_PROMPT = 'escalation.form';

export interface EscalationOptions {
  tenantId: string;
  lang: Lang;
  title: string;
  description: string;
  tried: string[];
  category: 'billing' | 'technical';
  subcategory: Subcategory | null;
  severity: Severity;
  reasons: string[];
  topic: TopicId | null;
  /** Set when the form is redrawn. */
  form?: { submissionKey: string; values: CaseFormValues; errors?: CaseFormErrors; activityId?: string };
}

/** A problem as the conversation knows it, from a person's own description or a user's handoff. */
export interface ProblemForEscalation {
  tenantId: string;
  lang: Lang;
  described: string;
  /** Titles of the articles already tried. */
  tried: readonly string[];
  triage: TriageView;
  topic: TopicId | null;
  /** Who reported it, when an admin escalates a user's handoff. */
  reportedBy?: string;
}

function firstSentence(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const cut = line.split(/(?<=[.!?])\s/)[0] ?? line;
  return cut.length > max ? `${cut.slice(0, max - 1)}…` : cut;
}

/** Where the escalation form starts from: the title, description and triage of the problem. */
export function escalationFor(p: ProblemForEscalation): EscalationOptions {
  const description = p.reportedBy ? `${p.described}\n\n${t(p.lang, 'escalation.reportedBy', { name: p.reportedBy })}` : p.described;
  return {
    tenantId: p.tenantId,
    lang: p.lang,
    title: firstSentence(p.described),
    description,
    tried: [...p.tried],
    category: p.triage.category === 'billing' ? 'billing' : 'technical',
    subcategory: p.triage.category === 'technical' ? (p.triage.subcategory ?? 'usage') : null,
    severity: p.triage.severity ?? 'C',
    reasons: [...p.triage.reasons],
    topic: p.topic,
  };
}

/** The form as the person filled it, validated field by field so each error lands beside its field. */
function formErrors(values: CaseFormValues, severityEditable: boolean, lang: Lang): CaseFormErrors {
  const errors: CaseFormErrors = {};
  const say = (key: StringKey) => t(lang, key);
  if (!z.string().trim().min(5).max(200).safeParse(values.title).success) errors.title = say('form.error.title');
  if (!z.string().trim().min(10).max(4000).safeParse(values.description).success) errors.description = say('form.error.description');
  const email = values.email.trim();
  const phone = values.phone.trim();
  if (email && !z.email().max(254).safeParse(email).success) errors.email = say('form.error.email');
  if (phone && !/^\+?[0-9 ().-]{5,30}$/.test(phone)) errors.phone = say('form.error.phone');
  if (values.preferred === 'phone' && !phone) errors.phone = say('form.error.needPhone');
  if (values.preferred === 'email' && !email) errors.email = say('form.error.needEmail');
  if (!isValidTimeZone(values.timeZone.trim())) errors.timeZone = say('form.error.timeZone');
  if (severityEditable && values.severity === 'A' && !values.reachable247) errors.reachable247 = say('form.error.reachable');
  return errors;
}


export class EscalationDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(ESCALATION_DIALOG);
    this.addDialog(new CardPrompt(FORM_PROMPT));
    this.addDialog(new WaterfallDialog(FLOW, [this.showForm.bind(this), this.submit.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async tenant(id: string): Promise<Tenant> {
    const found = (await this.services.directory.getTenant(id))?.value;
    if (!found) throw new Error(`tenant ${id} vanished from the directory`);
    return found;
  }

  private severityEditable(tenant: Tenant): boolean {
    return customerMaySetSeverity(this.services.policy, tenant.elevatedSupport);
  }

  private initialValues(context: TurnContext, o: EscalationOptions, tenant: Tenant): CaseFormValues {
    const person = session(context).identity.person;
    const description = o.tried.length ? `${o.description}\n\n${t(o.lang, 'escalation.alreadyTried', { titles: o.tried.join('; ') })}` : o.description;
    return {
      title: o.title,
      description: description.slice(0, 4000),
      category: o.category,
      subcategory: o.category === 'technical' ? ((o.subcategory as CaseFormValues['subcategory']) ?? 'usage') : null,
      severity: o.severity,
      reachable247: false,
      phone: person?.phone ?? '',
      email: person?.email ?? '',
      preferred: person?.email ? 'email' : person?.phone ? 'phone' : 'chat',
      language: o.lang,
      timeZone: tenant.timeZone,
    };
  }

  private async showForm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as EscalationOptions;
    const tenant = await this.tenant(o.tenantId);
    const form = o.form ?? { submissionKey: randomUUID(), values: this.initialValues(step.context, o, tenant) };
    const card = caseFormCard(
      { submissionKey: form.submissionKey, values: form.values, severityReasons: o.reasons, severityEditable: this.severityEditable(tenant) },
      { lang: o.lang, actions: 'submit', errors: form.errors },
    );
    let activityId = form.activityId;
    if (form.errors && activityId) {
      // Redraw in place: the person keeps what they typed, and the errors sit beside the fields.
      await step.context.updateActivity({ ...cardMessage(card), id: activityId });
      await step.context.sendActivity(t(o.lang, 'form.invalid'));
    } else {
      const sent = await step.context.sendActivity(cardMessage(card, t(o.lang, 'form.intro')));
      activityId = sent?.id;
    }
    (step.values as { form: EscalationOptions['form'] }).form = { ...form, activityId };
    return askCard(step, FORM_PROMPT, {
      retryPrompt: MessageFactory.text(t(o.lang, 'prompt.retry')),
      cardChoices: [
        { verb: 'case.submit', titles: ['Send the request', 'Envoyer la demande', 'Submit', 'Send', 'Envoyer'], yesNo: true },
        { verb: 'case.cancelForm', titles: ['Cancel', 'Annuler'], yesNo: false },
      ],
    } satisfies CardPromptOptions);
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as EscalationOptions;
    const form = (step.values as { form: NonNullable<EscalationOptions['form']> }).form;
    const answer = step.result as CardAnswer;
    if (answer.verb === 'case.cancelForm') {
      await step.context.sendActivity(t(o.lang, 'form.cancelled'));
      return step.endDialog({});
    }
    if (!answer.typed && answer.data.submissionKey !== form.submissionKey) {
      // A button from an older form of this flow: show the current one again.
      return step.replaceDialog(ESCALATION_DIALOG, { ...o, form: { ...form, errors: {} } });
    }
    const tenant = await this.tenant(o.tenantId);
    const editable = this.severityEditable(tenant);
    const values = answer.typed ? form.values : readCaseForm(answer.data, form.values, editable);
    const errors = formErrors(values, editable, o.lang);
    if (Object.keys(errors).length) return step.replaceDialog(ESCALATION_DIALOG, { ...o, form: { ...form, values, errors } });

    const info = session(step.context);
    const actor: Actor =
      info.identity.role === 'partner-admin'
        ? { kind: 'partner-admin', userId: info.identity.userId!, tenantId: info.identity.partner?.id }
        : { kind: 'admin', userId: info.identity.userId!, tenantId: tenant.id };
    let opened: SupportCase;
    try {
      opened = await this.services.cases.open(actor, {
        clientKey: form.submissionKey,
        tenantId: tenant.id,
        category: values.category,
        subcategory: values.category === 'technical' ? (values.subcategory ?? 'usage') : null,
        severity: o.severity,
        severityReasons: o.reasons,
        requestedSeverity: editable ? values.severity : undefined,
        title: values.title.trim(),
        description: values.description.trim(),
        contact: {
          name: info.identity.person?.name ?? info.identity.userId!,
          email: values.email.trim() || undefined,
          phone: values.phone.trim() || undefined,
          preferred: values.preferred,
        },
        language: values.language,
        timeZone: values.timeZone.trim(),
      } as never);
    } catch (err) {
      if (err instanceof CaseError && err.code !== 'forbidden') {
        const field = /phone/.test(err.message) ? 'phone' : /email/.test(err.message) ? 'email' : /time zone/.test(err.message) ? 'timeZone' : 'description';
        return step.replaceDialog(ESCALATION_DIALOG, { ...o, form: { ...form, values, errors: { [field]: t(o.lang, 'form.error.other', { reason: err.message }) } } });
      }
      throw err;
    }
    await sendCaseCard(step.context, this.services, opened, tenant, o.lang);
    await this.services.onCaseOpened?.(opened);
    return step.endDialog({ caseNumber: opened.number });
  }
}

/** The confirmation and the case card, remembered where it was posted so it can be updated. */
export async function sendCaseCard(context: TurnContext, services: DialogServices, c: SupportCase, tenant: Tenant, lang: Lang): Promise<void> {
  const info = session(context);
  const objective = describeObjective(c.objective, lang);
  const next = c.dueAt
    ? t(lang, 'case.next', { due: formatInstant(c.dueAt, tenant.timeZone, lang), objective })
    : t(lang, 'case.next.none', { objective });
  await context.sendActivity(t(lang, 'case.opened', { number: c.number, next }));
  const card = caseCard(
    {
      case: c,
      timeZone: tenant.timeZone,
      viewer: { role: 'admin', canReopen: false },
      refreshUserIds: info.caseActions === 'execute' && context.activity.from?.id ? [context.activity.from.id] : undefined,
    },
    { lang, actions: info.caseActions },
  );
  const sent = await context.sendActivity(cardMessage(card));
  if (sent?.id) await services.rememberCaseCard(c.number, info.referenceKey, sent.id, 'tenant');
}
