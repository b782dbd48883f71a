import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import type { Logger } from '../log';

/**
 * "Something was stored in this conversation": how open WebSocket streams learn that they have
 * activities to send. With one process an event emitter is enough; with several replicas on
 * PostgreSQL, the replica that stored the activity is rarely the one holding the client's socket,
 * so the news travels through LISTEN/NOTIFY and every replica checks its own sockets.
 */
export interface ConversationChangeFeed {
  onChange(listener: (conversationId: string) => void): void;
  publish(conversationId: string): Promise<void>;
  close(): Promise<void>;
}

export class LocalChangeFeed implements ConversationChangeFeed {
  private readonly events = new EventEmitter().setMaxListeners(0);

  onChange(listener: (conversationId: string) => void): void {
    this.events.on('change', listener);
  }

  async publish(conversationId: string): Promise<void> {
    this.events.emit('change', conversationId);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export class PostgresChangeFeed implements ConversationChangeFeed {
  private readonly local = new LocalChangeFeed();
  private client: Client | undefined;
  private closed = false;
  private readonly ready: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly channel = 'directline_changes',
  ) {
    if (!CHANNEL.test(channel)) throw new Error(`invalid notification channel ${channel}`);
    this.ready = this.connect();
  }

  /** Resolves once this replica listens (streams opened before then catch up on attach anyway). */
  whenListening(): Promise<void> {
    return this.ready;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url });
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload) void this.local.publish(n.payload);
    });
    client.on('error', (err) => {
      this.log.warn('directline change feed lost its connection; reconnecting', { err });
      this.reconnect(client);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
  }

  private reconnect(broken: Client): void {
    if (this.closed || this.client !== broken) return;
    this.client = undefined;
    void broken.end().catch(() => undefined);
    setTimeout(() => {
      if (!this.closed) this.connect().catch((err) => this.log.error('directline change feed could not reconnect', { err }));
    }, 1000).unref();
  }

  onChange(listener: (conversationId: string) => void): void {
    this.local.onChange(listener);
  }

  async publish(conversationId: string): Promise<void> {
    await this.ready.catch(() => undefined);
    // Every replica listening hears it, this one included; while reconnecting, at least this one does.
    if (this.client) await this.client.query('SELECT pg_notify($1, $2)', [this.channel, conversationId]);
    else await this.local.publish(conversationId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.ready.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    await this.local.close();
  }
}
