import type { Database } from './database';

/**
 * Schema changes, applied in order at start-up and recorded in `schema_migrations`, so running them
 * again is a no-op. Each has a text per engine where the dialects differ. New ones go at the end, never edited once shipped.
 */
export interface Migration {
  id: string;
  sqlite: string;
  postgres: string;
}

const same = (sql: string) => ({ sqlite: sql, postgres: sql });

function outboxTable(seqColumn: string): string {
  return `CREATE TABLE IF NOT EXISTS outbox (
      ${seqColumn},
      id TEXT NOT NULL UNIQUE,
      topic TEXT NOT NULL,
      audience TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      case_number TEXT,
      payload TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      lease_owner TEXT,
      lease_until TEXT,
      delivered_at TEXT,
      dead_at TEXT,
      last_error TEXT
    );
    CREATE INDEX IF NOT EXISTS outbox_due ON outbox (delivered_at, dead_at, next_attempt_at)`;
}

export const MIGRATIONS: Migration[] = [
  {
    id: '001_bot_state',
    ...same(`CREATE TABLE IF NOT EXISTS bot_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      etag TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`),
  },
  {
    id: '002_directory',
    ...same(`CREATE TABLE IF NOT EXISTS tenants (
      id TEXT PRIMARY KEY,
      document TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS partners (
      id TEXT PRIMARY KEY,
      document TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    )`),
  },
  {
    id: '003_directline',
    sqlite: `CREATE TABLE IF NOT EXISTS directline_conversations (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      tenant_id TEXT,
      next_seq INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS directline_activities (
      conversation_id TEXT NOT NULL REFERENCES directline_conversations(id),
      seq INTEGER NOT NULL,
      activity TEXT NOT NULL,
      PRIMARY KEY (conversation_id, seq)
    )`,
    postgres: `CREATE TABLE IF NOT EXISTS directline_conversations (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      tenant_id TEXT,
      next_seq INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS directline_activities (
      conversation_id TEXT NOT NULL REFERENCES directline_conversations(id),
      seq INTEGER NOT NULL,
      activity TEXT NOT NULL,
      PRIMARY KEY (conversation_id, seq)
    )`,
  },
  {
    // Cases, their history and the SR- number counter (one row, updated inside the opening transaction).
    id: '004_cases',
    ...same(`CREATE TABLE IF NOT EXISTS case_counters (
      name TEXT PRIMARY KEY,
      value BIGINT NOT NULL
    );
    INSERT INTO case_counters (name, value) VALUES ('case-number', 0) ON CONFLICT (name) DO NOTHING;
    CREATE TABLE IF NOT EXISTS cases (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      tenant_id TEXT NOT NULL,
      client_key TEXT NOT NULL,
      status TEXT NOT NULL,
      severity TEXT NOT NULL,
      assignee TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      due_at TEXT,
      first_response_at TEXT,
      closed_at TEXT,
      version INTEGER NOT NULL,
      document TEXT NOT NULL,
      UNIQUE (tenant_id, client_key)
    );
    CREATE INDEX IF NOT EXISTS cases_tenant_status ON cases (tenant_id, status);
    CREATE INDEX IF NOT EXISTS cases_due ON cases (due_at);
    CREATE TABLE IF NOT EXISTS case_events (
      case_id TEXT NOT NULL REFERENCES cases(id),
      seq INTEGER NOT NULL,
      id TEXT NOT NULL UNIQUE,
      tenant_id TEXT NOT NULL,
      at TEXT NOT NULL,
      actor_kind TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      actor_partner_id TEXT,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (case_id, seq)
    )`),
  },
  {
    // Messages to deliver, written in the same transaction as the change that causes them.
    id: '005_outbox',
    // Only the row counter differs between the engines.
    sqlite: outboxTable('seq INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: outboxTable('seq BIGSERIAL PRIMARY KEY'),
  },
  {
    // Where the bot can reach people and channels later (proactive messages), and where each case
    // card was posted, so a change updates the card in place instead of leaving a stale one.
    id: '006_conversations',
    ...same(`CREATE TABLE IF NOT EXISTS conversation_references (
      key TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      tenant_id TEXT,
      user_id TEXT,
      channel_id TEXT NOT NULL,
      reference TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS conversation_references_user ON conversation_references (tenant_id, user_id);
    CREATE TABLE IF NOT EXISTS card_locations (
      case_number TEXT NOT NULL,
      reference_key TEXT NOT NULL,
      activity_id TEXT NOT NULL,
      audience TEXT NOT NULL,
      posted_at TEXT NOT NULL,
      PRIMARY KEY (case_number, reference_key, activity_id)
    );
    CREATE TABLE IF NOT EXISTS conversation_outcomes (
      id TEXT PRIMARY KEY,
      recorded_at TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      tenant_id TEXT,
      role TEXT NOT NULL,
      outcome TEXT NOT NULL,
      lang TEXT,
      category TEXT,
      subcategory TEXT,
      severity TEXT,
      topic TEXT,
      case_number TEXT
    );
    CREATE INDEX IF NOT EXISTS conversation_outcomes_time ON conversation_outcomes (recorded_at);
    CREATE TABLE IF NOT EXISTS notification_deliveries (
      message_id TEXT NOT NULL,
      target TEXT NOT NULL,
      delivered_at TEXT NOT NULL,
      PRIMARY KEY (message_id, target)
    )`),
  },
];

async function runScript(sql: string, tx: { run(sql: string): Promise<unknown> }): Promise<void> {
  for (const statement of sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await tx.run(statement);
}

export async function migrate(db: Database): Promise<string[]> {
  await db.run('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied: string[] = [];
  for (const migration of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      // Two replicas starting together: the advisory lock lets one apply while the other waits.
      if (db.engine === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(727272)');
      const exists = await tx.get('SELECT id FROM schema_migrations WHERE id = $1', [migration.id]);
      if (exists) return false;
      await runScript(db.engine === 'postgres' ? migration.postgres : migration.sqlite, tx);
      await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [migration.id, new Date().toISOString()]);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
