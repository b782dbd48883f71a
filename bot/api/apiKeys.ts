import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Bearer keys of the support engineers' REST API (SUPPORT_API_KEYS, comma-separated). Keys are
 * compared by their SHA-256 digests in constant time, and every configured key is compared, so the
 * time taken says nothing about how close a guess was nor which key matched.
 */
export const MIN_API_KEY_LENGTH = 24;

export class ApiKeyConfigError extends Error {}

/** Parses SUPPORT_API_KEYS. Empty means the API refuses everyone. A weak key stops start-up. */
export function parseApiKeys(value: string | undefined): string[] {
  const keys = (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  keys.forEach((key, i) => {
    // The key itself never goes into the message: it would end up in logs.
    if (key.length < MIN_API_KEY_LENGTH) throw new ApiKeyConfigError(`SUPPORT_API_KEYS: key ${i + 1} is shorter than ${MIN_API_KEY_LENGTH} characters`);
    if (/\s/.test(key)) throw new ApiKeyConfigError(`SUPPORT_API_KEYS: key ${i + 1} contains white space`);
  });
  return keys;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export interface ApiKeyMatcher {
  /** The matching key's fingerprint (safe to log and to record as the actor), or undefined. */
  match(presented: string | undefined): string | undefined;
}

/** A short, non-secret name for a key: the first 12 hex digits of its SHA-256. */
export function keyFingerprint(key: string): string {
  return digest(key).toString('hex').slice(0, 12);
}

export function apiKeyMatcher(keys: readonly string[]): ApiKeyMatcher {
  const known = keys.map((k) => ({ digest: digest(k), fingerprint: keyFingerprint(k) }));
  return {
    match(presented) {
      if (!presented) return undefined;
      const d = digest(presented);
      let found: string | undefined;
      for (const k of known) {
        if (timingSafeEqual(d, k.digest) && found === undefined) found = k.fingerprint;
      }
      return found;
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return m?.[1];
}
