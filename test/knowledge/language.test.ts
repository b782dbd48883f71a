import { detectLanguage, LanguageDetector } from '../../knowledge/language';

/** Messages written for this test (not from any evaluation file). */
const CASES: [string, 'en' | 'fr'][] = [
  // 2–4 words
  ['outlook plante', 'fr'],
  ['mail bloqué', 'fr'],
  ['teams down', 'en'],
  ['password reset', 'en'],
  ['mot de passe oublie', 'fr'],
  ['svp aide', 'fr'],
  ['cannot sign in', 'en'],
  ['boite pleine', 'fr'],
  ['mailbox full', 'en'],
  ['facture en double', 'fr'],
  ['installer office', 'fr'],
  ['install office', 'en'],
  ['activer office', 'fr'],
  ['licence manquante', 'fr'],
  ['missing license', 'en'],
  // no accents
  ['impossible de me connecter depuis ce matin', 'fr'],
  ['la reunion teams a plante pour toute l equipe', 'fr'],
  ['mes courriels partent pas', 'fr'],
  ['je recois plus rien depuis hier', 'fr'],
  // franglais
  ['mon outlook crash', 'fr'],
  ['le meeting bug', 'fr'],
  ['mon teams freeze', 'fr'],
  ['le call drop tout le temps', 'fr'],
  ['le share point est down', 'fr'],
  ['on a un souci avec le sync onedrive', 'fr'],
  ['reset mon password svp', 'fr'],
  ['je peux pas login', 'fr'],
  ['le forwarding marche pas', 'fr'],
  // Quebec / Belgian wording
  ['mon courriel marche pu depuis à matin', 'fr'],
  ["ma boîte de courriel est pleine, c'est plate", 'fr'],
  ['le wifi est lent icitte', 'fr'],
  ['nonante personnes sans mail', 'fr'],
  ['septante utilisateurs sans courriel', 'fr'],
  ["j'ai pas de son dans teams pis mon micro marche pas", 'fr'],
  ['mon GSM reçoit plus les mails du bureau', 'fr'],
  // English, with and without typos
  ['my outlook keeps crashing', 'en'],
  ["can't login since this morning", 'en'],
  ['please reset my password', 'en'],
  ['nobody in the office gets email', 'en'],
  ['how do i share my calendar', 'en'],
  ['emails not sending to gmail adresses', 'en'],
];

describe('detectLanguage', () => {
  test.each(CASES)('%s -> %s', (text, lang) => {
    const r = detectLanguage(text);
    expect(r.lang).toBe(lang);
    expect(r.reliable).toBe(true);
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  test.each([
    ['👍👍🙏', 'emoji only'],
    ['12345 678', 'numbers'],
    ['?!...', 'punctuation'],
    ['', 'empty'],
    ['Mein Outlook stürzt ständig ab, bitte helfen', 'German'],
    ['ich kann mich nicht anmelden', 'German'],
    ['mi correo no funciona desde ayer', 'Spanish'],
    ['não consigo acessar meu email', 'Portuguese'],
    ['mijn outlook werkt niet', 'Dutch'],
    ['Привет, не работает почта', 'Cyrillic'],
    ['邮件无法发送', 'Chinese'],
    ['hello bonjour', 'mixed'],
    ['ok', 'no language'],
  ])('%s (%s) is unreliable and follows the fallback', (text) => {
    const en = detectLanguage(text);
    expect(en.reliable).toBe(false);
    expect(en.lang).toBe('en'); // no fallback given: English
    const fr = detectLanguage(text, 'fr');
    expect(fr.reliable).toBe(false);
    expect(fr.lang).toBe('fr'); // the user's last language
  });

  test('a reliable message ignores the fallback', () => {
    expect(detectLanguage('mon outlook plante', 'en').lang).toBe('fr');
    expect(detectLanguage('my outlook crashes', 'fr').lang).toBe('en');
  });

  test('never throws on odd input and is deterministic', () => {
    const odd = ['\u0000\u0007\u001f', '<script>alert(1)</script>', 'a'.repeat(10000), 'é'.repeat(5000), '\ud800', null as unknown as string, 42 as unknown as string];
    for (const t of odd) {
      expect(() => detectLanguage(t)).not.toThrow();
      expect(detectLanguage(t)).toEqual(detectLanguage(t));
    }
  });

  test('a cues-only detector (no trained profile) still tells the grammar words apart', () => {
    const d = LanguageDetector.cuesOnly();
    expect(d.detect('je ne peux pas ouvrir mes fichiers').lang).toBe('fr');
    expect(d.detect('i cannot open my files').lang).toBe('en');
    expect(d.detect('sharepoint onedrive').reliable).toBe(false);
  });

  test('train / toJSON / fromJSON round trip gives the same answers', () => {
    const d = LanguageDetector.train([
      { text: 'bonjour je ne peux pas envoyer de courriels', lang: 'fr' },
      { text: 'hello i cannot send emails', lang: 'en' },
    ]);
    const back = LanguageDetector.fromJSON(JSON.parse(JSON.stringify(d.toJSON())));
    for (const t of ['courriels bloqués', 'emails stuck', 'mon outlook crash']) expect(back.detect(t)).toEqual(d.detect(t));
    expect(() => LanguageDetector.fromJSON({ format: 'nope' })).toThrow(/Invalid language profile/);
  });
});
