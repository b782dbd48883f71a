/**
 * The one storage interface of the product: a small SQL surface that both engines (SQLite embedded,
 * PostgreSQL for several replicas) implement. Statements use PostgreSQL's `$1` placeholders; the
 * SQLite engine rewrites them. Stores (bot state, tenants, cases, outbox) are written against this.
 */
export type SqlValue = string | number | bigint | boolean | null | Buffer;
export type Row = Record<string, unknown>;

export interface Queryable {
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
}

export interface Database extends Queryable {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Transactions of one process are serialised; across processes the engine's locks decide.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raised when an optimistic-concurrency check fails: the caller's copy is stale. */
export class ConcurrencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConcurrencyError';
  }
}
