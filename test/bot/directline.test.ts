import { DirectLine, type Activity as DLActivity } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { postJson, startTestServer, waitFor } from '../support/server';

// botframework-directlinejs is written for browsers: give it Node's WebSocket and XHR.
/* eslint-disable @typescript-eslint/no-require-imports */
(globalThis as any).WebSocket = WebSocket;
(globalThis as any).XMLHttpRequest = require('xhr2');

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function token(body: unknown = {}): Promise<{ token: string; conversationId: string }> {
  const res = await postJson(`${server.url}/api/directline/token`, body);
  expect(res.status).toBe(200);
  return res.body;
}

function collect(dl: DirectLine): DLActivity[] {
  const seen: DLActivity[] = [];
  // end() errors the stream with 'conversation ended': expected when a test hangs up.
  dl.activity$.subscribe({ next: (a) => seen.push(a), error: () => undefined });
  return seen;
}

async function postActivity(dl: DirectLine, activity: Partial<DLActivity>): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity(activity as DLActivity).subscribe({ next: resolve, error: reject });
  });
}

describe.each([
  ['WebSocket', true],
  ['polling', false],
])('the real Direct Line client over %s', (_name, webSocket) => {
  it('gets the welcome, then an answer to a message, in the chosen language', async () => {
    const t = await token({ demoUser: 'carol', locale: 'en-US' });
    const dl = new DirectLine({ token: t.token, domain: `${server.url}/v3/directline`, webSocket, pollingInterval: 200 } as never);
    const seen = collect(dl);
    try {
      const welcome = await waitFor(() => seen.find((a) => a.from.role === 'bot' && a.type === 'message'), 'welcome');
      expect((welcome as any).text).toMatch(/Carol Smith/);
      expect((welcome as any).text).toMatch(/administrator of Fabrikam/);

      await postActivity(dl, { type: 'message', text: 'help', from: { id: 'carol' }, channelData: { clientActivityID: 'c-1' } } as never);
      const echo = await waitFor(() => seen.find((a) => (a as any).channelData?.clientActivityID === 'c-1'), 'echo of own activity');
      expect(echo.from.id).toBe('carol');
      const answer = await waitFor(() => seen.find((a) => a.from.role === 'bot' && (a as any).text?.includes('Exchange Online')), 'help answer');
      expect(answer.conversation?.id).toBe(t.conversationId);
    } finally {
      dl.end();
    }
  });
});

describe('tokens bind one conversation and one user', () => {
  it('refuses a token used on another conversation (403)', async () => {
    const mine = await token({ demoUser: 'bob' });
    const theirs = await token({ demoUser: 'alice' });
    const res = await postJson(
      `${server.url}/v3/directline/conversations/${theirs.conversationId}/activities`,
      { type: 'message', text: 'hello' },
      { authorization: `Bearer ${mine.token}` },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not valid for this conversation/);
    const read = await fetch(`${server.url}/v3/directline/conversations/${theirs.conversationId}/activities`, {
      headers: { authorization: `Bearer ${mine.token}` },
    });
    expect(read.status).toBe(403);
  });

  it('refuses a stream for another conversation', async () => {
    const mine = await token();
    const theirs = await token();
    const url = `${server.url.replace('http', 'ws')}/v3/directline/conversations/${theirs.conversationId}/stream?t=${mine.token}`;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('stamps from and tenant from the token, whatever the client claims', async () => {
    const t = await token({ demoUser: 'bob' });
    await postJson(`${server.url}/v3/directline/conversations`, {}, { authorization: `Bearer ${t.token}` });
    const res = await postJson(
      `${server.url}/v3/directline/conversations/${t.conversationId}/activities`,
      {
        type: 'message',
        text: 'hi',
        from: { id: 'alice', name: 'Alice Martin', role: 'bot' },
        conversation: { id: 'someone-else', tenantId: 'fabrikam' },
        channelData: { tenant: { id: 'fabrikam' }, clientActivityID: 'x' },
      },
      { authorization: `Bearer ${t.token}` },
    );
    expect(res.status).toBe(200);
    const history = await fetch(`${server.url}/v3/directline/conversations/${t.conversationId}/activities?watermark=0`, {
      headers: { authorization: `Bearer ${t.token}` },
    }).then((r) => r.json() as Promise<{ activities: any[] }>);
    const mine = history.activities.find((a) => a.channelData?.clientActivityID === 'x');
    expect(mine.from).toEqual({ id: 'bob', name: 'Bob Durand', role: 'user' });
    expect(mine.conversation.id).toBe(t.conversationId);
    expect(mine.conversation.tenantId).toBe('contoso');
    expect(mine.channelData.tenant).toEqual({ id: 'contoso' });
    // And the bot answered Bob as a member of Contoso, not as Alice or a Fabrikam admin.
    const welcome = history.activities.find((a) => a.from.role === 'bot');
    expect(welcome.text).toMatch(/Bob Durand/);
    expect(welcome.text).not.toMatch(/administrat(or|eur) de/);
  });

  it('refreshes a token for the same conversation, and rejects a forged one', async () => {
    const t = await token({ demoUser: 'dave' });
    const refreshed = await postJson(`${server.url}/v3/directline/tokens/refresh`, {}, { authorization: `Bearer ${t.token}` });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(t.conversationId);
    const forged = t.token.slice(0, -4) + (t.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const bad = await postJson(`${server.url}/v3/directline/tokens/refresh`, {}, { authorization: `Bearer ${forged}` });
    expect(bad.status).toBe(401);
  });

  it('replays the backlog after a watermark on reconnect', async () => {
    const t = await token({ demoUser: 'erin' });
    const start = await postJson(`${server.url}/v3/directline/conversations`, {}, { authorization: `Bearer ${t.token}` });
    expect(start.status).toBe(201);
    await postJson(`${server.url}/v3/directline/conversations/${t.conversationId}/activities`, { type: 'message', text: 'help' }, {
      authorization: `Bearer ${t.token}`,
    });
    const frame = await new Promise<{ activities: any[]; watermark: string }>((resolve, reject) => {
      const ws = new WebSocket(`${start.body.streamUrl}&watermark=1`);
      ws.on('message', (data) => {
        ws.close();
        resolve(JSON.parse(String(data)));
      });
      ws.on('error', reject);
    });
    // Activity 1 is the welcome; the replay starts after it.
    expect(frame.activities.map((a) => a.id)).toEqual([`${t.conversationId}|0000002`, `${t.conversationId}|0000003`]);
    expect(frame.watermark).toBe('3');
  });
});
