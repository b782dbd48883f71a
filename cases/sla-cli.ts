/**
 * `sla` command: prints when the first response is due.
 *
 *   sla --calendar 24x7|business --objective PT1H|PT2H|PT4H|next-day|none
 *       --created <ISO with offset> --tz <IANA zone>
 *       [--holiday YYYY-MM-DD]... [--hours 09:00-17:00] [--days 1-5] [--help]
 *
 * Output: one line, the due instant in --tz (e.g. 2025-06-03T11:15:00+02:00) or `none`.
 * Bad input: exit code 2 and one line on stderr. The project's CLI entry calls slaCommand().
 */
import { parseArgs } from 'util';
import { z } from 'zod';
import { AVAILABILITIES, OBJECTIVE_KINDS, parseHours } from './policy';
import { assertTimeZone, businessCalendar, dueTime, formatInstant, parseInstant } from './sla';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const SLA_USAGE = [
  'usage: sla --calendar 24x7|business --objective PT1H|PT2H|PT4H|next-day|none',
  '           --created <ISO 8601 with offset> --tz <IANA zone>',
  '           [--holiday YYYY-MM-DD]... [--hours 09:00-17:00] [--days 1-5] [--help]',
  '',
  'Prints when the first response is due, in --tz (e.g. 2025-06-03T11:15:00+02:00), or "none".',
  '  --calendar  24x7: elapsed time counts; business: only local business hours count',
  '  --objective PT1H, PT2H, PT4H, next-day (end of the next service day) or none',
  '  --created   when the case was opened, with its UTC offset (e.g. 2025-06-03T10:15:00+02:00)',
  '  --tz        the tenant\'s IANA time zone (e.g. Europe/Paris)',
  '  --holiday   a local date closed all day; repeat for several (business calendar only)',
  '  --hours     local business hours, default 09:00-17:00',
  '  --days      ISO weekdays open, e.g. 1-5 (default), 1,2,3,4,5 or 7,1-4 (1 = Monday)',
  'Exit codes: 0 done, 2 bad input.',
].join('\n');

/** "1-5", "1,2,3", "7,1-4" → ISO weekdays; undefined when malformed. */
export function parseDays(text: string): number[] | undefined {
  const days: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*([1-7])\s*(?:-\s*([1-7])\s*)?$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (to < from) return undefined;
    for (let d = from; d <= to; d++) if (!days.includes(d)) days.push(d);
  }
  return days.length ? days : undefined;
}

function refineWith<T>(check: (value: string) => T) {
  return (value: string, ctx: z.RefinementCtx): void => {
    try {
      check(value);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  };
}

const required = (flag: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `missing ${flag}` : undefined),
});

const argsSchema = z.object({
  calendar: z.enum(AVAILABILITIES, {
    error: (i) => (i.input === undefined ? 'missing --calendar' : `--calendar must be one of ${AVAILABILITIES.join('|')}, not "${String(i.input)}"`),
  }),
  objective: z.enum(OBJECTIVE_KINDS, {
    error: (i) => (i.input === undefined ? 'missing --objective' : `--objective must be one of ${OBJECTIVE_KINDS.join('|')}, not "${String(i.input)}"`),
  }),
  created: z.string(required('--created')).superRefine(refineWith((v) => parseInstant(v, '--created'))),
  tz: z.string(required('--tz')).superRefine(refineWith((v) => assertTimeZone(v))),
  holiday: z
    .array(
      z.string().refine(
        (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
        { error: (i) => `invalid --holiday "${String(i.input)}" (expected a date YYYY-MM-DD)` },
      ),
    )
    .default([]),
  hours: z
    .string()
    .refine((v) => parseHours(v) !== undefined, {
      error: (i) => `invalid --hours "${String(i.input)}" (expected HH:MM-HH:MM with opening before closing, e.g. 09:00-17:00)`,
    })
    .default('09:00-17:00'),
  days: z
    .string()
    .refine((v) => parseDays(v) !== undefined, {
      error: (i) => `invalid --days "${String(i.input)}" (expected ISO weekdays such as 1-5, 1,2,3,4,5 or 7,1-4)`,
    })
    .default('1-5'),
});

const OPTIONS = {
  calendar: { type: 'string' },
  objective: { type: 'string' },
  created: { type: 'string' },
  tz: { type: 'string' },
  holiday: { type: 'string', multiple: true },
  hours: { type: 'string' },
  days: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SINGLE_VALUED = new Set(['calendar', 'objective', 'created', 'tz', 'hours', 'days']);

function fail(message: string): CommandResult {
  return { exitCode: 2, stdout: '', stderr: `sla: ${message.replace(/\s*\n\s*/g, ' ')} (see sla --help)\n` };
}

function parseError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const msg = String(err.message ?? e);
  const flag = /--[a-z][\w-]*/i.exec(msg)?.[0] ?? /'(-[^'\s,]+)/.exec(msg)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag ${flag ?? msg}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(msg)?.[1] ?? msg}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing|ambiguous/.test(msg)) return `missing value for ${flag ?? 'a flag'}`;
      if (/does not take an argument/.test(msg)) return `${flag ?? 'a flag'} takes no value`;
      return msg.split('\n')[0]!;
    default:
      return msg.split('\n')[0]!;
  }
}

/** Runs `sla` with the arguments after the command name (a leading "sla" is ignored). */
export function slaCommand(argv: string[]): CommandResult {
  const args = argv[0] === 'sla' ? argv.slice(1) : argv;
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    return fail(parseError(e));
  }
  if (parsed.values.help) return { exitCode: 0, stdout: `${SLA_USAGE}\n`, stderr: '' };

  const counts = new Map<string, number>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option') counts.set(token.name, (counts.get(token.name) ?? 0) + 1);
  }
  for (const [name, n] of counts) {
    if (SINGLE_VALUED.has(name) && n > 1) return fail(`--${name} given ${n} times; give it once`);
  }

  const checked = argsSchema.safeParse(parsed.values);
  if (!checked.success) return fail(checked.error.issues.map((i) => i.message).join('; '));
  const a = checked.data;

  try {
    const calendar = businessCalendar({ hours: a.hours, days: parseDays(a.days)!, holidays: a.holiday });
    const due = dueTime({
      created: a.created,
      objective: { availability: a.calendar, objective: a.objective },
      timeZone: a.tz,
      calendar,
    });
    return { exitCode: 0, stdout: `${due ? formatInstant(due) : 'none'}\n`, stderr: '' };
  } catch (e) {
    return fail((e as Error).message);
  }
}
