import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slaCommand } from '../../bot/cli/sla';
import { runTenants, tenantsCommand } from '../../bot/cli/tenants';
import type { CommandIO } from '../../bot/cli/command';
import type { Database } from '../../cases/db/database';
import { SqlDirectoryStore, type Tenant } from '../../cases/directory';
import { loadPolicy } from '../../cases/policy';
import { engines } from '../support/databases';

const policy = loadPolicy();

function capture(env: NodeJS.ProcessEnv = {}): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env };
}

const ADD_CONTOSO = ['add', 'contoso', '--name', 'Contoso', '--plan', 'business-standard', '--country', 'FR', '--tz', 'Europe/Paris', '--language', 'fr'];

for (const engine of engines()) {
  describe(`tenants command (${engine.name})`, () => {
    let db: Database;
    let directory: SqlDirectoryStore;
    const tenants = async (...argv: string[]) => {
      const io = capture();
      const code = await runTenants(argv, io, { directory, policy });
      return { code, out: io.stdout, err: io.stderr };
    };
    const snapshot = async () => JSON.stringify([await directory.listTenants(), await directory.listPartners()]);
    /** A refusal: exit 2, exactly one line naming the problem, and the directory unchanged. */
    const refused = async (argv: string[], message: RegExp) => {
      const before = await snapshot();
      const r = await tenants(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(message);
      expect(r.out).toEqual([]);
      expect(await snapshot()).toBe(before);
    };

    beforeEach(async () => {
      ({ db } = await engine.open());
      directory = new SqlDirectoryStore(db);
    });
    afterEach(async () => {
      await db.close();
    });

    test('add, list and show', async () => {
      expect((await tenants('list')).out).toEqual(['no tenants']);
      const added = await tenants(...ADD_CONTOSO);
      expect(added).toEqual({ code: 0, out: ['added tenant contoso (Contoso, business-standard)'], err: [] });
      expect((await tenants('add', 'northwind', '--name', 'Northwind Traders', '--plan', 'Enterprise-E3', '--country', 'gb', '--tz', 'Europe/London', '--language', 'en', '--elevated', 'yes')).code).toBe(0);
      const list = await tenants('list');
      expect(list.out).toHaveLength(2);
      expect(list.out[0]).toMatch(/^contoso\s+Contoso\s+business-standard\s+FR\s+Europe\/Paris\s+fr\s+admins 0\s+partners 0$/);
      expect(list.out[1]).toMatch(/^northwind .*enterprise-e3\s+GB\s+Europe\/London\s+en .*elevated$/);
      const json = JSON.parse((await tenants('list', '--json')).out.join('\n')) as Tenant[];
      expect(json.map((t) => [t.id, t.plan, t.elevatedSupport])).toEqual([
        ['contoso', 'business-standard', false],
        ['northwind', 'enterprise-e3', true],
      ]);
      const show = await tenants('show', 'contoso');
      expect(show.out).toEqual([
        'contoso: Contoso',
        '  plan: business-standard (business family), elevated support: no, trial: no',
        '  country: FR, time zone: Europe/Paris, language: fr',
        '  admins: none',
        '  delegated partners: none',
      ]);
      expect(JSON.parse((await tenants('show', 'contoso', '--json')).out.join('\n'))).toMatchObject({ id: 'contoso', timeZone: 'Europe/Paris' });
    });

    test('unknown plan, unknown tenant, invalid time zone and other bad input: exit 2, one line, nothing changed', async () => {
      await tenants(...ADD_CONTOSO);
      const withFlag = (flag: string, value: string) => ADD_CONTOSO.map((a, i, all) => (all[i - 1] === flag ? value : a)).map((a, i) => (i === 1 ? 'fabrikam' : a));
      await refused(withFlag('--plan', 'platinum'), /^tenants: unknown plan "platinum" \(not in .*policy\.yaml; e\.g\. /);
      await refused(withFlag('--tz', 'Mars/Olympus'), /^tenants: invalid time zone "Mars\/Olympus" \(expected an IANA zone such as Europe\/Paris\)$/);
      await refused(withFlag('--tz', 'CET'), /invalid time zone "CET"/);
      await refused(withFlag('--country', 'France'), /^tenants: country: /);
      await refused(withFlag('--language', 'de'), /^tenants: language: /);
      await refused(ADD_CONTOSO, /tenant "contoso" already exists/);
      await refused(['add', 'fabrikam', '--name', 'Fabrikam'], /add: missing --plan/);
      await refused(['set-plan', 'nobody', 'enterprise-e3'], /^tenants: unknown tenant "nobody"/);
      await refused(['set-plan', 'contoso', 'platinum'], /unknown plan "platinum"/);
      await refused(['set-plan', 'contoso', 'enterprise-e3', '--elevated', 'maybe'], /--elevated must be yes or no/);
      await refused(['show', 'nobody'], /unknown tenant "nobody"/);
      await refused(['add-admin', 'nobody', '--id', 'x', '--name', 'X'], /unknown tenant "nobody"/);
      await refused(['add-admin', 'contoso', '--id', 'x', '--name', 'X', '--email', 'not-an-email'], /^tenants: admins\.0\.email: /);
      await refused(['remove-admin', 'contoso', 'ghost'], /ghost is not an administrator of tenant contoso/);
      await refused(['add-partner', 'contoso', 'tailspin'], /unknown partner "tailspin" \(give --name to add it\)/);
      await refused(['remove-partner', 'contoso', 'tailspin'], /partner tailspin is not delegated for tenant contoso/);
      await refused(['frobnicate'], /unknown action "frobnicate"/);
      await refused([], /missing action/);
      await refused(['show'], /show: missing tenant/);
      await refused(['show', 'contoso', 'extra'], /unexpected argument "extra"/);
      await refused(['list', '--plan', 'x'], /list does not take --plan/);
      await refused(['list', '--colour'], /Unknown option '--colour'/);
    });

    test('set-plan, administrators and delegated partners', async () => {
      await tenants(...ADD_CONTOSO);
      expect((await tenants('set-plan', 'contoso', 'business-basic-trial', '--trial', 'yes')).out).toEqual(['tenant contoso: plan business-basic-trial, elevated support no, trial yes']);
      expect((await tenants('set-plan', 'contoso', 'enterprise-e3', '--elevated', 'yes', '--trial', 'no')).code).toBe(0);
      expect((await tenants('add-admin', 'contoso', '--id', 'alice', '--name', 'Alice Martin', '--email', 'alice@contoso.example', '--phone', '+33 1 23 45 67 89')).code).toBe(0);
      expect((await tenants('add-admin', 'contoso', '--id', 'yann', '--name', 'Yann')).code).toBe(0);
      expect((await tenants('add-admin', 'contoso', '--id', 'alice', '--name', 'Alice again')).code).toBe(2);
      expect((await tenants('remove-admin', 'contoso', 'yann')).code).toBe(0);
      expect((await tenants('add-partner', 'contoso', 'tailspin', '--name', 'Tailspin Partners')).out).toEqual(['tenant contoso: partner tailspin is now delegated']);
      expect((await tenants('add-partner', 'contoso', 'tailspin')).out).toEqual(['tenant contoso: partner tailspin was already delegated']);
      const t = (await directory.getTenant('contoso'))!.value;
      expect(t).toMatchObject({ plan: 'enterprise-e3', elevatedSupport: true, trial: false, delegatedPartners: ['tailspin'] });
      expect(t.admins).toEqual([{ id: 'alice', name: 'Alice Martin', email: 'alice@contoso.example', phone: '+33 1 23 45 67 89' }]);
      expect((await directory.getPartner('tailspin'))!.value).toEqual({ id: 'tailspin', name: 'Tailspin Partners', users: [] });
      expect((await tenants('show', 'contoso')).out.slice(3)).toEqual([
        '  admins: alice (Alice Martin, alice@contoso.example, +33 1 23 45 67 89)',
        '  delegated partners: tailspin (Tailspin Partners)',
      ]);
      expect((await tenants('remove-partner', 'contoso', 'tailspin')).code).toBe(0);
      expect((await directory.getTenant('contoso'))!.value.delegatedPartners).toEqual([]);
    });
  });
}

describe('the commands on the configured database', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'support-bot-cli-')), 'cli.sqlite');
  const env = { DATABASE_URL: `sqlite:${file}` };
  const run = async (command: typeof tenantsCommand, ...argv: string[]) => {
    const io = capture(env);
    const code = await command.run(argv, io);
    return { code, out: io.stdout, err: io.stderr };
  };

  test('tenants opens the database from the configuration, and changes persist', async () => {
    expect((await run(tenantsCommand, ...ADD_CONTOSO)).code).toBe(0);
    expect((await run(tenantsCommand, 'list')).out[0]).toMatch(/^contoso\s+Contoso/);
    const bad = await run(tenantsCommand, 'add', 'x', '--name', 'X', '--plan', 'nope', '--country', 'FR', '--tz', 'Europe/Paris', '--language', 'en');
    expect(bad).toEqual({ code: 2, out: [], err: [expect.stringMatching(/^tenants: unknown plan "nope"/)] });
    expect((await run(tenantsCommand, '--help')).out[0]).toMatch(/^usage: tenants list/);
  });

  test('a configuration error is one line and exit 2', async () => {
    const io = capture({ DATABASE_URL: 'mysql://nope' });
    expect(await tenantsCommand.run(['list'], io)).toBe(2);
    expect(io.stderr).toEqual([expect.stringMatching(/^Configuration error: DATABASE_URL: /)]);
  });

  test('sla: the explicit calculation, unchanged', async () => {
    const ok = await run(slaCommand, '--calendar', '24x7', '--objective', 'PT1H', '--created', '2025-06-03T10:15:00+02:00', '--tz', 'Europe/Paris');
    expect(ok).toEqual({ code: 0, out: ['2025-06-03T11:15:00+02:00'], err: [] });
    const bad = await run(slaCommand, '--calendar', 'weekly', '--objective', 'PT1H', '--created', '2025-06-03T10:15:00+02:00', '--tz', 'Europe/Paris');
    expect(bad.code).toBe(2);
    expect(bad.err).toHaveLength(1);
    expect((await run(slaCommand, '--help')).out.join('\n')).toContain('--tenant <id> --severity A|B|C');
  });

  test('sla --tenant: the objective, calendar and zone of a tenant of the directory', async () => {
    await run(tenantsCommand, ...ADD_CONTOSO);
    const critical = await run(slaCommand, '--tenant', 'contoso', '--severity', 'A', '--created', '2025-06-03T10:15:00+02:00');
    expect(critical).toEqual({ code: 0, out: ['2025-06-03T11:15:00+02:00'], err: [] });
    expect((await run(slaCommand, '--tenant', 'contoso', '--severity', 'C', '--created', '2025-06-03T10:15:00+02:00')).out).toEqual(['none']);
    const unknown = await run(slaCommand, '--tenant', 'nobody', '--severity', 'A');
    expect(unknown).toEqual({ code: 2, out: [], err: ['sla: unknown tenant "nobody" (see sla --help)'] });
    expect((await run(slaCommand, '--tenant', 'contoso', '--severity', 'D')).code).toBe(2);
    expect((await run(slaCommand, '--tenant', 'contoso', '--severity', 'A', '--tz', 'UTC')).code).toBe(2);
  });
});
