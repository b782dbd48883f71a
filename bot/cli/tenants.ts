import { parseArgs } from 'node:util';
import { ConcurrencyError } from '../../cases/db/database';
import { isValidTimeZone, SqlDirectoryStore, tenantSchema, type DirectoryStore, type Person, type Tenant } from '../../cases/directory';
import { findPlanFamily, loadPolicy, type SupportPolicy } from '../../cases/policy';
import { wantsHelp, type Command, type CommandIO } from './command';
import { withConfiguredDatabase } from './database';

/**
 * `tenants`: the tenant directory from the command line. Every check happens before anything is
 * written, so a refused command (exit 2, one line on stderr) leaves the directory as it was.
 */
const USAGE = [
  'tenants list [--json]',
  '       tenants show <tenant> [--json]',
  '       tenants add <tenant> --name <name> --plan <plan> --country <CC> --tz <IANA zone> --language en|fr [--elevated yes|no] [--trial yes|no]',
  '       tenants set-plan <tenant> <plan> [--elevated yes|no] [--trial yes|no]',
  '       tenants add-admin <tenant> --id <user id> --name <name> [--email <address>] [--phone <number>]',
  '       tenants remove-admin <tenant> <user id>',
  '       tenants add-partner <tenant> <partner id> [--name <partner name>]   (--name creates a partner not yet known)',
  '       tenants remove-partner <tenant> <partner id>',
  'Plans are those of the support policy (cases/policy.yaml). Exit codes: 0 done, 2 bad input (nothing changed), 1 failure.',
].join('\n');

const OPTIONS = {
  json: { type: 'boolean' },
  name: { type: 'string' },
  plan: { type: 'string' },
  country: { type: 'string' },
  tz: { type: 'string' },
  language: { type: 'string' },
  elevated: { type: 'string' },
  trial: { type: 'string' },
  id: { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What each action accepts: positionals after the action, and flags. */
const ACTIONS: Record<string, { positionals: string[]; flags: string[] }> = {
  list: { positionals: [], flags: ['json'] },
  show: { positionals: ['tenant'], flags: ['json'] },
  add: { positionals: ['tenant'], flags: ['name', 'plan', 'country', 'tz', 'language', 'elevated', 'trial'] },
  'set-plan': { positionals: ['tenant', 'plan'], flags: ['elevated', 'trial'] },
  'add-admin': { positionals: ['tenant'], flags: ['id', 'name', 'email', 'phone'] },
  'remove-admin': { positionals: ['tenant', 'user id'], flags: [] },
  'add-partner': { positionals: ['tenant', 'partner id'], flags: ['name'] },
  'remove-partner': { positionals: ['tenant', 'partner id'], flags: [] },
};

/** A refusal: one line, exit 2, nothing written. */
class Refused extends Error {}

export interface TenantsDeps {
  directory: DirectoryStore;
  policy: SupportPolicy;
}

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function yesNo(value: string | undefined, flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(yes|true|1)$/i.test(value)) return true;
  if (/^(no|false|0)$/i.test(value)) return false;
  throw new Refused(`--${flag} must be yes or no, not "${value}"`);
}

function checkPlan(policy: SupportPolicy, plan: string): string {
  const id = plan.trim().toLowerCase();
  if (!findPlanFamily(policy, id)) {
    const examples = [...policy.planIndex.keys()].slice(0, 3).join(', ');
    throw new Refused(`unknown plan "${plan}" (not in ${policy.source}; e.g. ${examples})`);
  }
  return id;
}

function checkTimeZone(zone: string): string {
  if (!isValidTimeZone(zone)) throw new Refused(`invalid time zone "${zone}" (expected an IANA zone such as Europe/Paris)`);
  return zone;
}

/** The directory's own schema has the last word; its first complaint becomes the one line. */
function validTenant(t: Tenant): Tenant {
  const parsed = tenantSchema.safeParse(t);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Refused(`${issue.path.map(String).join('.') || 'tenant'}: ${issue.message.replace(/^Invalid input: /, '')}`);
}

async function existing(directory: DirectoryStore, id: string): Promise<{ value: Tenant; version: number }> {
  const found = await directory.getTenant(id);
  if (!found) throw new Refused(`unknown tenant "${id}" (see tenants list)`);
  return found;
}

const yes = (b: boolean) => (b ? 'yes' : 'no');
const personLine = (p: Person) => [p.id, `(${[p.name, p.email, p.phone].filter(Boolean).join(', ')})`].join(' ');

/** Runs one action against a directory; the command wraps it with the configured database. */
export async function runTenants(argv: string[], io: CommandIO, deps: TenantsDeps): Promise<number> {
  try {
    return await run(argv, io, deps);
  } catch (err) {
    if (err instanceof Refused) {
      io.err(`tenants: ${err.message}`);
      return 2;
    }
    if (err instanceof ConcurrencyError) {
      io.err('tenants: the tenant was changed by someone else meanwhile; nothing was written, run the command again');
      return 1;
    }
    throw err;
  }
}

async function run(argv: string[], io: CommandIO, { directory, policy }: TenantsDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    throw new Refused(`${(err as Error).message.split('\n')[0]} (see tenants --help)`);
  }
  const [action, ...args] = parsed.positionals;
  const v = parsed.values as Values;
  if (!action) throw new Refused('missing action: list, show, add, set-plan, add-admin, remove-admin, add-partner or remove-partner (see tenants --help)');
  const spec = ACTIONS[action];
  if (!spec) throw new Refused(`unknown action "${action}" (see tenants --help)`);
  if (args.length < spec.positionals.length) throw new Refused(`${action}: missing ${spec.positionals.slice(args.length).join(' and ')}`);
  if (args.length > spec.positionals.length) throw new Refused(`${action}: unexpected argument "${args[spec.positionals.length]}"`);
  for (const flag of Object.keys(v)) {
    if (flag !== 'help' && !spec.flags.includes(flag)) throw new Refused(`${action} does not take --${flag}`);
  }

  switch (action) {
    case 'list': {
      const tenants = await directory.listTenants();
      if (v.json) io.out(JSON.stringify(tenants, null, 2));
      else if (!tenants.length) io.out('no tenants');
      else {
        const w = (f: (t: Tenant) => string) => Math.max(...tenants.map((t) => f(t).length));
        const [wi, wn, wp] = [w((t) => t.id), w((t) => t.name), w((t) => t.plan)];
        for (const t of tenants) {
          const flags = [t.elevatedSupport ? 'elevated' : '', t.trial ? 'trial' : ''].filter(Boolean).join(' ');
          io.out(
            [t.id.padEnd(wi), t.name.padEnd(wn), t.plan.padEnd(wp), t.country, t.timeZone, t.language, `admins ${t.admins.length}`, `partners ${t.delegatedPartners.length}`, flags]
              .filter(Boolean)
              .join('  '),
          );
        }
      }
      return 0;
    }
    case 'show': {
      const { value: t } = await existing(directory, args[0]!);
      if (v.json) {
        io.out(JSON.stringify(t, null, 2));
        return 0;
      }
      const family = findPlanFamily(policy, t.plan);
      io.out(`${t.id}: ${t.name}`);
      io.out(`  plan: ${t.plan} (${family ? `${family} family` : 'not in the policy!'}), elevated support: ${yes(t.elevatedSupport)}, trial: ${yes(t.trial)}`);
      io.out(`  country: ${t.country}, time zone: ${t.timeZone}, language: ${t.language}`);
      io.out(`  admins: ${t.admins.length ? t.admins.map(personLine).join('; ') : 'none'}`);
      const partners = await Promise.all(t.delegatedPartners.map(async (id) => `${id} (${(await directory.getPartner(id))?.value.name ?? 'unknown partner'})`));
      io.out(`  delegated partners: ${partners.length ? partners.join('; ') : 'none'}`);
      return 0;
    }
    case 'add': {
      const id = args[0]!;
      for (const flag of ['name', 'plan', 'country', 'tz', 'language'] as const) {
        if (v[flag] === undefined) throw new Refused(`add: missing --${flag}`);
      }
      const tenant = validTenant({
        id,
        name: v.name!,
        plan: checkPlan(policy, v.plan!),
        elevatedSupport: yesNo(v.elevated, 'elevated') ?? false,
        trial: yesNo(v.trial, 'trial') ?? false,
        country: v.country!.toUpperCase(),
        timeZone: checkTimeZone(v.tz!),
        language: v.language as Tenant['language'],
        admins: [],
        users: [],
        delegatedPartners: [],
      });
      if (await directory.getTenant(id)) throw new Refused(`tenant "${id}" already exists (see tenants show ${id})`);
      await directory.putTenant(tenant, 0);
      io.out(`added tenant ${id} (${tenant.name}, ${tenant.plan})`);
      return 0;
    }
    case 'set-plan': {
      const { value: t, version } = await existing(directory, args[0]!);
      const plan = checkPlan(policy, args[1]!);
      const next = validTenant({ ...t, plan, elevatedSupport: yesNo(v.elevated, 'elevated') ?? t.elevatedSupport, trial: yesNo(v.trial, 'trial') ?? t.trial });
      await directory.putTenant(next, version);
      io.out(`tenant ${t.id}: plan ${next.plan}, elevated support ${yes(next.elevatedSupport)}, trial ${yes(next.trial)}`);
      return 0;
    }
    case 'add-admin': {
      const { value: t, version } = await existing(directory, args[0]!);
      if (!v.id) throw new Refused('add-admin: missing --id');
      if (!v.name) throw new Refused('add-admin: missing --name');
      if (t.admins.some((a) => a.id === v.id)) throw new Refused(`${v.id} is already an administrator of tenant ${t.id}`);
      const admin: Person = { id: v.id, name: v.name, ...(v.email ? { email: v.email } : {}), ...(v.phone ? { phone: v.phone } : {}) };
      await directory.putTenant(validTenant({ ...t, admins: [...t.admins, admin] }), version);
      io.out(`tenant ${t.id}: ${v.id} is now an administrator`);
      return 0;
    }
    case 'remove-admin': {
      const { value: t, version } = await existing(directory, args[0]!);
      const userId = args[1]!;
      if (!t.admins.some((a) => a.id === userId)) throw new Refused(`${userId} is not an administrator of tenant ${t.id}`);
      await directory.putTenant({ ...t, admins: t.admins.filter((a) => a.id !== userId) }, version);
      io.out(`tenant ${t.id}: ${userId} is no longer an administrator`);
      return 0;
    }
    case 'add-partner': {
      const { value: t, version } = await existing(directory, args[0]!);
      const partnerId = args[1]!;
      const partner = await directory.getPartner(partnerId);
      if (!partner && !v.name) throw new Refused(`unknown partner "${partnerId}" (give --name to add it)`);
      if (t.delegatedPartners.includes(partnerId)) {
        io.out(`tenant ${t.id}: partner ${partnerId} was already delegated`);
        return 0;
      }
      const next = validTenant({ ...t, delegatedPartners: [...t.delegatedPartners, partnerId] });
      if (!partner) await directory.putPartner({ id: partnerId, name: v.name!, users: [] }, 0);
      await directory.putTenant(next, version);
      io.out(`tenant ${t.id}: partner ${partnerId} is now delegated`);
      return 0;
    }
    case 'remove-partner': {
      const { value: t, version } = await existing(directory, args[0]!);
      const partnerId = args[1]!;
      if (!t.delegatedPartners.includes(partnerId)) throw new Refused(`partner ${partnerId} is not delegated for tenant ${t.id}`);
      await directory.putTenant({ ...t, delegatedPartners: t.delegatedPartners.filter((p) => p !== partnerId) }, version);
      io.out(`tenant ${t.id}: partner ${partnerId} is no longer delegated`);
      return 0;
    }
  }
  throw new Refused(`unknown action "${action}"`);
}

export const tenantsCommand: Command = {
  name: 'tenants',
  summary: 'list and manage the tenant directory (plans, administrators, delegated partners)',
  usage: USAGE,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${this.usage}`);
      return 0;
    }
    let policy: SupportPolicy;
    try {
      policy = loadPolicy();
    } catch (err) {
      io.err((err as Error).message);
      return 1;
    }
    return withConfiguredDatabase(io, (db) => runTenants(argv, io, { directory: new SqlDirectoryStore(db), policy }));
  },
};
