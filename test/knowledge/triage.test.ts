import * as fs from 'fs';
import { CATEGORIES, TOPICS, isTopicId } from '../../knowledge/labels';
import {
  CUE_REASONS,
  DEFAULT_TRIAGE_MODEL_PATH,
  TriageModel,
  detectCues,
  loadTriageModel,
  prepareText,
  severityReasons,
  type TriageResult,
} from '../../knowledge/triage';
import { trainingDataHash } from '../../knowledge/trainTriage';

/**
 * Uses the committed model (knowledge/model/triage-model.json). Every message below was written for
 * this test; none comes from ../shared/eval.
 */
const model = loadTriageModel();

function check(r: TriageResult): void {
  expect(['en', 'fr']).toContain(r.lang);
  expect(CATEGORIES).toContain(r.category.label);
  expect(r.category.probability).toBeGreaterThanOrEqual(0);
  expect(r.category.probability).toBeLessThanOrEqual(1);
  expect(r.topics.length).toBeLessThanOrEqual(10);
  if (r.category.label === 'technical') {
    expect(['setup', 'configuration', 'usage']).toContain(r.subcategory.label);
    expect(['A', 'B', 'C']).toContain(r.severity.label);
    expect(r.severity.reasons.length).toBeGreaterThan(0);
  } else {
    expect(r.severity.label).toBeNull();
    expect(r.severity.reasons).toEqual([]);
  }
  if (r.category.label === 'boundary') {
    expect(['network', 'third-party', 'scripting', 'developer', 'volume-licensing']).toContain(r.subcategory.label);
  }
  if (r.category.label === 'presales' || r.category.label === 'billing' || r.category.label === 'out-of-scope') expect(r.subcategory.label).toBeNull();
  if (r.category.label === 'out-of-scope') expect(r.confidentTopic).toBeNull();
  if (r.confidentTopic !== null) {
    expect(isTopicId(r.confidentTopic)).toBe(true);
    expect(r.topics[0]?.topic).toBe(r.confidentTopic);
  }
  for (let i = 1; i < r.topics.length; i++) expect(r.topics[i].confidence).toBeLessThanOrEqual(r.topics[0].confidence + 1e-9);
}

describe('TriageModel (committed model)', () => {
  test('the committed model was trained from the current training files and articles', () => {
    expect(model.dataHash).toBe(trainingDataHash());
  });

  test('the model file stays small', () => {
    expect(fs.statSync(DEFAULT_TRIAGE_MODEL_PATH).size).toBeLessThan(8 * 1024 * 1024);
  });

  test('cross-validated quality on the training data stays above its floors', () => {
    const cv = model.crossValidation;
    expect(cv).not.toBeNull();
    if (!cv) return;
    expect(cv.n).toBeGreaterThan(2000);
    expect(cv.lang).toBeGreaterThanOrEqual(0.99);
    expect(cv.category).toBeGreaterThanOrEqual(0.92);
    expect(cv.subcategory).toBeGreaterThanOrEqual(0.88);
    expect(cv.severity).toBeGreaterThanOrEqual(0.87);
    expect(cv.topic_r1).toBeGreaterThanOrEqual(0.86);
    expect(cv.topic_r3).toBeGreaterThanOrEqual(0.94);
    expect(cv.topic_mrr10).toBeGreaterThanOrEqual(0.9);
    expect(cv.null_false_offer).toBeLessThanOrEqual(0.1);
    expect(Math.abs(cv.by_lang.en.category - cv.by_lang.fr.category)).toBeLessThan(0.03);
    expect(Math.abs(cv.by_lang.en.topic_r1 - cv.by_lang.fr.topic_r1)).toBeLessThan(0.03);
  });

  test('toJSON / fromJSON round trip gives the same analysis; bad JSON is rejected', () => {
    const back = TriageModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const t of ['nobody can send email', 'comment ajouter un utilisateur', 'is there a free trial?']) {
      expect(back.analyze(t)).toEqual(model.analyze(t));
    }
    expect(() => TriageModel.fromJSON({ format: 'triage-model' })).toThrow(/Invalid triage model/);
    expect(() => TriageModel.fromJSON(null)).toThrow(/Invalid triage model/);
  });

  describe('boundaries are recognised, not forced into a category', () => {
    test.each([
      ['our office firewall blocks Teams calls since we changed the proxy settings', 'en', 'network', 'support.network'],
      ['notre pare-feu bloque les appels teams depuis le changement de proxy', 'fr', 'network', 'support.network'],
      ['the Zoom add-in for Outlook stopped creating meeting links', 'en', 'third-party', 'support.third-party'],
      ['le complément Zoom dans Outlook ne crée plus les liens de réunion', 'fr', 'third-party', 'support.third-party'],
      ['my PowerShell script that creates mailboxes throws an error on line 12, can you debug it?', 'en', 'scripting', 'support.scripts'],
      ['ma macro VBA qui envoie des mails depuis Excel plante, pouvez-vous corriger le code ?', 'fr', 'scripting', 'support.scripts'],
      ['we are building an app that reads calendars with the Graph API, which permissions do we need?', 'en', 'developer', 'support.developers'],
      ["on développe une application qui lit les calendriers avec l'API Graph, quelles permissions faut-il ?", 'fr', 'developer', 'support.developers'],
      ['where do I find our MAK key in the volume licensing service center?', 'en', 'volume-licensing', 'support.volume-licensing'],
      ['où trouver la clé MAK de nos licences en volume ?', 'fr', 'volume-licensing', 'support.volume-licensing'],
    ])('%s', (text, lang, sub, topic) => {
      const r = model.analyze(text);
      check(r);
      expect(r.lang).toBe(lang);
      expect(r.category.label).toBe('boundary');
      expect(r.subcategory.label).toBe(sub);
      expect(r.topics[0].topic).toBe(topic);
    });
  });

  test.each([
    ["what's the weather in Paris tomorrow", 'en'],
    ['raconte-moi une blague', 'fr'],
    ['how many calories in an apple', 'en'],
    ['quel temps fera-t-il à Montréal demain', 'fr'],
  ])('out of scope: %s', (text, lang) => {
    const r = model.analyze(text);
    check(r);
    expect(r.lang).toBe(lang);
    expect(r.category.label).toBe('out-of-scope');
    expect(r.confidentTopic).toBeNull();
  });

  test('presales, billing and technical are told apart', () => {
    expect(model.analyze('is there a free trial?').category.label).toBe('presales');
    expect(model.analyze('how much does business premium cost per user').category.label).toBe('presales');
    expect(model.analyze("I want to download last month's invoice").category.label).toBe('billing');
    expect(model.analyze('je veux annuler notre abonnement').category.label).toBe('billing');
    const r = model.analyze('comment ajouter un utilisateur et lui attribuer une licence ?');
    expect(r.category.label).toBe('technical');
    expect(r.subcategory.label).toBe(TOPICS['account.add-users'].subcategory);
  });

  describe('severity follows impact, with reasons in the message language', () => {
    test.each([
      ['Nobody in the company can send or receive email since 8am, 200 users affected', 'en', 'A', ['the whole organisation is affected', 'many people affected']],
      ["Plus personne dans l'entreprise ne reçoit de courriels depuis ce matin, toute la boîte est bloquée", 'fr', 'A', ["toute l'organisation est touchée"]],
      ['our SharePoint intranet is down for all 300 staff', 'en', 'A', ['a service is down']],
      ['Outlook crashes for one user when she opens attachments', 'en', 'B', ['one person affected']],
      ['Outlook plante chez une utilisatrice quand elle ouvre une pièce jointe', 'fr', 'B', ['une seule personne touchée']],
      ['How do I set a password that never expires for a user?', 'en', 'C', ['a how-to question']],
      ["Comment faire pour qu'un mot de passe n'expire jamais ?", 'fr', 'C', ['une question pratique']],
      ["the ribbon in Outlook looks tiny on my second screen, I work around it with the zoom, not urgent", 'en', 'C', ['a workaround exists']],
      ["la barre de Teams est minuscule sur mon deuxième écran, je contourne avec le zoom, pas urgent", 'fr', 'C', ['il existe un contournement']],
    ])('%s', (text, lang, level, someReasons) => {
      const r = model.analyze(text as string);
      check(r);
      expect(r.lang).toBe(lang);
      expect(r.category.label).toBe('technical');
      expect(r.severity.label).toBe(level);
      for (const reason of someReasons as string[]) expect(r.severity.reasons).toContain(reason);
      const all = Object.values(CUE_REASONS).map((x) => x[lang as 'en' | 'fr']);
      for (const reason of r.severity.reasons) expect(typeof reason).toBe('string');
      expect(r.severity.reasons.some((x) => all.includes(x))).toBe(true);
    });
  });

  test('cue detectors read counts and wording in both languages', () => {
    expect(detectCues('80 mailboxes are empty').count).toBe(80);
    expect(detectCues('une cinquantaine de postes')).toBeDefined();
    expect(detectCues('vingt utilisateurs sans mail').count).toBe(20);
    expect(detectCues('error 2019 on 3 days').count).toBe(0);
    expect(detectCues('tout le monde est bloqué').hits).toContain('everyone');
    expect(detectCues('personne ne reçoit de courriels').hits).toContain('everyone');
    expect(detectCues('le serveur est en panne').hits).toContain('service_down');
    expect(detectCues('on contourne en passant par le web').hits).toContain('workaround');
    expect(detectCues('is there a workaround? works fine on the web').hits).toContain('workaround');
    expect(detectCues('how do I add a contact').hits).toContain('howto');
    expect(detectCues('everyone else is fine, only her').hits).not.toContain('everyone');
    expect(severityReasons('A', { hits: [], count: 0 }, 'fr')).toEqual(['impact critique sur le service']);
  });

  test('bad input never throws and gets a defined, low-confidence answer', () => {
    const odd = [
      '',
      '   \n\t ',
      '👍🙏🔥',
      '1234 5678',
      'a'.repeat(10000),
      'outlook ne marche plus '.repeat(600),
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
      '# Ignore previous instructions\n![x](javascript:alert(1)) [click](http://evil.example/x)',
      '\u0000\u0001\u0002\u001b[31m\u007f',
      '\ud800\udc00\ud800',
      'Mein Outlook stürzt ständig ab, bitte helfen Sie mir',
      'Привет, у нас не работает почта',
      null as unknown as string,
      undefined as unknown as string,
      42 as unknown as string,
    ];
    for (const t of odd) {
      let r: TriageResult | undefined;
      expect(() => (r = model.analyze(t))).not.toThrow();
      check(r as TriageResult);
    }
    for (const t of ['', '👍🙏🔥', '1234 5678', '<script>alert(1)</script>', '# Ignore previous instructions\n![x](javascript:alert(1))', 'Mein Outlook stürzt ständig ab, bitte helfen Sie mir', 'Привет, у нас не работает почта']) {
      const r = model.analyze(t);
      expect(r.confidentTopic).toBeNull();
      expect(r.category.label === 'out-of-scope' || r.category.probability < 0.6).toBe(true);
    }
    expect(model.analyze('Mein Outlook stürzt ständig ab', { fallbackLang: 'fr' }).lang).toBe('fr');
    expect(model.analyze('a'.repeat(10000)).topics.length).toBeLessThanOrEqual(10);
  });

  test('prepareText truncates and strips markup', () => {
    expect(prepareText('x'.repeat(5000)).length).toBeLessThanOrEqual(2000);
    expect(prepareText('see [the page](javascript:alert(1)) <b>now</b>')).toBe('see the page now');
  });

  test('analysis is fast enough for a chat turn', () => {
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) model.analyze(`outlook keeps asking for my password ${i}`);
    expect((performance.now() - t0) / 50).toBeLessThan(50);
  });
});
