import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Queryable, Row, SqlValue } from './database';

/** `$1, $2, $1` → `?, ?, ?` with the parameters reordered to match. */
function toSqlite(sql: string, params: readonly SqlValue[]): [string, unknown[]] {
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    const v = params[Number(n) - 1];
    ordered.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    return '?';
  });
  return [text, ordered];
}

class SqliteQueries implements Queryable {
  constructor(protected readonly db: BetterSqlite3.Database) {}
  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const [text, values] = toSqlite(sql, params);
    return this.db.prepare(text).all(...values) as T[];
  }
  async get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const [text, values] = toSqlite(sql, params);
    return this.db.prepare(text).get(...values) as T | undefined;
  }
  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    const [text, values] = toSqlite(sql, params);
    const stmt = this.db.prepare(text);
    if (!stmt.reader) return { changes: stmt.run(...values).changes };
    stmt.all(...values);
    return { changes: 0 };
  }
}

export class SqliteDatabase extends SqliteQueries implements Database {
  readonly engine = 'sqlite' as const;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new BetterSqlite3(file);
    // WAL lets readers run beside the writer; the busy timeout makes a second process wait for
    // the write lock instead of failing at once.
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    super(db);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    // One connection: the async work of two callers must not interleave inside one transaction.
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.db.open) this.db.close();
  }
}
