import fc from 'fast-check';
import { analyze, analyzeTokens, foldAccents, isStopword, MAX_INPUT_CHARS, normalizeInput, stem, tokenize } from '../../knowledge/text';

describe('tokenize', () => {
  test('keeps accented letters (unlike natural WordTokenizer) and lowercases', () => {
    expect(tokenize('Réinitialiser la BOÎTE à lettres', 'fr')).toEqual(['réinitialiser', 'la', 'boîte', 'à', 'lettres']);
  });

  test('removes French elisions, with straight and typographic apostrophes', () => {
    expect(tokenize("L'ordinateur d'Anne qu'on m'a prêté, j'essaie", 'fr')).toEqual(['ordinateur', 'anne', 'on', 'a', 'prêté', 'essaie']);
    expect(tokenize('l’écran jusqu’à lorsqu’il', 'fr')).toEqual(['écran', 'à', 'il']);
  });

  test('removes English clitics', () => {
    expect(tokenize("the user's mailbox isn't full, we're stuck", 'en')).toEqual(['the', 'user', 'mailbox', 'isn', 'full', 'we', 'stuck']);
    expect(tokenize("can't won't", 'en')).toEqual(['can', 'will']);
  });

  test('joins short-prefix hyphen compounds and splits the others', () => {
    expect(tokenize('e-mail sign-in multi-factor', 'en')).toEqual(['email', 'signin', 'multi', 'factor']);
    expect(tokenize('peut-on le faire-il', 'fr')).toEqual(['peut', 'on', 'le', 'faire', 'il']);
  });

  test('keeps digits and mixed tokens', () => {
    expect(tokenize('Office 365 error 0x8004FC12 on M365', 'en')).toEqual(['office', '365', 'error', '0x8004fc12', 'on', 'm365']);
  });
});

describe('foldAccents / isStopword / stem', () => {
  test('foldAccents removes diacritics and expands ligatures', () => {
    expect(foldAccents('réinitialisé à Noël, cœur, boîte, ça')).toBe('reinitialise a Noel, coeur, boite, ca');
    expect(foldAccents('plain ascii')).toBe('plain ascii');
  });

  test('stop words per language, accent-insensitive', () => {
    expect(isStopword('the', 'en')).toBe(true);
    expect(isStopword('password', 'en')).toBe(false);
    expect(isStopword('les', 'fr')).toBe(true);
    expect(isStopword('être', 'fr')).toBe(true);
    expect(isStopword('etre', 'fr')).toBe(true);
    expect(isStopword('facture', 'fr')).toBe(false);
  });

  test('English Porter stemming', () => {
    expect(stem('passwords', 'en')).toBe(stem('password', 'en'));
    expect(stem('syncing', 'en')).toBe(stem('sync', 'en'));
  });

  test('French stemming gives the same term with or without accents', () => {
    const forms = ['réinitialiser', 'reinitialiser', 'réinitialisé', 'réinitialisée', 'reinitialisee'];
    const stems = new Set(forms.map((f) => stem(f, 'fr')));
    expect(stems.size).toBe(1);
    expect(stem('activée', 'fr')).toBe(stem('activer', 'fr'));
    expect(stem('boîtes', 'fr')).toBe(stem('boite', 'fr'));
  });
});

describe('analyze', () => {
  test('drops stop words, stems, folds accents', () => {
    expect(analyze("J'ai oublié mon mot de passe", 'fr')).toEqual(analyze("j'ai oublie mon mot de passe", 'fr'));
    expect(analyze('I forgot the password', 'en')).toEqual(['forgot', 'password']);
  });

  test('strips HTML and decodes entities', () => {
    expect(analyze('<p>Reset <b>password</b> &amp; <script>x</script>mailbox</p>', 'en')).toEqual(
      analyze('Reset password x mailbox', 'en'),
    );
    expect(normalizeInput('caf&eacute; &#233;t&#xE9;')).toBe('café été');
  });

  test('analyzeTokens keeps the folded surface form', () => {
    expect(analyzeTokens('Réunions annulées', 'fr').map((t) => t.surface)).toEqual(['reunions', 'annulees']);
  });

  test('never throws on empty, emoji-only, control characters, lone surrogates', () => {
    expect(analyze('', 'en')).toEqual([]);
    expect(analyze('😀🎉👍🏽', 'fr')).toEqual([]);
    expect(analyze('\u0000\u0007pass\u0008word\u001b', 'en')).toEqual(['pass', 'word']);
    expect(analyze('\ud800 broken \udc00 surrogates', 'en')).toEqual(['broken', 'surrog']);
    expect(analyze(undefined as unknown as string, 'en')).toEqual([]);
  });

  test('truncates very long input for scoring, fast', () => {
    const long = 'word '.repeat(100_000) + 'needle';
    const t0 = Date.now();
    const terms = analyze(long, 'en');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(terms).not.toContain('needl');
    expect(terms.length).toBeLessThanOrEqual(MAX_INPUT_CHARS / 2);
    expect(analyze(long, 'en', Infinity)).toContain('needl');
  });

  test('property: any string in either language gives an array of non-empty strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('en' as const, 'fr' as const), (s, lang) => {
        const terms = analyze(s, lang);
        return Array.isArray(terms) && terms.every((t) => typeof t === 'string' && t.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});
