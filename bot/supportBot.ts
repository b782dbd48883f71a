import {
  ConversationState,
  TeamsActivityHandler,
  TurnContext,
  UserState,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type StatePropertyAccessor,
  type Storage,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { readCardAction } from '../cards';
import type { IdentityResolver, ResolvedIdentity } from '../cases/identity';
import { detectLanguage } from '../knowledge/language';
import { parseCommand } from '../dialogs/commands';
import type { DialogServices } from '../dialogs/services';
import { caseActionMode, setSession, type TurnSession } from '../dialogs/session';
import { SupportConversation } from '../dialogs/supportConversation';
import { type Lang, langFromLocale, t } from './i18n';
import { callerOf } from './identity';
import type { Logger } from './log';
import { ReferenceStore } from './proactive/references';

/** What the bot remembers of a conversation between turns (kept in the store, not in memory). */
export interface ConversationData {
  turns: number;
  lastLanguage?: Lang;
}

export interface UserProfile {
  /** Set when the person asks for a language; wins over everything else. */
  language?: Lang;
}

export interface SupportBotDeps {
  storage: Storage;
  identity: IdentityResolver;
  isBuiltInDirectLine: (serviceUrl: string) => boolean;
  botName: string;
  log: Logger;
  services: DialogServices;
  references: ReferenceStore;
}

/** Longest text the bot reads from one message; the rest is ignored, never an error. */
export const MAX_MESSAGE_CHARS = 10_000;

export class SupportBot extends TeamsActivityHandler {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly conversation: SupportConversation;
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly userProfile: StatePropertyAccessor<UserProfile>;

  constructor(private readonly deps: SupportBotDeps) {
    super();
    this.conversationState = new ConversationState(deps.storage);
    this.userState = new UserState(deps.storage);
    this.conversationData = this.conversationState.createProperty('conversationData');
    this.userProfile = this.userState.createProperty('userProfile');
    this.conversation = new SupportConversation(deps.services, this.conversationState.createProperty<DialogState>('dialogState'));

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      const shared = context.activity.conversation?.conversationType === 'channel' || context.activity.conversation?.conversationType === 'groupChat' || context.activity.conversation?.isGroup;
      if (shared) {
        // In a team or group chat: one introduction when the bot arrives, not one per member.
        if (added.some((m) => m.id === botId)) await this.welcome(context, undefined, true);
      } else {
        for (const member of added) if (member.id !== botId) await this.welcome(context, member.name);
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** Turns of one conversation, in arrival order (a double click must not race itself). */
  private readonly turnQueues = new Map<string, Promise<void>>();

  /**
   * Runs turns of the same conversation one after the other in this process, and saves state after
   * every turn whatever the handlers did. Across replicas the state's eTag refuses a stale write.
   */
  override async run(context: TurnContext): Promise<void> {
    const key = `${context.activity.channelId}:${context.activity.conversation?.id ?? ''}`;
    const previous = this.turnQueues.get(key) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(async () => {
      const started = Date.now();
      await super.run(context);
      await this.conversationState.saveChanges(context, false);
      await this.userState.saveChanges(context, false);
      // Ids and kinds only: what people wrote never goes in the logs at info level.
      this.deps.log.info('turn', { turnId: context.activity.id, channelId: context.activity.channelId, type: context.activity.type, ms: Date.now() - started });
    });
    this.turnQueues.set(key, turn);
    try {
      await turn;
    } finally {
      if (this.turnQueues.get(key) === turn) this.turnQueues.delete(key);
    }
  }

  async identityOf(context: TurnContext): Promise<ResolvedIdentity> {
    const caller = callerOf(context.activity, this.deps.isBuiltInDirectLine);
    return this.deps.identity.resolve(caller.tenantId, caller.userId);
  }

  /**
   * The language to answer in: the person's explicit choice, then the language of what they just
   * wrote (when it is clear), then the conversation's last language, the channel locale, the
   * tenant's language, and English.
   */
  async languageOf(context: TurnContext, identity?: ResolvedIdentity, text?: string): Promise<Lang> {
    const profile = await this.userProfile.get(context, {});
    if (profile.language) return profile.language;
    const data = await this.conversationData.get(context, { turns: 0 });
    const fallback = data.lastLanguage ?? langFromLocale(context.activity.locale) ?? identity?.tenant?.language ?? 'en';
    if (text && text.trim().split(/\s+/).length >= 2) {
      const detected = detectLanguage(text, fallback);
      if (detected.reliable) return detected.lang;
    }
    return fallback;
  }

  /** Remembers where this person can be reached later (proactive messages, card updates). */
  private async rememberReference(context: TurnContext, identity: ResolvedIdentity): Promise<string> {
    const caller = callerOf(context.activity, this.deps.isBuiltInDirectLine);
    const userId = caller.userId ?? context.activity.from?.id ?? 'unknown';
    const key = ReferenceStore.userKey(context.activity.channelId, caller.tenantId, userId);
    if (identity.role !== 'anonymous') {
      await this.deps.references.save({
        key,
        kind: 'user',
        tenantId: identity.tenant?.id ?? identity.partner?.id ?? caller.tenantId,
        userId,
        channelId: context.activity.channelId,
        reference: TurnContext.getConversationReference(context.activity),
      });
    }
    return key;
  }

  private async startTurn(context: TurnContext, text?: string, said?: Lang): Promise<TurnSession> {
    const identity = await this.identityOf(context);
    const profile = await this.userProfile.get(context, {});
    // A command word in one language ("aide") answers in it, unless the person chose a language.
    const lang = said && !profile.language ? said : await this.languageOf(context, identity, text);
    const referenceKey = await this.rememberReference(context, identity);
    const s: TurnSession = { identity, lang, channelId: context.activity.channelId, caseActions: caseActionMode(context.activity.channelId), referenceKey };
    setSession(context, s);
    return s;
  }

  /** Who the bot is and what it can do; in a shared channel, for everyone (no name, no role). */
  private async welcome(context: TurnContext, memberName: string | undefined, shared = false): Promise<void> {
    const s = await this.startTurn(context);
    const name = shared ? undefined : (s.identity.person?.name ?? memberName);
    const lines = [t(s.lang, 'welcome.title', { name: name ? ` ${name}` : '', bot: this.deps.botName }), t(s.lang, 'welcome.body')];
    if (!shared) lines.push(t(s.lang, `welcome.role.${s.identity.role}`, { tenant: s.identity.tenant?.name ?? '', partner: s.identity.partner?.name ?? '' }));
    await context.sendActivity(lines.join('\n\n'));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // In channels and group chats Teams puts "<at>Support</at>" in front of what people type.
    if (context.activity.channelId === 'msteams') TurnContext.removeRecipientMention(context.activity);
    const raw = typeof context.activity.text === 'string' ? context.activity.text : '';
    const text = raw.slice(0, MAX_MESSAGE_CHARS);
    // The rest of the turn reads the bounded text: nothing downstream sees more than the limit.
    context.activity.text = text;
    const data = await this.conversationData.get(context, { turns: 0 });
    data.turns += 1;
    const command = parseCommand(text);
    const s = await this.startTurn(context, text, command && 'said' in command ? command.said : undefined);

    if (command?.kind === 'language') {
      const profile = await this.userProfile.get(context, {});
      profile.language = command.lang;
      data.lastLanguage = command.lang;
      await context.sendActivity(t(command.lang, 'language.switched'));
      return;
    }
    if (command?.kind === 'registerQueue') {
      if (s.identity.role !== 'support-engineer') {
        await context.sendActivity(t(s.lang, 'queue.notEngineer'));
        return;
      }
      await this.deps.references.save({
        key: ReferenceStore.QUEUE_KEY,
        kind: 'support-queue',
        channelId: context.activity.channelId,
        reference: TurnContext.getConversationReference(context.activity),
      });
      await context.sendActivity(t(s.lang, 'queue.registered'));
      return;
    }
    data.lastLanguage = s.lang;
    if (raw.length > MAX_MESSAGE_CHARS) await context.sendActivity(t(s.lang, 'error.input.tooLong', { max: MAX_MESSAGE_CHARS }));
    if (!text.trim() && context.activity.value === undefined) {
      await context.sendActivity(t(s.lang, 'error.input.unsupported'));
      return;
    }
    await this.conversation.onMessage(context, command);
  }

  /** Teams universal actions on case cards: the answer replaces the card the person pressed. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.startTurn(context);
    const action = readCardAction(invokeValue);
    if (!action) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown action' } as never };
    const card = await this.conversation.onCardInvoke(context, action);
    if (card) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never };
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'OK' as never };
  }
}
