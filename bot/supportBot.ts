import {
  ConversationState,
  TeamsActivityHandler,
  UserState,
  type Storage,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { IdentityResolver, ResolvedIdentity } from '../cases/identity';
import { type Lang, langFromLocale, t } from './i18n';
import { callerOf } from './identity';
import type { Logger } from './log';

/** What the bot remembers of a conversation between turns (kept in the store, not in memory). */
export interface ConversationData {
  turns: number;
  lastLanguage?: Lang;
}

export interface UserProfile {
  /** Set when the person asks for a language; wins over the channel locale and the tenant default. */
  language?: Lang;
}

export interface SupportBotDeps {
  storage: Storage;
  identity: IdentityResolver;
  isBuiltInDirectLine: (serviceUrl: string) => boolean;
  botName: string;
  log: Logger;
}

/** Longest text the bot reads from one message; the rest is ignored, never an error. */
export const MAX_MESSAGE_CHARS = 10_000;

const LANGUAGE_SWITCH: Record<string, Lang> = {
  english: 'en',
  anglais: 'en',
  'in english': 'en',
  'en anglais': 'en',
  français: 'fr',
  francais: 'fr',
  french: 'fr',
  'en français': 'fr',
  'en francais': 'fr',
  'in french': 'fr',
};

const HELP_WORDS = new Set(['help', 'aide', '?', 'menu', 'aidez-moi', 'help me']);

export class SupportBot extends TeamsActivityHandler {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly userProfile: StatePropertyAccessor<UserProfile>;

  constructor(private readonly deps: SupportBotDeps) {
    super();
    this.conversationState = new ConversationState(deps.storage);
    this.userState = new UserState(deps.storage);
    this.conversationData = this.conversationState.createProperty('conversationData');
    this.userProfile = this.userState.createProperty('userProfile');

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== botId) await this.welcome(context, member.name);
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** Saves state after every turn, whatever the handlers did. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  async identityOf(context: TurnContext): Promise<ResolvedIdentity> {
    const caller = callerOf(context.activity, this.deps.isBuiltInDirectLine);
    return this.deps.identity.resolve(caller.tenantId, caller.userId);
  }

  /** The language to answer in: the person's choice, then the channel's locale, then the tenant's. */
  async languageOf(context: TurnContext, identity?: ResolvedIdentity): Promise<Lang> {
    const profile = await this.userProfile.get(context, {});
    return profile.language ?? langFromLocale(context.activity.locale) ?? identity?.tenant?.language ?? 'en';
  }

  private async welcome(context: TurnContext, memberName: string | undefined): Promise<void> {
    const identity = await this.identityOf(context);
    const lang = await this.languageOf(context, identity);
    const name = identity.person?.name ?? memberName;
    const lines = [
      t(lang, 'welcome.title', { name: name ? ` ${name}` : '', bot: this.deps.botName }),
      t(lang, 'welcome.body'),
      t(lang, `welcome.role.${identity.role}`, { tenant: identity.tenant?.name ?? '', partner: identity.partner?.name ?? '' }),
    ];
    await context.sendActivity(lines.join('\n\n'));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, { turns: 0 });
    data.turns += 1;
    const raw = typeof context.activity.text === 'string' ? context.activity.text : '';
    const text = raw.slice(0, MAX_MESSAGE_CHARS).trim();
    const identity = await this.identityOf(context);

    const command = text.toLowerCase().replace(/[.!]+$/, '');
    const switchTo = LANGUAGE_SWITCH[command];
    if (switchTo) {
      const profile = await this.userProfile.get(context, {});
      profile.language = switchTo;
      data.lastLanguage = switchTo;
      await context.sendActivity(t(switchTo, 'language.switched'));
      return;
    }

    const lang = await this.languageOf(context, identity);
    data.lastLanguage = lang;
    if (!text) {
      await context.sendActivity(t(lang, 'error.input.unsupported'));
      return;
    }
    if (HELP_WORDS.has(command)) {
      await context.sendActivity(t(lang, 'help'));
      return;
    }
    if (raw.length > MAX_MESSAGE_CHARS) await context.sendActivity(t(lang, 'error.input.tooLong', { max: MAX_MESSAGE_CHARS }));
    const excerpt = text.length > 80 ? `${text.slice(0, 77)}…` : text;
    await context.sendActivity(t(lang, 'notYet', { excerpt }));
  }
}
