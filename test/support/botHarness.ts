import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ActivityTypes,
  TestAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { DateTime } from 'luxon';
import { createDialogServices } from '../../bot/dialogServices';
import { CaseService } from '../../cases/caseService';
import { SqlCaseStore } from '../../cases/caseStore';
import { migrate } from '../../cases/db/migrations';
import { SqliteDatabase } from '../../cases/db/sqlite';
import { directoryFileSchema, seedDirectory, SqlDirectoryStore } from '../../cases/directory';
import { DirectoryIdentityResolver } from '../../cases/identity';
import { OutcomeStore } from '../../cases/outcomes';
import { OutboxDispatcher } from '../../cases/outbox';
import { loadPolicy } from '../../cases/policy';
import { loadArticles, type Article } from '../../knowledge/articles';
import { loadTriageModel, type TriageModel } from '../../knowledge/triage';
import { setDefaultLanguageDetector } from '../../knowledge/language';
import { silentLogger } from '../../bot/log';
import { ChannelNotifier } from '../../bot/proactive/channelNotifier';
import { CardLocationStore, ReferenceStore } from '../../bot/proactive/references';
import { DEMO_DIRECTORY_FILE } from '../../bot/server';
import { SqlStateStore } from '../../bot/storage/stateStore';
import { SupportBot } from '../../bot/supportBot';
import type { DialogServices, Handoff } from '../../dialogs/services';

/**
 * The real bot (dialogs, cards, triage model, case service on SQLite) behind botbuilder's
 * TestAdapter, one adapter per person and channel, so transcripts read like conversations.
 * Proactive messages and card updates are recorded instead of sent to a channel.
 */
let triage: TriageModel | undefined;
let articles: Map<string, Article> | undefined;

/** TestAdapter that keeps everything the bot sent and updated, and can continue conversations. */
export class RecordingAdapter extends TestAdapter {
  readonly sent: Partial<Activity>[] = [];
  readonly updated: Partial<Activity>[] = [];

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses = await super.sendActivities(context, activities);
    activities.forEach((a, i) => {
      if (a.type !== ActivityTypes.Typing && a.type !== 'delay') this.sent.push({ ...a, id: a.id ?? responses[i]?.id, conversation: a.conversation ?? context.activity.conversation });
    });
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    this.updated.push(activity);
    return super.updateActivity(context, activity);
  }

  /** What CloudAdapter.continueConversationAsync does, on this test channel. */
  async proactive(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continue' }, reference, true);
    const context = new TurnContext(this as never, activity);
    await this.runMiddleware(context, logic);
  }
}

export interface Person {
  userId: string;
  tenantId?: string;
  name: string;
}

export const PEOPLE = {
  visitor: { userId: 'visitor-1', name: 'Visitor' },
  alice: { userId: 'alice', tenantId: 'contoso', name: 'Alice Martin' },
  bob: { userId: 'bob', tenantId: 'contoso', name: 'Bob Durand' },
  carol: { userId: 'carol', tenantId: 'fabrikam', name: 'Carol Smith' },
  dave: { userId: 'dave', tenantId: 'fabrikam', name: 'Dave Johnson' },
  erin: { userId: 'erin', tenantId: 'northwind', name: 'Erin Taylor' },
  pat: { userId: 'pat', tenantId: 'tailspin', name: 'Pat Lee' },
  sam: { userId: 'sam', tenantId: 'vendor-support', name: 'Sam Rivera' },
} satisfies Record<string, Person>;

export type Channel = 'msteams' | 'directline';

export class Harness {
  private constructor(
    readonly db: SqliteDatabase,
    readonly bot: SupportBot,
    readonly cases: CaseService,
    readonly clock: { now: DateTime },
    readonly handoffs: Handoff[],
    readonly references: ReferenceStore,
    readonly cardLocations: CardLocationStore,
    readonly outcomes: OutcomeStore,
    readonly notifierFor: (adapter: RecordingAdapter) => ChannelNotifier,
    readonly directory: SqlDirectoryStore,
  ) {}

  static async create(): Promise<Harness> {
    triage ??= loadTriageModel();
    setDefaultLanguageDetector(triage.language);
    articles ??= new Map(loadArticles().map((a) => [`${a.lang}:${a.id}`, a]));
    const db = new SqliteDatabase(join(mkdtempSync(join(tmpdir(), 'bot-harness-')), 'bot.sqlite'));
    await migrate(db);
    const directory = new SqlDirectoryStore(db);
    const file = directoryFileSchema.parse(JSON.parse(readFileSync(DEMO_DIRECTORY_FILE, 'utf8')));
    await seedDirectory(directory, file);
    const policy = loadPolicy();
    const clock = { now: DateTime.utc() };
    const cases = new CaseService({ store: new SqlCaseStore(db), directory, policy, now: () => clock.now });
    const storage = new SqlStateStore(db);
    const outcomes = new OutcomeStore(db);
    const references = new ReferenceStore(db);
    const cardLocations = new CardLocationStore(db);
    const handoffs: Handoff[] = [];
    const engineers = new Set(file.supportEngineers.map((e) => e.id));
    const adapters: RecordingAdapter[] = [];
    const dialogServices = createDialogServices({
      triage: triage!,
      articles: articles!,
      cases,
      policy,
      directory,
      outcomes,
      storage,
      references,
      cardLocations,
      // Each admin's conversation is one of this harness's test adapters.
      continueConversation: async (reference, logic) => {
        const adapter = adapters.find((a) => (a as unknown as { owner: string }).owner === `${reference.channelId}:${reference.user?.aadObjectId ?? reference.user?.id}`);
        if (!adapter) throw new Error('admin not connected in this test');
        await adapter.proactive(reference, logic);
      },
    });
    const services: DialogServices = {
      ...dialogServices,
      notifyAdmins: async (tenant, handoff) => {
        handoffs.push(handoff);
        return dialogServices.notifyAdmins(tenant, handoff);
      },
    };
    const bot = new SupportBot({
      storage,
      identity: new DirectoryIdentityResolver(directory, async () => engineers),
      isBuiltInDirectLine: () => true,
      botName: 'Support',
      log: silentLogger,
      services,
      references,
    });
    const harness = new Harness(
      db,
      bot,
      cases,
      clock,
      handoffs,
      references,
      cardLocations,
      outcomes,
      (adapter) =>
        new ChannelNotifier({
          adapter: { continueConversationAsync: (_id: string, ref: Partial<ConversationReference>, logic: (c: TurnContext) => Promise<void>) => adapter.proactive(ref, logic) } as never,
          appId: '',
          db,
          references,
          cardLocations,
          directory,
          cases,
          log: silentLogger,
        }),
      directory,
    );
    harness.adapters = adapters;
    return harness;
  }

  private adapters: RecordingAdapter[] = [];

  /** A conversation of one person on one channel. */
  chat(person: Person, channel: Channel, locale: 'en-US' | 'fr-FR' = 'en-US', where: 'personal' | 'channel' = 'personal'): Chat {
    const conversationId = `${channel}-${person.userId}-${Math.random().toString(36).slice(2, 8)}`;
    // TestAdapter's template is an activity: every incoming activity is stamped with it.
    const template: Partial<Activity> = {
      channelId: channel,
      serviceUrl: channel === 'msteams' ? 'https://smba.trafficmanager.net/emea/' : 'http://127.0.0.1:3978',
      conversation: { id: conversationId, tenantId: person.tenantId, isGroup: where === 'channel', conversationType: where, name: '' },
      from: channel === 'msteams' ? { id: `29:${person.userId}`, name: person.name, aadObjectId: person.userId } : { id: person.userId, name: person.name },
      recipient: { id: 'support-bot', name: 'Support' },
      locale,
    };
    const adapter = new RecordingAdapter(async (context) => this.bot.run(context), template as never);
    (adapter as unknown as { owner: string }).owner = `${channel}:${person.userId}`;
    this.adapters.push(adapter);
    return new Chat(adapter, person, channel, locale);
  }

  /** Delivers what the case service queued for people (the outbox), through this person's adapter. */
  async deliverOutbox(adapter: RecordingAdapter): Promise<void> {
    const dispatcher = new OutboxDispatcher({ db: this.db, notifier: this.notifierFor(adapter) });
    await dispatcher.drainOnce();
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

export class Chat {
  constructor(
    readonly adapter: RecordingAdapter,
    readonly person: Person,
    readonly channel: Channel,
    readonly locale: string,
  ) {}

  private tenantData(): Partial<Activity> {
    return this.person.tenantId ? { channelData: { tenant: { id: this.person.tenantId } } } : {};
  }

  /** Sends a message (text, or a card submission's value) and returns what the bot answered. */
  async say(input: string | Record<string, unknown>): Promise<Partial<Activity>[]> {
    const before = this.adapter.sent.length;
    const activity: Partial<Activity> =
      typeof input === 'string'
        ? { type: 'message', text: input, locale: this.locale, ...this.tenantData() }
        : { type: 'message', value: input, locale: this.locale, ...this.tenantData() };
    await this.adapter.receiveActivity(activity);
    return this.adapter.sent.slice(before);
  }

  /** The first install / join: the bot's welcome. */
  async join(): Promise<Partial<Activity>[]> {
    const before = this.adapter.sent.length;
    await this.adapter.receiveActivity({
      type: 'conversationUpdate',
      membersAdded: [{ id: this.channel === 'msteams' ? `29:${this.person.userId}` : this.person.userId, name: this.person.name }],
      locale: this.locale,
      ...this.tenantData(),
    });
    return this.adapter.sent.slice(before);
  }

  /** Teams universal action (adaptiveCard/action invoke); returns the invoke response body. */
  async execute(verb: string, data: Record<string, unknown>): Promise<{ status: number; body: any }> {
    await this.adapter.receiveActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
      ...this.tenantData(),
    });
    const response = this.adapter.activeQueue.find((a) => a.type === 'invokeResponse');
    this.adapter.activeQueue.splice(0, this.adapter.activeQueue.length);
    return response?.value as { status: number; body: any };
  }
}

/** All texts of some activities, cards included (their TextBlocks and fact values), for assertions. */
export function textOf(activities: Partial<Activity>[]): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') parts.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') parts.push(`${o.title}: ${o.value}`);
      Object.values(o).forEach(walk);
    }
  };
  for (const a of activities) {
    if (a.text) parts.push(a.text);
    walk(a.attachments?.map((x) => x.content));
  }
  return parts.join('\n');
}

/** The Adaptive Cards among some activities. */
export function cardsOf(activities: Partial<Activity>[]): any[] {
  return activities.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content));
}

/** Every action (with its data) found in a card, wherever it sits. */
export function actionsOf(card: any): any[] {
  const found: any[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The data of the button with this verb on the last card that has one. */
export function buttonData(activities: Partial<Activity>[], verb: string): Record<string, unknown> {
  for (const card of cardsOf(activities).reverse()) {
    const action = actionsOf(card).find((a) => (a.data?.verb ?? a.verb) === verb);
    if (action) return { ...action.data };
  }
  throw new Error(`no button ${verb} in: ${textOf(activities).slice(0, 500)}`);
}

/** The values of the inputs of the last card (what a person submitting it unchanged would send). */
export function inputValues(activities: Partial<Activity>[]): Record<string, unknown> {
  const card = cardsOf(activities).pop();
  const values: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string' && o.value !== undefined) values[o.id] = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return values;
}
