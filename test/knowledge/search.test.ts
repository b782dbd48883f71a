import {
  SearchIndex,
  buildArticleIndex,
  confidenceFrom,
  fitArticleConfidence,
  fitConfidence,
  osaDistance,
  type SearchDocument,
} from '../../knowledge/search';
import { findSynonyms, SYNONYM_GROUPS } from '../../knowledge/synonyms';
import { analyze } from '../../knowledge/text';
import type { Article } from '../../knowledge/articles';
import type { TopicId } from '../../knowledge/labels';

const DOCS: SearchDocument[] = [
  { id: 'en-password', lang: 'en', fields: { title: 'Reset a forgotten password', body: 'Use the self-service page to choose a new password for your account.' } },
  { id: 'en-mailflow', lang: 'en', fields: { title: 'Mail is not delivered', body: 'Messages stuck in the outbox, bounces and delays.' } },
  { id: 'en-calendar', lang: 'en', fields: { title: 'Share your calendar', body: 'Give a colleague access to your calendar or add a delegate.' } },
  { id: 'en-invoice', lang: 'en', fields: { title: 'Download your invoices', body: 'Invoices are in the billing section of the admin center.' } },
  { id: 'en-meeting', lang: 'en', fields: { title: 'Join a Teams meeting', body: 'Open the invitation and select Join.' } },
  { id: 'fr-password', lang: 'fr', fields: { title: 'Réinitialiser un mot de passe oublié', body: 'Utilisez la page libre-service pour choisir un nouveau mot de passe.' } },
  { id: 'fr-mailflow', lang: 'fr', fields: { title: "Les courriels ne sont pas remis", body: "Messages bloqués dans la boîte d'envoi, rejets et retards." } },
  { id: 'fr-computer', lang: 'fr', fields: { title: "L'ordinateur ne démarre plus", body: "Vérifiez l'alimentation et l'écran." } },
  { id: 'fr-invoice', lang: 'fr', fields: { title: 'Télécharger vos factures', body: "Les factures sont dans la section facturation du centre d'administration." } },
  { id: 'fr-meeting', lang: 'fr', fields: { title: 'Rejoindre une réunion Teams', body: "Ouvrez l'invitation et sélectionnez Rejoindre." } },
];

function makeIndex(weights: Record<string, number> = { title: 3, body: 1 }, docs = DOCS): SearchIndex {
  const index = new SearchIndex({ fields: weights });
  index.addAll(docs);
  return index;
}

const top = (index: SearchIndex, q: string, lang: 'en' | 'fr') => index.search(q, lang)[0]?.id;

describe('SearchIndex', () => {
  const index = makeIndex();

  test('finds the obvious document in each language', () => {
    expect(top(index, 'I forgot my password', 'en')).toBe('en-password');
    expect(top(index, "j'ai oublié mon mot de passe", 'fr')).toBe('fr-password');
    expect(top(index, 'download invoices', 'en')).toBe('en-invoice');
  });

  test('ranking follows field weights', () => {
    const docs: SearchDocument[] = [
      { id: 'in-body', lang: 'en', fields: { title: 'Something else entirely', body: 'Here we talk about quarantine rules.' } },
      { id: 'in-title', lang: 'en', fields: { title: 'Quarantine rules', body: 'Here we talk about something else entirely.' } },
    ];
    expect(makeIndex({ title: 3, body: 1 }, docs).search('quarantine', 'en').map((h) => h.id)).toEqual(['in-title', 'in-body']);
    expect(makeIndex({ title: 1, body: 3 }, docs).search('quarantine', 'en').map((h) => h.id)).toEqual(['in-body', 'in-title']);
    // A field without weight is not indexed.
    expect(makeIndex({ title: 1 }, docs).search('quarantine', 'en').map((h) => h.id)).toEqual(['in-title']);
  });

  test('accent folding: with or without accents gives the same result and score', () => {
    const a = index.search('réinitialiser mot de passe', 'fr');
    const b = index.search('reinitialiser mot de passe', 'fr');
    expect(a[0].id).toBe('fr-password');
    expect(b[0].id).toBe('fr-password');
    expect(b[0].score).toBeCloseTo(a[0].score, 10);
    expect(top(index, 'TELECHARGER FACTURES', 'fr')).toBe('fr-invoice');
  });

  test('French elisions: "l\'ordinateur" and "ordinateur" match the same document', () => {
    expect(top(index, "mon ordinateur ne démarre pas", 'fr')).toBe('fr-computer');
    expect(top(index, "l'ordinateur", 'fr')).toBe('fr-computer');
    expect(top(index, 'l’écran', 'fr')).toBe('fr-computer');
  });

  test('synonyms, within and across languages', () => {
    // English words typed in a French question reach French documents.
    expect(top(index, 'mon password', 'fr')).toBe('fr-password');
    expect(top(index, 'mes emails ne partent pas', 'fr')).toBe('fr-mailflow');
    expect(top(index, 'invoice', 'fr')).toBe('fr-invoice');
    // French slang and abbreviations.
    expect(top(index, 'mdp oublié', 'fr')).toBe('fr-password');
    expect(top(index, 'visio teams', 'fr')).toBe('fr-meeting');
    // English synonyms.
    expect(top(index, 'pwd', 'en')).toBe('en-password');
    expect(top(index, 'get my bill', 'en')).toBe('en-invoice');
  });

  test('an expansion weighs less than the word itself', () => {
    const docs: SearchDocument[] = [
      { id: 'exact', lang: 'en', fields: { title: 'invoice copy' } },
      { id: 'synonym', lang: 'en', fields: { title: 'bill copy' } },
    ];
    const hits = makeIndex({ title: 1 }, docs).search('invoice', 'en');
    expect(hits.map((h) => h.id)).toEqual(['exact', 'synonym']);
    expect(hits[1].score).toBeLessThan(hits[0].score * 0.6);
  });

  test('typo tolerance on words of 5 letters or more', () => {
    expect(top(index, 'pasword', 'en')).toBe('en-password');
    expect(top(index, 'calender', 'en')).toBe('en-calendar');
    expect(top(index, 'reunoin teams', 'fr')).toBe('fr-meeting');
    const exact = index.search('password', 'en')[0];
    const typo = index.search('pasword', 'en')[0];
    expect(typo.score).toBeLessThan(exact.score);
  });

  test('compound words: joined and split query words', () => {
    const docs: SearchDocument[] = [
      { id: 'github', lang: 'en', fields: { title: 'Strikethrough in GitHub markdown' } },
      { id: 'workspace', lang: 'en', fields: { title: 'Change the work space settings' } },
      { id: 'other', lang: 'en', fields: { title: 'Markdown tables and text settings' } },
    ];
    const ix = new SearchIndex({ fields: { title: 1 }, synonymWeight: 0 });
    ix.addAll(docs);
    expect(ix.search('git hub markdown', 'en')[0].id).toBe('github');
    expect(ix.search('strike through', 'en')[0]?.id).toBe('github');
    expect(ix.search('workspace settings', 'en')[0].id).toBe('workspace');
    const off = new SearchIndex({ fields: { title: 1 }, synonymWeight: 0, compoundWeight: 0 });
    off.addAll(docs);
    expect(off.search('workspace', 'en')).toEqual([]);
  });

  test('results are in the query language only', () => {
    for (const q of ['teams', 'password', 'mot de passe', 'factures', 'invoice']) {
      for (const lang of ['en', 'fr'] as const) {
        for (const hit of index.search(q, lang)) {
          expect(hit.lang).toBe(lang);
          expect(hit.id.startsWith(lang)).toBe(true);
        }
      }
    }
  });

  test('confidence is in 0..1, high for a clear match and low for gibberish or unrelated text', () => {
    const good = index.search('reset forgotten password', 'en')[0];
    expect(good.confidence).toBeGreaterThan(0.7);
    for (const q of ['xqzvb plorft wekjhd', 'what is the weather in Paris tomorrow', 'recipe for chocolate cake']) {
      const hits = index.search(q, 'en');
      expect(hits.length === 0 || hits[0].confidence < 0.3).toBe(true);
    }
    for (const h of index.search('calendar and password and meeting', 'en')) {
      expect(h.confidence).toBeGreaterThanOrEqual(0);
      expect(h.confidence).toBeLessThanOrEqual(1);
      expect(h.normalizedScore).toBeLessThanOrEqual(1);
    }
    // Hits come best first, and confidence never increases down the list.
    const hits = index.search('calendar and password and meeting', 'en');
    for (let i = 1; i < hits.length; i++) {
      expect(hits[i].score).toBeLessThanOrEqual(hits[i - 1].score);
      expect(hits[i].confidence).toBeLessThanOrEqual(hits[i - 1].confidence);
    }
  });

  test('odd queries do not throw: 10,000 characters, emoji only, HTML, control characters, empty', () => {
    const long = 'password reset '.repeat(700).slice(0, 10_000);
    expect(long.length).toBe(10_000);
    expect(() => index.search(long, 'en')).not.toThrow();
    expect(index.search(long, 'en')[0].id).toBe('en-password');
    expect(index.search('😀🎉🔥', 'en')).toEqual([]);
    expect(index.search('', 'fr')).toEqual([]);
    expect(() => index.search('<script>alert(1)</script>\u0000\u0007 mot de passe', 'fr')).not.toThrow();
    expect(() => index.search(undefined as unknown as string, 'en')).not.toThrow();
    expect(index.search('password', 'de' as unknown as 'en')).toEqual([]);
  });

  test('k limits the number of hits; collapse gives one hit per group', () => {
    expect(index.search('the', 'en', { k: 2 }).length).toBeLessThanOrEqual(2);
    const grouped = new SearchIndex({ fields: { title: 1 } });
    grouped.addAll([
      { id: 'a1', lang: 'en', group: 'A', fields: { title: 'printer offline' } },
      { id: 'a2', lang: 'en', group: 'A', fields: { title: 'printer jam' } },
      { id: 'b1', lang: 'en', group: 'B', fields: { title: 'printer driver' } },
    ]);
    expect(grouped.search('printer', 'en').length).toBe(3);
    const collapsed = grouped.search('printer', 'en', { collapse: true });
    expect(collapsed.map((h) => h.group).sort()).toEqual(['A', 'B']);
  });

  test('documents added after a search are found by the next search', () => {
    const ix = makeIndex();
    expect(ix.search('quarantine', 'en')).toEqual([]);
    ix.add({ id: 'en-junk', lang: 'en', fields: { title: 'Mail in quarantine' } });
    expect(ix.search('quarantine', 'en')[0].id).toBe('en-junk');
  });
});

describe('buildArticleIndex', () => {
  const article = (id: TopicId, lang: 'en' | 'fr', title: string, phrasings: string[]): Article => ({
    id,
    lang,
    title,
    summary: title,
    keywords: [],
    phrasings,
    category: 'technical',
    subcategory: 'usage',
    checkFirst: '',
    steps: ['Do it.'],
    whenToEscalate: '',
    body: '',
    file: `${lang}/${id}.md`,
  });
  const articles = [
    article('account.password-reset', 'en', 'Reset a forgotten password', ['forgot my password']),
    article('account.password-reset', 'en', 'Password reset for admins', ['admin forgot password']),
    article('account.password-reset', 'fr', 'Réinitialiser un mot de passe', ['mdp oublié']),
    article('billing.invoices', 'en', 'Download invoices', ['where is my invoice']),
    article('billing.invoices', 'fr', 'Télécharger les factures', ['où est ma facture']),
  ];
  const search = buildArticleIndex(articles);

  test('one result per topic, with title, score and confidence', () => {
    const hits = search.search('forgot password invoice', 'en');
    expect(hits.map((h) => h.topic).sort()).toEqual(['account.password-reset', 'billing.invoices']);
    expect(hits[0]).toEqual(expect.objectContaining({ title: expect.any(String), score: expect.any(Number) }));
    expect(search.search('forgot password', 'en')[0].topic).toBe('account.password-reset');
    expect(hits[0].confidence).toBeGreaterThan(0);
  });

  test('fitArticleConfidence returns finite coefficients from labelled messages', () => {
    const cal = fitArticleConfidence(search, [
      { text: 'forgot my password', lang: 'en', topic: 'account.password-reset' },
      { text: 'where is my invoice', lang: 'en', topic: 'billing.invoices' },
      { text: 'what is the weather like', lang: 'en', topic: null },
      { text: 'mdp oublié', lang: 'fr', topic: 'account.password-reset' },
    ]);
    expect(Object.values(cal).every(Number.isFinite)).toBe(true);
    const tuned = buildArticleIndex(articles, { calibration: cal });
    expect(tuned.search('forgot my password', 'en')[0].topic).toBe('account.password-reset');
  });

  test('query language decides which articles answer', () => {
    expect(search.search('mot de passe oublié', 'fr')[0].title).toBe('Réinitialiser un mot de passe');
    expect(search.search('facture', 'fr', 1)).toHaveLength(1);
  });
});

describe('synonym lexicon', () => {
  test('has a sizeable number of groups', () => {
    expect(SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(80);
  });

  test('matches multi-word members and offers only the query language members', () => {
    const m = findSynonyms(analyze('mot de passe', 'fr'), 'fr');
    expect(m).toHaveLength(1);
    expect(m[0]).toEqual(expect.objectContaining({ start: 0, length: 2 }));
    expect(m[0].alternatives).toContainEqual(['mdp']);
    const en = findSynonyms(analyze('password', 'en'), 'en');
    expect(en[0].alternatives.flat()).not.toContain('mdp');
  });
});

describe('confidence helpers', () => {
  test('osaDistance counts transpositions as one edit', () => {
    expect(osaDistance('recieve', 'receive')).toBe(1);
    expect(osaDistance('password', 'pasword')).toBe(1);
    expect(osaDistance('abc', 'xyz', 1)).toBe(2);
  });

  test('fitConfidence learns to separate good from bad top hits', () => {
    const samples = [
      ...Array.from({ length: 50 }, (_, i) => ({ features: { normalizedScore: 0.8 + (i % 5) * 0.04, margin: 0.4, coverage: 1, exactCoverage: 1 }, correct: true })),
      ...Array.from({ length: 50 }, (_, i) => ({ features: { normalizedScore: 0.1 + (i % 5) * 0.04, margin: 0.02, coverage: 0.3, exactCoverage: 0.2 }, correct: false })),
    ];
    const cal = fitConfidence(samples);
    expect(confidenceFrom(samples[0].features, cal)).toBeGreaterThan(0.8);
    expect(confidenceFrom(samples[60].features, cal)).toBeLessThan(0.2);
    expect(confidenceFrom({ normalizedScore: 0, margin: 0, coverage: 0, exactCoverage: 0 }, cal)).toBe(0);
  });
});
