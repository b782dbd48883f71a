import { benchCommand } from './cli/bench';
import { evalCommand } from './cli/eval';
import { healthCommand } from './cli/health';
import { kbCommand } from './cli/kb';
import { manifestCommand } from './cli/manifest';
import { serveCommand } from './cli/serve';
import { slaCommand } from './cli/sla';
import { statsCommand } from './cli/stats';
import { tenantsCommand } from './cli/tenants';
import { trainCommand } from './cli/train';
import { processIO, UsageError, type Command, type CommandIO } from './cli/command';

/**
 * The one entry point: `npm start` (serve) and `npm run --silent cli -- <command>`.
 * Commands register here; each has its own --help.
 */
export const COMMANDS: Command[] = [
  serveCommand,
  healthCommand,
  tenantsCommand,
  slaCommand,
  statsCommand,
  kbCommand,
  trainCommand,
  evalCommand,
  benchCommand,
  manifestCommand,
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: npm run --silent cli -- <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Each command takes --help.',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name = 'serve', ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command "${name}"; run with --help to list the commands`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return 2;
    }
    io.err(`${name} failed: ${(err as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // The server keeps the event loop alive on its own; other commands end here.
    },
    (err) => {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
