import { DateTime } from 'luxon';
import { SqlCaseStore } from '../../cases/caseStore';
import { CaseService } from '../../cases/caseService';
import type { Database } from '../../cases/db/database';
import { SqlDirectoryStore } from '../../cases/directory';
import type { Actor, OpenCaseInput } from '../../cases/model';
import { isoUtc } from '../../cases/model';
import { LogNotifier, MemoryNotifier } from '../../cases/notifiers';
import { backoffDelay, enqueueOutbox, OutboxDispatcher, SqlOutboxStore, type NewOutboxMessage } from '../../cases/outbox';
import { loadPolicy } from '../../cases/policy';
import { engines } from '../support/databases';

const policy = loadPolicy();
const T0 = DateTime.fromISO('2025-06-03T08:00:00Z');
const alice: Actor = { kind: 'admin', userId: 'alice' };
const engineer: Actor = { kind: 'support-engineer', userId: 'sam' };

let n = 0;
const input = (): OpenCaseInput => ({
  clientKey: `k${++n}`,
  tenantId: 'contoso',
  category: 'billing',
  severity: 'B',
  title: 'Invoice shows the wrong licence count',
  description: 'We have 20 licences, the invoice says 25.',
  contact: { name: 'Alice', email: 'alice@contoso.example', preferred: 'email' },
  language: 'en',
});

const message = (id: string): NewOutboxMessage => ({
  id,
  topic: 'case.test',
  audience: { kind: 'support-queue' },
  tenantId: 'contoso',
  caseNumber: null,
  payload: { hello: id },
});

test('backoff doubles from the base and is capped', () => {
  expect([1, 2, 3, 4, 5, 20].map((a) => backoffDelay(a, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
});

test('the log notifier logs ids, never content', async () => {
  const lines: Array<[string, Record<string, unknown> | undefined]> = [];
  await new LogNotifier({ info: (msg, fields) => lines.push([msg, fields]) }).send({
    ...message('m1'),
    payload: { text: 'secret customer text' },
    createdAt: isoUtc(T0),
    attempt: 1,
  });
  expect(lines).toEqual([['notification', { id: 'm1', topic: 'case.test', audience: 'support-queue', caseNumber: null, attempt: 1 }]]);
  expect(JSON.stringify(lines)).not.toContain('secret');
});

for (const engine of engines()) {
  describe(`outbox (${engine.name})`, () => {
    let db: Database;
    let reopen: () => Promise<Database>;
    let clock: DateTime;
    const extra: Database[] = [];
    const service = (database: Database) => new CaseService({ store: new SqlCaseStore(database), directory: new SqlDirectoryStore(database), policy, now: () => clock });
    const dispatcher = (database: Database, notifier: MemoryNotifier, more: Partial<ConstructorParameters<typeof OutboxDispatcher>[0]> = {}) =>
      new OutboxDispatcher({ db: database, notifier, now: () => clock, baseDelayMs: 1000, leaseMs: 30_000, ...more });

    beforeEach(async () => {
      ({ db, reopen } = await engine.open());
      await new SqlDirectoryStore(db).putTenant(
        {
          id: 'contoso',
          name: 'Contoso',
          plan: 'enterprise-e3',
          elevatedSupport: false,
          trial: false,
          country: 'FR',
          timeZone: 'Europe/Paris',
          language: 'en',
          admins: [{ id: 'alice', name: 'Alice' }],
          users: [],
          delegatedPartners: [],
        },
        0,
      );
      clock = T0;
    });
    afterEach(async () => {
      await Promise.all(extra.splice(0).map((d) => d.close()));
      await db.close();
    });

    test('messages are written in the same transaction as the change: a rolled-back change leaves none', async () => {
      const store = new SqlOutboxStore(db);
      await expect(
        db.transaction(async (tx) => {
          await enqueueOutbox(tx, [message('lost')], isoUtc(T0));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await store.list()).toEqual([]);

      const cases = service(db);
      const c = await cases.open(alice, input());
      await cases.reply(engineer, c.number, 'We are on it.');
      // A stale write is refused as a whole: no case change, no event, no message.
      await expect(cases.changeStatus(engineer, c.number, 'resolved', { expectedVersion: 1 })).rejects.toMatchObject({ code: 'conflict' });
      const topics = (await store.list()).map((m) => [m.topic, m.audience]);
      expect(topics).toEqual([
        ['case.opened', { kind: 'support-queue' }],
        ['case.reply-added', { kind: 'tenant-admins', tenantId: 'contoso' }],
      ]);
    });

    test('a failing notifier is retried with exponential backoff, then delivered once', async () => {
      const cases = service(db);
      await cases.open(alice, input());
      const notifier = new MemoryNotifier().failNext(2);
      const d = dispatcher(db, notifier);

      expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
      clock = T0.plus({ milliseconds: 999 });
      expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
      clock = T0.plus({ milliseconds: 1000 });
      expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
      clock = T0.plus({ milliseconds: 1000 + 1999 });
      expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
      clock = T0.plus({ milliseconds: 3000 });
      expect(await d.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
      clock = T0.plus({ hours: 1 });
      expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });

      expect(notifier.calls.map((m) => m.attempt)).toEqual([1, 2, 3]);
      expect(new Set(notifier.calls.map((m) => m.id)).size).toBe(1);
      expect(notifier.messages).toHaveLength(1);
      expect(notifier.messages[0]).toMatchObject({ topic: 'case.opened', audience: { kind: 'support-queue' }, tenantId: 'contoso' });
      expect(await d.stats()).toEqual({ pending: 0, delivered: 1, dead: 0 });
    });

    test('after the last attempt a message is set aside and logged, not retried forever', async () => {
      await db.transaction((tx) => enqueueOutbox(tx, [message('doomed')], isoUtc(T0)));
      const errors: string[] = [];
      const notifier = new MemoryNotifier().failNext(3);
      const d = dispatcher(db, notifier, { maxAttempts: 3, log: { warn: () => undefined, error: (msg) => errors.push(msg) } });
      for (let i = 0; i < 6; i++) {
        await d.drainOnce();
        clock = clock.plus({ minutes: 10 });
      }
      expect(notifier.calls).toHaveLength(3);
      expect(errors).toEqual(['outbox message given up']);
      expect(await d.stats()).toEqual({ pending: 0, delivered: 0, dead: 1 });
      expect((await new SqlOutboxStore(db).list())[0]!.lastError).toContain('simulated delivery failure');
    });

    test('a crash between the change and its delivery: after a restart a new dispatcher delivers everything once', async () => {
      const cases = service(db);
      const opened = [await cases.open(alice, input()), await cases.open(alice, input())];
      await cases.reply(engineer, opened[0]!.number, 'First answer.');
      await cases.changeSeverity(engineer, opened[1]!.number, 'A');
      // The process dies here: nothing was dispatched.
      await db.close();

      db = await reopen();
      const notifier = new MemoryNotifier();
      const d = dispatcher(db, notifier);
      expect(await d.drainOnce()).toEqual({ delivered: 4, failed: 0, dead: 0 });
      expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
      expect(notifier.calls).toHaveLength(4);
      expect(notifier.messages.map((m) => m.topic)).toEqual(['case.opened', 'case.opened', 'case.reply-added', 'case.severity-changed']);
    });

    test('a dispatcher that dies while sending: its lease runs out, another resends with the same ids, the receiver sees each once', async () => {
      const cases = service(db);
      for (let i = 0; i < 3; i++) await cases.open(alice, input());
      const receiver = new MemoryNotifier();

      // Dispatcher A claims and sends, then dies before recording the delivery.
      const claimed = await new SqlOutboxStore(db).claim('dispatcher-a', isoUtc(clock), isoUtc(clock.plus({ seconds: 30 })), 10);
      expect(claimed).toHaveLength(3);
      for (const { seq: _seq, ...m } of claimed.slice(0, 2)) await receiver.send(m);

      db = await (async () => {
        await db.close();
        return reopen();
      })();
      const b = dispatcher(db, receiver);
      clock = T0.plus({ seconds: 10 });
      expect((await b.drainOnce()).delivered).toBe(0); // A's lease still holds
      clock = T0.plus({ seconds: 30 });
      expect((await b.drainOnce()).delivered).toBe(3);
      expect(receiver.calls).toHaveLength(5);
      expect(receiver.messages).toHaveLength(3);
      for (const m of claimed) expect(receiver.receivedCount(m.id)).toBe(1);
      // The resent ones carry the same id and the next attempt number.
      expect(receiver.calls.filter((m) => m.id === claimed[0]!.id).map((m) => m.attempt)).toEqual([1, 2]);
    });

    test('two dispatchers draining at once never both send a message', async () => {
      for (let i = 0; i < 30; i++) await db.transaction((tx) => enqueueOutbox(tx, [message(`m${i}`)], isoUtc(T0)));
      const second = await reopen();
      extra.push(second);
      const receiver = new MemoryNotifier();
      const slow = { send: async (m: Parameters<MemoryNotifier['send']>[0]) => { await new Promise((r) => setTimeout(r, 1)); await receiver.send(m); } };
      const a = new OutboxDispatcher({ db, notifier: slow, now: () => clock, batchSize: 7, owner: 'a' });
      const b = new OutboxDispatcher({ db: second, notifier: slow, now: () => clock, batchSize: 7, owner: 'b' });
      for (let round = 0; round < 6; round++) await Promise.all([a.drainOnce(), b.drainOnce(), a.drainOnce()]);
      expect(receiver.messages).toHaveLength(30);
      expect(receiver.calls).toHaveLength(30);
    });

    test('start() delivers in the background until stop()', async () => {
      const notifier = new MemoryNotifier();
      const d = new OutboxDispatcher({ db, notifier, pollIntervalMs: 5 });
      d.start();
      await service(db).open(alice, input());
      clock = DateTime.utc();
      for (let i = 0; i < 200 && notifier.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await d.stop();
      expect(notifier.messages).toHaveLength(1);
    });
  });
}
