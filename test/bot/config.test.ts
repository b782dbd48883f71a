import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, environmentWithDotenv, loadConfig } from '../../bot/config';
import { main } from '../../bot/main';

describe('configuration', () => {
  it('runs with no variables at all: local mode, demo mode, SQLite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, localMode: true, demoMode: true, database: { engine: 'sqlite', file: './data/support-bot.sqlite' } });
  });

  it('PostgreSQL when DATABASE_URL is a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).database).toEqual({
      engine: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
    });
  });

  it('Bot Framework mode turns demo users off', () => {
    const config = loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'pw' });
    expect(config.localMode).toBe(false);
    expect(config.demoMode).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Configuration error: PORT: expected a port number$/],
    [{ PORT: '70000' }, /^Configuration error: PORT:/],
    [{ DATABASE_URL: 'mysql://x' }, /^Configuration error: DATABASE_URL: expected postgres/],
    [{ DEMO_MODE: 'maybe' }, /^Configuration error: DEMO_MODE: expected true or false$/],
    [{ HELP_SITE_JWT_SECRET: 'short' }, /^Configuration error: HELP_SITE_JWT_SECRET: must be at least 32 characters$/],
    [{ MicrosoftAppId: 'abc' }, /^Configuration error: MicrosoftAppPassword: required/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x', DEMO_MODE: 'true' }, /^Configuration error: DEMO_MODE:/],
    [{ LOG_LEVEL: 'loud' }, /^Configuration error: LOG_LEVEL:/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /^Configuration error: PUBLIC_BASE_URL:/],
    [{ SUPPORT_QUEUE_CONVERSATION: '{not json' }, /^Configuration error: SUPPORT_QUEUE_CONVERSATION: expected JSON/],
    [{ SUPPORT_QUEUE_CONVERSATION: '{"channelId":"msteams"}' }, /^Configuration error: SUPPORT_QUEUE_CONVERSATION/],
    [{ SUPPORT_API_KEYS: 'short' }, /^Configuration error: SUPPORT_API_KEYS: each key must be at least 24 characters$/],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('reads .env under the real environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, '.env'), 'PORT=4000\nBOT_NAME=Helper\n');
    const env = environmentWithDotenv({ PORT: '5000' }, join(dir, '.env'));
    expect(loadConfig(env)).toMatchObject({ port: 5000, botName: 'Helper' });
  });

  it('serve stops with exit code 2 and one line on a bad variable', async () => {
    const err: string[] = [];
    const code = await main(['serve'], { out: () => undefined, err: (l) => err.push(l), env: { PORT: 'x' } });
    expect(code).toBe(2);
    expect(err).toEqual(['Configuration error: PORT: expected a port number']);
  });

  it('the CLI lists its commands and refuses unknown ones', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} };
    expect(await main(['--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/serve[\s\S]*health[\s\S]*manifest/);
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(err[0]).toMatch(/unknown command "frobnicate"/);
  });
});
