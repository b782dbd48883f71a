/**
 * The outbox: what must reach someone (the support queue, a tenant's administrators) is written in
 * the same transaction as the change that causes it, then delivered by a dispatcher. A crash
 * between the two loses nothing (the row waits), and a crash during delivery may send a message
 * again, always with the same id, so the receiver can drop the duplicate.
 *
 * Dispatchers claim rows with a lease: two dispatchers (two replicas) never hold the same row at
 * once, and a row whose dispatcher died is taken over when its lease runs out.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Database, Queryable } from './db/database';
import { isoUtc } from './model';

export type Audience = { kind: 'support-queue' } | { kind: 'tenant-admins'; tenantId: string };

export function audienceKey(a: Audience): string {
  return a.kind === 'support-queue' ? 'support-queue' : `tenant-admins:${a.tenantId}`;
}

export function parseAudience(key: string): Audience {
  if (key === 'support-queue') return { kind: 'support-queue' };
  if (key.startsWith('tenant-admins:')) return { kind: 'tenant-admins', tenantId: key.slice('tenant-admins:'.length) };
  throw new Error(`unknown outbox audience "${key}"`);
}

export interface NewOutboxMessage {
  /** Stable across retries and restarts: the receiver deduplicates on it. */
  id: string;
  /** e.g. `case.opened`, `case.reply-added`. */
  topic: string;
  audience: Audience;
  tenantId: string;
  caseNumber: string | null;
  payload: Record<string, unknown>;
}

export interface OutboxMessage extends NewOutboxMessage {
  createdAt: string;
  /** 1 on the first delivery attempt. */
  attempt: number;
}

/** Where messages go. Throwing means "not delivered, try again later". */
export interface Notifier {
  send(message: OutboxMessage): Promise<void>;
}

/** Writes messages inside the caller's transaction. A message id already there is left alone. */
export async function enqueueOutbox(tx: Queryable, messages: readonly NewOutboxMessage[], now: string): Promise<void> {
  for (const m of messages) {
    await tx.run(
      `INSERT INTO outbox (id, topic, audience, tenant_id, case_number, payload, created_at, attempts, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $7) ON CONFLICT (id) DO NOTHING`,
      [m.id, m.topic, audienceKey(m.audience), m.tenantId, m.caseNumber, JSON.stringify(m.payload), now],
    );
  }
}

export interface ClaimedMessage extends OutboxMessage {
  seq: number;
}

export interface OutboxStats {
  pending: number;
  delivered: number;
  dead: number;
}

function messageOf(r: OutboxRow): NewOutboxMessage {
  return {
    id: r.id,
    topic: r.topic,
    audience: parseAudience(r.audience),
    tenantId: r.tenant_id,
    caseNumber: r.case_number,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  };
}

type OutboxRow = {
  seq: number | string;
  id: string;
  topic: string;
  audience: string;
  tenant_id: string;
  case_number: string | null;
  payload: string;
  created_at: string;
  attempts: number | string;
};

const DUE = `delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)`;

export class SqlOutboxStore {
  constructor(private readonly db: Database) {}

  /**
   * Leases up to `limit` due messages to `owner` until `leaseUntil`. The conditions are repeated
   * outside the sub-select on purpose: PostgreSQL re-checks them on the row a concurrent claimer has
   * just updated, so a row is never handed to two dispatchers.
   */
  async claim(owner: string, now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]> {
    const rows = await this.db.all<OutboxRow>(
      `UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1
       WHERE ${DUE} AND seq IN (SELECT seq FROM outbox WHERE ${DUE} ORDER BY seq LIMIT $4)
       RETURNING seq, id, topic, audience, tenant_id, case_number, payload, created_at, attempts`,
      [owner, leaseUntil, now, limit],
    );
    return rows.map((r) => ({ ...messageOf(r), seq: Number(r.seq), createdAt: r.created_at, attempt: Number(r.attempts) })).sort((a, b) => a.seq - b.seq);
  }

  /** Delivered is delivered, whoever holds the lease now. */
  async markDelivered(seq: number, now: string): Promise<void> {
    await this.db.run('UPDATE outbox SET delivered_at = $1, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE seq = $2 AND delivered_at IS NULL', [now, seq]);
  }

  /** Schedules the next attempt (or gives up when `nextAttemptAt` is null); only the lease holder may. */
  async markFailed(seq: number, owner: string, error: string, nextAttemptAt: string | null, now: string): Promise<void> {
    await this.db.run(
      `UPDATE outbox SET lease_owner = NULL, lease_until = NULL, last_error = $1,
         next_attempt_at = COALESCE($2, next_attempt_at), dead_at = CASE WHEN $2 IS NULL THEN $3 ELSE NULL END
       WHERE seq = $4 AND lease_owner = $5 AND delivered_at IS NULL`,
      [error.slice(0, 500), nextAttemptAt, now, seq, owner],
    );
  }

  async stats(): Promise<OutboxStats> {
    const row = await this.db.get<{ pending: number | string | null; delivered: number | string | null; dead: number | string | null }>(
      `SELECT SUM(CASE WHEN delivered_at IS NULL AND dead_at IS NULL THEN 1 ELSE 0 END) AS pending,
              SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered,
              SUM(CASE WHEN dead_at IS NOT NULL THEN 1 ELSE 0 END) AS dead
       FROM outbox`,
    );
    return { pending: Number(row?.pending ?? 0), delivered: Number(row?.delivered ?? 0), dead: Number(row?.dead ?? 0) };
  }

  /** Every message, oldest first (operations and tests). */
  async list(): Promise<Array<NewOutboxMessage & { attempts: number; deliveredAt: string | null; deadAt: string | null; lastError: string | null }>> {
    const rows = await this.db.all<OutboxRow & { delivered_at: string | null; dead_at: string | null; last_error: string | null }>(
      'SELECT seq, id, topic, audience, tenant_id, case_number, payload, created_at, attempts, delivered_at, dead_at, last_error FROM outbox ORDER BY seq',
    );
    return rows.map((r) => ({
      ...messageOf(r),
      attempts: Number(r.attempts),
      deliveredAt: r.delivered_at,
      deadAt: r.dead_at,
      lastError: r.last_error,
    }));
  }
}

/** Exponential backoff: base, 2×base, 4×base … capped at max; `attempt` counts from 1. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Structurally compatible with the bot's Logger; the library does not import the app. */
export interface OutboxLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface OutboxDispatcherOptions {
  db: Database;
  notifier: Notifier;
  now?: () => DateTime;
  /** How long a claim holds; a dispatcher that dies releases its rows when this runs out. */
  leaseMs?: number;
  batchSize?: number;
  /** After this many failed attempts a message is set aside (dead) and logged. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Pause between drains when there was nothing to do. */
  pollIntervalMs?: number;
  /** Adds up to this fraction of the delay at random, so replicas do not retry in lockstep. */
  jitter?: number;
  random?: () => number;
  owner?: string;
  log?: OutboxLog;
}

export interface DrainResult {
  delivered: number;
  failed: number;
  dead: number;
}

export class OutboxDispatcher {
  readonly owner: string;
  private readonly store: SqlOutboxStore;
  private readonly o: Required<Omit<OutboxDispatcherOptions, 'log' | 'owner' | 'db' | 'notifier'>> & { log?: OutboxLog };
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private draining: Promise<DrainResult> | undefined;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.owner = options.owner ?? `dispatcher-${randomUUID()}`;
    this.store = new SqlOutboxStore(options.db);
    this.o = {
      now: options.now ?? (() => DateTime.utc()),
      leaseMs: options.leaseMs ?? 30_000,
      batchSize: options.batchSize ?? 20,
      maxAttempts: options.maxAttempts ?? 10,
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      jitter: options.jitter ?? 0,
      random: options.random ?? Math.random,
      log: options.log,
    };
  }

  /** Claims what is due and tries to deliver it once. Concurrent calls share one drain. */
  drainOnce(): Promise<DrainResult> {
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
      });
    }
    return this.draining;
  }

  private async drain(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, failed: 0, dead: 0 };
    const now = this.o.now();
    const claimed = await this.store.claim(this.owner, isoUtc(now), isoUtc(now.plus({ milliseconds: this.o.leaseMs })), this.o.batchSize);
    for (const message of claimed) {
      const { seq, ...outgoing } = message;
      try {
        await this.options.notifier.send(outgoing);
        await this.store.markDelivered(seq, isoUtc(this.o.now()));
        result.delivered++;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        const at = this.o.now();
        if (message.attempt >= this.o.maxAttempts) {
          await this.store.markFailed(seq, this.owner, reason, null, isoUtc(at));
          result.dead++;
          this.o.log?.error('outbox message given up', { id: message.id, topic: message.topic, attempts: message.attempt, err: reason });
        } else {
          const delay = backoffDelay(message.attempt, this.o.baseDelayMs, this.o.maxDelayMs);
          const jittered = delay + Math.floor(delay * this.o.jitter * this.o.random());
          await this.store.markFailed(seq, this.owner, reason, isoUtc(at.plus({ milliseconds: jittered })), isoUtc(at));
          result.failed++;
          this.o.log?.warn('outbox delivery failed; will retry', { id: message.id, topic: message.topic, attempt: message.attempt, retryInMs: jittered, err: reason });
        }
      }
    }
    return result;
  }

  /** Drains in the background until stop(); a full batch is followed at once by the next one. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = async () => {
      let busy = false;
      try {
        const r = await this.drainOnce();
        busy = r.delivered + r.failed + r.dead >= this.o.batchSize;
      } catch (err) {
        this.o.log?.error('outbox drain failed', { err: err instanceof Error ? err.message : String(err) });
      }
      if (this.running) {
        this.timer = setTimeout(() => void tick(), busy ? 0 : this.o.pollIntervalMs);
        this.timer.unref?.();
      }
    };
    void tick();
  }

  /** Stops the loop and waits for a drain in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.draining?.catch(() => undefined);
  }

  stats(): Promise<OutboxStats> {
    return this.store.stats();
  }
}
