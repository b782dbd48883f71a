/**
 * Notifiers that need no channel: one for tests (remembers and can be told to fail) and one that
 * writes a log line per message (local runs, and a trace beside real notifiers). The Teams /
 * Direct Line notifier lives with the bot, which owns those channels.
 */
import type { Notifier, OutboxMessage } from './outbox';

/**
 * Behaves like a receiver that deduplicates on message id: `messages` holds each id once, in the
 * order first received; `calls` counts every send, duplicates included.
 */
export class MemoryNotifier implements Notifier {
  readonly messages: OutboxMessage[] = [];
  readonly calls: OutboxMessage[] = [];
  private readonly seen = new Set<string>();
  private failures: Array<(m: OutboxMessage) => boolean> = [];

  /** The next `count` sends (matching `when`, if given) throw instead of delivering. */
  failNext(count: number, when: (m: OutboxMessage) => boolean = () => true): this {
    for (let i = 0; i < count; i++) this.failures.push(when);
    return this;
  }

  async send(message: OutboxMessage): Promise<void> {
    this.calls.push(structuredClone(message));
    const i = this.failures.findIndex((f) => f(message));
    if (i >= 0) {
      this.failures.splice(i, 1);
      throw new Error(`simulated delivery failure for ${message.id}`);
    }
    if (this.seen.has(message.id)) return;
    this.seen.add(message.id);
    this.messages.push(structuredClone(message));
  }

  /** How many times a message id reached the receiver after deduplication (0 or 1). */
  receivedCount(id: string): number {
    return this.messages.filter((m) => m.id === id).length;
  }
}

export interface NotifierLog {
  info(msg: string, fields?: Record<string, unknown>): void;
}

/** Ids, topic, audience and attempt only: message content may hold personal data and stays out of logs. */
export class LogNotifier implements Notifier {
  constructor(private readonly log: NotifierLog) {}

  async send(message: OutboxMessage): Promise<void> {
    this.log.info('notification', {
      id: message.id,
      topic: message.topic,
      audience: message.audience.kind === 'tenant-admins' ? `tenant-admins:${message.audience.tenantId}` : message.audience.kind,
      caseNumber: message.caseNumber,
      attempt: message.attempt,
    });
  }
}
