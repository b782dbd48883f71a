import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Database } from '../../cases/db/database';
import { migrate } from '../../cases/db/migrations';
import { PostgresDatabase } from '../../cases/db/postgres';
import { SqliteDatabase } from '../../cases/db/sqlite';

/**
 * The real engines for store tests. PostgreSQL runs when TEST_DATABASE_URL is set (CI sets it);
 * each call gets its own schema, so parallel jest workers never see each other's rows.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated database. `reopen` gives a second connection to the same data (restart). */
  open(): Promise<{ db: Database; reopen(): Promise<Database> }>;
}

let skipNoticeShown = false;

export function engines(): EngineUnderTest[] {
  const list: EngineUnderTest[] = [
    {
      name: 'sqlite',
      async open() {
        const file = join(mkdtempSync(join(tmpdir(), 'support-bot-')), 'test.sqlite');
        const db = new SqliteDatabase(file);
        await migrate(db);
        return { db, reopen: async () => new SqliteDatabase(file) };
      },
    },
  ];
  if (TEST_DATABASE_URL) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
        const admin = new Client({ connectionString: TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.end();
        const db = new PostgresDatabase(TEST_DATABASE_URL, { schema, max: 4 });
        await migrate(db);
        return { db, reopen: async () => new PostgresDatabase(TEST_DATABASE_URL, { schema, max: 4 }) };
      },
    });
  } else if (!skipNoticeShown) {
    skipNoticeShown = true;
    // One line, so a run without PostgreSQL says what it did not test.
    console.warn('PostgreSQL store tests skipped: TEST_DATABASE_URL is not set');
  }
  return list;
}
