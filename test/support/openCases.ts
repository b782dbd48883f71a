/**
 * Child process for test/cases/caseNumbers.test.ts: connects to a PostgreSQL schema, says "ready",
 * waits for "go" on stdin, then opens CASE_COUNT cases at once and prints their numbers as JSON.
 */
import { SqlCaseStore } from '../../cases/caseStore';
import { CaseService } from '../../cases/caseService';
import { PostgresDatabase } from '../../cases/db/postgres';
import { SqlDirectoryStore } from '../../cases/directory';
import { loadPolicy } from '../../cases/policy';

async function main(): Promise<void> {
  const url = process.env.CASES_DB_URL!;
  const schema = process.env.CASES_DB_SCHEMA!;
  const count = Number(process.env.CASE_COUNT ?? '20');
  const worker = process.env.WORKER ?? 'w';
  const db = new PostgresDatabase(url, { schema, max: 5 });
  const cases = new CaseService({ store: new SqlCaseStore(db), directory: new SqlDirectoryStore(db), policy: loadPolicy() });
  await db.ping();
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const opened = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      cases.open(
        { kind: 'admin', userId: 'alice' },
        {
          clientKey: `${worker}-${i}`,
          tenantId: 'contoso',
          category: 'technical',
          subcategory: 'usage',
          severity: 'C',
          title: `Case ${i} from ${worker}`,
          description: 'Opened by a test process.',
          contact: { name: 'Alice', preferred: 'chat' },
          language: 'en',
        },
      ),
    ),
  );
  process.stdout.write(JSON.stringify(opened.map((c) => c.number)) + '\n');
  await db.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  },
);
