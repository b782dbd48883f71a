import { DirectLine, type Activity as DLActivity } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { actionsOf, cardsOf, inputValues, textOf } from '../support/botHarness';
import { postJson, startTestServer, waitFor } from '../support/server';

/* eslint-disable @typescript-eslint/no-require-imports */
(globalThis as any).WebSocket = WebSocket;
(globalThis as any).XMLHttpRequest = require('xhr2');

const KEY = 'engineer-key-0123456789-abcdefghij';
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ SUPPORT_API_KEYS: KEY });
});
afterAll(async () => {
  await server.close();
});

/** A person chatting through the real Direct Line client over WebSocket. */
async function connect(demoUser: string, locale: string) {
  const t = (await postJson(`${server.url}/api/directline/token`, { demoUser, locale })).body;
  const dl = new DirectLine({ token: t.token, domain: `${server.url}/v3/directline`, webSocket: true } as never);
  const seen: any[] = [];
  dl.activity$.subscribe({ next: (a) => seen.push(a), error: () => undefined });
  await waitFor(() => seen.find((a) => a.from.role === 'bot'), 'welcome');
  const post = (activity: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => dl.postActivity({ type: 'message', from: { id: demoUser }, locale, ...activity } as never).subscribe({ next: resolve, error: reject }));
  /** Sends, then waits for a bot activity after it that matches. */
  const ask = async (activity: Record<string, unknown>, until: (a: any) => boolean, what: string) => {
    const from = seen.length;
    await post(activity);
    return waitFor(() => seen.slice(from).find((a) => a.from.role === 'bot' && until(a)), what, 15_000);
  };
  const withVerb = (verb: string) => (a: any) => cardsOf([a]).some((c) => actionsOf(c).some((x) => x.data?.verb === verb));
  const press = (card: any, verb: string) => ({ value: { ...inputValues([card]), ...actionsOf(cardsOf([card])[0]).find((x) => x.data?.verb === verb).data } });
  return { dl, seen, ask, withVerb, press };
}

it('bob is refused and told his admins; alice escalates a mail outage to a severity A case due in one hour', async () => {
  const bob = await connect('bob', 'fr-FR');
  try {
    const offered = await bob.ask({ text: "Depuis ce matin plus personne dans l'entreprise ne reçoit de courriels" }, bob.withVerb('article.notSolved'), 'articles');
    const triage = await bob.ask(bob.press(offered, 'article.notSolved'), bob.withVerb('triage.confirm'), 'triage');
    const refused = await bob.ask(bob.press(triage, 'triage.confirm'), bob.withVerb('handoff.notifyAdmins'), 'handoff');
    expect(textOf([refused])).toMatch(/Seuls vos administrateurs peuvent ouvrir une demande de support pour Contoso/);
    expect(textOf([refused])).toMatch(/Alice Martin/);
  } finally {
    bob.dl.end();
  }

  const alice = await connect('alice', 'en-US');
  try {
    const offered = await alice.ask({ text: 'Since this morning nobody in the company can send or receive email' }, alice.withVerb('article.notSolved'), 'articles');
    const triage = await alice.ask(alice.press(offered, 'article.notSolved'), alice.withVerb('triage.confirm'), 'triage');
    const form = await alice.ask(alice.press(triage, 'triage.confirm'), alice.withVerb('case.submit'), 'form');
    const card = await alice.ask(alice.press(form, 'case.submit'), (a) => /Support request SR-\d{6}/.test(textOf([a])), 'case card');
    const number = /SR-\d{6,}/.exec(textOf([card]))![0];
    expect(textOf([card])).toMatch(/A \(critical\)/);

    const res = await fetch(`${server.url}/api/cases?tenant=contoso`, { headers: { authorization: `Bearer ${KEY}` } });
    const listed = JSON.stringify(await res.json());
    expect(listed).toContain(number);
    const one = (await fetch(`${server.url}/api/cases/${number}`, { headers: { authorization: `Bearer ${KEY}` } }).then((r) => r.json())) as any;
    const c = one.case ?? one;
    expect(c.severity).toBe('A');
    expect(Date.parse(c.dueAt) - Date.parse(c.createdAt)).toBe(3_600_000);
  } finally {
    alice.dl.end();
  }
}, 60_000);

it('proactive messages reach Web Chat: a new case lands in the engineer’s registered queue, and the reply reaches the admin', async () => {
  const sam = await connect('sam', 'en-US');
  const carol = await connect('carol', 'en-US');
  try {
    const registered = await sam.ask({ text: 'register queue' }, (a) => /now receives new support requests/.test(a.text ?? ''), 'queue registered');
    expect(registered).toBeDefined();
    const offered = await carol.ask({ text: 'Since this morning nobody in the company can send or receive email' }, carol.withVerb('article.notSolved'), 'articles');
    const triage = await carol.ask(carol.press(offered, 'article.notSolved'), carol.withVerb('triage.confirm'), 'triage');
    const form = await carol.ask(carol.press(triage, 'triage.confirm'), carol.withVerb('case.submit'), 'form');
    const card = await carol.ask(carol.press(form, 'case.submit'), (a) => /Support request SR-\d{6}/.test(textOf([a])), 'case card');
    const number = /SR-\d{6,}/.exec(textOf([card]))![0];

    // The outbox dispatcher posts the new case to the queue through continueConversationAsync.
    const queued = await waitFor(() => sam.seen.find((a) => a.from.role === 'bot' && textOf([a]).includes(number) && sam.withVerb('case.assignToMe')(a)), 'case in the queue', 15_000);
    const reply = sam.press(queued, 'case.reply');
    await sam.ask({ value: { ...reply.value, reply: 'We are on it.' } }, (a) => textOf([a]).includes(number), 'engineer card after reply');
    await waitFor(() => carol.seen.find((a) => a.from.role === 'bot' && /Support replied on SR-\d{6}: We are on it\./.test(a.text ?? '')), 'reply at the admin', 15_000);
  } finally {
    sam.dl.end();
    carol.dl.end();
  }
}, 60_000);
