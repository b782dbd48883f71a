import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postJson, startTestServer, waitFor } from '../support/server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A stand-in for the Bot Connector service: records what the bot posts back. */
async function fakeConnector(): Promise<{ url: string; received: { path: string; body: any }[]; close(): Promise<void> }> {
  const received: { path: string; body: any }[] = [];
  const http: HttpServer = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: data ? JSON.parse(data) : undefined });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise((r) => http.close(() => r())) };
}

function teamsMessage(serviceUrl: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `m-${Math.random()}`,
    text,
    locale: 'fr-FR',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:abc', aadObjectId: 'alice', name: 'Alice Martin' },
    recipient: { id: '28:bot', name: 'Support' },
    conversation: { id: 'a:conv-1', conversationType: 'personal', tenantId: 'contoso' },
    channelData: { tenant: { id: 'contoso' } },
    ...extra,
  };
}

describe('POST /api/messages in local mode', () => {
  let server: Server;
  let connector: Awaited<ReturnType<typeof fakeConnector>>;
  beforeAll(async () => {
    server = await startTestServer();
    connector = await fakeConnector();
  });
  afterAll(async () => {
    await server.close();
    await connector.close();
  });

  it('answers through the Bot Connector at the activity serviceUrl', async () => {
    const res = await postJson(`${server.url}/api/messages`, teamsMessage(connector.url, 'aide'));
    expect(res.status).toBe(200);
    const reply = await waitFor(() => connector.received.find((r) => r.body?.type === 'message'), 'reply at the connector');
    expect(reply.path).toMatch(/^\/v3\/conversations\/a%3Aconv-1\/activities\//);
    expect(reply.body.text).toMatch(/Je peux vous aider/);
    expect(reply.body.recipient.id).toBe('29:abc');
  });

  it('returns the replies in the response body with deliveryMode expectReplies', async () => {
    const before = connector.received.length;
    const res = await postJson(`${server.url}/api/messages`, teamsMessage(connector.url, 'help', { locale: 'en-US', deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(200);
    const texts = res.body.activities.filter((a: any) => a.type === 'message').map((a: any) => a.text);
    expect(texts.join(' ')).toMatch(/I can help with/);
    expect(connector.received.length).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"type": "message",', 400, /Invalid JSON/],
    ['an unknown activity type', { ...teamsMessage('http://127.0.0.1:1', 'x'), type: 'teleport' }, 400, /unknown activity type/],
    ['a missing conversation', { type: 'message', text: 'x', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1' }, 400, /conversation/],
    ['a serviceUrl that is not a URL', { ...teamsMessage('nope', 'x') }, 400, /serviceUrl/],
  ])('refuses %s with a one-line 4xx', async (_what, body, status, message) => {
    const res = await postJson(`${server.url}/api/messages`, body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/\s+at\s+\S+\s+\(/);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const res = await postJson(`${server.url}/api/messages`, teamsMessage('http://127.0.0.1:1', 'x'.repeat(300 * 1024)));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/256 KB/);
  });

  it('keeps serving after bad requests', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`).then((r) => r.json());
    expect(ready).toEqual({ status: 'ready', database: 'sqlite' });
  });
});

describe('POST /api/messages with MicrosoftAppId set', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('rejects an unauthenticated request with 401', async () => {
    const res = await postJson(`${server.url}/api/messages`, teamsMessage('https://smba.trafficmanager.net/emea/', 'hi'));
    expect(res.status).toBe(401);
  });

  it('rejects a forged bearer token with 401', async () => {
    const res = await postJson(`${server.url}/api/messages`, teamsMessage('https://smba.trafficmanager.net/emea/', 'hi'), {
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl',
    });
    expect(res.status).toBe(401);
  });

  it('offers no demo users', async () => {
    const res = await postJson(`${server.url}/api/directline/token`, { demoUser: 'alice' });
    expect(res.status).toBe(403);
  });
});

describe('the support engineers API on the running server', () => {
  const KEY = 'engineer-key-0123456789-abcdefghij';
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer({ SUPPORT_API_KEYS: KEY });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers with a key, refuses without or with a wrong one', async () => {
    const ok = await fetch(`${server.url}/api/cases`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(ok.status).toBe(200);
    for (const headers of [{}, { authorization: 'Bearer wrong-key-wrong-key-wrong-key' }] as Record<string, string>[]) {
      expect((await fetch(`${server.url}/api/cases`, { headers })).status).toBe(401);
    }
  });

  it('lists a case opened through the case service, and serves the OpenAPI document', async () => {
    const opened = await server.cases.open(
      { kind: 'admin', userId: 'carol', tenantId: 'fabrikam' },
      {
        clientKey: 'k-1',
        tenantId: 'fabrikam',
        category: 'technical',
        subcategory: 'usage',
        severity: 'A',
        title: 'Mail down',
        description: 'Nobody receives mail',
        contact: { name: 'Carol Smith', email: 'carol@fabrikam.example', preferred: 'email' },
        language: 'en',
      },
    );
    const list = await fetch(`${server.url}/api/cases?tenant=fabrikam`, { headers: { authorization: `Bearer ${KEY}` } }).then((r) => r.json() as any);
    expect(JSON.stringify(list)).toContain(opened.number);
    const doc = await fetch(`${server.url}/api/openapi.json`).then((r) => r.json() as any);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/cases');
  });
});

describe('logs', () => {
  it('carry request and turn ids, never what people wrote', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../bot/log');
    const { loadConfig } = await import('../../bot/config');
    const { startServer } = await import('../../bot/server');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SQLITE_FILE: join(mkdtempSync(join(tmpdir(), 'logs-')), 'bot.sqlite') });
    const logged = await startServer(config, { log: createLogger('info', {}, (l) => lines.push(l)) });
    try {
      const connector = await fakeConnector();
      const secret = 'my password is hunter2 and my mailbox is full';
      await postJson(`${logged.url}/api/messages`, teamsMessage(connector.url, secret), { 'x-request-id': 'req-42' });
      await waitFor(() => connector.received.find((r) => r.body?.type === 'message'), 'reply');
      await connector.close();
      const all = lines.join('\n');
      expect(all).not.toContain('hunter2');
      expect(all).not.toContain('mailbox is full');
      expect(lines.some((l) => JSON.parse(l).msg === 'request' && JSON.parse(l).requestId === 'req-42')).toBe(true);
      expect(lines.some((l) => JSON.parse(l).msg === 'turn' && JSON.parse(l).turnId)).toBe(true);
    } finally {
      await logged.close();
    }
  });
});

describe('SUPPORT_QUEUE_CONVERSATION', () => {
  it('registers the configured channel as the support queue at start-up', async () => {
    const queue = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: '19:queue@thread.tacv2', tenantId: 'vendor' };
    const server = await startTestServer({ SUPPORT_QUEUE_CONVERSATION: JSON.stringify(queue) });
    try {
      const row = await server.db.get<{ kind: string; reference: string }>("SELECT kind, reference FROM conversation_references WHERE key = 'support-queue'");
      expect(row?.kind).toBe('support-queue');
      expect(JSON.parse(row!.reference)).toMatchObject({ channelId: 'msteams', serviceUrl: queue.serviceUrl, conversation: { id: queue.conversationId, tenantId: 'vendor' } });
    } finally {
      await server.close();
    }
  });
});
