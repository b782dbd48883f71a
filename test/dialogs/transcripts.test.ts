import { actionsOf, buttonData, cardsOf, Harness, inputValues, PEOPLE, textOf, type Chat } from '../support/botHarness';

/**
 * Conversations with the real bot (dialogs, cards, the committed triage model, the case service on
 * SQLite), for every role, in English and French, on Teams (msteams) and Web Chat (directline).
 */
let h: Harness;
beforeEach(async () => {
  h = await Harness.create();
});
afterEach(async () => {
  await h.close();
});

const OUTAGE_EN = 'Since this morning nobody in the company can send or receive any email, it is urgent';
const OUTAGE_FR = "Depuis ce matin plus personne dans l'entreprise ne reçoit de courriels, c'est urgent";

/** Describe, refuse the articles, confirm the triage: returns the bot's answer to the confirmation. */
async function throughTriage(chat: Chat, problem: string, refuse: 'button' | 'typed' = 'button') {
  const offered = await chat.say(problem);
  const triage = refuse === 'button' ? await chat.say(buttonData(offered, 'article.notSolved')) : await chat.say(chat.locale.startsWith('fr') ? 'pas résolu' : 'not solved');
  expect(cardsOf(triage)).toHaveLength(1);
  return chat.say({ ...inputValues(triage), ...buttonData(triage, 'triage.confirm') });
}

async function openCase(chat: Chat, problem: string): Promise<string> {
  const form = await throughTriage(chat, problem);
  const done = await chat.say({ ...inputValues(form), ...buttonData(form, 'case.submit') });
  const number = /SR-\d{6,}/.exec(textOf(done))?.[0];
  if (!number) throw new Error(`no case opened: ${textOf(done).slice(0, 400)}`);
  return number;
}

describe('welcome and help, by role and language', () => {
  it.each([
    [PEOPLE.visitor, 'directline', 'en-US', /chatting as a visitor/],
    [PEOPLE.bob, 'msteams', 'fr-FR', /membre de Contoso/],
    [PEOPLE.alice, 'msteams', 'fr-FR', /administrateur de Contoso/],
    [PEOPLE.carol, 'directline', 'en-US', /administrator of Fabrikam/],
    [PEOPLE.pat, 'msteams', 'en-US', /Tailspin Partners, a partner/],
    [PEOPLE.sam, 'directline', 'en-US', /support engineer/],
  ] as const)('%o on %s (%s)', async (person, channel, locale, expected) => {
    const chat = h.chat(person, channel, locale);
    expect(textOf(await chat.join())).toMatch(expected);
    expect(textOf(await chat.say(locale === 'fr-FR' ? 'aide' : 'help'))).toMatch(locale === 'fr-FR' ? /Je peux vous aider/ : /I can help with/);
  });
});

describe('self-service first', () => {
  it('a confident article is offered, and "solved" ends the flow as a deflection (en, Web Chat)', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    const offered = await carol.say('Outlook keeps asking me for my password every few minutes');
    expect(textOf(offered)).toMatch(/Outlook keeps asking for a password|password/i);
    const article = cardsOf(offered)[0];
    // Steps are collapsed behind a toggle; the three answers are on the card.
    expect(actionsOf(article).map((a) => a.type)).toContain('Action.ToggleVisibility');
    expect(actionsOf(article).map((a) => a.data?.verb)).toEqual(expect.arrayContaining(['article.solved', 'article.notSolved', 'article.contact']));
    expect(textOf(await carol.say(buttonData(offered, 'article.solved')))).toMatch(/glad that solved it/);
    const stats = await h.outcomes.stats(new Date(0));
    expect(stats.byOutcome['solved-by-article']).toBe(1);
  });

  it('typed answers work like the buttons (fr, Teams)', async () => {
    const alice = h.chat(PEOPLE.alice, 'msteams', 'fr-FR');
    await alice.say('outlook me demande mon mot de passe sans arrêt');
    expect(textOf(await alice.say('oui'))).toMatch(/ravi que ce soit réglé/);
  });

  it('says so when no article fits, and goes straight to triage', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    const answer = await carol.say('The Bookings page shows a blank calendar for every staff member since the last update');
    const text = textOf(answer);
    if (/I don't have a good article/.test(text)) expect(cardsOf(answer)[0].body[0].text).toMatch(/how I understood/i);
    else expect(text).toMatch(/Did one of these solve it/);
  });
});

describe('triage routes', () => {
  it('boundary: network problems get where to go, no case (en)', async () => {
    const v = h.chat(PEOPLE.visitor, 'directline');
    const text = textOf(await v.say('Our firewall blocks Teams calls for every user after we changed the proxy'));
    expect(text).toMatch(/Support does not cover this/);
    expect(text).toMatch(/network team/);
  });

  it('boundary: scripts (fr)', async () => {
    const bob = h.chat(PEOPLE.bob, 'msteams', 'fr-FR');
    const text = textOf(await bob.say('ma macro VBA plante quand elle envoie les courriels depuis Excel, vous pouvez corriger mon code ?'));
    expect(text).toMatch(/Le support ne couvre pas ce cas/);
  });

  it('out of scope: a polite answer in the person’s language', async () => {
    const v = h.chat(PEOPLE.visitor, 'directline', 'fr-FR');
    expect(textOf(await v.say('quel temps fera-t-il à Lyon demain ?'))).toMatch(/Cela sort de ce que je sais faire/);
    const e = h.chat(PEOPLE.visitor, 'directline');
    expect(textOf(await e.say('tell me a joke about cats'))).toMatch(/outside what I can help with/);
  });

  it('pre-sales: open to visitors, with the matching article and the hours', async () => {
    const v = h.chat(PEOPLE.visitor, 'directline');
    const text = textOf(await v.say('How much does Business Standard cost per user per month?'));
    expect(text).toMatch(/pre-sales team/);
    expect(text).toMatch(/Monday to Friday, 09:00–17:00/);
  });

  it('anonymous visitors are told to sign in as an admin or ask their admin', async () => {
    const v = h.chat(PEOPLE.visitor, 'directline');
    expect(textOf(await throughTriage(v, OUTAGE_EN))).toMatch(/Sign in on the help site as an administrator/);
    expect(await h.cases.queue({ kind: 'system', userId: 't' })).toHaveLength(0);
  });

  it('the person can correct the category before confirming', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    const offered = await carol.say(OUTAGE_EN);
    const triage = await carol.say(buttonData(offered, 'article.contact'));
    const form = await carol.say({ ...inputValues(triage), category: 'billing', ...buttonData(triage, 'triage.confirm') });
    expect(inputValues(form).category).toBe('billing');
  });
});

describe('users hand the problem to their admins', () => {
  it('names the admins and notifies them with a card they can escalate from (fr, Teams)', async () => {
    const alice = h.chat(PEOPLE.alice, 'msteams', 'fr-FR');
    await alice.join();
    const bob = h.chat(PEOPLE.bob, 'msteams', 'fr-FR');
    const handoff = await throughTriage(bob, 'outlook me demande mon mot de passe sans arrêt', 'typed');
    expect(textOf(handoff)).toMatch(/Seuls vos administrateurs peuvent ouvrir une demande/);
    expect(textOf(handoff)).toMatch(/Alice Martin/);
    const sent = await bob.say(buttonData(handoff, 'handoff.notifyAdmins'));
    expect(textOf(sent)).toMatch(/j'ai envoyé le résumé à Alice Martin/);
    expect(h.handoffs).toHaveLength(1);

    // Alice got the summary and opens a request from it.
    const notice = alice.adapter.sent.filter((a) => cardsOf([a]).length).pop()!;
    expect(textOf([notice])).toMatch(/outlook me demande mon mot de passe/);
    const form = await alice.say(buttonData([notice], 'handoff.escalate'));
    expect(inputValues(form).description).toMatch(/Bob Durand/);
    const done = await alice.say({ ...inputValues(form), ...buttonData(form, 'case.submit') });
    expect(textOf(done)).toMatch(/SR-\d{6}/);
  });

  it('tells the user when an admin cannot be reached yet (en, Web Chat)', async () => {
    const dave = h.chat(PEOPLE.dave, 'directline');
    const handoff = await throughTriage(dave, 'Teams calls drop after two minutes on my laptop');
    expect(textOf(handoff)).toMatch(/Only your administrators can open a support request for Fabrikam/);
    expect(textOf(await dave.say('yes'))).toMatch(/Carol Smith hasn't talked to me yet/);
  });

  it('a user can never open a case, even by sending a form submission', async () => {
    const bob = h.chat(PEOPLE.bob, 'directline');
    const answer = await bob.say({ verb: 'case.submit', submissionKey: 'forged', title: 'x', description: 'forged submission', tenantId: 'contoso', role: 'admin' });
    expect(textOf(answer)).toMatch(/out of date|expired|ended/i);
    expect(await h.cases.queue({ kind: 'system', userId: 't' })).toHaveLength(0);
  });
});

describe('admins escalate', () => {
  it('opens a case with an SR number, severity A and a due time one hour later (fr, Web Chat)', async () => {
    const alice = h.chat(PEOPLE.alice, 'directline', 'fr-FR');
    const form = await throughTriage(alice, OUTAGE_FR);
    expect(textOf(form)).toMatch(/Nouvelle demande de support/);
    // Contact details come from the directory; every input has a label.
    expect(inputValues(form)).toMatchObject({ email: 'alice@contoso.example', timeZone: 'Europe/Paris' });
    const done = await alice.say({ ...inputValues(form), ...buttonData(form, 'case.submit') });
    const number = /SR-\d{6}/.exec(textOf(done))![0];
    const c = await h.cases.view({ kind: 'system', userId: 't' }, number);
    expect(c).toMatchObject({ tenantId: 'contoso', severity: 'A', category: 'technical' });
    expect(Date.parse(c.dueAt!) - Date.parse(c.createdAt)).toBe(3600_000);
    expect(textOf(done)).toMatch(/première réponse sous une heure, 24 h\/24 et 7 j\/7/);
    // Web Chat gets Action.Submit on the case card, never Action.Execute.
    const types = actionsOf(cardsOf(done)[0]).map((a) => a.type);
    expect(types).not.toContain('Action.Execute');
    expect((await h.outcomes.stats(new Date(0))).escalations.bySeverity).toEqual({ A: 1 });
  });

  it('a double-submitted form opens one case', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    const form = await throughTriage(carol, OUTAGE_EN);
    const submission = { ...inputValues(form), ...buttonData(form, 'case.submit') };
    const first = await carol.say(submission);
    const second = await carol.say(submission);
    const number = /SR-\d{6}/.exec(textOf(first))![0];
    expect(textOf(second)).toMatch(new RegExp(`That form was already submitted: it is request ${number}`));
    expect(await h.cases.queue({ kind: 'system', userId: 't' })).toHaveLength(1);
  });

  it('two clicks arriving at the same moment open one case, with no error', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    const form = await throughTriage(carol, OUTAGE_EN);
    const submission = { ...inputValues(form), ...buttonData(form, 'case.submit') };
    const before = carol.adapter.sent.length;
    await Promise.all([carol.say(submission), carol.say(submission)]);
    const answers = textOf(carol.adapter.sent.slice(before));
    expect(answers).not.toMatch(/something went wrong/);
    expect(answers).toMatch(/already submitted/);
    expect(await h.cases.queue({ kind: 'system', userId: 't' })).toHaveLength(1);
  });

  it('an invalid form is redrawn in place with the errors beside the fields (en, Teams)', async () => {
    const carol = h.chat(PEOPLE.carol, 'msteams');
    const form = await throughTriage(carol, OUTAGE_EN);
    const formId = form.find((a) => cardsOf([a]).length)!.id;
    const answer = await carol.say({ ...inputValues(form), title: 'x', email: 'not-an-email', ...buttonData(form, 'case.submit') });
    expect(textOf(answer)).toMatch(/A few fields need a correction/);
    const redrawn = carol.adapter.updated.find((a) => a.id === formId)!;
    expect(textOf([redrawn])).toMatch(/Give the request a title of 5 to 200 characters/);
    expect(textOf([redrawn])).toMatch(/This is not a valid email address/);
    expect(inputValues([redrawn]).email).toBe('not-an-email');
    const fixed = await carol.say({ ...inputValues([redrawn]), title: 'Mail outage', email: 'carol@fabrikam.example', ...buttonData([redrawn], 'case.submit') });
    expect(textOf(fixed)).toMatch(/SR-\d{6}/);
    // Teams gets Action.Execute with refresh on the case card.
    const card = cardsOf(fixed).pop();
    expect(card.refresh?.action?.verb).toBe('case.refresh');
    expect(actionsOf(card).some((a) => a.type === 'Action.Execute')).toBe(true);
  });

  it('elevated support lets the admin choose the severity, and A needs someone reachable 24/7', async () => {
    const erin = h.chat(PEOPLE.erin, 'directline');
    const offered = await erin.say('One user cannot open the shared calendar of the sales team');
    const triage = await erin.say(buttonData(offered, 'article.contact'));
    expect(cardsOf(triage)[0].body.some((b: any) => b.id === 'severity')).toBe(true);
    const form = await erin.say({ ...inputValues(triage), ...buttonData(triage, 'triage.confirm') });
    const noConfirm = await erin.say({ ...inputValues(form), severity: 'A', reachable247: 'false', ...buttonData(form, 'case.submit') });
    expect(textOf(noConfirm)).toMatch(/A few fields/);
    expect(textOf(erin.adapter.updated.slice(-1))).toMatch(/confirm that someone can be reached 24\/7/);
    const done = await erin.say({ ...inputValues(erin.adapter.updated.slice(-1)), severity: 'A', reachable247: 'true', ...buttonData(erin.adapter.updated.slice(-1), 'case.submit') });
    const number = /SR-\d{6}/.exec(textOf(done))![0];
    expect((await h.cases.view({ kind: 'system', userId: 't' }, number)).severity).toBe('A');
  });

  it('without elevated support the severity is shown, not editable', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    const offered = await carol.say(OUTAGE_EN);
    const triage = await carol.say(buttonData(offered, 'article.contact'));
    expect(cardsOf(triage)[0].body.some((b: any) => b.id === 'severity')).toBe(false);
    const form = await carol.say({ ...inputValues(triage), severity: 'C', ...buttonData(triage, 'triage.confirm') });
    const done = await carol.say({ ...inputValues(form), severity: 'C', ...buttonData(form, 'case.submit') });
    const number = /SR-\d{6}/.exec(textOf(done))![0];
    expect((await h.cases.view({ kind: 'system', userId: 't' }, number)).severity).toBe('A');
  });

  it('a partner opens a case on behalf of its delegated customer', async () => {
    const pat = h.chat(PEOPLE.pat, 'directline');
    const number = await openCase(pat, OUTAGE_EN);
    expect((await h.cases.view({ kind: 'system', userId: 't' }, number)).tenantId).toBe('contoso');
  });
});

describe('follow-up', () => {
  it('lists cases, views one in plain language, and refuses other tenants', async () => {
    const alice = h.chat(PEOPLE.alice, 'directline', 'fr-FR');
    const number = await openCase(alice, OUTAGE_FR);
    expect(textOf(await alice.say('mes demandes'))).toContain(number);
    expect(textOf(await alice.say(`où en est ${number} ?`))).toMatch(new RegExp(`Demande de support ${number}`));
    const carol = h.chat(PEOPLE.carol, 'directline');
    expect(textOf(await carol.say(`status of ${number}`))).toMatch(/can't find request/);
    const bob = h.chat(PEOPLE.bob, 'directline', 'fr-FR');
    expect(textOf(await bob.say('mes demandes'))).toMatch(/Seuls vos administrateurs.*Alice Martin/s);
  });

  it('a forged card claiming another role or tenant is refused', async () => {
    const alice = h.chat(PEOPLE.alice, 'directline');
    const number = await openCase(alice, OUTAGE_EN);
    const bob = h.chat(PEOPLE.bob, 'directline');
    expect(textOf(await bob.say({ verb: 'case.close', caseNumber: number, role: 'admin', tenantId: 'contoso', userId: 'alice' }))).toMatch(/Only your administrators/);
    const carol = h.chat(PEOPLE.carol, 'directline');
    expect(textOf(await carol.say({ verb: 'case.close', caseNumber: number, tenantId: 'contoso' }))).toMatch(/can't find request/);
    expect(textOf(await carol.say({ verb: 'case.assignToMe', caseNumber: number }))).toMatch(/can't do that/);
    expect((await h.cases.view({ kind: 'system', userId: 't' }, number)).status).toBe('new');
  });

  it('closes and reopens within 14 days; after that offers a linked follow-up case', async () => {
    const alice = h.chat(PEOPLE.alice, 'directline', 'fr-FR');
    const number = await openCase(alice, OUTAGE_FR);
    expect(textOf(await alice.say(`fermer ${number}`))).toMatch(/est fermée/);
    h.clock.now = h.clock.now.plus({ days: 13 });
    expect(textOf(await alice.say(`rouvrir ${number}`))).toMatch(/est rouverte/);
    await alice.say(`fermer ${number}`);
    h.clock.now = h.clock.now.plus({ days: 14, minutes: 1 });
    const refused = textOf(await alice.say(`rouvrir ${number}`));
    expect(refused).toMatch(/pouvait être rouverte jusqu'au/);
    const followUp = textOf(await alice.say('oui'));
    expect(followUp).toMatch(new RegExp(`liée à ${number}`));
  });

  it('the card is refreshed in place after an engineer reply, and the admin is told', async () => {
    const sam = h.chat(PEOPLE.sam, 'msteams');
    expect(textOf(await sam.say('register queue'))).toMatch(/now receives new support requests/);
    const carol = h.chat(PEOPLE.carol, 'msteams');
    const number = await openCase(carol, OUTAGE_EN);
    await h.deliverOutbox(sam.adapter);
    const queued = sam.adapter.sent.filter((a) => textOf([a]).includes(number)).pop()!;
    expect(actionsOf(cardsOf([queued])[0]).map((a) => a.verb)).toEqual(expect.arrayContaining(['case.assignToMe', 'case.setStatus']));

    const reply = await sam.execute('case.reply', { caseNumber: number, reply: 'We are looking at your mail flow now.' });
    expect(reply.status).toBe(200);
    expect(textOf([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: reply.body.value }] }])).toContain(number);
    await h.deliverOutbox(carol.adapter);
    expect(textOf(carol.adapter.sent.slice(-1))).toMatch(/Support replied on SR-\d{6}: We are looking at your mail flow now/);
    const updated = carol.adapter.updated.filter((a) => textOf([a]).includes(number));
    expect(updated.length).toBeGreaterThan(0);
    const c = await h.cases.view({ kind: 'system', userId: 't' }, number);
    expect(c.firstResponse).toBe('met');
  });

  it('a Teams refresh gives each viewer their own buttons', async () => {
    const carol = h.chat(PEOPLE.carol, 'msteams');
    const number = await openCase(carol, OUTAGE_EN);
    const admin = await carol.execute('case.refresh', { caseNumber: number });
    expect(actionsOf(admin.body.value).map((a) => a.verb)).toEqual(expect.arrayContaining(['case.close']));
    const sam = h.chat(PEOPLE.sam, 'msteams');
    const engineer = await sam.execute('case.refresh', { caseNumber: number });
    expect(actionsOf(engineer.body.value).map((a) => a.verb)).toEqual(expect.arrayContaining(['case.assignToMe']));
    expect(actionsOf(engineer.body.value).map((a) => a.verb)).not.toContain('case.close');
  });
});

describe('support side and satisfaction', () => {
  it('after an engineer resolves the case, the admin gets one satisfaction card and can rate once', async () => {
    const sam = h.chat(PEOPLE.sam, 'directline');
    const carol = h.chat(PEOPLE.carol, 'directline');
    const number = await openCase(carol, OUTAGE_EN);
    await h.deliverOutbox(carol.adapter);
    await sam.say({ verb: 'case.setStatus', caseNumber: number, status: 'resolved' });
    await h.deliverOutbox(carol.adapter);
    await h.deliverOutbox(carol.adapter);
    const rating = carol.adapter.sent.filter((a) => cardsOf([a]).some((c) => actionsOf(c).some((x) => x.data?.verb === 'case.satisfaction')));
    expect(rating).toHaveLength(1);
    expect(textOf(carol.adapter.sent)).toMatch(new RegExp(`${number} is now: resolved`));
    const data = buttonData(rating, 'case.satisfaction');
    expect(textOf(await carol.say({ ...data, rating: '5', comment: 'Quick and clear' }))).toMatch(/Thank you for your feedback/);
    expect(textOf(await carol.say({ ...data, rating: '1' }))).toMatch(/You have already rated request SR-\d{6}/);
    expect((await h.cases.view({ kind: 'system', userId: 't' }, number)).satisfaction).toEqual([expect.objectContaining({ rating: 5, comment: 'Quick and clear' })]);
  });

  it('a stale engineer card (the case changed since) is refreshed instead of applied', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    const number = await openCase(carol, OUTAGE_EN);
    const sam = h.chat(PEOPLE.sam, 'directline');
    const card = await sam.say(`SR-${number.slice(3)}`);
    const assign = buttonData(card, 'case.assignToMe');
    await carol.say({ verb: 'case.addNote', caseNumber: number, note: 'It now affects the phones too.' });
    const answer = await sam.say(assign);
    expect(textOf(answer)).toMatch(/out of date, so I've refreshed it/);
    expect((await h.cases.view({ kind: 'system', userId: 't' }, number)).assignee).toBeNull();
  });

  it('a partner with several customers chooses which one, typed or by number', async () => {
    const fabrikam = (await h.directory.getTenant('fabrikam'))!;
    await h.directory.putTenant({ ...fabrikam.value, delegatedPartners: ['tailspin'] }, fabrikam.version);
    const pat = h.chat(PEOPLE.pat, 'msteams');
    const offered = await pat.say(OUTAGE_EN);
    const triage = await pat.say(buttonData(offered, 'article.contact'));
    const choose = await pat.say({ ...inputValues(triage), ...buttonData(triage, 'triage.confirm') });
    expect(textOf(choose)).toMatch(/Which customer is this request for\? .*1\. Contoso · 2\. Fabrikam/);
    const form = await pat.say('Fabrikam');
    const done = await pat.say({ ...inputValues(form), ...buttonData(form, 'case.submit') });
    const number = /SR-\d{6}/.exec(textOf(done))![0];
    expect((await h.cases.view({ kind: 'system', userId: 't' }, number)).tenantId).toBe('fabrikam');
  });
});

describe('commands in the middle of a flow, and bad input', () => {
  it('help, language switch and cancel work mid-flow', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    await carol.say(OUTAGE_EN);
    expect(textOf(await carol.say('help'))).toMatch(/I can help with/);
    expect(textOf(await carol.say('français'))).toMatch(/je continue en français/);
    expect(textOf(await carol.say('annuler'))).toMatch(/C'est annulé/);
    expect(textOf(await carol.say('annuler'))).toMatch(/rien à annuler/);
  });

  it('10,000 characters, another language, emoji and junk card data never break the conversation', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    expect(textOf(await carol.say('x'.repeat(12_000)))).toMatch(/only read the first 10000 characters/);
    expect((await carol.say('Mein Drucker druckt seit gestern nicht mehr, was soll ich tun?')).length).toBeGreaterThan(0);
    expect((await carol.say('🙂🙂🙂')).length).toBeGreaterThan(0);
    expect(textOf(await carol.say({ verb: 'nonsense', x: 1 }))).toMatch(/choose one of the options/);
    expect(textOf(await carol.say({ verb: 'case.view', caseNumber: { $ne: 1 } }))).toBeDefined();
    expect(textOf(await carol.say('help'))).toMatch(/I can help with/);
  });

  it('a new problem typed while a card waits starts over with it', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    await carol.say(OUTAGE_EN);
    const answer = await carol.say('Actually my question is about downloading last month invoice');
    expect(textOf(answer)).not.toMatch(/choose one of the options/);
    expect(cardsOf(answer)).toHaveLength(1);
    expect(textOf(await carol.say('banana'))).toMatch(/choose one of the options/);
  });

  it('case errors are explained in the person’s language, and nothing changes', async () => {
    const alice = h.chat(PEOPLE.alice, 'directline', 'fr-FR');
    const number = await openCase(alice, OUTAGE_FR);
    expect(textOf(await alice.say(`rouvrir ${number}`))).toMatch(/n'est pas fermée : il n'y a rien à rouvrir/);
    expect(textOf(await alice.say({ verb: 'case.addNote', caseNumber: number, note: 'x'.repeat(9000) }))).toMatch(/8 000 caractères au maximum/);
    expect(await h.cases.events({ kind: 'system', userId: 't' }, number)).toHaveLength(1);
  });

  it('a flood of messages is answered one by one and leaves the state whole', async () => {
    const carol = h.chat(PEOPLE.carol, 'directline');
    for (let i = 0; i < 40; i++) expect((await carol.say(i % 2 ? 'help' : `message number ${i}`)).length).toBeGreaterThan(0);
    const number = await openCase(carol, OUTAGE_EN);
    expect(number).toMatch(/^SR-/);
  });
});

describe('Teams team channels', () => {
  it('strips the bot mention, so "@Support register queue" works in a channel', async () => {
    const sam = h.chat(PEOPLE.sam, 'msteams', 'en-US', 'channel');
    await sam.adapter.receiveActivity({
      type: 'message',
      text: '<at>Support</at> register queue',
      entities: [{ type: 'mention', mentioned: { id: 'support-bot', name: 'Support' }, text: '<at>Support</at>' }],
      channelData: { tenant: { id: 'vendor-support' } },
    });
    expect(textOf(sam.adapter.sent.slice(-1))).toMatch(/now receives new support requests/);
  });

  it('introduces itself once when added to a team, not for every member who joins', async () => {
    const alice = h.chat(PEOPLE.alice, 'msteams', 'en-US', 'channel');
    const base = { type: 'conversationUpdate', channelData: { tenant: { id: 'contoso' } } };
    await alice.adapter.receiveActivity({ ...base, membersAdded: [{ id: 'support-bot', name: 'Support' }] } as never);
    expect(alice.adapter.sent).toHaveLength(1);
    expect(textOf(alice.adapter.sent)).toMatch(/^Hello! I'm Support/);
    expect(textOf(alice.adapter.sent)).not.toMatch(/Alice|administrator/);
    await alice.adapter.receiveActivity({ ...base, membersAdded: [{ id: '29:newcomer', name: 'New Person' }] } as never);
    expect(alice.adapter.sent).toHaveLength(1);
  });
});
