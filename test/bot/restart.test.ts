import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { postJson, waitFor } from '../support/server';

const ROOT = join(__dirname, '..', '..');

/** Starts `serve` as a real process and resolves with its URL once it listens. */
function serve(sqliteFile: string): Promise<{ child: ChildProcess; url: string }> {
  // One process (node with tsx's loader), so SIGKILL really kills the server, as a crash would.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'main.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SQLITE_FILE: sqliteFile, DIRECTLINE_TOKEN_SECRET: 'restart-test-secret-0123456789abcdef', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /"msg":"listening".*?"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function turnsStored(sqliteFile: string, conversationId: string): number | undefined {
  const db = new BetterSqlite3(sqliteFile, { readonly: true });
  try {
    // ConversationState keys are `<channel>/conversations/<id>/<namespace>`.
    const row = db.prepare('SELECT value FROM bot_state WHERE key LIKE ?').get(`directline/conversations/${conversationId}/%`) as { value: string } | undefined;
    return row ? JSON.parse(row.value).conversationData?.turns : undefined;
  } finally {
    db.close();
  }
}

it('a server killed mid-conversation comes back with the conversation and its state', async () => {
  const sqliteFile = join(mkdtempSync(join(tmpdir(), 'restart-')), 'bot.sqlite');
  let { child, url } = await serve(sqliteFile);
  try {
    const t = (await postJson(`${url}/api/directline/token`, { demoUser: 'carol' })).body;
    const auth = { authorization: `Bearer ${t.token}` };
    await postJson(`${url}/v3/directline/conversations`, {}, auth);
    for (const text of ['help', 'my mailbox is full']) {
      expect((await postJson(`${url}/v3/directline/conversations/${t.conversationId}/activities`, { type: 'message', text }, auth)).status).toBe(200);
    }
    expect(turnsStored(sqliteFile, t.conversationId)).toBe(2);

    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    ({ child, url } = await serve(sqliteFile));

    const history = await fetch(`${url}/v3/directline/conversations/${t.conversationId}/activities?watermark=0`, { headers: auth }).then(
      (r) => r.json() as Promise<{ activities: any[]; watermark: string }>,
    );
    expect(history.activities.filter((a) => a.from.role === 'user').map((a) => a.text)).toEqual(['help', 'my mailbox is full']);
    expect(history.activities.filter((a) => a.from.role === 'bot')).toHaveLength(3);

    // The state written before the kill is the state the next turn starts from.
    await postJson(`${url}/v3/directline/conversations/${t.conversationId}/activities`, { type: 'message', text: 'help' }, auth);
    await waitFor(() => (turnsStored(sqliteFile, t.conversationId) === 3 ? true : undefined), 'third turn stored');
  } finally {
    child.kill('SIGKILL');
  }
}, 90_000);
