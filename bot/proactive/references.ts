import type { ConversationReference } from 'botbuilder';
import type { Database } from '../../cases/db/database';

/**
 * Where the bot can speak to someone later: each person's latest conversation with the bot (per
 * channel), and the support queue's channel. Written on every turn, read by the outbox notifier
 * and the admin handoff.
 */
export type ReferenceKind = 'user' | 'support-queue';

export interface StoredReference {
  key: string;
  kind: ReferenceKind;
  tenantId?: string;
  userId?: string;
  channelId: string;
  reference: Partial<ConversationReference>;
}

export class ReferenceStore {
  constructor(private readonly db: Database) {}

  static userKey(channelId: string, tenantId: string | undefined, userId: string): string {
    return `user:${channelId}:${tenantId ?? '-'}:${userId}`;
  }

  static readonly QUEUE_KEY = 'support-queue';

  async save(ref: StoredReference): Promise<void> {
    await this.db.run(
      `INSERT INTO conversation_references (key, kind, tenant_id, user_id, channel_id, reference, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at,
         tenant_id = excluded.tenant_id, user_id = excluded.user_id, channel_id = excluded.channel_id`,
      [ref.key, ref.kind, ref.tenantId ?? null, ref.userId ?? null, ref.channelId, JSON.stringify(ref.reference), new Date().toISOString()],
    );
  }

  async get(key: string): Promise<StoredReference | undefined> {
    const row = await this.db.get<Row>('SELECT * FROM conversation_references WHERE key = $1', [key]);
    return row && toStored(row);
  }

  /** Every conversation in which this person of this tenant talked to the bot, newest first. */
  async forUser(tenantId: string, userId: string): Promise<StoredReference[]> {
    const rows = await this.db.all<Row>(
      "SELECT * FROM conversation_references WHERE kind = 'user' AND tenant_id = $1 AND user_id = $2 ORDER BY updated_at DESC",
      [tenantId, userId],
    );
    return rows.map(toStored);
  }
}

interface Row extends Record<string, unknown> {
  key: string;
  kind: ReferenceKind;
  tenant_id: string | null;
  user_id: string | null;
  channel_id: string;
  reference: string;
}

function toStored(row: Row): StoredReference {
  return {
    key: row.key,
    kind: row.kind,
    tenantId: row.tenant_id ?? undefined,
    userId: row.user_id ?? undefined,
    channelId: row.channel_id,
    reference: JSON.parse(row.reference),
  };
}

/** Where each case card was posted, so a change to the case updates the card where it is. */
export interface CardLocation {
  caseNumber: string;
  referenceKey: string;
  activityId: string;
  audience: 'tenant' | 'support';
}

export class CardLocationStore {
  constructor(private readonly db: Database) {}

  async add(location: CardLocation): Promise<void> {
    await this.db.run(
      `INSERT INTO card_locations (case_number, reference_key, activity_id, audience, posted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_number, reference_key, activity_id) DO NOTHING`,
      [location.caseNumber, location.referenceKey, location.activityId, location.audience, new Date().toISOString()],
    );
  }

  async forCase(caseNumber: string): Promise<CardLocation[]> {
    const rows = await this.db.all<{ case_number: string; reference_key: string; activity_id: string; audience: 'tenant' | 'support' }>(
      'SELECT case_number, reference_key, activity_id, audience FROM card_locations WHERE case_number = $1 ORDER BY posted_at',
      [caseNumber],
    );
    return rows.map((r) => ({ caseNumber: r.case_number, referenceKey: r.reference_key, activityId: r.activity_id, audience: r.audience }));
  }
}
