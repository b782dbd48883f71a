import * as fs from 'fs';
import * as path from 'path';
import {
  CARD_VERBS,
  caseCard,
  caseFormCard,
  caseListCard,
  cardResources,
  presalesCard,
  presalesHoursText,
  readCaseForm,
  satisfactionCard,
  triageSummaryCard,
  articlesCard,
  parseCategoryChoice,
  formatInstant,
  type AdaptiveCardJson,
} from '../../cards';
import { allVariants, articlesFor, DUE_AT, FORM_ERRORS, formView, LANGS, listItems, MODES, sampleCase } from './samples';
import { inputs, objects, ofType, parserEventCount, parserMessages, strings, verbActions, visibleTexts, withNext } from './walk';

const VARIANTS = allVariants();
const MAX_BYTES = 28 * 1024;
const EN = cardResources('en');
const FR = cardResources('fr');
const KEYS = new Set(Object.keys(EN));
const COLORS = new Set(['default', 'accent', 'good', 'warning', 'attention']);
const CONTAINER_STYLES = new Set(['emphasis', 'accent']);
/** Keys that would carry identity or role; the server decides those, never a card. */
const FORBIDDEN_DATA_KEYS = /^(user|userId|aadObjectId|role|tenant|tenantId|from|actor|isAdmin|admin|upn|identity|email|name)$/i;

const byteSize = (card: AdaptiveCardJson) => Buffer.byteLength(JSON.stringify(card), 'utf8');

describe.each(VARIANTS.map((v) => [`${v.name} [${v.lang}${v.mode ? `, ${v.mode}` : ''}]`, v] as const))('%s', (_name, variant) => {
  const { card, mode } = variant;

  it('parses as Adaptive Card 1.5 with no errors or warnings', () => {
    const messages = parserMessages(card);
    if (messages.length) console.log(`${variant.name}:\n${messages.join('\n')}`);
    expect(parserEventCount(card)).toBe(0);
    expect(messages).toEqual([]);
    expect(card.version).toBe('1.5');
  });

  it('stays under 28 KB', () => {
    expect(byteSize(card)).toBeLessThan(MAX_BYTES);
  });

  it('labels every input and wraps every TextBlock', () => {
    for (const input of inputs(card)) {
      expect(typeof input.label).toBe('string');
      expect((input.label as string).trim()).not.toBe('');
    }
    for (const block of ofType(card, 'TextBlock')) expect(block.wrap).toBe(true);
  });

  it('uses only theme colours and styles, no images or fixed widths', () => {
    for (const o of objects(card)) {
      if ('color' in o) expect(COLORS).toContain(o.color);
      if (o.type === 'Container' && 'style' in o) expect(CONTAINER_STYLES).toContain(o.style);
      if (o.type === 'Column') expect(['auto', 'stretch']).toContain(o.width);
      expect(o).not.toHaveProperty('backgroundImage');
      expect(o.type).not.toBe('Image');
      expect(o).not.toHaveProperty('height');
      expect(o).not.toHaveProperty('minHeight');
    }
    for (const s of strings(card)) expect(s).not.toMatch(/^#[0-9a-f]{3,8}$/i);
  });

  it('has no untranslated key or unfilled placeholder', () => {
    // Verbs are routing data, not texts (case.close is both a verb and a string key).
    const verbs = new Set<string>(CARD_VERBS);
    expect(strings(card).filter((s) => KEYS.has(s) && !verbs.has(s))).toEqual([]);
    expect(visibleTexts(card).filter((s) => KEYS.has(s))).toEqual([]);
    expect(visibleTexts(card).filter((s) => /\{\w+\}/.test(s))).toEqual([]);
  });

  it('renders actions for its channel only, each with { verb, ...ids } and no identity', () => {
    const all = objects(card);
    if (mode === 'execute') expect(all.filter((o) => o.type === 'Action.Submit')).toEqual([]);
    if (mode === 'submit') expect(all.filter((o) => o.type === 'Action.Execute')).toEqual([]);
    if (!mode) expect(verbActions(card)).toEqual([]);
    const inputIds = new Set(inputs(card).map((i) => i.id as string));
    for (const action of verbActions(card)) {
      const data = action.data as Record<string, unknown>;
      expect(CARD_VERBS).toContain(data.verb);
      if (action.type === 'Action.Execute') expect(action.verb).toBe(data.verb);
      for (const key of Object.keys(data)) {
        expect(key).not.toMatch(FORBIDDEN_DATA_KEYS);
        // The client merges inputs into the data: an input must not shadow an id.
        expect(inputIds.has(key)).toBe(false);
      }
    }
    if (card.refresh) {
      expect(mode).toBe('execute');
      expect(card.refresh.action.type).toBe('Action.Execute');
    }
  });
});

describe('English and French', () => {
  const pairs = new Map<string, { en?: AdaptiveCardJson; fr?: AdaptiveCardJson }>();
  for (const v of VARIANTS) {
    const key = `${v.name} ${v.mode ?? ''}`;
    pairs.set(key, { ...pairs.get(key), [v.lang]: v.card });
  }

  it('has the same keys and placeholders in both locale files, and every French string is translated', () => {
    expect(Object.keys(FR).sort()).toEqual(Object.keys(EN).sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(EN)) {
      expect([key, holes(FR[key]!)]).toEqual([key, holes(EN[key]!)]);
      expect([key, FR[key]]).not.toEqual([key, EN[key]]);
    }
  });

  it.each([...pairs.keys()])('%s: the texts differ and no English resource string appears in French', (key) => {
    const { en, fr } = pairs.get(key)!;
    expect(en && fr).toBeTruthy();
    const enTexts = visibleTexts(en);
    const frTexts = new Set(visibleTexts(fr));
    expect(enTexts.join('\n')).not.toEqual([...frTexts].join('\n'));
    const enResources = new Set(Object.values(EN));
    for (const t of enTexts) if (enResources.has(t)) expect([t, frTexts.has(t)]).toEqual([t, false]);
  });
});

describe('articles card', () => {
  it('shows at most three articles, steps hidden behind a toggle, and routes feedback with topic and step ids', () => {
    const card = articlesCard({ articles: articlesFor('en'), stepId: 'step-42' }, { lang: 'en', actions: 'execute' });
    const texts = visibleTexts(card);
    expect(texts).toContain('Email is not being sent or received');
    expect(texts).not.toContain('A fourth article');
    const toggles = ofType(card, 'Action.ToggleVisibility');
    expect(toggles).toHaveLength(2); // the third article has no steps
    for (const t of toggles) {
      expect(t.title).toBe('Show steps');
      const target = objects(card).find((o) => o.id === (t.targetElements as string[])[0]);
      expect(target).toMatchObject({ type: 'Container', isVisible: false });
    }
    expect(texts.some((t) => t.startsWith('1. In the Exchange admin center'))).toBe(true);
    const data = verbActions(card).map((a) => a.data);
    expect(data).toEqual(
      expect.arrayContaining([
        { verb: 'article.solved', topicId: 'exchange.mail-flow', stepId: 'step-42' },
        { verb: 'article.solved', topicId: 'support.service-health', stepId: 'step-42' },
        { verb: 'article.notSolved', topicId: 'exchange.mail-flow', topicIds: ['exchange.mail-flow', 'exchange.junk-quarantine', 'support.service-health'], stepId: 'step-42' },
        { verb: 'article.contact', topicId: 'exchange.mail-flow', topicIds: ['exchange.mail-flow', 'exchange.junk-quarantine', 'support.service-health'], stepId: 'step-42' },
      ]),
    );
    expect(ofType(card, 'Action.OpenUrl').map((a) => a.url)).toEqual(['https://support.example.com/articles/exchange.mail-flow']);
  });

  it('uses Action.Submit with the verb in the data for Web Chat', () => {
    const card = articlesCard({ articles: articlesFor('fr').slice(0, 1), stepId: 's' }, { lang: 'fr', actions: 'submit' });
    const solved = verbActions(card).find((a) => (a.data as { verb: string }).verb === 'article.solved')!;
    expect(solved).toMatchObject({ type: 'Action.Submit', title: "C'est résolu", data: { verb: 'article.solved', topicId: 'exchange.mail-flow', stepId: 's' } });
    expect(solved).not.toHaveProperty('verb');
  });
});

describe('triage summary card', () => {
  const triage = { category: 'technical' as const, subcategory: 'setup' as const, severity: 'B' as const, reasons: ['One user is affected.', 'A workaround exists.'] };

  it('always lets the person correct the category, with the current one selected', () => {
    const card = triageSummaryCard({ triage, severityEditable: false, stepId: 's1' }, { lang: 'en', actions: 'execute' });
    const category = inputs(card).find((i) => i.id === 'category')!;
    expect(category).toMatchObject({ type: 'Input.ChoiceSet', value: 'technical.setup', label: 'Category of your request' });
    expect((category.choices as { value: string }[]).map((c) => c.value)).toEqual(['presales', 'billing', 'technical.setup', 'technical.configuration', 'technical.usage']);
    expect(parseCategoryChoice('technical.setup')).toEqual({ category: 'technical', subcategory: 'setup' });
    expect(parseCategoryChoice('billing')).toEqual({ category: 'billing', subcategory: null });
    expect(parseCategoryChoice('technical')).toBeUndefined();
    expect(parseCategoryChoice('billing.setup')).toBeUndefined();
  });

  it('shows the severity read-only, assessed by the assistant, with the reasons as bullets', () => {
    const card = triageSummaryCard({ triage, severityEditable: false, stepId: 's1' }, { lang: 'en', actions: 'submit' });
    expect(inputs(card).map((i) => i.id)).toEqual(['category']);
    const texts = visibleTexts(card);
    expect(texts).toContain('B (high), assessed by the assistant');
    expect(texts).toContain('• One user is affected.');
    const fr = triageSummaryCard({ triage, severityEditable: false, stepId: 's1' }, { lang: 'fr', actions: 'submit' });
    expect(visibleTexts(fr)).toContain("B (élevée), évaluée par l'assistant");
  });

  it('lets elevated-support customers set the severity', () => {
    const card = triageSummaryCard({ triage, severityEditable: true, stepId: 's1' }, { lang: 'en', actions: 'execute' });
    const severity = inputs(card).find((i) => i.id === 'severity')!;
    expect(severity).toMatchObject({ type: 'Input.ChoiceSet', value: 'B', isRequired: true });
    const actions = verbActions(card);
    expect(actions.map((a) => a.data)).toEqual([{ verb: 'triage.confirm', stepId: 's1' }, { verb: 'triage.cancel', stepId: 's1' }]);
    expect(actions[1]).toMatchObject({ associatedInputs: 'none' });
  });
});

describe('case form card', () => {
  it('shows each error right under its field and keeps what the person typed', () => {
    const typed = { title: 'x'.repeat(190) + ' typed by me', email: '', timeZone: 'Mars/Base', severity: 'B' as const };
    for (const lang of LANGS) {
      const card = caseFormCard(formView({ severityEditable: true }, typed), { lang, actions: 'submit', errors: FORM_ERRORS });
      for (const [field, message] of Object.entries(FORM_ERRORS)) {
        const found = withNext(card, field)!;
        expect(found).toBeDefined();
        expect(found.next).toMatchObject({ type: 'TextBlock', text: message, color: 'attention', wrap: true });
      }
      const values = Object.fromEntries(inputs(card).map((i) => [i.id, i.value]));
      expect(values).toMatchObject({ title: typed.title, email: '', timeZone: 'Mars/Base', severity: 'B', category: 'technical.usage', preferred: 'email', language: 'fr', phone: '+33 1 23 45 67 89' });
      // Fields without an error have no error line.
      expect(withNext(card, 'description')!.next).toMatchObject({ id: 'category' });
      expect(ofType(card, 'TextBlock').filter((t) => t.color === 'attention')).toHaveLength(Object.keys(FORM_ERRORS).length + 1);
    }
  });

  it('carries the submission key in the submit data in both channels', () => {
    for (const mode of MODES) {
      const card = caseFormCard(formView(), { lang: 'en', actions: mode });
      const submit = verbActions(card).find((a) => (a.data as { verb: string }).verb === 'case.submit')!;
      expect(submit.data).toEqual({ verb: 'case.submit', submissionKey: 'sub-7f3a' });
      expect(submit.type).toBe(mode === 'execute' ? 'Action.Execute' : 'Action.Submit');
      const cancel = verbActions(card).find((a) => (a.data as { verb: string }).verb === 'case.cancelForm')!;
      expect(cancel).toMatchObject({ associatedInputs: 'none' });
    }
  });

  it('has the documented inputs and limits', () => {
    const card = caseFormCard(formView({ severityEditable: true }), { lang: 'en', actions: 'execute' });
    const byId = Object.fromEntries(inputs(card).map((i) => [i.id, i]));
    expect(Object.keys(byId)).toEqual(['title', 'description', 'category', 'severity', 'reachable247', 'phone', 'email', 'preferred', 'language', 'timeZone']);
    expect(byId.title).toMatchObject({ type: 'Input.Text', isRequired: true, maxLength: 200 });
    expect(byId.description).toMatchObject({ type: 'Input.Text', isRequired: true, isMultiline: true, maxLength: 4000 });
    expect(byId.preferred!.choices).toEqual([
      { title: 'Email', value: 'email' },
      { title: 'Phone', value: 'phone' },
      { title: 'Teams chat', value: 'chat' },
    ]);
    expect((byId.language!.choices as { value: string }[]).map((c) => c.value)).toEqual(['en', 'fr']);
    expect((byId.category!.choices as { value: string }[]).map((c) => c.value)).toEqual(['billing', 'technical.setup', 'technical.configuration', 'technical.usage']);
  });

  it('asks for 24/7 reachability only when the severity is editable, and requires it for A', () => {
    const a = caseFormCard(formView({ severityEditable: true }, { severity: 'A' }), { lang: 'en', actions: 'execute' });
    expect(inputs(a).find((i) => i.id === 'reachable247')).toMatchObject({ type: 'Input.Toggle', isRequired: true, title: 'Someone can be reached 24/7 for this issue' });
    const b = caseFormCard(formView({ severityEditable: true }, { severity: 'B' }), { lang: 'en', actions: 'execute' });
    expect(inputs(b).find((i) => i.id === 'reachable247')).toMatchObject({ isRequired: false });
    const locked = caseFormCard(formView({ severityEditable: false }, { severity: 'A' }), { lang: 'en', actions: 'execute' });
    expect(inputs(locked).map((i) => i.id)).not.toContain('reachable247');
    expect(inputs(locked).map((i) => i.id)).not.toContain('severity');
    expect(visibleTexts(locked)).toContain('A (critical), assessed by the assistant');
  });

  it('reads submitted inputs back into values for a redraw (choices only when valid)', () => {
    const previous = formView().values;
    const next = readCaseForm(
      { verb: 'case.submit', submissionKey: 'k', title: ' New title ', category: 'billing', severity: 'C', preferred: 'pigeon', language: 'en', reachable247: 'true', email: 'x@y.z' },
      previous,
      false,
    );
    expect(next).toMatchObject({ title: ' New title ', category: 'billing', subcategory: null, severity: 'A', preferred: 'email', language: 'en', reachable247: false, email: 'x@y.z' });
    const elevated = readCaseForm({ severity: 'C', reachable247: 'true', category: 'technical.configuration' }, previous, true);
    expect(elevated).toMatchObject({ severity: 'C', reachable247: true, category: 'technical', subcategory: 'configuration' });
  });
});

describe('case card', () => {
  const verbsOf = (card: AdaptiveCardJson) => verbActions(card).map((a) => (a.data as { verb: string; status?: string }).status ?? (a.data as { verb: string }).verb);

  it('formats the due time in the tenant time zone and language', () => {
    const at = (timeZone: string, lang: 'en' | 'fr') => {
      const card = caseCard({ case: sampleCase(), timeZone, viewer: { role: 'reader' } }, { lang, actions: 'execute' });
      const fact = ofType(card, 'FactSet')[0]!.facts as { title: string; value: string }[];
      return fact.find((f) => f.title === (lang === 'fr' ? 'Première réponse attendue' : 'First response due'))!.value;
    };
    expect(at('Europe/Paris', 'en')).toBe('Tue 3 June 2025, 11:15 (UTC+2)');
    expect(at('Europe/Paris', 'fr')).toBe('mar. 3 juin 2025, 11:15 (UTC+2)');
    expect(at('America/New_York', 'en')).toBe('Tue 3 June 2025, 05:15 (UTC-4)');
    expect(at('America/New_York', 'fr')).toBe('mar. 3 juin 2025, 05:15 (UTC-4)');
    expect(formatInstant(DUE_AT, 'Not/AZone', 'en')).toBe('Tue 3 June 2025, 09:15 (UTC+0)');
  });

  it('describes the objective in words, or says there is no commitment', () => {
    const card = caseCard({ case: sampleCase(), timeZone: 'Europe/Paris', viewer: { role: 'reader' } }, { lang: 'fr', actions: 'submit' });
    expect(visibleTexts(card)).toContain('première réponse sous une heure, 24 h/24 et 7 j/7');
    const none = caseCard(
      { case: sampleCase({ objective: { availability: 'business', objective: 'none' }, dueAt: null }), timeZone: 'Europe/Paris', viewer: { role: 'reader' } },
      { lang: 'en', actions: 'submit' },
    );
    expect(visibleTexts(none)).toEqual(expect.arrayContaining(['no committed response time, business hours', 'No committed response time']));
    expect(visibleTexts(none)).toContain('Support request SR-000123');
  });

  it('gives administrators Add details and Close, and Reopen only when allowed', () => {
    const open = caseCard({ case: sampleCase(), timeZone: 'Europe/Paris', viewer: { role: 'admin', canReopen: true } }, { lang: 'en', actions: 'execute' });
    expect(verbsOf(open)).toEqual(['case.addNote', 'case.close']);
    const note = inputs(open).find((i) => i.id === 'note')!;
    expect(note).toMatchObject({ type: 'Input.Text', isMultiline: true, isRequired: true, label: 'Details to add to the request' });
    expect(ofType(open, 'Action.ShowCard').map((a) => a.title)).toEqual(['Add details']);
    const closed = (canReopen: boolean) =>
      verbsOf(caseCard({ case: sampleCase({ status: 'closed' }), timeZone: 'Europe/Paris', viewer: { role: 'admin', canReopen } }, { lang: 'en', actions: 'execute' }));
    expect(closed(true)).toEqual(['case.reopen']);
    expect(closed(false)).toEqual([]);
  });

  it('gives support engineers assign, status changes allowed from the current status, and reply', () => {
    const card = caseCard({ case: sampleCase(), timeZone: 'Europe/Paris', viewer: { role: 'support-engineer', isAssignee: false } }, { lang: 'en', actions: 'submit' });
    expect(verbsOf(card)).toEqual(['case.assignToMe', 'in-progress', 'waiting-on-customer', 'resolved', 'case.reply']);
    expect(verbActions(card).map((a) => a.title)).toEqual(['Assign to me', 'In progress', 'Waiting on customer', 'Resolve', 'Send the reply']);
    expect(verbActions(card)[1]!.data).toEqual({ verb: 'case.setStatus', caseNumber: 'SR-000123', status: 'in-progress', expectedVersion: 3 });
    const mine = caseCard({ case: sampleCase({ status: 'in-progress' }), timeZone: 'Europe/Paris', viewer: { role: 'support-engineer', isAssignee: true } }, { lang: 'en', actions: 'submit' });
    expect(verbsOf(mine)).toEqual(['waiting-on-customer', 'resolved', 'case.reply']);
    expect(inputs(mine).find((i) => i.id === 'reply')).toMatchObject({ label: 'Reply to the customer', isRequired: true });
    const done = caseCard({ case: sampleCase({ status: 'cancelled' }), timeZone: 'Europe/Paris', viewer: { role: 'support-engineer', isAssignee: true } }, { lang: 'en', actions: 'submit' });
    expect(verbsOf(done)).toEqual([]);
  });

  it('asks Teams to refresh per viewer only in execute mode and only with user ids', () => {
    const view = { case: sampleCase(), timeZone: 'Europe/Paris', viewer: { role: 'reader' as const }, refreshUserIds: ['29:alice', '29:sam'] };
    const teams = caseCard(view, { lang: 'en', actions: 'execute' });
    expect(teams.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'case.refresh', data: { verb: 'case.refresh', caseNumber: 'SR-000123' } }, userIds: ['29:alice', '29:sam'] });
    expect(caseCard(view, { lang: 'en', actions: 'submit' }).refresh).toBeUndefined();
    expect(caseCard({ ...view, refreshUserIds: [] }, { lang: 'en', actions: 'execute' }).refresh).toBeUndefined();
    const many = caseCard({ ...view, refreshUserIds: Array.from({ length: 80 }, (_, i) => `29:u${i}`) }, { lang: 'en', actions: 'execute' });
    expect(many.refresh!.userIds).toHaveLength(60);
  });

  it('stays small with the longest texts the model accepts', () => {
    const big = caseCard(
      {
        case: sampleCase({ title: 'T'.repeat(200), description: 'D'.repeat(8000), severityReasons: Array.from({ length: 10 }, () => 'R'.repeat(300)) }),
        timeZone: 'Europe/Paris',
        viewer: { role: 'support-engineer', isAssignee: false },
        refreshUserIds: Array.from({ length: 60 }, (_, i) => `29:${'x'.repeat(80)}${i}`),
      },
      { lang: 'fr', actions: 'execute' },
    );
    expect(byteSize(big)).toBeLessThan(MAX_BYTES);
    expect(parserMessages(big)).toEqual([]);
  });
});

describe('case list card', () => {
  it('shows due times in the tenant time zone with a View button per case', () => {
    const paris = caseListCard({ open: listItems(2), recentlyClosed: [], timeZone: 'Europe/Paris' }, { lang: 'en', actions: 'execute' });
    const ny = caseListCard({ open: listItems(2), recentlyClosed: [], timeZone: 'America/New_York' }, { lang: 'fr', actions: 'submit' });
    expect(visibleTexts(paris)).toContain('Response due Tue 3 June 2025, 11:15 (UTC+2)');
    expect(visibleTexts(ny)).toContain('Réponse attendue le mar. 3 juin 2025, 05:15 (UTC-4)');
    expect(verbActions(paris).map((a) => a.data)).toEqual([
      { verb: 'case.view', caseNumber: 'SR-001000' },
      { verb: 'case.view', caseNumber: 'SR-001001' },
    ]);
  });

  it('cuts long lists and stays under 28 KB', () => {
    for (const lang of LANGS) {
      const card = caseListCard({ open: listItems(60), recentlyClosed: listItems(40, true), timeZone: 'Europe/Paris' }, { lang, actions: 'execute' });
      expect(byteSize(card)).toBeLessThan(MAX_BYTES);
      expect(parserMessages(card)).toEqual([]);
      expect(verbActions(card)).toHaveLength(25);
      expect(visibleTexts(card)).toContain(lang === 'fr' ? '45 autres non affichées.' : '45 more not shown.');
    }
  });
});

describe('satisfaction card', () => {
  it('asks for a labelled 1–5 rating, expanded, and an optional comment', () => {
    const card = satisfactionCard({ caseNumber: 'SR-000123', resolution: 2 }, { lang: 'fr', actions: 'execute' });
    const [rating, comment] = inputs(card);
    expect(rating).toMatchObject({ id: 'rating', type: 'Input.ChoiceSet', style: 'expanded', isRequired: true, label: 'Votre note' });
    expect((rating!.choices as { value: string }[]).map((c) => c.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(comment).toMatchObject({ id: 'comment', type: 'Input.Text', isMultiline: true });
    expect(comment!.isRequired).toBeFalsy();
    expect(verbActions(card)[0]!.data).toEqual({ verb: 'case.satisfaction', caseNumber: 'SR-000123', resolution: 2 });
  });
});

describe('pre-sales card', () => {
  const hours = { hours: '09:00-17:00', days: [1, 2, 3, 4, 5], holidays: true };

  it('gives the hours in the visitor time zone when known', () => {
    expect(presalesHoursText({ hours, visitorTimeZone: 'Europe/Paris' }, 'en')).toBe('Monday to Friday, 09:00–17:00, your local time (Europe/Paris)');
    expect(presalesHoursText({ hours, visitorTimeZone: 'America/New_York' }, 'fr')).toBe('Du lundi au vendredi, 09:00–17:00, heure locale (America/New_York)');
    expect(presalesHoursText({ hours }, 'en')).toBe('Monday to Friday, 09:00–17:00, in your local business hours');
    expect(presalesHoursText({ hours: { ...hours, days: [7, 1, 2, 3, 4] }, visitorTimeZone: 'Asia/Jerusalem' }, 'en')).toMatch(/^Sunday to Thursday,/);
    expect(presalesHoursText({ hours: { ...hours, days: [1, 4] } }, 'fr')).toMatch(/^Lundi et jeudi,/);
  });

  it('shows the next opening in the visitor time zone', () => {
    const view = { article: null, contact: {}, hours, openNow: false, nextOpening: '2025-06-09T13:00:00Z' };
    expect(visibleTexts(presalesCard({ ...view, visitorTimeZone: 'America/New_York' }, { lang: 'en' }))).toContain('Next opening: Mon 9 June 2025, 09:00 (UTC-4).');
    expect(visibleTexts(presalesCard({ ...view, visitorTimeZone: 'Europe/Paris' }, { lang: 'fr' }))).toContain('Prochaine ouverture : lun. 9 juin 2025, 15:00 (UTC+2).');
  });
});

describe('the cards module', () => {
  it('is pure: no botbuilder, no I/O', () => {
    const dir = path.join(__dirname, '../../cards');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      expect([file, /from ['"](botbuilder[^'"]*|fs|path|http|https|net)['"]/.test(source)]).toEqual([file, false]);
    }
  });
});
