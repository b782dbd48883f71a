import { OutcomeStore } from '../../cases/outcomes';
import { UsageError, wantsHelp, type Command } from './command';
import { withConfiguredDatabase } from './database';

/** `7d`, `24h`, `30m` → milliseconds. */
export function parseSince(value: string): number {
  const m = /^(\d{1,4})([dhm])$/.exec(value);
  if (!m) throw new UsageError(`stats: --since must look like 7d, 24h or 90m (got "${value}")`);
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);

export const statsCommand: Command = {
  name: 'stats',
  summary: 'deflection rate, escalations by category and severity, first response met or breached',
  usage: 'stats [--since 7d]   (d, h or m; default 7d)',
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${this.usage}`);
      return 0;
    }
    const i = argv.indexOf('--since');
    const unknown = argv.filter((a, j) => a.startsWith('--') && a !== '--since' && j !== i + 1);
    if (unknown.length) throw new UsageError(`stats: unknown option ${unknown[0]}`);
    const since = new Date(Date.now() - parseSince(i >= 0 ? (argv[i + 1] ?? '') : '7d'));
    return withConfiguredDatabase(io, async (db) => {
      const s = await new OutcomeStore(db).stats(since);
      io.out(`since ${s.since}: ${s.conversations} conversations`);
      io.out(`deflection rate (solved by an article): ${pct(s.deflectionRate)}`);
      io.out(`outcomes: ${Object.entries(s.byOutcome).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
      io.out(`escalations by category: ${Object.entries(s.escalations.byCategory).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
      io.out(`escalations by severity: ${Object.entries(s.escalations.bySeverity).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
      io.out(`first response: met ${s.firstResponse.met}, breached ${s.firstResponse.breached}, awaiting ${s.firstResponse.pending}`);
      io.out(JSON.stringify(s));
      return 0;
    });
  },
};
