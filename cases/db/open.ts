import type { Database } from './database';
import { migrate } from './migrations';
import { PostgresDatabase } from './postgres';
import { SqliteDatabase } from './sqlite';

export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/** Opens the configured engine and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const db = target.engine === 'postgres' ? new PostgresDatabase(target.url) : new SqliteDatabase(target.file);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}
