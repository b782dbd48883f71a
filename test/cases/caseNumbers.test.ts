import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../cases/db/migrations';
import { PostgresDatabase } from '../../cases/db/postgres';
import { SqlDirectoryStore } from '../../cases/directory';
import { TEST_DATABASE_URL } from '../support/databases';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'test', 'support', 'openCases.ts');
const PER_PROCESS = 25;

interface Child {
  ready: Promise<void>;
  go(): void;
  result: Promise<string[]>;
}

function child(env: Record<string, string>): Child {
  const proc = spawn('npx', ['tsx', SCRIPT], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  proc.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ready\n')) markReady();
  });
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const result = new Promise<string[]>((resolve, reject) => {
    proc.on('close', (code) => {
      markReady();
      const line = out.split('\n').find((l) => l.startsWith('['));
      if (code !== 0 || !line) reject(new Error(`child exited with ${code}: ${err.trim()}`));
      else resolve(JSON.parse(line) as string[]);
    });
  });
  return { ready, go: () => proc.stdin.end('go\n'), result };
}

const describePg = TEST_DATABASE_URL ? describe : describe.skip;
if (!TEST_DATABASE_URL) console.warn('case number test across processes skipped: TEST_DATABASE_URL is not set');

describePg('case numbers across processes (PostgreSQL)', () => {
  const schema = `t_numbers_${process.pid}_${Date.now().toString(36)}`;
  let db: PostgresDatabase;

  beforeAll(async () => {
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    db = new PostgresDatabase(TEST_DATABASE_URL!, { schema, max: 2 });
    await migrate(db);
    await new SqlDirectoryStore(db).putTenant(
      {
        id: 'contoso',
        name: 'Contoso',
        plan: 'business-standard',
        elevatedSupport: false,
        trial: false,
        country: 'FR',
        timeZone: 'Europe/Paris',
        language: 'fr',
        admins: [{ id: 'alice', name: 'Alice' }],
        users: [],
        delegatedPartners: [],
      },
      0,
    );
  });
  afterAll(async () => {
    await db?.close();
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  test('two processes opening cases at the same moment get unique SR- numbers', async () => {
    const env = { CASES_DB_URL: TEST_DATABASE_URL!, CASES_DB_SCHEMA: schema, CASE_COUNT: String(PER_PROCESS) };
    const children = [child({ ...env, WORKER: 'one' }), child({ ...env, WORKER: 'two' })];
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();
    const [a, b] = await Promise.all(children.map((c) => c.result));
    const all = [...a!, ...b!];
    expect(all).toHaveLength(2 * PER_PROCESS);
    for (const n of all) expect(n).toMatch(/^SR-\d{6,}$/);
    expect(new Set(all).size).toBe(all.length);
    const stored = await db.all<{ number: string }>('SELECT number FROM cases');
    expect(new Set(stored.map((r) => r.number))).toEqual(new Set(all));
  }, 60_000);
});
