import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { silentLogger } from '../../bot/log';
import { startServer, type RunningServer } from '../../bot/server';

/** A real server on a free port with its own SQLite file (unless `env` says otherwise). */
export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer & { sqliteFile: string }> {
  const sqliteFile = join(mkdtempSync(join(tmpdir(), 'support-bot-server-')), 'bot.sqlite');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SQLITE_FILE: sqliteFile, ...env });
  const running = await startServer(config, { log: silentLogger });
  return Object.assign(running, { sqliteFile });
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Some answers are plain text; keep them as they are.
  }
  return { status: res.status, body: parsed };
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
