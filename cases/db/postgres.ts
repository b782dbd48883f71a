import { Pool, type PoolClient } from 'pg';
import type { Database, Queryable, Row, SqlValue } from './database';

class PgQueries implements Queryable {
  constructor(protected readonly client: Pool | PoolClient) {}
  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.client.query(sql, params as unknown[])).rows as T[];
  }
  async get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.client.query(sql, params as unknown[])).rows[0] as T | undefined;
  }
  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: (await this.client.query(sql, params as unknown[])).rowCount ?? 0 };
  }
}

export class PostgresDatabase extends PgQueries implements Database {
  readonly engine = 'postgres' as const;
  private readonly pool: Pool;

  /** `schema` confines this connection to one PostgreSQL schema (tests use one each). */
  constructor(url: string, options: { max?: number; schema?: string } = {}) {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
    const pool = new Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5000,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    super(pool);
    this.pool = pool;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PgQueries(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
