import { randomUUID } from 'node:crypto';
import { cardMessage } from './cardMessage';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import {
  articlesCard,
  boundaryCard,
  parseCategoryChoice,
  presalesCard,
  triageSummaryCard,
  userHandoffCard,
  type ArticleView,
  type TriageView,
} from '../cards';
import { customerMaySetSeverity } from '../cases/policy';
import type { Tenant } from '../cases/directory';
import type { Outcome } from '../cases/outcomes';
import type { BoundarySubcategory, Lang, Severity, TopicId } from '../knowledge/labels';
import { SEVERITIES } from '../knowledge/labels';
import type { TriageResult } from '../knowledge/triage';
import { t } from '../bot/i18n';
import { askCard, CardPrompt, type CardAnswer, type CardPromptOptions } from './cardPrompt';
import { ESCALATION_DIALOG, escalationFor, type EscalationOptions } from './escalationDialog';
import type { DialogServices, Handoff } from './services';
import { session } from './session';

/**
 * One problem, from the person's description to where it ends: self-service articles first, then
 * the triage summary the person can correct, then by category (boundary, out of scope, pre-sales)
 * and, for billing and technical problems, by role: admins and partners escalate, users hand the
 * problem to their admins, visitors are told who can help.
 */
export const PROBLEM_DIALOG = 'problem';
const FLOW = 'problem.flow';
const ARTICLE_PROMPT = 'problem.articles';
const TRIAGE_PROMPT = 'problem.triage';
const HANDOFF_PROMPT = 'problem.handoff';
const TENANT_PROMPT = 'problem.tenant';

/** The most articles offered at once, and how sure the model must be of the ones after the first. */
const MAX_ARTICLES = 3;
const SECOND_ARTICLE_MIN_CONFIDENCE = 0.35;

export interface ProblemOptions {
  text: string;
}

/** What the flow remembers between turns (stored in dialog state: plain JSON). */
interface ProblemState {
  text: string;
  lang: Lang;
  triage: TriageView;
  topic: TopicId | null;
  offered: TopicId[];
  stepId: string;
  handoffId?: string;
  partnerTenants?: { id: string; name: string }[];
}


function triageView(result: TriageResult): TriageView {
  return {
    category: result.category.label,
    subcategory: result.subcategory.label,
    severity: result.severity.label,
    reasons: result.severity.reasons,
  };
}

export class ProblemDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(PROBLEM_DIALOG);
    this.addDialog(new CardPrompt(ARTICLE_PROMPT));
    this.addDialog(new CardPrompt(TRIAGE_PROMPT));
    this.addDialog(new CardPrompt(HANDOFF_PROMPT));
    this.addDialog(new CardPrompt(TENANT_PROMPT));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.understand.bind(this),
        this.afterArticles.bind(this),
        this.afterTriage.bind(this),
        this.afterRouting.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private state(step: WaterfallStepContext): ProblemState {
    return step.values as ProblemState;
  }

  private async record(context: TurnContext, outcome: Outcome, s: ProblemState, caseNumber?: string): Promise<void> {
    const info = session(context);
    await this.services.outcomes.record({
      outcome,
      channelId: info.channelId,
      tenantId: info.identity.tenant?.id ?? info.identity.partner?.id,
      role: info.identity.role,
      lang: s.lang,
      category: s.triage.category,
      subcategory: s.triage.subcategory,
      severity: s.triage.severity,
      topic: s.topic,
      caseNumber: caseNumber ?? null,
    });
  }

  private articleView(topic: TopicId, lang: Lang): ArticleView | undefined {
    const article = this.services.article(topic, lang);
    return article && { id: topic, title: article.title, summary: article.summary, steps: article.steps };
  }

  /** Step 1: understand the message; offer articles when one is good enough. */
  private async understand(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { text } = step.options as ProblemOptions;
    const info = session(step.context);
    const result = this.services.triage.analyze(text, { fallbackLang: info.lang });
    // Answer in the language of the problem when it is clear, else the person's language.
    const lang = result.langConfidence >= 0.8 ? result.lang : info.lang;
    const s = this.state(step);
    Object.assign(s, { text, lang, triage: triageView(result), topic: result.confidentTopic, offered: [], stepId: randomUUID() } satisfies ProblemState);

    const category = result.category.label;
    if (category === 'out-of-scope') {
      await step.context.sendActivity(t(lang, 'outOfScope'));
      await this.record(step.context, 'out-of-scope', s);
      return step.endDialog();
    }
    if (category === 'boundary') return this.routeBoundary(step, s);
    if (category === 'presales') return this.routePresales(step, s);

    if (!result.confidentTopic) {
      await step.context.sendActivity(t(lang, 'noArticle'));
      return step.next({ verb: 'article.notSolved', data: {}, typed: false } satisfies CardAnswer);
    }
    const topics = [result.confidentTopic, ...result.topics.filter((h) => h.topic !== result.confidentTopic && h.confidence >= SECOND_ARTICLE_MIN_CONFIDENCE).map((h) => h.topic)];
    const views = topics.map((topic) => this.articleView(topic, lang)).filter((v): v is ArticleView => !!v).slice(0, MAX_ARTICLES);
    s.offered = views.map((v) => v.id);
    const card = articlesCard({ articles: views, stepId: s.stepId }, { lang, actions: 'submit' });
    const options: CardPromptOptions = {
      prompt: cardMessage(card, t(lang, 'articles.intro')),
      retryPrompt: MessageFactory.text(t(lang, 'prompt.retry')),
      cardChoices: [
        { verb: 'article.solved', titles: ['This solved it', 'Solved', 'Problème résolu', 'Résolu', 'Ça a résolu le problème'], yesNo: true },
        { verb: 'article.notSolved', titles: ['Not solved', 'Pas résolu', 'Non résolu'], yesNo: false },
        { verb: 'article.contact', titles: ['Contact support', 'Contacter le support'] },
      ],
    };
    return askCard(step, ARTICLE_PROMPT, options);
  }

  /** Step 2: solved ends here; anything else goes to the triage summary. */
  private async afterArticles(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    const answer = step.result as CardAnswer;
    if (answer.verb === 'article.solved') {
      const solvedTopic = typeof answer.data.topicId === 'string' && s.offered.includes(answer.data.topicId as TopicId) ? (answer.data.topicId as TopicId) : s.topic;
      s.topic = solvedTopic;
      await step.context.sendActivity(t(s.lang, 'solved'));
      await this.record(step.context, 'solved-by-article', s);
      return step.endDialog();
    }
    const info = session(step.context);
    const tenant = info.identity.tenant;
    const severityEditable = !!tenant && info.identity.role === 'admin' && customerMaySetSeverity(this.services.policy, tenant.elevatedSupport);
    const card = triageSummaryCard({ triage: s.triage, severityEditable, stepId: s.stepId }, { lang: s.lang, actions: 'submit' });
    return askCard(step, TRIAGE_PROMPT, {
      prompt: cardMessage(card, t(s.lang, 'triage.intro')),
      retryPrompt: MessageFactory.text(t(s.lang, 'prompt.retry')),
      cardChoices: [
        { verb: 'triage.confirm', titles: ['Confirm', 'Confirmer'], yesNo: true },
        { verb: 'triage.cancel', titles: ['Cancel', 'Annuler'], yesNo: false },
      ],
    } satisfies CardPromptOptions);
  }

  /** Step 3: apply the person's corrections, then route by category and role. */
  private async afterTriage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    const answer = step.result as CardAnswer;
    if (answer.verb === 'triage.cancel') {
      await step.context.sendActivity(t(s.lang, 'triage.cancelled'));
      await this.record(step.context, 'abandoned', s);
      return step.endDialog();
    }
    this.applyCorrections(step.context, s, answer.data);
    const category = s.triage.category;
    if (category === 'out-of-scope') {
      await step.context.sendActivity(t(s.lang, 'outOfScope'));
      await this.record(step.context, 'out-of-scope', s);
      return step.endDialog();
    }
    if (category === 'boundary') return this.routeBoundary(step, s);
    if (category === 'presales') return this.routePresales(step, s);
    return this.routeByRole(step, s);
  }

  /** Category is always correctable; severity only where the policy lets the customer set it. */
  private applyCorrections(context: TurnContext, s: ProblemState, data: Record<string, unknown>): void {
    const choice = parseCategoryChoice(data.category);
    if (choice && (choice.category !== s.triage.category || choice.subcategory !== s.triage.subcategory)) {
      s.triage = { ...s.triage, category: choice.category, subcategory: choice.subcategory };
      if (choice.category !== 'technical') s.triage = { ...s.triage, severity: null, reasons: [] };
      else if (!s.triage.severity) s.triage = { ...s.triage, severity: 'C', reasons: [] };
    }
    const info = session(context);
    const tenant = info.identity.tenant;
    const editable = !!tenant && info.identity.role === 'admin' && customerMaySetSeverity(this.services.policy, tenant.elevatedSupport);
    if (editable && s.triage.category === 'technical' && (SEVERITIES as readonly unknown[]).includes(data.severity)) {
      s.triage = { ...s.triage, severity: data.severity as Severity };
    }
  }

  private async routeBoundary(step: WaterfallStepContext, s: ProblemState): Promise<DialogTurnResult> {
    const sub = (s.triage.subcategory ?? 'third-party') as BoundarySubcategory;
    const boundary = this.services.policy.boundaries[sub] ?? this.services.policy.boundaries['third-party'];
    const article = this.articleView(`support.${boundaryTopic(sub)}` as TopicId, s.lang);
    const card = boundaryCard(
      {
        title: boundary.label[s.lang],
        explanation: article?.summary ?? boundary.route[s.lang],
        whereToGo: boundary.route[s.lang],
        link: boundary.link ?? null,
      },
      { lang: s.lang },
    );
    await step.context.sendActivity(cardMessage(card, t(s.lang, 'boundary.intro')));
    await this.record(step.context, 'boundary-routed', s);
    return step.endDialog();
  }

  private async routePresales(step: WaterfallStepContext, s: ProblemState): Promise<DialogTurnResult> {
    const info = session(step.context);
    const topic = s.topic && (s.topic.startsWith('presales.') || s.topic === 'billing.trial-signup' || s.topic.startsWith('support.')) ? s.topic : null;
    const hours = this.services.policy.presalesHours;
    const zone = info.identity.tenant?.timeZone;
    const card = presalesCard(
      {
        article: topic ? (this.articleView(topic, s.lang) ?? null) : null,
        contact: {},
        hours: { hours: hours.hours, days: hours.days, holidays: hours.holidays },
        visitorTimeZone: zone,
      },
      { lang: s.lang },
    );
    await step.context.sendActivity(cardMessage(card, t(s.lang, 'presales.intro')));
    await this.record(step.context, 'presales-answered', s);
    return step.endDialog();
  }

  private tried(s: ProblemState): string[] {
    return s.offered.map((topic) => this.services.article(topic, s.lang)?.title).filter((x): x is string => !!x);
  }

  private escalationOptions(s: ProblemState, tenant: Tenant): EscalationOptions {
    return escalationFor({ tenantId: tenant.id, lang: s.lang, described: s.text, tried: this.tried(s), triage: s.triage, topic: s.topic });
  }

  private async routeByRole(step: WaterfallStepContext, s: ProblemState): Promise<DialogTurnResult> {
    const info = session(step.context);
    const { identity } = info;
    switch (identity.role) {
      case 'admin':
        return step.beginDialog(ESCALATION_DIALOG, this.escalationOptions(s, identity.tenant!));
      case 'partner-admin': {
        const tenants = identity.delegatedTenants;
        if (tenants.length === 0) {
          await step.context.sendActivity(t(s.lang, 'partner.noTenants'));
          await this.record(step.context, 'abandoned', s);
          return step.endDialog();
        }
        if (tenants.length === 1) return step.beginDialog(ESCALATION_DIALOG, this.escalationOptions(s, tenants[0]));
        s.partnerTenants = tenants.map((tn) => ({ id: tn.id, name: tn.name }));
        const list = s.partnerTenants.map((tn, i) => `${i + 1}. ${tn.name}`).join(' · ');
        return askCard(step, TENANT_PROMPT, {
          prompt: MessageFactory.text(t(s.lang, 'partner.chooseTenant', { choices: list })),
          retryPrompt: MessageFactory.text(t(s.lang, 'partner.chooseTenant', { choices: list })),
          cardChoices: s.partnerTenants.map((tn) => ({ verb: `tenant:${tn.id}`, titles: [tn.name, tn.id] })),
        } satisfies CardPromptOptions);
      }
      case 'user': {
        const tenant = identity.tenant;
        if (!tenant) {
          await step.context.sendActivity(t(s.lang, 'anonymous.signIn'));
          await this.record(step.context, 'handed-to-admin', s);
          return step.endDialog();
        }
        const handoff: Handoff = {
          id: randomUUID(),
          tenantId: tenant.id,
          requester: { id: identity.userId!, name: identity.person?.name ?? step.context.activity.from?.name ?? identity.userId!, email: identity.person?.email },
          askedAt: DateTime.utc().toISO()!,
          lang: s.lang,
          summary: { described: s.text, tried: this.tried(s), triage: { ...s.triage, reasons: [...s.triage.reasons] } } as Handoff['summary'],
        };
        await this.services.storage.write({ [`handoffs/${handoff.id}`]: handoff });
        s.handoffId = handoff.id;
        const card = userHandoffCard(
          { handoffId: handoff.id, tenantName: tenant.name, admins: tenant.admins.map((a) => ({ name: a.name, email: a.email })), summary: handoff.summary },
          { lang: s.lang, actions: 'submit' },
        );
        const lead = tenant.admins.length ? t(s.lang, 'user.adminsOnly', { tenant: tenant.name }) : t(s.lang, 'user.noAdmins', { tenant: tenant.name });
        if (!tenant.admins.length) {
          await step.context.sendActivity(cardMessage(card, lead));
          await this.record(step.context, 'handed-to-admin', s);
          return step.endDialog();
        }
        return askCard(step, HANDOFF_PROMPT, {
          prompt: cardMessage(card, lead),
          retryPrompt: MessageFactory.text(t(s.lang, 'prompt.retry')),
          cardChoices: [
            { verb: 'handoff.notifyAdmins', titles: ['Notify my admins', 'Prévenir mes administrateurs', 'notify', 'prévenir'], yesNo: true },
            { verb: 'handoff.decline', titles: ['No thanks', 'Non merci'], yesNo: false },
          ],
        } satisfies CardPromptOptions);
      }
      default:
        await step.context.sendActivity(t(s.lang, 'anonymous.signIn'));
        await this.record(step.context, 'handed-to-admin', s);
        return step.endDialog();
    }
  }

  /** Step 4: what the role branch asked (a partner's tenant, a user's handoff), or the case opened. */
  private async afterRouting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    const info = session(step.context);
    const answer = step.result as CardAnswer | { caseNumber?: string } | undefined;
    if (answer && 'verb' in answer) {
      if (answer.verb.startsWith('tenant:')) {
        const tenant = info.identity.delegatedTenants.find((tn) => `tenant:${tn.id}` === answer.verb);
        // The list offered came from the directory for this partner: a tenant outside it is refused.
        if (!tenant) return step.endDialog();
        return step.replaceDialog(ESCALATION_DIALOG, this.escalationOptions(s, tenant));
      }
      if (answer.verb === 'handoff.notifyAdmins') {
        const handoffId = String(answer.data.handoffId ?? s.handoffId);
        if (handoffId !== s.handoffId) return step.endDialog();
        const tenant = info.identity.tenant!;
        const handoff = (await this.services.storage.read([`handoffs/${handoffId}`]))[`handoffs/${handoffId}`] as Handoff;
        const reach = await this.services.notifyAdmins(tenant, handoff);
        const names = (list: string[]) => list.join(s.lang === 'fr' ? ' et ' : ' and ');
        if (reach.reached.length && reach.unreached.length) {
          await step.context.sendActivity(t(s.lang, 'handoff.partly', { reached: names(reach.reached), unreached: names(reach.unreached) }));
        } else if (reach.reached.length) {
          await step.context.sendActivity(t(s.lang, 'handoff.sent', { admins: names(reach.reached) }));
        } else {
          await step.context.sendActivity(t(s.lang, 'handoff.unreachable', { admins: names(reach.unreached) }));
        }
        await this.record(step.context, 'handed-to-admin', s);
        return step.endDialog();
      }
      if (answer.verb === 'handoff.decline') {
        await step.context.sendActivity(t(s.lang, 'handoff.notSent'));
        await this.record(step.context, 'handed-to-admin', s);
        return step.endDialog();
      }
    }
    const caseNumber = answer && 'caseNumber' in answer ? answer.caseNumber : undefined;
    await this.record(step.context, caseNumber ? 'escalated' : 'abandoned', s, caseNumber);
    return step.endDialog();
  }
}

function boundaryTopic(sub: BoundarySubcategory): string {
  return { network: 'network', 'third-party': 'third-party', scripting: 'scripts', developer: 'developers', 'volume-licensing': 'volume-licensing' }[sub];
}

