import type { Activity } from 'botbuilder';
import type { Database } from '../../cases/db/database';

/**
 * Conversations of the built-in Direct Line and every activity in them, numbered in order. The
 * number is the watermark clients resume from, so a reconnect (or a server restart) replays exactly
 * what the client has not seen.
 */
export interface DirectLineConversation {
  id: string;
  userId: string;
  tenantId?: string;
  createdAt: string;
}

export interface StoredActivity {
  seq: number;
  activity: Partial<Activity>;
}

export interface DirectLineStore {
  create(conversation: DirectLineConversation): Promise<void>;
  get(id: string): Promise<DirectLineConversation | undefined>;
  /** Stores an activity, giving it the next number and (when it has none) the id `<conversation>|<number>`. */
  append(conversationId: string, activity: Partial<Activity>): Promise<StoredActivity>;
  /** Activities after `watermark`; an updated activity appears once, at its latest number. */
  since(conversationId: string, watermark: number): Promise<StoredActivity[]>;
  /** The number of the last activity stored (0 when none): the watermark of live-only frames. */
  lastSeq(conversationId: string): Promise<number>;
}

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

function latestOnly(rows: StoredActivity[]): StoredActivity[] {
  const lastSeqOfId = new Map<string, number>();
  for (const r of rows) if (r.activity.id) lastSeqOfId.set(r.activity.id, r.seq);
  return rows.filter((r) => !r.activity.id || lastSeqOfId.get(r.activity.id) === r.seq);
}

export class SqlDirectLineStore implements DirectLineStore {
  constructor(private readonly db: Database) {}

  async create(c: DirectLineConversation): Promise<void> {
    await this.db.run(
      'INSERT INTO directline_conversations (id, user_id, tenant_id, next_seq, created_at) VALUES ($1, $2, $3, 1, $4) ON CONFLICT (id) DO NOTHING',
      [c.id, c.userId, c.tenantId ?? null, c.createdAt],
    );
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const row = await this.db.get<{ id: string; user_id: string; tenant_id: string | null; created_at: string }>(
      'SELECT id, user_id, tenant_id, created_at FROM directline_conversations WHERE id = $1',
      [id],
    );
    return row && { id: row.id, userId: row.user_id, tenantId: row.tenant_id ?? undefined, createdAt: row.created_at };
  }

  append(conversationId: string, activity: Partial<Activity>): Promise<StoredActivity> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<{ seq: number }>(
        'UPDATE directline_conversations SET next_seq = next_seq + 1 WHERE id = $1 RETURNING next_seq - 1 AS seq',
        [conversationId],
      );
      if (!row) throw new Error(`unknown conversation ${conversationId}`);
      const seq = Number(row.seq);
      const stored = { ...activity, id: activity.id ?? activityId(conversationId, seq) };
      await tx.run('INSERT INTO directline_activities (conversation_id, seq, activity) VALUES ($1, $2, $3)', [
        conversationId,
        seq,
        JSON.stringify(stored),
      ]);
      return { seq, activity: stored };
    });
  }

  async since(conversationId: string, watermark: number): Promise<StoredActivity[]> {
    const rows = await this.db.all<{ seq: number; activity: string }>(
      'SELECT seq, activity FROM directline_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq',
      [conversationId, watermark],
    );
    return latestOnly(rows.map((r) => ({ seq: Number(r.seq), activity: JSON.parse(r.activity) })));
  }

  async lastSeq(conversationId: string): Promise<number> {
    const row = await this.db.get<{ next_seq: number }>('SELECT next_seq FROM directline_conversations WHERE id = $1', [conversationId]);
    return row ? Number(row.next_seq) - 1 : 0;
  }
}

export class MemoryDirectLineStore implements DirectLineStore {
  private readonly conversations = new Map<string, DirectLineConversation & { log: StoredActivity[] }>();

  async create(c: DirectLineConversation): Promise<void> {
    if (!this.conversations.has(c.id)) this.conversations.set(c.id, { ...c, log: [] });
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const c = this.conversations.get(id);
    return c && { id: c.id, userId: c.userId, tenantId: c.tenantId, createdAt: c.createdAt };
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<StoredActivity> {
    const c = this.conversations.get(conversationId);
    if (!c) throw new Error(`unknown conversation ${conversationId}`);
    const seq = c.log.length + 1;
    const stored = { seq, activity: structuredClone({ ...activity, id: activity.id ?? activityId(conversationId, seq) }) };
    c.log.push(stored);
    return stored;
  }

  async since(conversationId: string, watermark: number): Promise<StoredActivity[]> {
    return latestOnly((this.conversations.get(conversationId)?.log ?? []).filter((r) => r.seq > watermark));
  }

  async lastSeq(conversationId: string): Promise<number> {
    return this.conversations.get(conversationId)?.log.length ?? 0;
  }
}
