import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../cases/db/open';
import { OutcomeStore } from '../../cases/outcomes';
import { main } from '../../bot/main';

describe('stats', () => {
  it('prints the deflection rate and escalations from recorded outcomes (no message text stored)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stats-')), 'bot.sqlite');
    const db = await openDatabase({ engine: 'sqlite', file });
    const outcomes = new OutcomeStore(db);
    const base = { channelId: 'msteams', role: 'admin', lang: 'en' };
    await outcomes.record({ ...base, outcome: 'solved-by-article', category: 'technical', topic: 'exchange.mail-flow' });
    await outcomes.record({ ...base, outcome: 'solved-by-article', category: 'billing', topic: 'billing.invoices' });
    await outcomes.record({ ...base, outcome: 'escalated', category: 'technical', severity: 'A', caseNumber: 'SR-000001' });
    await outcomes.record({ ...base, outcome: 'handed-to-admin', role: 'user', category: 'technical', severity: 'B' });
    await outcomes.record({ ...base, outcome: 'boundary-routed', category: 'boundary' });
    await outcomes.record({ ...base, outcome: 'escalated', category: 'technical', severity: 'A' }, new Date(Date.now() - 30 * 86_400_000));
    const columns = (await db.all<{ name: string }>("SELECT name FROM pragma_table_info('conversation_outcomes')")).map((c) => c.name);
    expect(columns).not.toContain('text');
    await db.close();

    const out: string[] = [];
    const code = await main(['stats', '--since', '7d'], { out: (l) => out.push(l), err: () => undefined, env: { SQLITE_FILE: file } });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/deflection rate \(solved by an article\): 50\.0 %/);
    expect(out.join('\n')).toMatch(/escalations by severity: A 1/);
    const summary = JSON.parse(out[out.length - 1]);
    expect(summary.conversations).toBe(5);
  });

  it('refuses a bad --since', async () => {
    const err: string[] = [];
    expect(await main(['stats', '--since', 'yesterday'], { out: () => undefined, err: (l) => err.push(l), env: {} })).toBe(2);
    expect(err[0]).toMatch(/--since must look like 7d/);
  });
});
