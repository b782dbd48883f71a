import type { Database } from '../../cases/db/database';
import { openDatabase } from '../../cases/db/open';
import type { CommandIO } from './command';
import { readConfig } from './config';

/** Opens the configured database (as `serve` does) for the length of one command. */
export async function withConfiguredDatabase<T>(io: CommandIO, work: (db: Database) => Promise<T>): Promise<T | number> {
  const config = readConfig(io);
  if (!config) return 2;
  const db = await openDatabase(config.database);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
