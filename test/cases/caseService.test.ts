import fc from 'fast-check';
import { DateTime } from 'luxon';
import { SqlCaseStore } from '../../cases/caseStore';
import { CaseService } from '../../cases/caseService';
import type { Database } from '../../cases/db/database';
import { SqlDirectoryStore, type Partner, type Tenant } from '../../cases/directory';
import { CaseError, CaseConflictError, ReopenWindowExpiredError } from '../../cases/errors';
import { LIMITS, type Actor, type OpenCaseInput, type SupportCase } from '../../cases/model';
import { SqlOutboxStore } from '../../cases/outbox';
import { loadPolicy } from '../../cases/policy';
import { engines } from '../support/databases';

const policy = loadPolicy();

const tenant = (t: Partial<Tenant> & Pick<Tenant, 'id' | 'plan'>): Tenant => ({
  name: t.id,
  elevatedSupport: false,
  trial: false,
  country: 'FR',
  timeZone: 'Europe/Paris',
  language: 'en',
  admins: [],
  users: [],
  delegatedPartners: [],
  ...t,
});

const TENANTS: Tenant[] = [
  tenant({
    id: 'contoso',
    plan: 'business-standard',
    admins: [{ id: 'alice', name: 'Alice' }],
    users: [{ id: 'bob', name: 'Bob' }],
    delegatedPartners: ['tailspin'],
  }),
  tenant({ id: 'fabrikam', plan: 'enterprise-e3', country: 'US', timeZone: 'America/New_York', admins: [{ id: 'carol', name: 'Carol' }] }),
  tenant({ id: 'northwind', plan: 'enterprise-e3', elevatedSupport: true, country: 'GB', timeZone: 'Europe/London', admins: [{ id: 'erin', name: 'Erin' }] }),
  tenant({ id: 'oddplan', plan: 'platinum-deluxe', admins: [{ id: 'olga', name: 'Olga' }] }),
];
const PARTNERS: Partner[] = [
  { id: 'tailspin', name: 'Tailspin', users: [{ id: 'pat', name: 'Pat' }] },
  { id: 'woodgrove', name: 'Woodgrove', users: [{ id: 'wendy', name: 'Wendy' }] },
];

const alice: Actor = { kind: 'admin', userId: 'alice', tenantId: 'contoso' };
const carol: Actor = { kind: 'admin', userId: 'carol', tenantId: 'fabrikam' };
const erin: Actor = { kind: 'admin', userId: 'erin', tenantId: 'northwind' };
const pat: Actor = { kind: 'partner-admin', userId: 'pat', tenantId: 'tailspin' };
const wendy: Actor = { kind: 'partner-admin', userId: 'wendy', tenantId: 'woodgrove' };
const engineer: Actor = { kind: 'support-engineer', userId: 'sam' };

/** 2025-06-03 is a Tuesday. */
const T0 = DateTime.fromISO('2025-06-03T10:15:00+02:00');

let counter = 0;
function input(over: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    clientKey: `key-${++counter}`,
    tenantId: 'contoso',
    category: 'technical',
    subcategory: 'usage',
    severity: 'C',
    severityReasons: ['one user affected', 'a workaround exists'],
    title: 'Mail stuck in the outbox',
    description: 'Since this morning messages stay in the outbox.',
    contact: { name: 'Alice', email: 'alice@contoso.example', preferred: 'email' },
    language: 'en',
    ...over,
  };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CaseError) return err.code;
    throw err;
  }
  return 'ok';
}

for (const engine of engines()) {
  describe(`case service (${engine.name})`, () => {
    let db: Database;
    let reopenDb: () => Promise<Database>;
    let clock: DateTime;
    let cases: CaseService;
    let store: SqlCaseStore;
    let outbox: SqlOutboxStore;
    const service = (database: Database) =>
      new CaseService({ store: new SqlCaseStore(database), directory: new SqlDirectoryStore(database), policy, now: () => clock });

    beforeEach(async () => {
      const opened = await engine.open();
      db = opened.db;
      reopenDb = opened.reopen;
      const directory = new SqlDirectoryStore(db);
      for (const p of PARTNERS) await directory.putPartner(p, 0);
      for (const t of TENANTS) await directory.putTenant(t, 0);
      clock = T0;
      store = new SqlCaseStore(db);
      outbox = new SqlOutboxStore(db);
      cases = service(db);
    });
    afterEach(async () => {
      await db.close();
    });

    const allCases = () => store.list({});

    describe('who may open a case', () => {
      test('an admin of the tenant and a partner delegated for it may', async () => {
        const a = await cases.open(alice, input());
        expect(a.openedBy).toEqual({ kind: 'admin', userId: 'alice', partnerId: null });
        const p = await cases.open(pat, input());
        expect(p.openedBy).toEqual({ kind: 'partner-admin', userId: 'pat', partnerId: 'tailspin' });
        // The partner id is looked up in the directory: a partner admin need not claim it.
        const p2 = await cases.open({ kind: 'partner-admin', userId: 'pat' }, input());
        expect(p2.openedBy.partnerId).toBe('tailspin');
        expect(a.tenantId).toBe('contoso');
      });

      test.each<[string, unknown]>([
        ['a user of the tenant', { kind: 'user', userId: 'bob', tenantId: 'contoso' }],
        ['an anonymous visitor', { kind: 'anonymous', userId: 'web-123' }],
        ['no actor at all', undefined],
        ['a user claiming to be an admin', { kind: 'admin', userId: 'bob', tenantId: 'contoso' }],
        ['an admin of another tenant', carol],
        ['an admin of another tenant claiming this tenant', { ...carol, tenantId: 'contoso' }],
        ['an admin claiming another tenant id', { ...alice, tenantId: 'fabrikam' }],
        ['a partner not delegated for the tenant', wendy],
        ['a delegated partner user claiming another partner', { ...pat, tenantId: 'woodgrove' }],
        ['a support engineer', engineer],
        ['the system', { kind: 'system', userId: 'scheduler' }],
      ])('%s may not, and nothing is written', async (_what, actor) => {
        expect(await codeOf(cases.open(actor as Actor, input()))).toBe('forbidden');
        expect(await allCases()).toHaveLength(0);
        expect((await outbox.list()).length).toBe(0);
      });

      test('a delegated partner may not act for a tenant it is not delegated for', async () => {
        expect(await codeOf(cases.open(pat, input({ tenantId: 'fabrikam' })))).toBe('forbidden');
      });
    });

    describe('bad input is refused with a typed error and nothing changes', () => {
      test.each<[string, Partial<OpenCaseInput> | Record<string, unknown>, string, string | null]>([
        ['unknown tenant', { tenantId: 'nobody' }, 'unknown-tenant', null],
        ['severity outside A/B/C', { severity: 'D' }, 'invalid-severity', 'severity'],
        ['requested severity outside A/B/C', { requestedSeverity: 'E' }, 'invalid-severity', 'requestedSeverity'],
        ['invalid time zone', { timeZone: 'Mars/Olympus' }, 'invalid-time-zone', 'timeZone'],
        ['description over the limit', { description: 'x'.repeat(LIMITS.description + 1) }, 'too-long', 'description'],
        ['technical without subcategory', { subcategory: null }, 'invalid-input', 'subcategory'],
        ['a boundary category', { category: 'boundary' }, 'invalid-input', 'category'],
        ['phone preferred without a phone', { contact: { name: 'A', preferred: 'phone' } }, 'invalid-input', 'contact.phone'],
        ['an unknown field', { colour: 'red' }, 'invalid-input', null],
      ])('%s', async (_what, over, code, field) => {
        const err = await cases.open(alice, input(over as Partial<OpenCaseInput>)).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CaseError);
        expect((err as CaseError).code).toBe(code);
        expect((err as CaseError).message).not.toMatch(/\n/);
        if (field) expect((err as { field?: string }).field).toBe(field);
        expect(await allCases()).toHaveLength(0);
      });

      test('a tenant whose plan the policy does not know', async () => {
        const err = await cases.open({ kind: 'admin', userId: 'olga' }, input({ tenantId: 'oddplan' })).catch((e: unknown) => e);
        expect((err as CaseError).code).toBe('unknown-plan');
        expect((err as CaseError).message).toContain('platinum-deluxe');
        expect(await allCases()).toHaveLength(0);
      });
    });

    describe('opening', () => {
      test('finds the case a submission opened, only for those who may act for its tenant', async () => {
        const opened = await cases.open(alice, input({ clientKey: 'form-42' }));
        expect((await cases.findBySubmission(alice, 'form-42'))?.number).toBe(opened.number);
        expect((await cases.findBySubmission(pat, 'form-42'))?.number).toBe(opened.number);
        expect(await cases.findBySubmission(carol, 'form-42')).toBeUndefined();
        expect(await cases.findBySubmission(wendy, 'form-42')).toBeUndefined();
        expect(await cases.findBySubmission(engineer, 'form-42')).toBeUndefined();
        expect(await cases.findBySubmission(alice, 'never-sent')).toBeUndefined();
      });

      test('is idempotent on the client key, per tenant', async () => {
        const first = await cases.open(alice, input({ clientKey: 'submit-1' }));
        const again = await cases.open(alice, input({ clientKey: 'submit-1', title: 'different text, same submission' }));
        expect(again.number).toBe(first.number);
        expect(again.title).toBe(first.title);
        const [x, y] = await Promise.all([cases.open(alice, input({ clientKey: 'submit-2' })), cases.open(alice, input({ clientKey: 'submit-2' }))]);
        expect(x.number).toBe(y.number);
        const other = await cases.open(carol, input({ clientKey: 'submit-1', tenantId: 'fabrikam' }));
        expect(other.number).not.toBe(first.number);
        expect(await allCases()).toHaveLength(3);
        expect(await cases.events(alice, first.number)).toHaveLength(1);
        expect((await outbox.list()).filter((m) => m.caseNumber === first.number)).toHaveLength(1);
      });

      test('numbers are SR- and six digits or more, unique, and continue after a restart', async () => {
        const opened = await Promise.all(Array.from({ length: 12 }, () => cases.open(alice, input())));
        const numbers = opened.map((c) => c.number);
        for (const n of numbers) expect(n).toMatch(/^SR-\d{6,}$/);
        expect(new Set(numbers).size).toBe(numbers.length);
        await db.close();
        db = await reopenDb();
        cases = service(db);
        store = new SqlCaseStore(db);
        const later = await cases.open(alice, input());
        const max = Math.max(...numbers.map((n) => Number(n.slice(3))));
        expect(Number(later.number.slice(3))).toBeGreaterThan(max);
        expect(numbers).not.toContain(later.number);
      });

      test('objective and due time come from plan and severity, fixed at creation', async () => {
        const critical = await cases.open(alice, input({ severity: 'A' }));
        expect(critical.objective).toEqual({ availability: '24x7', objective: 'PT1H' });
        expect(critical.dueAt).toBe('2025-06-03T09:15:00.000Z');
        const businessB = await cases.open(alice, input({ severity: 'B' }));
        expect(businessB.objective).toEqual({ availability: 'business', objective: 'none' });
        expect(businessB.dueAt).toBeNull();
        const enterpriseB = await cases.open(carol, input({ tenantId: 'fabrikam', severity: 'B' }));
        expect(enterpriseB.objective).toEqual({ availability: '24x7', objective: 'next-day' });
        // Created 04:15 in New York on the 3rd: due at the end of the 4th, New York time.
        expect(enterpriseB.dueAt).toBe('2025-06-05T04:00:00.000Z');
        expect(enterpriseB.timeZone).toBe('America/New_York');
        // The contact's own zone is kept, but the clock keeps running: later reads show the same due time.
        clock = T0.plus({ days: 3 });
        expect((await cases.view(alice, critical.number)).dueAt).toBe(critical.dueAt);
        expect((await cases.view(alice, critical.number)).breached).toBe(true);
      });

      test('the customer chooses the severity only on elevated support; otherwise the assessed one stands with its reasons', async () => {
        const elevated = await cases.open(erin, input({ tenantId: 'northwind', severity: 'C', requestedSeverity: 'A' }));
        expect(elevated.severity).toBe('A');
        expect(elevated.severitySource).toBe('customer');
        expect(elevated.assessedSeverity).toBe('C');
        expect(elevated.objective).toEqual({ availability: '24x7', objective: 'PT1H' });
        const elevatedC = await cases.open(erin, input({ tenantId: 'northwind', severity: 'C' }));
        expect(elevatedC.severity).toBe('C');
        expect(elevatedC.objective).toEqual({ availability: '24x7', objective: 'PT4H' });
        expect(elevatedC.dueAt).toBe('2025-06-03T12:15:00.000Z');

        const standard = await cases.open(alice, input({ severity: 'C', requestedSeverity: 'A' }));
        expect(standard.severity).toBe('C');
        expect(standard.severitySource).toBe('assessed');
        expect(standard.requestedSeverity).toBe('A');
        expect(standard.severityReasons).toEqual(['one user affected', 'a workaround exists']);
        expect(standard.dueAt).toBeNull();
      });

      test('a new case is written with its opened event and a message to the support queue, in one go', async () => {
        const c = await cases.open(alice, input());
        const events = await cases.events(alice, c.number);
        expect(events.map((e) => e.type)).toEqual(['opened']);
        expect(events[0]!.actor).toEqual({ kind: 'admin', userId: 'alice', partnerId: null });
        const messages = await outbox.list();
        expect(messages).toHaveLength(1);
        expect(messages[0]).toMatchObject({ topic: 'case.opened', audience: { kind: 'support-queue' }, caseNumber: c.number, tenantId: 'contoso' });
        expect(messages[0]!.id).toBe(`${events[0]!.id}:support-queue`);
      });
    });

    describe('tenant side', () => {
      test('listing shows open and recently closed (30 days) cases of the tenant only', async () => {
        const open = await cases.open(alice, input());
        const closedLongAgo = await cases.open(alice, input());
        const closedRecently = await cases.open(alice, input());
        await cases.open(carol, input({ tenantId: 'fabrikam' }));
        await cases.close(alice, closedLongAgo.number);
        clock = T0.plus({ days: 2 });
        await cases.close(alice, closedRecently.number);
        clock = T0.plus({ days: 31 });
        const list = await cases.listForTenant(alice, 'contoso');
        expect(list.open.map((c) => c.number)).toEqual([open.number]);
        expect(list.recentlyClosed.map((c) => c.number)).toEqual([closedRecently.number]);
        expect(await codeOf(cases.listForTenant(alice, 'fabrikam'))).toBe('forbidden');
        expect(await codeOf(cases.listForTenant(wendy, 'contoso'))).toBe('forbidden');
        expect((await cases.listForTenant(pat, 'contoso')).open).toHaveLength(1);
        expect(await codeOf(cases.listForTenant(alice, 'nobody'))).toBe('unknown-tenant');
      });

      test('notes: up to the documented limit; 100,000 characters are refused and nothing changes', async () => {
        const c = await cases.open(alice, input());
        const err = await cases.addNote(alice, c.number, 'n'.repeat(100_000)).catch((e: unknown) => e);
        expect((err as CaseError).code).toBe('too-long');
        expect((err as CaseError).message).toBe(`note is 100000 characters long; the limit is ${LIMITS.note}`);
        expect(await codeOf(cases.addNote(alice, c.number, '   '))).toBe('invalid-input');
        expect((await cases.view(alice, c.number)).version).toBe(1);
        const noted = await cases.addNote(alice, c.number, 'n'.repeat(LIMITS.note));
        expect(noted.version).toBe(2);
        const events = await cases.events(alice, c.number);
        expect(events.map((e) => e.type)).toEqual(['opened', 'note-added']);
        expect((events[1]!.data.text as string).length).toBe(LIMITS.note);
      });

      test('a note answers a request for information: the case goes back to support', async () => {
        const c = await cases.open(alice, input());
        await cases.changeStatus(engineer, c.number, 'waiting-on-customer');
        const after = await cases.addNote(pat, c.number, 'Here are the logs.');
        expect(after.status).toBe('in-progress');
        const events = await cases.events(alice, c.number);
        expect(events.map((e) => e.type)).toEqual(['opened', 'status-changed', 'note-added', 'status-changed']);
        expect(events[2]!.actor).toEqual({ kind: 'partner-admin', userId: 'pat', partnerId: 'tailspin' });
      });

      test('reopen within 14 days of closure, to the minute; later a typed error offers a linked follow-up', async () => {
        const c = await cases.open(alice, input());
        const closed = await cases.close(alice, c.number);
        expect(closed.closedAt).toBe('2025-06-03T08:15:00.000Z');
        expect((await cases.close(alice, c.number)).version).toBe(closed.version);

        clock = T0.plus({ days: 14 });
        const reopened = await cases.reopen(alice, c.number);
        expect(reopened.status).toBe('new');
        expect(reopened.closedAt).toBeNull();

        const late = await cases.open(alice, input());
        clock = T0;
        await cases.close(alice, late.number);
        clock = T0.plus({ days: 14, minutes: 1 });
        const before = await cases.view(alice, late.number);
        const err = await cases.reopen(alice, late.number).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ReopenWindowExpiredError);
        const expired = err as ReopenWindowExpiredError<SupportCase>;
        expect(expired.code).toBe('reopen-window-expired');
        expect(expired.expiredAt).toBe('2025-06-17T08:15:00.000Z');
        expect(expired.message).toContain('2025-06-17T08:15:00.000Z');
        expect((await cases.view(alice, late.number)).version).toBe(before.version);

        const followUp = await expired.openFollowUp();
        expect(followUp.followUpOf).toBe(late.number);
        expect(followUp.number).not.toBe(late.number);
        expect(followUp.title).toBe(`Follow-up to ${late.number}: ${late.title}`);
        expect(followUp.status).toBe('new');
        expect((await expired.openFollowUp()).number).toBe(followUp.number);
        expect((await cases.openFollowUp(alice, late.number)).number).toBe(followUp.number);
      });

      test('reopening a case that was never closed is refused and changes nothing', async () => {
        const c = await cases.open(alice, input());
        const err = await cases.reopen(alice, c.number).catch((e: unknown) => e);
        expect((err as CaseError).code).toBe('not-closed');
        expect((err as CaseError).message).toContain(c.number);
        expect(await cases.events(alice, c.number)).toHaveLength(1);
        expect(await codeOf(cases.openFollowUp(alice, c.number))).toBe('not-closed');
      });

      test('satisfaction: 1-5 with a comment, once per resolution', async () => {
        const c = await cases.open(alice, input());
        expect(await codeOf(cases.recordSatisfaction(alice, c.number, { rating: 5 }))).toBe('not-resolved');
        await cases.changeStatus(engineer, c.number, 'resolved');
        expect(await codeOf(cases.recordSatisfaction(alice, c.number, { rating: 6 }))).toBe('invalid-input');
        expect(await codeOf(cases.recordSatisfaction(alice, c.number, { rating: 2.5 }))).toBe('invalid-input');
        const rated = await cases.recordSatisfaction(alice, c.number, { rating: 4, comment: 'quick' });
        expect(rated.satisfaction).toEqual([expect.objectContaining({ resolution: 1, rating: 4, comment: 'quick' })]);
        expect(await codeOf(cases.recordSatisfaction(alice, c.number, { rating: 1 }))).toBe('already-rated');
        await cases.close(alice, c.number);
        expect(await codeOf(cases.recordSatisfaction(alice, c.number, { rating: 1 }))).toBe('already-rated');
        await cases.reopen(alice, c.number);
        await cases.changeStatus(engineer, c.number, 'resolved');
        const again = await cases.recordSatisfaction(alice, c.number, { rating: 2 });
        expect(again.satisfaction.map((s) => s.resolution)).toEqual([1, 2]);
        expect(await codeOf(cases.recordSatisfaction(engineer, c.number, { rating: 5 }))).toBe('forbidden');
      });
    });

    describe('support side', () => {
      test('only support engineers work the queue', async () => {
        const c = await cases.open(alice, input());
        for (const actor of [alice, pat, { kind: 'user', userId: 'bob' } as unknown as Actor]) {
          expect(await codeOf(cases.queue(actor))).toBe('forbidden');
          expect(await codeOf(cases.reply(actor, c.number, 'hello'))).toBe('forbidden');
          expect(await codeOf(cases.assign(actor, c.number, 'sam'))).toBe('forbidden');
          expect(await codeOf(cases.changeStatus(actor, c.number, 'resolved'))).toBe('forbidden');
          expect(await codeOf(cases.changeSeverity(actor, c.number, 'A'))).toBe('forbidden');
        }
        expect(await codeOf(cases.close(engineer, c.number))).toBe('forbidden');
        expect((await cases.view(engineer, c.number)).number).toBe(c.number);
        expect((await cases.view(alice, c.number)).version).toBe(1);
      });

      test('assign, status changes along the lifecycle, invalid ones refused', async () => {
        const c = await cases.open(alice, input());
        const assigned = await cases.assign(engineer, c.number, 'sam');
        expect(assigned.assignee).toBe('sam');
        expect((await cases.changeStatus(engineer, c.number, 'in-progress')).status).toBe('in-progress');
        expect(await codeOf(cases.changeStatus(engineer, c.number, 'new'))).toBe('invalid-transition');
        expect(await codeOf(cases.changeStatus(engineer, c.number, 'paused' as never))).toBe('invalid-input');
        expect((await cases.changeStatus(engineer, c.number, 'cancelled')).closedAt).not.toBeNull();
        expect(await codeOf(cases.changeStatus(engineer, c.number, 'in-progress'))).toBe('invalid-transition');
        expect(await codeOf(cases.reopen(alice, c.number))).toBe('not-closed');
        const events = await cases.events(engineer, c.number);
        expect(events.map((e) => [e.type, e.data.to])).toEqual([
          ['opened', undefined],
          ['assigned', 'sam'],
          ['status-changed', 'in-progress'],
          ['status-changed', 'cancelled'],
        ]);
        expect(events[1]!.actor).toEqual({ kind: 'support-engineer', userId: 'sam', partnerId: null });
      });

      test('a severity change recomputes the due time from creation and may be breached at once', async () => {
        const c = await cases.open(alice, input({ severity: 'C' }));
        expect(c.dueAt).toBeNull();
        clock = T0.plus({ hours: 3 });
        const raised = await cases.changeSeverity(engineer, c.number, 'A');
        expect(raised.objective).toEqual({ availability: '24x7', objective: 'PT1H' });
        expect(raised.dueAt).toBe('2025-06-03T09:15:00.000Z');
        expect(raised.breached).toBe(true);
        const messages = (await outbox.list()).filter((m) => m.topic === 'case.severity-changed');
        expect(messages).toHaveLength(1);
        expect(messages[0]!.audience).toEqual({ kind: 'tenant-admins', tenantId: 'contoso' });
        expect((await cases.queue(engineer, { breached: 'true' })).map((x) => x.number)).toEqual([c.number]);
        expect(await codeOf(cases.changeSeverity(engineer, c.number, 'Z' as never))).toBe('invalid-severity');
      });

      test('the first public reply sets first response: met, or breached when late', async () => {
        const onTime = await cases.open(alice, input({ severity: 'A' }));
        const late = await cases.open(alice, input({ severity: 'A' }));
        clock = T0.plus({ minutes: 60 });
        const met = await cases.reply(engineer, onTime.number, 'Looking into it.');
        expect(met.firstResponse).toBe('met');
        expect(met.firstResponseAt).toBe('2025-06-03T09:15:00.000Z');
        clock = T0.plus({ minutes: 61 });
        const breached = await cases.reply(engineer, late.number, 'Sorry for the wait.');
        expect(breached.firstResponse).toBe('breached');
        expect(breached.breached).toBe(true);
        clock = T0.plus({ hours: 5 });
        const second = await cases.reply(engineer, onTime.number, 'Fixed?');
        expect(second.firstResponseAt).toBe(met.firstResponseAt);
        expect(second.firstResponse).toBe('met');
        expect(second.breached).toBe(false);
        const toAdmins = (await outbox.list()).filter((m) => m.topic === 'case.reply-added');
        expect(toAdmins).toHaveLength(3);
        expect(toAdmins.every((m) => m.audience.kind === 'tenant-admins')).toBe(true);
        expect(await codeOf(cases.reply(engineer, onTime.number, 'r'.repeat(LIMITS.reply + 1)))).toBe('too-long');
      });

      test('the queue filters by tenant, status, severity and breach, sorted by due time', async () => {
        const c1 = await cases.open(alice, input({ severity: 'C' }));
        const a1 = await cases.open(alice, input({ severity: 'A' }));
        clock = T0.plus({ minutes: 10 });
        const a2 = await cases.open(carol, input({ tenantId: 'fabrikam', severity: 'A' }));
        const b2 = await cases.open(carol, input({ tenantId: 'fabrikam', severity: 'B' }));
        const all = await cases.queue(engineer);
        expect(all.map((c) => c.number)).toEqual([a1.number, a2.number, b2.number, c1.number]);
        expect((await cases.queue(engineer, { tenant: 'fabrikam' })).map((c) => c.number)).toEqual([a2.number, b2.number]);
        expect((await cases.queue(engineer, { severity: 'A' })).map((c) => c.number)).toEqual([a1.number, a2.number]);
        await cases.changeStatus(engineer, a1.number, 'in-progress');
        expect((await cases.queue(engineer, { status: 'in-progress' })).map((c) => c.number)).toEqual([a1.number]);
        expect((await cases.queue(engineer, { status: 'new,in-progress' })).length).toBe(4);
        clock = T0.plus({ minutes: 65 });
        expect((await cases.queue(engineer, { breached: 'true' })).map((c) => c.number)).toEqual([a1.number]);
        expect((await cases.queue(engineer, { breached: 'false' })).map((c) => c.number)).toEqual([a2.number, b2.number, c1.number]);
        expect(await codeOf(cases.queue(engineer, { severity: 'X' as never }))).toBe('invalid-severity');
        expect(await codeOf(cases.queue(engineer, { status: 'open' }))).toBe('invalid-input');
      });
    });

    describe('concurrency', () => {
      test('concurrent changes without a version are serialised: none is lost', async () => {
        const c = await cases.open(alice, input());
        const other = service(db);
        const notes = Array.from({ length: 8 }, (_, i) => (i % 2 ? cases : other).addNote(alice, c.number, `note ${i}`));
        await Promise.all(notes);
        const after = await cases.view(alice, c.number);
        expect(after.version).toBe(9);
        const texts = (await cases.events(alice, c.number)).filter((e) => e.type === 'note-added').map((e) => e.data.text);
        expect(texts.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `note ${i}`).sort());
        expect((await outbox.list()).filter((m) => m.topic === 'case.note-added')).toHaveLength(8);
      });

      test('two changes from the same stale version: one wins, the other is refused, nothing half-written', async () => {
        const c = await cases.open(alice, input());
        const results = await Promise.allSettled([
          cases.update(engineer, c.number, { status: 'in-progress', expectedVersion: 1 }),
          service(db).update(engineer, c.number, { severity: 'A', assignee: 'kim' }, { expectedVersion: 1 }),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(CaseConflictError);
        expect((lost[0]!.reason as CaseError).code).toBe('conflict');
        const after = await cases.view(engineer, c.number);
        expect(after.version).toBe(2);
        const events = await cases.events(engineer, c.number);
        const winnerIsStatus = after.status === 'in-progress';
        expect(events.map((e) => e.type)).toEqual(winnerIsStatus ? ['opened', 'status-changed'] : ['opened', 'assigned', 'severity-changed']);
        expect(after.severity).toBe(winnerIsStatus ? 'C' : 'A');
      });
    });

    test('tenant isolation: whatever numbers and claims, no call returns or changes another tenant\'s case', async () => {
      const theirs = [await cases.open(alice, input()), await cases.open(pat, input()), await cases.open(erin, input({ tenantId: 'northwind' }))];
      await cases.close(alice, theirs[1]!.number);
      const snapshot = async () => Promise.all(theirs.map(async (c) => [c.number, (await cases.view(engineer, c.number)).version, (await cases.events(engineer, c.number)).length]));
      const before = await snapshot();
      const outsiders: Actor[] = [
        carol,
        wendy,
        { ...carol, tenantId: 'contoso' },
        { kind: 'admin', userId: 'bob', tenantId: 'contoso' },
        { kind: 'admin', userId: 'erin', tenantId: 'contoso' },
        { kind: 'partner-admin', userId: 'wendy', tenantId: 'tailspin' },
        { kind: 'partner-admin', userId: 'pat', tenantId: 'northwind' },
      ];
      const own = await cases.open(carol, input({ tenantId: 'fabrikam' }));
      const numbers = fc.oneof(
        fc.constantFrom(...theirs.map((c) => c.number)),
        fc.constantFrom(...theirs.map((c) => c.number.toLowerCase()), ...theirs.map((c) => ` ${c.number} `)),
        fc.integer({ min: 0, max: 999_999 }).map((n) => `SR-${String(n).padStart(6, '0')}`),
        fc.string({ maxLength: 20 }),
      );
      const operations = ['view', 'events', 'addNote', 'close', 'reopen', 'rate', 'followUp'] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...outsiders), numbers, fc.constantFrom(...operations), async (actor, number, op) => {
          const call = {
            view: () => cases.view(actor, number),
            events: () => cases.events(actor, number),
            addNote: () => cases.addNote(actor, number, 'sneaky'),
            close: () => cases.close(actor, number),
            reopen: () => cases.reopen(actor, number),
            rate: () => cases.recordSatisfaction(actor, number, { rating: 1 }),
            followUp: () => cases.openFollowUp(actor, number),
          }[op];
          const code = await codeOf(call());
          // Carol's own case may answer anything; every other number is refused the same way.
          if (number.trim().toUpperCase() === own.number && actor.userId === 'carol' && actor.tenantId === 'fabrikam') return;
          expect(['case-not-found', 'invalid-input', 'forbidden']).toContain(code);
        }),
        { numRuns: 120 },
      );
      expect(await snapshot()).toEqual(before);
      expect((await allCases()).filter((c) => c.tenantId !== 'fabrikam')).toHaveLength(3);
    });
  });
}
