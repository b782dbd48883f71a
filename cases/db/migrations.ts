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
