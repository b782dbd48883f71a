import { randomUUID } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';
import type { WebSocket } from 'ws';
import type { Logger } from '../log';
import type { DirectLineIdentity, DirectLineTokens } from './tokens';
import type { ConversationChangeFeed } from './changeFeed';
import type { DirectLineStore, StoredActivity } from './store';

/**
 * The built-in Direct Line 3.0 service: conversations bound to tokens, activities numbered by
 * watermark, WebSocket streams, and the Bot Connector side the bot replies through. It knows
 * nothing of HTTP routing (see routes.ts) and hands user activities to `runTurn`, which sends them
 * through the same CloudAdapter path as Teams traffic.
 */
export const CLIENT_ACTIVITY_TYPES = ['message', 'event', 'typing', 'invoke', 'messageReaction'] as const;

export interface DirectLineDeps {
  store: DirectLineStore;
  tokens: DirectLineTokens;
  bot: { id: string; name: string };
  /** Runs one bot turn for an activity that came in over Direct Line. */
  runTurn(activity: Partial<Activity>): Promise<void>;
  serviceUrl(): string;
  /** Tells every replica's open streams that a conversation has new activities. */
  changes: ConversationChangeFeed;
  log: Logger;
}

/** One open WebSocket stream and the watermark it has been sent up to. */
interface Stream {
  socket: WebSocket;
  sent: number;
  /** Sends run one after another, so frames go out in order and never twice. */
  pumping: Promise<void>;
}

export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Frame {
  activities: Partial<Activity>[];
  watermark: string;
}

export class DirectLineService {
  private readonly streams = new Map<string, Set<Stream>>();
  /** Conversations being greeted right now, so two quick starts do not greet twice. */
  private readonly welcomed = new Set<string>();

  constructor(private readonly deps: DirectLineDeps) {
    deps.changes.onChange((conversationId) => {
      for (const stream of this.streams.get(conversationId) ?? []) this.pump(conversationId, stream);
    });
  }

  /** Creates the conversation a new token is bound to. */
  async newConversation(user: Omit<DirectLineIdentity, 'conversationId'>): Promise<DirectLineIdentity> {
    const identity = { ...user, conversationId: randomUUID().replace(/-/g, '') };
    await this.deps.store.create({
      id: identity.conversationId,
      userId: identity.userId,
      tenantId: identity.tenantId,
      createdAt: new Date().toISOString(),
    });
    return identity;
  }

  /** Verifies a token and that it belongs to `conversationId` (when given). */
  async authorize(token: string | undefined, conversationId?: string): Promise<DirectLineIdentity> {
    if (!token) throw new DirectLineError(401, 'missing bearer token');
    let identity: DirectLineIdentity;
    try {
      identity = await this.deps.tokens.verify(token);
    } catch (err) {
      throw new DirectLineError(401, (err as Error).message);
    }
    if (conversationId !== undefined && conversationId !== identity.conversationId) {
      throw new DirectLineError(403, 'token is not valid for this conversation');
    }
    return identity;
  }

  streamUrl(base: string, identity: DirectLineIdentity, token: string, watermark?: string): string {
    const ws = base.replace(/^http/, 'ws');
    const wm = watermark ? `&watermark=${encodeURIComponent(watermark)}` : '';
    return `${ws}/v3/directline/conversations/${identity.conversationId}/stream?t=${encodeURIComponent(token)}${wm}`;
  }

  /**
   * Starts (or, for a token already used, resumes) the token's conversation. The first start tells
   * the bot the user joined, which is when it says hello.
   */
  async start(identity: DirectLineIdentity): Promise<{ started: boolean }> {
    const existing = await this.deps.store.get(identity.conversationId);
    if (!existing) throw new DirectLineError(404, 'conversation not found');
    const lastSeq = await this.deps.store.lastSeq(identity.conversationId);
    const started = lastSeq === 0 && !this.welcomed.has(identity.conversationId);
    if (started) {
      this.welcomed.add(identity.conversationId);
      try {
        await this.deps.runTurn({
          type: 'conversationUpdate',
          id: randomUUID(),
          locale: identity.locale,
          channelId: 'directline',
          serviceUrl: this.deps.serviceUrl(),
          timestamp: new Date(),
          conversation: { id: identity.conversationId, tenantId: identity.tenantId, isGroup: false, name: '', conversationType: 'personal' },
          from: this.userAccount(identity),
          recipient: { id: this.deps.bot.id, name: this.deps.bot.name, role: 'bot' },
          membersAdded: [{ id: this.deps.bot.id, name: this.deps.bot.name }, this.userAccount(identity)],
          channelData: this.tenantChannelData(identity),
        });
      } finally {
        // Once the welcome is stored the history says the conversation started; the guard can go.
        this.welcomed.delete(identity.conversationId);
      }
    }
    return { started };
  }

  private userAccount(identity: DirectLineIdentity): ChannelAccount {
    return { id: identity.userId, name: identity.userName ?? '', role: 'user' };
  }

  private tenantChannelData(identity: DirectLineIdentity): Record<string, unknown> {
    return identity.tenantId ? { tenant: { id: identity.tenantId } } : {};
  }

  /**
   * A client posted an activity. Everything that says who or where comes from the token; from the
   * client we keep only what it may decide (text, attachments, value, locale, its own channelData).
   */
  async postFromClient(identity: DirectLineIdentity, sent: ClientActivity): Promise<{ id: string }> {
    const clientChannelData = sent.channelData && typeof sent.channelData === 'object' ? sent.channelData : {};
    const activity: Partial<Activity> = {
      type: sent.type,
      text: sent.text,
      textFormat: sent.textFormat,
      attachments: sent.attachments as Activity['attachments'],
      value: sent.value,
      name: sent.name,
      locale: sent.locale ?? identity.locale,
      localTimestamp: sent.localTimestamp ? new Date(sent.localTimestamp) : undefined,
      localTimezone: sent.localTimezone,
      timestamp: new Date(),
      channelId: 'directline',
      serviceUrl: this.deps.serviceUrl(),
      from: this.userAccount(identity),
      recipient: { id: this.deps.bot.id, name: this.deps.bot.name, role: 'bot' },
      conversation: { id: identity.conversationId, tenantId: identity.tenantId, isGroup: false, name: '', conversationType: 'personal' },
      channelData: { ...clientChannelData, ...this.tenantChannelData(identity) },
    };
    const stored = await this.deliver(identity.conversationId, activity);
    try {
      await this.deps.runTurn(stored.activity);
    } catch (err) {
      // The activity is stored and echoed; the adapter's error handler has already told the user.
      this.deps.log.error('directline turn failed', { conversationId: identity.conversationId, err });
    }
    return { id: stored.activity.id as string };
  }

  /** The bot sends (or replies with) an activity through the connector side. */
  async postFromBot(conversationId: string, activity: Partial<Activity>, replaceId?: string): Promise<{ id: string }> {
    if (!(await this.deps.store.get(conversationId))) throw new DirectLineError(404, 'conversation not found');
    const outgoing: Partial<Activity> = {
      ...activity,
      id: replaceId ?? undefined,
      timestamp: new Date(),
      from: { ...(activity.from ?? { id: this.deps.bot.id, name: this.deps.bot.name }), role: 'bot' } as ChannelAccount,
      conversation: { ...(activity.conversation ?? { id: conversationId }), id: conversationId } as Activity['conversation'],
    };
    if (outgoing.type === 'typing') {
      // Typing is a live signal: streamed, never replayed from history.
      const id = randomUUID();
      const payload = JSON.stringify({ activities: [{ ...outgoing, id }], watermark: String(await this.deps.store.lastSeq(conversationId)) });
      for (const { socket } of this.streams.get(conversationId) ?? []) if (socket.readyState === socket.OPEN) socket.send(payload);
      return { id };
    }
    const stored = await this.deliver(conversationId, outgoing);
    return { id: stored.activity.id as string };
  }

  async history(conversationId: string, watermark: number): Promise<Frame> {
    const rows = await this.deps.store.since(conversationId, watermark);
    const last = rows.length ? rows[rows.length - 1].seq : watermark;
    return { activities: rows.map((r) => r.activity), watermark: String(last) };
  }

  private async deliver(conversationId: string, activity: Partial<Activity>): Promise<StoredActivity> {
    const stored = await this.deps.store.append(conversationId, activity);
    await this.deps.changes.publish(conversationId).catch((err) => this.deps.log.warn('directline change not published', { conversationId, err }));
    return stored;
  }

  /** A client opened the stream: replay what it has not seen, then keep it subscribed. */
  async attach(conversationId: string, socket: WebSocket, watermark: number): Promise<void> {
    let set = this.streams.get(conversationId);
    if (!set) this.streams.set(conversationId, (set = new Set()));
    const stream: Stream = { socket, sent: watermark, pumping: Promise.resolve() };
    set.add(stream);
    socket.on('close', () => {
      set.delete(stream);
      if (set.size === 0) this.streams.delete(conversationId);
    });
    this.pump(conversationId, stream);
    await stream.pumping;
  }

  /** Sends a stream everything stored after its watermark (whichever replica stored it). */
  private pump(conversationId: string, stream: Stream): void {
    stream.pumping = stream.pumping.then(async () => {
      if (stream.socket.readyState !== stream.socket.OPEN) return;
      const frame = await this.history(conversationId, stream.sent);
      if (!frame.activities.length) return;
      stream.socket.send(JSON.stringify(frame));
      stream.sent = Number(frame.watermark);
    }).catch((err) => this.deps.log.warn('directline stream send failed', { conversationId, err }));
  }

  closeAll(): void {
    for (const set of this.streams.values()) for (const { socket } of set) socket.close(1001, 'server shutting down');
    this.streams.clear();
  }
}

export interface ClientActivity {
  type: (typeof CLIENT_ACTIVITY_TYPES)[number];
  text?: string;
  textFormat?: string;
  attachments?: unknown[];
  value?: unknown;
  name?: string;
  locale?: string;
  localTimestamp?: string;
  localTimezone?: string;
  channelData?: Record<string, unknown>;
}
