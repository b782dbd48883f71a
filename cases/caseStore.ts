/**
 * Where cases, their history and the messages they cause are kept. The store knows no rules: the
 * case service decides, the store writes atomically (case row, events and outbox in one
 * transaction) and refuses a write based on a stale version.
 */
import { ConcurrencyError, type Database, type Queryable, type SqlValue } from './db/database';
import {
  caseRecordSchema,
  formatCaseNumber,
  type ActorRef,
  type CaseEvent,
  type CaseEventType,
  type CaseRecord,
  type CaseStatus,
  type Severity,
} from './model';
import { enqueueOutbox, type NewOutboxMessage } from './outbox';

export interface NewCaseEvent {
  id: string;
  at: string;
  actor: ActorRef;
  type: CaseEventType;
  data: Record<string, unknown>;
}

/** What a new case writes, built once its number is known. */
export interface CaseDraft {
  record: CaseRecord;
  events: NewCaseEvent[];
  outbox: NewOutboxMessage[];
}

export interface CaseQuery {
  tenantId?: string;
  statuses?: readonly CaseStatus[];
  severity?: Severity;
  /** Only cases closed or cancelled at or after this instant (ISO, UTC). */
  closedSince?: string;
  /** Breached or not as of `now` (ISO, UTC). */
  breached?: { value: boolean; now: string };
  limit?: number;
}

export interface CaseStore {
  /**
   * Opens a case unless one with the same (tenant, client key) exists, in which case that one is
   * returned and nothing is written. The number is allocated in the same transaction.
   */
  create(key: { tenantId: string; clientKey: string }, build: (number: string) => CaseDraft): Promise<{ record: CaseRecord; created: boolean }>;
  get(number: string): Promise<CaseRecord | undefined>;
  getByClientKey(tenantId: string, clientKey: string): Promise<CaseRecord | undefined>;
  /** Sorted by due time (cases without one last), then by creation. */
  list(query: CaseQuery): Promise<CaseRecord[]>;
  events(number: string): Promise<CaseEvent[]>;
  /**
   * Replaces the case if its version is still `expectedVersion`, appending events and outbox
   * messages in the same transaction. Throws ConcurrencyError otherwise.
   */
  update(next: CaseRecord, expectedVersion: number, events: readonly NewCaseEvent[], outbox: readonly NewOutboxMessage[]): Promise<CaseRecord>;
}

type CaseRow = { document: string; version: number | string };
type EventRow = {
  id: string;
  seq: number | string;
  tenant_id: string;
  at: string;
  actor_kind: ActorRef['kind'];
  actor_id: string;
  actor_partner_id: string | null;
  type: string;
  data: string;
  number: string;
};

/** Thrown inside a transaction to roll it back when the case turns out to exist already. */
class AlreadyOpened {
  constructor(readonly record: CaseRecord) {}
}

function fromRow(row: CaseRow): CaseRecord {
  // The column is the truth for the version; the document copy may lag by design (written before the bump).
  return caseRecordSchema.parse({ ...JSON.parse(row.document), version: Number(row.version) });
}

function columns(c: CaseRecord): SqlValue[] {
  return [c.status, c.severity, c.assignee, c.updatedAt, c.dueAt, c.firstResponseAt, c.closedAt];
}

export class SqlCaseStore implements CaseStore {
  constructor(private readonly db: Database) {}

  private async findByClientKey(q: Queryable, tenantId: string, clientKey: string): Promise<CaseRecord | undefined> {
    const row = await q.get<CaseRow>('SELECT document, version FROM cases WHERE tenant_id = $1 AND client_key = $2', [tenantId, clientKey]);
    return row && fromRow(row);
  }

  private async appendEvents(tx: Queryable, record: CaseRecord, events: readonly NewCaseEvent[]): Promise<void> {
    if (!events.length) return;
    // Safe without a lock of its own: the caller holds the case row (insert or version-checked update).
    const last = await tx.get<{ n: number | string | null }>('SELECT MAX(seq) AS n FROM case_events WHERE case_id = $1', [record.id]);
    let seq = Number(last?.n ?? 0);
    for (const e of events) {
      seq++;
      await tx.run(
        `INSERT INTO case_events (case_id, seq, id, tenant_id, at, actor_kind, actor_id, actor_partner_id, type, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [record.id, seq, e.id, record.tenantId, e.at, e.actor.kind, e.actor.userId, e.actor.partnerId, e.type, JSON.stringify(e.data)],
      );
    }
  }

  async create(key: { tenantId: string; clientKey: string }, build: (number: string) => CaseDraft): Promise<{ record: CaseRecord; created: boolean }> {
    try {
      const record = await this.db.transaction(async (tx) => {
        // The counter row is taken first: its lock orders concurrent openings across processes, so
        // the client-key check below sees any case committed by an opening that went before.
        const counter = await tx.get<{ value: number | string }>(
          "UPDATE case_counters SET value = value + 1 WHERE name = 'case-number' RETURNING value",
        );
        if (!counter) throw new Error('the case number counter is missing (migration 004_cases not applied?)');
        const existing = await this.findByClientKey(tx, key.tenantId, key.clientKey);
        if (existing) throw new AlreadyOpened(existing);
        const draft = build(formatCaseNumber(Number(counter.value)));
        const c = draft.record;
        await tx.run(
          `INSERT INTO cases (status, severity, assignee, updated_at, due_at, first_response_at, closed_at,
             id, number, tenant_id, client_key, created_at, version, document)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          [...columns(c), c.id, c.number, c.tenantId, c.clientKey, c.createdAt, c.version, JSON.stringify(c)],
        );
        await this.appendEvents(tx, c, draft.events);
        await enqueueOutbox(tx, draft.outbox, c.createdAt);
        return c;
      });
      return { record, created: true };
    } catch (err) {
      if (err instanceof AlreadyOpened) return { record: err.record, created: false };
      // A racing opening with the same key that won the unique constraint: its case is the answer.
      const existing = await this.getByClientKey(key.tenantId, key.clientKey).catch(() => undefined);
      if (existing) return { record: existing, created: false };
      throw err;
    }
  }

  async get(number: string): Promise<CaseRecord | undefined> {
    const row = await this.db.get<CaseRow>('SELECT document, version FROM cases WHERE number = $1', [number]);
    return row && fromRow(row);
  }

  getByClientKey(tenantId: string, clientKey: string): Promise<CaseRecord | undefined> {
    return this.findByClientKey(this.db, tenantId, clientKey);
  }

  async list(query: CaseQuery): Promise<CaseRecord[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const p = (v: SqlValue) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (query.tenantId !== undefined) where.push(`tenant_id = ${p(query.tenantId)}`);
    if (query.statuses) {
      if (!query.statuses.length) return [];
      where.push(`status IN (${query.statuses.map((s) => p(s)).join(', ')})`);
    }
    if (query.severity !== undefined) where.push(`severity = ${p(query.severity)}`);
    if (query.closedSince !== undefined) where.push(`closed_at >= ${p(query.closedSince)}`);
    if (query.breached) {
      // Same definition as isCaseBreached(): answered late, or unanswered and past due.
      const now = p(query.breached.now);
      const breached = `(due_at IS NOT NULL AND ((first_response_at IS NULL AND due_at < ${now}) OR (first_response_at IS NOT NULL AND first_response_at > due_at)))`;
      where.push(query.breached.value ? breached : `NOT ${breached}`);
    }
    const limit = p(Math.max(1, Math.min(query.limit ?? 1000, 10_000)));
    const rows = await this.db.all<CaseRow>(
      `SELECT document, version FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, created_at, number LIMIT ${limit}`,
      params,
    );
    return rows.map(fromRow);
  }

  async events(number: string): Promise<CaseEvent[]> {
    const rows = await this.db.all<EventRow>(
      `SELECT e.id, e.seq, e.tenant_id, e.at, e.actor_kind, e.actor_id, e.actor_partner_id, e.type, e.data, c.number
       FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.number = $1 ORDER BY e.seq`,
      [number],
    );
    return rows.map((r) => ({
      id: r.id,
      caseNumber: r.number,
      tenantId: r.tenant_id,
      seq: Number(r.seq),
      at: r.at,
      actor: { kind: r.actor_kind, userId: r.actor_id, partnerId: r.actor_partner_id ?? null },
      type: r.type as CaseEventType,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }

  update(next: CaseRecord, expectedVersion: number, events: readonly NewCaseEvent[], outbox: readonly NewOutboxMessage[]): Promise<CaseRecord> {
    return this.db.transaction(async (tx) => {
      const stored = { ...next, version: expectedVersion + 1 };
      const result = await tx.run(
        `UPDATE cases SET status = $1, severity = $2, assignee = $3, updated_at = $4, due_at = $5, first_response_at = $6, closed_at = $7,
           document = $8, version = version + 1
         WHERE id = $9 AND tenant_id = $10 AND version = $11`,
        [...columns(stored), JSON.stringify(stored), stored.id, stored.tenantId, expectedVersion],
      );
      if (result.changes !== 1) throw new ConcurrencyError(`case ${next.number} was changed by someone else (expected version ${expectedVersion})`);
      await this.appendEvents(tx, stored, events);
      await enqueueOutbox(tx, outbox, stored.updatedAt);
      return stored;
    });
  }
}
