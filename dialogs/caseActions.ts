import type { TurnContext } from 'botbuilder';
import { cardMessage } from './cardMessage';
import { DateTime } from 'luxon';
import { caseCard, caseListCard, formatInstant, satisfactionCard, type AdaptiveCardJson, type CaseViewer, type ReceivedCardAction } from '../cards';
import type { Tenant } from '../cases/directory';
import { CaseError, CaseNotFoundError, ReopenWindowExpiredError } from '../cases/errors';
import { reopenDeadline, type Actor, type SupportCase } from '../cases/model';
import type { Lang } from '../knowledge/labels';
import { t, type StringKey } from '../bot/i18n';

const LOCALISED_CASE_ERRORS = ['too-long', 'invalid-transition', 'not-closed', 'not-resolved', 'already-rated', 'invalid-input'] as const;
import type { DialogServices } from './services';
import { session, type TurnSession } from './session';

/**
 * Case follow-up that needs no conversation flow: "my cases", "SR-000123", the buttons of case
 * cards (close, reopen, add details, the engineers' actions) and satisfaction. Who may do what is the
 * case service's decision; this module only turns the channel identity into an actor and the
 * answer into a message or a card.
 */
export type CaseActionResult =
  | { kind: 'done' }
  /** A reopen came too late: the caller offers a linked follow-up case. */
  | { kind: 'reopenExpired'; caseNumber: string; expiredAt: string }
  /** Teams universal actions: the card to show in place of the pressed one. */
  | { kind: 'card'; card: AdaptiveCardJson };

export function actorOf(s: TurnSession): Actor | undefined {
  const { identity } = s;
  switch (identity.role) {
    case 'admin':
      return { kind: 'admin', userId: identity.userId!, tenantId: identity.tenant!.id };
    case 'partner-admin':
      return { kind: 'partner-admin', userId: identity.userId!, tenantId: identity.partner?.id };
    case 'support-engineer':
      return { kind: 'support-engineer', userId: identity.userId! };
    default:
      return undefined;
  }
}

function adminsLine(s: TurnSession, lang: Lang): string {
  const admins = s.identity.tenant?.admins.map((a) => a.name) ?? [];
  return admins.length ? t(lang, 'case.adminsLine', { admins: admins.join(', ') }) : '';
}

export class CaseActions {
  constructor(private readonly services: DialogServices) {}

  private async tenantOf(c: SupportCase): Promise<Tenant | undefined> {
    return (await this.services.directory.getTenant(c.tenantId))?.value;
  }

  /** The viewer's buttons, as the server decides them. */
  viewerFor(s: TurnSession, c: SupportCase): CaseViewer {
    if (s.identity.role === 'support-engineer') return { role: 'support-engineer', isAssignee: c.assignee === s.identity.userId };
    if (s.identity.role === 'admin' || s.identity.role === 'partner-admin') {
      const canReopen =
        c.status === 'closed' && !!c.closedAt && reopenDeadline(c.closedAt, this.services.policy.cases.reopenWindow) > DateTime.utc();
      return { role: 'admin', canReopen };
    }
    return { role: 'reader' };
  }

  async cardFor(context: TurnContext, c: SupportCase): Promise<AdaptiveCardJson> {
    const s = session(context);
    const tenant = await this.tenantOf(c);
    return caseCard(
      {
        case: c,
        timeZone: tenant?.timeZone ?? 'UTC',
        viewer: this.viewerFor(s, c),
        refreshUserIds: s.caseActions === 'execute' && context.activity.from?.id ? [context.activity.from.id] : undefined,
      },
      { lang: s.lang, actions: s.caseActions },
    );
  }

  private async sendCard(context: TurnContext, c: SupportCase): Promise<void> {
    const s = session(context);
    const sent = await context.sendActivity(cardMessage(await this.cardFor(context, c)));
    if (sent?.id) await this.services.rememberCaseCard(c.number, s.referenceKey, sent.id, s.identity.role === 'support-engineer' ? 'support' : 'tenant');
  }

  /** Refuses people who may not see cases, telling them who can. Returns the actor otherwise. */
  private async caseActor(context: TurnContext): Promise<Actor | undefined> {
    const s = session(context);
    const actor = actorOf(s);
    if (actor) return actor;
    await context.sendActivity(
      s.identity.role === 'anonymous' ? t(s.lang, 'anonymous.signIn') : t(s.lang, 'case.forbidden', { adminsLine: adminsLine(s, s.lang) }).trim(),
    );
    return undefined;
  }

  async listCases(context: TurnContext): Promise<void> {
    const s = session(context);
    const actor = await this.caseActor(context);
    if (!actor) return;
    const tenants = s.identity.role === 'partner-admin' ? s.identity.delegatedTenants : s.identity.tenant ? [s.identity.tenant] : [];
    if (s.identity.role === 'support-engineer') {
      const queue = await this.services.cases.queue(actor, {});
      await context.sendActivity(
        cardMessage(caseListCard({ open: queue, recentlyClosed: [], timeZone: 'UTC' }, { lang: s.lang, actions: s.caseActions })),
      );
      return;
    }
    for (const tenant of tenants) {
      const list = await this.services.cases.listForTenant(actor, tenant.id);
      if (!list.open.length && !list.recentlyClosed.length) {
        await context.sendActivity(t(s.lang, 'case.list.none', { tenant: tenant.name }));
        continue;
      }
      const card = caseListCard({ open: list.open, recentlyClosed: list.recentlyClosed, timeZone: tenant.timeZone }, { lang: s.lang, actions: s.caseActions });
      await context.sendActivity(cardMessage(card));
    }
  }

  async view(context: TurnContext, caseNumber: string): Promise<void> {
    const actor = await this.caseActor(context);
    if (!actor) return;
    try {
      await this.sendCard(context, await this.services.cases.view(actor, caseNumber));
    } catch (err) {
      await this.explain(context, err, caseNumber);
    }
  }

  /** Close or reopen, typed or from a card. */
  async changeLifecycle(context: TurnContext, caseNumber: string, action: 'close' | 'reopen'): Promise<CaseActionResult> {
    const s = session(context);
    const actor = await this.caseActor(context);
    if (!actor) return { kind: 'done' };
    try {
      const c = action === 'close' ? await this.services.cases.close(actor, caseNumber) : await this.services.cases.reopen(actor, caseNumber);
      await context.sendActivity(t(s.lang, action === 'close' ? 'case.closed' : 'case.reopened', { number: c.number }));
      return this.answerWithCard(context, c);
    } catch (err) {
      if (err instanceof ReopenWindowExpiredError) {
        const tenant = s.identity.tenant ?? s.identity.delegatedTenants[0];
        const date = formatInstant(err.expiredAt, tenant?.timeZone ?? 'UTC', s.lang);
        await context.sendActivity(t(s.lang, 'case.reopenExpired', { number: caseNumber, date }));
        return { kind: 'reopenExpired', caseNumber, expiredAt: err.expiredAt };
      }
      await this.explain(context, err, caseNumber);
      return { kind: 'done' };
    }
  }

  async openFollowUp(context: TurnContext, caseNumber: string): Promise<void> {
    const s = session(context);
    const actor = await this.caseActor(context);
    if (!actor) return;
    try {
      const c = await this.services.cases.openFollowUp(actor, caseNumber);
      await context.sendActivity(t(s.lang, 'case.followUpOpened', { number: c.number, previous: caseNumber }));
      await this.sendCard(context, c);
    } catch (err) {
      await this.explain(context, err, caseNumber);
    }
  }

  /** A button of a case card (or the list, or the satisfaction card). */
  async handleCardAction(context: TurnContext, action: ReceivedCardAction): Promise<CaseActionResult> {
    const s = session(context);
    const v = action.values;
    const caseNumber = typeof v.caseNumber === 'string' ? v.caseNumber.slice(0, 32) : '';
    const text = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : '');
    const actor = actorOf(s);
    if (!caseNumber) return { kind: 'done' };
    if (action.verb === 'case.view') {
      await this.view(context, caseNumber);
      return { kind: 'done' };
    }
    if (action.verb === 'case.close') return this.changeLifecycle(context, caseNumber, 'close');
    if (action.verb === 'case.reopen') return this.changeLifecycle(context, caseNumber, 'reopen');
    if (!actor) {
      await context.sendActivity(t(s.lang, 'case.notAllowed'));
      return { kind: 'done' };
    }
    const expectedVersion = typeof v.expectedVersion === 'number' ? v.expectedVersion : undefined;
    try {
      let c: SupportCase;
      switch (action.verb) {
        case 'case.refresh':
          c = await this.services.cases.view(actor, caseNumber);
          return { kind: 'card', card: await this.cardFor(context, c) };
        case 'case.addNote':
          c = await this.services.cases.addNote(actor, caseNumber, text('note'));
          await context.sendActivity(t(s.lang, 'case.noteAdded', { number: c.number }));
          break;
        case 'case.assignToMe':
          c = await this.services.cases.assign(actor, caseNumber, s.identity.userId!, { expectedVersion });
          break;
        case 'case.setStatus': {
          const status = text('status');
          if (!['in-progress', 'waiting-on-customer', 'resolved'].includes(status)) return { kind: 'done' };
          c = await this.services.cases.changeStatus(actor, caseNumber, status as 'in-progress', { expectedVersion });
          break;
        }
        case 'case.reply':
          c = await this.services.cases.reply(actor, caseNumber, text('reply'));
          break;
        case 'case.satisfaction': {
          const rating = Number(text('rating'));
          const comment = text('comment').trim();
          c = await this.services.cases.recordSatisfaction(actor, caseNumber, { rating, ...(comment ? { comment } : {}) });
          await context.sendActivity(t(s.lang, 'case.satisfaction.thanks', { number: c.number }));
          return { kind: 'done' };
        }
        default:
          return { kind: 'done' };
      }
      return this.answerWithCard(context, c);
    } catch (err) {
      if (err instanceof CaseError && err.code === 'conflict') {
        await context.sendActivity(t(s.lang, 'case.stale'));
        const fresh = await this.services.cases.view(actor, caseNumber);
        return this.answerWithCard(context, fresh);
      }
      await this.explain(context, err, caseNumber);
      return { kind: 'done' };
    }
  }

  /** In Teams the pressed card is replaced by the invoke response; elsewhere a fresh card is posted. */
  private async answerWithCard(context: TurnContext, c: SupportCase): Promise<CaseActionResult> {
    if (context.activity.type === 'invoke') return { kind: 'card', card: await this.cardFor(context, c) };
    await this.sendCard(context, c);
    return { kind: 'done' };
  }

  async satisfactionCardFor(caseNumber: string, lang: Lang, resolution: number, actions: 'execute' | 'submit'): Promise<AdaptiveCardJson> {
    return satisfactionCard({ caseNumber, resolution }, { lang, actions });
  }

  private async explain(context: TurnContext, err: unknown, caseNumber: string): Promise<void> {
    const s = session(context);
    if (err instanceof CaseNotFoundError || (err instanceof CaseError && err.code === 'case-not-found')) {
      await context.sendActivity(t(s.lang, 'case.notFound', { number: caseNumber }));
      return;
    }
    if (err instanceof CaseError && err.code === 'forbidden') {
      await context.sendActivity(t(s.lang, 'case.notAllowed'));
      return;
    }
    if (err instanceof CaseError) {
      // The service's messages are for engineers and logs; people get their own language.
      const key = `caseError.${err.code}`;
      const localised = (LOCALISED_CASE_ERRORS as readonly string[]).includes(err.code) ? t(s.lang, key as StringKey, { number: caseNumber }) : t(s.lang, 'caseError.invalid-input', { number: caseNumber });
      await context.sendActivity(localised);
      return;
    }
    throw err;
  }
}
