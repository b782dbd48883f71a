import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { ConcurrencyError, type Database } from '../../cases/db/database';

/**
 * botbuilder `Storage` for conversation and user state, with eTag optimistic concurrency: a write
 * carrying an eTag that no longer matches is refused (ConcurrencyError), never silently applied.
 * A write without an eTag, or with '*', overwrites: that is botbuilder's documented contract.
 */
function conflict(key: string): ConcurrencyError {
  return new ConcurrencyError(`Storage: error writing "${key}" due to eTag conflict.`);
}

function wantsCheck(eTag: unknown): eTag is string {
  return typeof eTag === 'string' && eTag !== '' && eTag !== '*';
}

export class SqlStateStore implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = await this.db.get<{ value: string; etag: string }>('SELECT value, etag FROM bot_state WHERE key = $1', [key]);
      if (row) items[key] = { ...JSON.parse(row.value), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
      const json = JSON.stringify(value);
      const next = randomUUID();
      const now = new Date().toISOString();
      if (wantsCheck(eTag)) {
        const updated = await this.db.run('UPDATE bot_state SET value = $1, etag = $2, updated_at = $3 WHERE key = $4 AND etag = $5', [
          json,
          next,
          now,
          key,
          eTag,
        ]);
        if (updated.changes === 1) continue;
        // No row with that eTag: either it changed (conflict) or it never existed (first write).
        const exists = await this.db.get('SELECT 1 AS one FROM bot_state WHERE key = $1', [key]);
        if (exists) throw conflict(key);
        const inserted = await this.db.run(
          'INSERT INTO bot_state (key, value, etag, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING',
          [key, json, next, now],
        );
        if (inserted.changes !== 1) throw conflict(key);
      } else {
        await this.db.run(
          `INSERT INTO bot_state (key, value, etag, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
          [key, json, next, now],
        );
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.db.run('DELETE FROM bot_state WHERE key = $1', [key]);
  }
}

/** The same contract in memory, for tests and throw-away runs. */
export class MemoryStateStore implements Storage {
  private readonly items = new Map<string, { value: string; etag: string }>();

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    for (const key of keys) {
      const row = this.items.get(key);
      if (row) out[key] = { ...JSON.parse(row.value), eTag: row.etag };
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
      const old = this.items.get(key);
      if (old && wantsCheck(eTag) && old.etag !== eTag) throw conflict(key);
      this.items.set(key, { value: JSON.stringify(value), etag: randomUUID() });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}
