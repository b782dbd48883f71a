import { SignJWT } from 'jose';
import { postJson, startTestServer } from '../support/server';

const SECRET = 'help-site-secret-0123456789-abcdefghij';
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
  server = await startTestServer({ HELP_SITE_JWT_SECRET: SECRET });
});
afterAll(async () => {
  await server.close();
});

function helpSiteToken(claims: Record<string, unknown>, opts: { secret?: string; expiresIn?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

async function conversationAs(token: string) {
  const start = await postJson(`${server.url}/v3/directline/conversations`, {}, { authorization: `Bearer ${token}` });
  expect(start.status).toBe(201);
  const history = await fetch(`${server.url}/v3/directline/conversations/${start.body.conversationId}/activities`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json() as Promise<{ activities: any[] }>);
  return history.activities;
}

describe('POST /api/directline/token', () => {
  it('{} gives an anonymous visitor', async () => {
    const res = await postJson(`${server.url}/api/directline/token`, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token: expect.any(String), conversationId: expect.any(String), expires_in: 1800 });
    const [welcome] = await conversationAs(res.body.token);
    expect(welcome.recipient.id).toMatch(/^visitor-/);
    expect(welcome.text).toMatch(/chatting as a visitor/);
  });

  it('a signed help-site token gives that user of that tenant', async () => {
    const userToken = await helpSiteToken({ sub: 'carol', tid: 'fabrikam', name: 'Carol Smith', email: 'carol@fabrikam.example' });
    const res = await postJson(`${server.url}/api/directline/token`, { userToken });
    expect(res.status).toBe(200);
    const [welcome] = await conversationAs(res.body.token);
    expect(welcome.recipient.id).toBe('carol');
    expect(welcome.conversation.tenantId).toBe('fabrikam');
    expect(welcome.text).toMatch(/administrator of Fabrikam/);
  });

  it('a demo user is accepted in demo mode, with the chosen language', async () => {
    const res = await postJson(`${server.url}/api/directline/token`, { demoUser: 'pat', locale: 'fr-FR' });
    expect(res.status).toBe(200);
    const [welcome] = await conversationAs(res.body.token);
    expect(welcome.text).toMatch(/Tailspin Partners, partenaire/);
  });

  it.each([
    ['an expired token', async () => ({ userToken: await helpSiteToken({ sub: 'x', tid: 'contoso', name: 'X' }, { expiresIn: '-1m' }) }), 401, /expired/],
    ['a token signed with another key', async () => ({ userToken: await helpSiteToken({ sub: 'x', tid: 'contoso', name: 'X' }, { secret: 'another-secret-another-secret-123456' }) }), 401, /signature/],
    ['a token without a tenant', async () => ({ userToken: await helpSiteToken({ sub: 'x', name: 'X' }) }), 401, /sub, tid or name/],
    ['garbage', async () => ({ userToken: 'not-a-jwt' }), 401, /signature/],
    ['an unknown demo user', async () => ({ demoUser: 'mallory' }), 404, /no demo user mallory/],
    ['an unknown field', async () => ({ role: 'admin' }), 400, /body|role|Unrecognized/i],
    ['two identities at once', async () => ({ demoUser: 'alice', userToken: 'x' }), 400, /./],
    ['a wrong type', async () => ({ demoUser: 42 }), 400, /./],
  ])('refuses %s', async (_what, body, status, message) => {
    const res = await postJson(`${server.url}/api/directline/token`, await body());
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await postJson(`${server.url}/api/directline/token`, '{"demoUser":');
    expect(res.status).toBe(400);
  });

  it('refuses Direct Line calls without a token, or with a token the server did not sign', async () => {
    const none = await postJson(`${server.url}/v3/directline/conversations`, {});
    expect(none.status).toBe(401);
    const foreign = await helpSiteToken({ conv: 'abc', sub: 'alice', kind: 'demo' });
    const res = await postJson(`${server.url}/v3/directline/conversations`, {}, { authorization: `Bearer ${foreign}` });
    expect(res.status).toBe(401);
  });

  it('refuses unknown activity types and oversized text from a client', async () => {
    const t = (await postJson(`${server.url}/api/directline/token`, {})).body;
    const auth = { authorization: `Bearer ${t.token}` };
    const wrongType = await postJson(`${server.url}/v3/directline/conversations/${t.conversationId}/activities`, { type: 'teleport' }, auth);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/type must be one of/);
    const noType = await postJson(`${server.url}/v3/directline/conversations/${t.conversationId}/activities`, { text: 'hi' }, auth);
    expect(noType.status).toBe(400);
  });

  it('does not let a client post as the bot through the connector endpoints', async () => {
    const t = (await postJson(`${server.url}/api/directline/token`, {})).body;
    const res = await postJson(`${server.url}/v3/conversations/${t.conversationId}/activities`, { type: 'message', text: 'I am the bot' }, {
      authorization: `Bearer ${t.token}`,
    });
    expect(res.status).toBe(401);
  });
});
