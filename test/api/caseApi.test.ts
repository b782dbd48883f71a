import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DateTime } from 'luxon';
import restify from 'restify';
import { buildOpenApiDocument, registerCaseApi } from '../../bot/api/caseApi';
import { apiKeyMatcher, bearerToken, keyFingerprint, parseApiKeys } from '../../bot/api/apiKeys';
import { SqlCaseStore } from '../../cases/caseStore';
import { CaseService } from '../../cases/caseService';
import type { Database } from '../../cases/db/database';
import { SqlDirectoryStore, type Tenant } from '../../cases/directory';
import type { Actor, OpenCaseInput, SupportCase } from '../../cases/model';
import { loadPolicy } from '../../cases/policy';
import { engines } from '../support/databases';

const KEY = 'k-0123456789abcdef0123456789';
const OTHER_KEY = 'k-zyxwvutsrqponmlkjihgfedcba';
const T0 = DateTime.fromISO('2025-06-03T10:15:00+02:00');
const policy = loadPolicy();

const tenant = (id: string, plan: string, admin: string): Tenant => ({
  id,
  name: id,
  plan,
  elevatedSupport: false,
  trial: false,
  country: 'FR',
  timeZone: 'Europe/Paris',
  language: 'en',
  admins: [{ id: admin, name: admin }],
  users: [],
  delegatedPartners: [],
});

let n = 0;
const input = (tenantId: string, severity: 'A' | 'B' | 'C'): OpenCaseInput => ({
  clientKey: `k${++n}`,
  tenantId,
  category: 'technical',
  subcategory: 'configuration',
  severity,
  title: `Problem ${n}`,
  description: 'Something is wrong.',
  contact: { name: 'Admin', preferred: 'chat' },
  language: 'en',
});

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('API keys', () => {
  test('parsed from a comma-separated list; weak keys stop start-up without showing them', () => {
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys(` ${KEY} , ${OTHER_KEY},`)).toEqual([KEY, OTHER_KEY]);
    expect(() => parseApiKeys(`${KEY},short`)).toThrow('SUPPORT_API_KEYS: key 2 is shorter than 24 characters');
    try {
      parseApiKeys('short');
    } catch (e) {
      expect((e as Error).message).not.toContain('short,');
    }
  });

  test('matching gives the fingerprint of the key, never the key', () => {
    const m = apiKeyMatcher([KEY, OTHER_KEY]);
    expect(m.match(OTHER_KEY)).toBe(keyFingerprint(OTHER_KEY));
    expect(m.match(KEY + 'x')).toBeUndefined();
    expect(m.match('')).toBeUndefined();
    expect(m.match(undefined)).toBeUndefined();
    expect(apiKeyMatcher([]).match(KEY)).toBeUndefined();
    expect(bearerToken(`Bearer ${KEY}`)).toBe(KEY);
    expect(bearerToken(`bearer   ${KEY}`)).toBe(KEY);
    expect(bearerToken(`Basic ${KEY}`)).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('OpenAPI document', () => {
  test('is OpenAPI 3 with every path, generated from the zod schemas, and its schemas compile', async () => {
    const server = restify.createServer();
    registerCaseApi(server, { cases: {} as CaseService, apiKeys: [KEY] });
    const base = await listen(server);
    try {
      const res = await fetch(`${base}/api/openapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as ReturnType<typeof buildOpenApiDocument> & {
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
        components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
      };
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(Object.keys(doc.paths).sort()).toEqual(['/api/cases', '/api/cases/{number}', '/api/cases/{number}/events', '/api/cases/{number}/replies']);
      expect(Object.keys(doc.paths['/api/cases/{number}']!)).toEqual(expect.arrayContaining(['get', 'patch']));
      expect(doc.paths['/api/cases/{number}/replies']).toHaveProperty('post');
      expect(doc.components.securitySchemes).toEqual({ bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
      const update = doc.components.schemas.CaseUpdate!;
      expect(update.properties).toMatchObject({ status: { enum: expect.arrayContaining(['in-progress', 'waiting-on-customer']) }, severity: { enum: ['A', 'B', 'C'] } });
      expect((doc.components.schemas.ReplyInput!.properties as Record<string, { maxLength?: number }>).text!.maxLength).toBe(8000);
      const params = (doc.paths['/api/cases']!.get as { parameters: Array<{ name: string; in: string }> }).parameters;
      expect(params.map((p) => p.name)).toEqual(['tenant', 'status', 'severity', 'breached', 'limit']);
      // Every $ref points at a component, and each component is a JSON Schema ajv accepts.
      const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
      for (const r of refs) expect(doc.components.schemas).toHaveProperty(r.split('/').pop()!);
      const ajv = new Ajv2020({ strict: false });
      addFormats(ajv);
      for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
      for (const name of Object.keys(doc.components.schemas)) expect(() => ajv.getSchema(`#/components/schemas/${name}`)).not.toThrow();
    } finally {
      server.close();
    }
  });
});

test('an unexpected failure is a 500 with one line, never a stack trace', async () => {
  const server = restify.createServer();
  const failing = { queue: async () => Promise.reject(new Error('connection refused\n    at Socket.connect (net.js:1:1)')) } as unknown as CaseService;
  const logged: unknown[] = [];
  registerCaseApi(server, { cases: failing, apiKeys: [KEY], log: { error: (...a: unknown[]) => logged.push(a) } as never });
  const base = await listen(server);
  try {
    const res = await fetch(`${base}/api/cases`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal-error', message: 'internal error' } });
    expect(text).not.toContain('at Socket');
    expect(logged).toHaveLength(1);
  } finally {
    server.close();
  }
});

for (const engine of engines()) {
  describe(`support cases API (${engine.name})`, () => {
    let db: Database;
    let server: restify.Server;
    let base: string;
    let clock: DateTime;
    let cases: CaseService;
    const auth = { authorization: `Bearer ${KEY}` };
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, text, headers: res.headers };
    };
    const admin = (userId: string): Actor => ({ kind: 'admin', userId });

    beforeEach(async () => {
      ({ db } = await engine.open());
      const directory = new SqlDirectoryStore(db);
      await directory.putTenant(tenant('contoso', 'business-standard', 'alice'), 0);
      await directory.putTenant(tenant('fabrikam', 'enterprise-e3', 'carol'), 0);
      clock = T0;
      cases = new CaseService({ store: new SqlCaseStore(db), directory, policy, now: () => clock });
      server = restify.createServer({ handleUncaughtExceptions: false });
      registerCaseApi(server, { cases, apiKeys: [OTHER_KEY, KEY] });
      base = await listen(server);
    });
    afterEach(async () => {
      server.close();
      await db.close();
    });

    test('missing, malformed and wrong keys get 401 and nothing else', async () => {
      await cases.open(admin('alice'), input('contoso', 'A'));
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer' }, { authorization: `Basic ${KEY}` }, { authorization: `Bearer ${KEY}x` }, { authorization: 'Bearer wrong-key-wrong-key-wrong-key' }]) {
        for (const [method, path] of [
          ['GET', '/api/cases'],
          ['GET', '/api/cases/SR-000001'],
          ['GET', '/api/cases/SR-000001/events'],
          ['PATCH', '/api/cases/SR-000001'],
          ['POST', '/api/cases/SR-000001/replies'],
        ] as const) {
          const res = await call(method, path, method === 'GET' ? undefined : { status: 'resolved', text: 'x' }, headers);
          expect(res.status).toBe(401);
          expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        }
      }
      // Nothing was changed by the refused calls.
      expect((await cases.view(admin('alice'), 'SR-000001')).version).toBe(1);
      expect((await call('GET', '/api/cases')).status).toBe(200);
      expect((await call('GET', '/api/cases', undefined, { authorization: `Bearer ${OTHER_KEY}` })).status).toBe(200);
    });

    test('the queue: filters by tenant, status, severity and breach, sorted by due time', async () => {
      const c1 = await cases.open(admin('alice'), input('contoso', 'C'));
      const a1 = await cases.open(admin('alice'), input('contoso', 'A'));
      clock = T0.plus({ minutes: 30 });
      const a2 = await cases.open(admin('carol'), input('fabrikam', 'A'));
      const b2 = await cases.open(admin('carol'), input('fabrikam', 'B'));
      clock = T0.plus({ minutes: 70 });
      const numbers = async (query: string) => {
        const res = await call('GET', `/api/cases${query}`);
        expect(res.status).toBe(200);
        expect(res.body!.count).toBe((res.body!.cases as unknown[]).length);
        return (res.body!.cases as SupportCase[]).map((c) => c.number);
      };
      expect(await numbers('')).toEqual([a1.number, a2.number, b2.number, c1.number]);
      expect(await numbers('?tenant=fabrikam')).toEqual([a2.number, b2.number]);
      expect(await numbers('?severity=A')).toEqual([a1.number, a2.number]);
      expect(await numbers('?breached=true')).toEqual([a1.number]);
      expect(await numbers('?breached=false&tenant=contoso')).toEqual([c1.number]);
      expect(await numbers('?status=new&limit=2')).toEqual([a1.number, a2.number]);
      expect(await numbers('?status=resolved')).toEqual([]);
      expect(await numbers('?status=resolved&status=new&tenant=contoso')).toEqual([a1.number, c1.number]);

      for (const [query, code] of [
        ['?severity=D', 'invalid-severity'],
        ['?status=open', 'invalid-input'],
        ['?breached=maybe', 'invalid-input'],
        ['?limit=0', 'invalid-input'],
        ['?colour=red', 'invalid-input'],
      ]) {
        const res = await call('GET', `/api/cases${query}`);
        expect(res.status).toBe(400);
        expect((res.body!.error as { code: string }).code).toBe(code);
        expect((res.body!.error as { message: string }).message).not.toMatch(/\n/);
      }
    });

    test('one case and its events; unknown and malformed numbers', async () => {
      const c = await cases.open(admin('alice'), input('contoso', 'B'));
      const got = await call('GET', `/api/cases/${c.number}`);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ number: c.number, tenantId: 'contoso', status: 'new', version: 1, breached: false });
      const events = await call('GET', `/api/cases/${c.number.toLowerCase()}/events`);
      expect(events.status).toBe(200);
      expect((events.body!.events as Array<{ type: string }>).map((e) => e.type)).toEqual(['opened']);
      const missing = await call('GET', '/api/cases/SR-999999');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: { code: 'case-not-found', message: 'no case SR-999999 was found' } });
      const bad = await call('GET', '/api/cases/12345');
      expect(bad.status).toBe(400);
    });

    test('PATCH changes status, severity and assignee; bad bodies are refused with 4xx and change nothing', async () => {
      const c = await cases.open(admin('alice'), input('contoso', 'C'));
      const bad: Array<[unknown, number, string]> = [
        [{ status: 'paused' }, 400, 'invalid-input'],
        [{ severity: 'D' }, 400, 'invalid-severity'],
        [{}, 400, 'invalid-input'],
        [{ status: 'resolved', colour: 'red' }, 400, 'invalid-input'],
        [{ assignee: '' }, 400, 'invalid-input'],
        [{ expectedVersion: 'one', status: 'resolved' }, 400, 'invalid-input'],
        ['{not json', 400, 'invalid-json'],
        [[1, 2], 400, 'invalid-input'],
        [{ status: 'new' }, 200, ''],
      ];
      for (const [body, status, code] of bad) {
        const res = await call('PATCH', `/api/cases/${c.number}`, body);
        expect(res.status).toBe(status);
        if (code) expect((res.body!.error as { code: string }).code).toBe(code);
        expect(res.text).not.toMatch(/\s+at\s+\S+\s+\(/);
      }
      expect((await cases.view(admin('alice'), c.number)).version).toBe(1);

      const changed = await call('PATCH', `/api/cases/${c.number}`, { status: 'in-progress', severity: 'A', assignee: 'kim', expectedVersion: 1 });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ status: 'in-progress', severity: 'A', assignee: 'kim', version: 2, dueAt: '2025-06-03T09:15:00.000Z' });
      const stale = await call('PATCH', `/api/cases/${c.number}`, { status: 'resolved', expectedVersion: 1 });
      expect(stale.status).toBe(409);
      expect((stale.body!.error as { code: string }).code).toBe('conflict');
      const invalid = await call('PATCH', `/api/cases/${c.number}`, { status: 'new' });
      expect(invalid.status).toBe(409);
      expect((invalid.body!.error as { code: string }).code).toBe('invalid-transition');
      const events = (await cases.events(admin('alice'), c.number)).map((e) => [e.type, e.actor.userId]);
      expect(events).toEqual([
        ['opened', 'alice'],
        ['assigned', `api-key:${keyFingerprint(KEY)}`],
        ['severity-changed', `api-key:${keyFingerprint(KEY)}`],
        ['status-changed', `api-key:${keyFingerprint(KEY)}`],
      ]);
    });

    test('replies: the first sets first response, met or breached; bad replies are refused', async () => {
      const onTime = await cases.open(admin('alice'), input('contoso', 'A'));
      const late = await cases.open(admin('alice'), input('contoso', 'A'));
      clock = T0.plus({ minutes: 45 });
      const first = await call('POST', `/api/cases/${onTime.number}/replies`, { text: 'We are looking into it.' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ firstResponse: 'met', firstResponseAt: '2025-06-03T09:00:00.000Z', breached: false });
      clock = T0.plus({ hours: 2 });
      const lateReply = await call('POST', `/api/cases/${late.number}/replies`, { text: 'Sorry for the delay.' });
      expect(lateReply.body).toMatchObject({ firstResponse: 'breached', breached: true });
      const second = await call('POST', `/api/cases/${onTime.number}/replies`, { text: 'Any news?' });
      expect(second.body).toMatchObject({ firstResponse: 'met', firstResponseAt: '2025-06-03T09:00:00.000Z' });

      const tooLong = await call('POST', `/api/cases/${onTime.number}/replies`, { text: 'x'.repeat(8001) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body).toEqual({ error: { code: 'too-long', message: 'text: reply is 8001 characters long; the limit is 8000' } });
      expect((await call('POST', `/api/cases/${onTime.number}/replies`, { text: '  ' })).status).toBe(400);
      expect((await call('POST', `/api/cases/${onTime.number}/replies`, { message: 'hi' })).status).toBe(400);
      expect((await call('POST', '/api/cases/SR-424242/replies', { text: 'hi' })).status).toBe(404);
      expect((await cases.events(admin('alice'), onTime.number)).filter((e) => e.type === 'reply-added')).toHaveLength(2);
    });
  });
}
