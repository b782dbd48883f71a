import { type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import { readCardAction, type AdaptiveCardJson, type ReceivedCardAction } from '../cards';
import { t } from '../bot/i18n';
import { askCard, CardPrompt, NewProblemSignal, type CardAnswer } from './cardPrompt';
import { actorOf, CaseActions } from './caseActions';
import type { Command } from './commands';
import { ESCALATION_DIALOG, EscalationDialog, escalationFor } from './escalationDialog';
import { PROBLEM_DIALOG, ProblemDialog } from './problemDialog';
import type { DialogServices, Handoff } from './services';
import { session } from './session';

/** botbuilder-dialogs wraps what a dialog throws (DialogContextError.error), once per nesting level. */
function unwrap(err: unknown): unknown {
  let current = err;
  for (let depth = 0; depth < 10 && current && typeof current === 'object' && 'error' in current; depth++) current = (current as { error: unknown }).error;
  return current;
}

/** Verbs that belong to a flow in progress; every other verb is handled on its own. */
const FLOW_VERBS = new Set(['article.solved', 'article.notSolved', 'article.contact', 'triage.confirm', 'triage.cancel', 'handoff.notifyAdmins', 'case.submit', 'case.cancelForm']);

const FOLLOW_UP_DIALOG = 'followUp';
const FOLLOW_UP_PROMPT = 'followUp.prompt';

class FollowUpDialog extends ComponentDialog {
  constructor(actions: CaseActions) {
    super(FOLLOW_UP_DIALOG);
    this.addDialog(new CardPrompt(FOLLOW_UP_PROMPT));
    this.addDialog(
      new WaterfallDialog(`${FOLLOW_UP_DIALOG}.flow`, [
        async (step: WaterfallStepContext) =>
          askCard(step, FOLLOW_UP_PROMPT, {
            cardChoices: [
              { verb: 'yes', titles: ['yes', 'oui'], yesNo: true },
              { verb: 'no', titles: ['no', 'non'], yesNo: false },
            ],
            retryPrompt: t(session(step.context).lang, 'prompt.retry'),
          }),
        async (step: WaterfallStepContext) => {
          const { caseNumber } = step.options as { caseNumber: string };
          if ((step.result as CardAnswer).verb === 'yes') await actions.openFollowUp(step.context, caseNumber);
          else await step.context.sendActivity(t(session(step.context).lang, 'followUp.declined'));
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = `${FOLLOW_UP_DIALOG}.flow`;
  }
}

/**
 * The conversation side of the bot: typed commands that work in the middle of any flow, case
 * follow-up, and the flows themselves (botbuilder-dialogs, state in the store).
 */
export class SupportConversation {
  private readonly dialogs: DialogSet;
  readonly actions: CaseActions;

  constructor(
    private readonly services: DialogServices,
    dialogState: StatePropertyAccessor<DialogState>,
  ) {
    this.actions = new CaseActions(services);
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(new ProblemDialog(services));
    this.dialogs.add(new EscalationDialog(services));
    this.dialogs.add(new FollowUpDialog(this.actions));
  }

  /** A message (typed, or an Action.Submit from a card). */
  async onMessage(context: TurnContext, command: Command | undefined): Promise<void> {
    const s = session(context);
    const dc = await this.dialogs.createContext(context);
    const action = readCardAction(context.activity.value);

    if (!action && command) return this.onCommand(context, command);

    if (action && !FLOW_VERBS.has(action.verb)) {
      await this.onStatelessAction(context, action);
      return;
    }
    if (context.activity.value !== undefined && !action) {
      await context.sendActivity(t(s.lang, 'prompt.retry'));
      return;
    }
    let result;
    try {
      result = await dc.continueDialog();
    } catch (err) {
      const signal = unwrap(err);
      if (!(signal instanceof NewProblemSignal)) throw err;
      await dc.cancelAllDialogs();
      await this.services.outcomes.record({ outcome: 'abandoned', channelId: s.channelId, role: s.identity.role, lang: s.lang, tenantId: s.identity.tenant?.id });
      await dc.beginDialog(PROBLEM_DIALOG, { text: signal.text });
      return;
    }
    if (result.status !== DialogTurnStatus.empty) return;
    if (action) {
      // A flow button pressed after its flow ended, or a second click on a form already sent.
      const actor = actorOf(s);
      const key = typeof action.values.submissionKey === 'string' ? action.values.submissionKey.slice(0, 200) : '';
      const opened = action.verb === 'case.submit' && actor && key ? await this.services.cases.findBySubmission(actor, key) : undefined;
      if (opened) await context.sendActivity(t(s.lang, 'case.alreadyOpened', { number: opened.number }));
      else await context.sendActivity(t(s.lang, action.verb === 'case.submit' ? 'case.stale' : 'card.expired'));
      return;
    }
    const text = typeof context.activity.text === 'string' ? context.activity.text.trim() : '';
    if (text) await dc.beginDialog(PROBLEM_DIALOG, { text });
  }

  private async onCommand(context: TurnContext, command: Command): Promise<void> {
    const s = session(context);
    const dc = await this.dialogs.createContext(context);
    switch (command.kind) {
      case 'help':
        await context.sendActivity(t(s.lang, 'help'));
        return;
      case 'cancel':
        if (dc.activeDialog) {
          await dc.cancelAllDialogs();
          await this.services.outcomes.record({ outcome: 'abandoned', channelId: s.channelId, role: s.identity.role, lang: s.lang, tenantId: s.identity.tenant?.id });
          await context.sendActivity(t(s.lang, 'cancelled'));
        } else {
          await context.sendActivity(t(s.lang, 'nothingToCancel'));
        }
        return;
      case 'restart':
        await dc.cancelAllDialogs();
        await context.sendActivity(t(s.lang, 'restarted'));
        return;
      case 'myCases':
        await this.actions.listCases(context);
        return;
      case 'case': {
        if (command.action === 'view') return this.actions.view(context, command.caseNumber);
        const outcome = await this.actions.changeLifecycle(context, command.caseNumber, command.action);
        if (outcome.kind === 'reopenExpired') {
          await dc.cancelAllDialogs();
          await dc.beginDialog(FOLLOW_UP_DIALOG, { caseNumber: command.caseNumber });
        }
        return;
      }
      default:
        return;
    }
  }

  private async onStatelessAction(context: TurnContext, action: ReceivedCardAction): Promise<AdaptiveCardJson | undefined> {
    if (action.verb === 'handoff.escalate') {
      await this.escalateHandoff(context, String(action.values.handoffId ?? ''));
      return undefined;
    }
    const outcome = await this.actions.handleCardAction(context, action);
    if (outcome.kind === 'reopenExpired') {
      const dc = await this.dialogs.createContext(context);
      await dc.cancelAllDialogs();
      await dc.beginDialog(FOLLOW_UP_DIALOG, { caseNumber: outcome.caseNumber });
    }
    return outcome.kind === 'card' ? outcome.card : undefined;
  }

  /** Teams universal action (adaptiveCard/action): returns the card that replaces the pressed one. */
  async onCardInvoke(context: TurnContext, action: ReceivedCardAction): Promise<AdaptiveCardJson | undefined> {
    if (FLOW_VERBS.has(action.verb)) return undefined;
    return this.onStatelessAction(context, action);
  }

  /** An admin pressed "Open a request from this" on a user's handoff. */
  private async escalateHandoff(context: TurnContext, handoffId: string): Promise<void> {
    const s = session(context);
    const key = `handoffs/${handoffId.slice(0, 64)}`;
    const handoff = (await this.services.storage.read([key]))[key] as Handoff | undefined;
    // Only an admin of the handoff's tenant (or a partner delegated for it) may escalate it.
    const allowed =
      handoff &&
      ((s.identity.role === 'admin' && s.identity.tenant?.id === handoff.tenantId) ||
        (s.identity.role === 'partner-admin' && s.identity.delegatedTenants.some((tn) => tn.id === handoff.tenantId)));
    if (!handoff || !allowed) {
      await context.sendActivity(t(s.lang, 'case.notAllowed'));
      return;
    }
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    const { described, tried, triage } = handoff.summary;
    const options = escalationFor({ tenantId: handoff.tenantId, lang: s.lang, described, tried, triage, topic: null, reportedBy: handoff.requester.name });
    await dc.beginDialog(ESCALATION_DIALOG, options);
  }
}
