import { parseArgs } from 'node:util';
import { SqlDirectoryStore } from '../../cases/directory';
import { isSeverity, loadPolicy, responseObjectiveFor } from '../../cases/policy';
import { SLA_USAGE, slaCommand as runSla } from '../../cases/sla-cli';
import { calendarForCountry, dueTime, formatInstant, parseInstant } from '../../cases/sla';
import { wantsHelp, type Command, type CommandIO } from './command';
import { withConfiguredDatabase } from './database';

/**
 * `sla`: when is the first response due? Either from explicit calendar and objective (the pure
 * cases/sla-cli.ts, no database), or for a tenant of the directory: its plan, support level,
 * country and zone decide, exactly as they do when a case is opened.
 */
const TENANT_USAGE = [
  '       sla --tenant <id> --severity A|B|C [--created <ISO 8601 with offset>]',
  '           the objective, calendar and zone of a tenant of the configured directory (--created defaults to now)',
].join('\n');

function write(io: CommandIO, text: string, to: 'out' | 'err'): void {
  for (const line of text.replace(/\n$/, '').split('\n')) io[to](line);
}

async function forTenant(argv: string[], io: CommandIO): Promise<number> {
  const fail = (message: string) => {
    io.err(`sla: ${message} (see sla --help)`);
    return 2;
  };
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { tenant: { type: 'string' }, severity: { type: 'string' }, created: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    return fail(`${(err as Error).message.split('\n')[0]}; with --tenant only --severity and --created are accepted`);
  }
  if (!values.tenant) return fail('missing value for --tenant');
  if (!isSeverity(values.severity)) return fail(values.severity === undefined ? 'missing --severity' : `--severity must be A, B or C, not "${values.severity}"`);
  let created;
  try {
    created = values.created === undefined ? undefined : parseInstant(values.created, '--created');
  } catch (err) {
    return fail((err as Error).message);
  }
  const severity = values.severity;
  const policy = loadPolicy();
  return withConfiguredDatabase(io, async (db) => {
    const tenant = (await new SqlDirectoryStore(db).getTenant(values.tenant!))?.value;
    if (!tenant) return fail(`unknown tenant "${values.tenant}"`);
    let objective;
    try {
      objective = responseObjectiveFor(policy, { plan: tenant.plan, elevated: tenant.elevatedSupport, severity });
    } catch (err) {
      return fail((err as Error).message);
    }
    const due = dueTime({
      created: created ?? new Date().toISOString(),
      objective,
      timeZone: tenant.timeZone,
      calendar: calendarForCountry(policy, tenant.country),
    });
    io.out(due ? formatInstant(due) : 'none');
    return 0;
  });
}

export const slaCommand: Command = {
  name: 'sla',
  summary: 'when the first response is due (explicit calendar, or a tenant of the directory)',
  usage: `${SLA_USAGE.replace(/^usage: /, '')}\n${TENANT_USAGE}`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${this.usage}`);
      return 0;
    }
    if (argv.some((a) => a === '--tenant' || a.startsWith('--tenant='))) return forTenant(argv, io);
    const result = runSla(argv);
    if (result.stdout) write(io, result.stdout, 'out');
    if (result.stderr) write(io, result.stderr, 'err');
    return result.exitCode;
  },
};
