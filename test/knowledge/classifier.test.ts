import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { TextClassifier, tokenize, type LabelledText } from '../../knowledge/classifier';

/** Six intents, English and French (with accents), and held-out phrasings of each. */
const TRAIN: Record<string, string[]> = {
  reset_password: [
    'i forgot my password',
    'how do i reset my password',
    'my password expired and i cannot log in',
    'reset my login password please',
    "j'ai oublié mon mot de passe",
    'comment réinitialiser mon mot de passe',
    'mon mot de passe a expiré, je ne peux plus me connecter',
    'réinitialisez mon mot de passe svp',
  ],
  invoice: [
    'i need a copy of my invoice',
    'where can i download last month invoice',
    'the invoice amount is wrong',
    'send me the invoice for my order',
    "j'ai besoin d'une copie de ma facture",
    'où télécharger la facture du mois dernier',
    'le montant de la facture est erroné',
    'envoyez-moi la facture de ma commande',
  ],
  cancel_subscription: [
    'i want to cancel my subscription',
    'how do i stop my plan',
    'please terminate my contract',
    'cancel the subscription at the end of the month',
    'je veux résilier mon abonnement',
    'comment arrêter mon forfait',
    'merci de mettre fin à mon contrat',
    "annuler l'abonnement à la fin du mois",
  ],
  install_software: [
    'how do i install the app on my laptop',
    'the installer fails on windows',
    'setup of the software does not finish',
    'where is the installation guide',
    "comment installer l'application sur mon ordinateur",
    "l'installateur échoue sous windows",
    "l'installation du logiciel ne se termine pas",
    "où est le guide d'installation",
  ],
  greeting: [
    'hello',
    'hi there',
    'good morning',
    'hey, how are you',
    'bonjour',
    'salut',
    'bonsoir à tous',
    'coucou, ça va',
  ],
  network_outage: [
    'the internet is down in the office',
    'no network connection since this morning',
    'wifi keeps disconnecting',
    'we lost internet access',
    'internet ne fonctionne plus au bureau',
    'plus de connexion réseau depuis ce matin',
    'le wifi se déconnecte sans arrêt',
    "nous avons perdu l'accès à internet",
  ],
};

const HELD_OUT: [string, string][] = [
  ['I have forgotten my password, can you reset it?', 'reset_password'],
  ['Mot de passe oublié, aidez-moi à le réinitialiser', 'reset_password'],
  ['Can I get the invoice for March?', 'invoice'],
  ['La facture de mars est fausse', 'invoice'],
  ['Please cancel my subscription now', 'cancel_subscription'],
  ['Je souhaite résilier mon abonnement immédiatement', 'cancel_subscription'],
  ['The installation of the app fails on my new laptop', 'install_software'],
  ["Impossible d'installer le logiciel sur mon ordinateur", 'install_software'],
  ['Hello, good morning!', 'greeting'],
  ['Bonjour à tous', 'greeting'],
  ['Internet is down again and the wifi keeps dropping', 'network_outage'],
  ['Le réseau wifi ne fonctionne plus depuis ce matin', 'network_outage'],
];

const EXAMPLES: LabelledText[] = Object.entries(TRAIN).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

describe('TextClassifier on a small bilingual task', () => {
  let model: TextClassifier;
  beforeAll(() => {
    model = TextClassifier.train(EXAMPLES);
  });

  it('tokenises with accents folded and French elision split', () => {
    expect(tokenize("L'Installation a ÉCHOUÉ, réessayez…")).toEqual(['l', 'installation', 'a', 'echoue', 'reessayez']);
  });

  it('knows its labels', () => {
    expect([...model.labels].sort()).toEqual(Object.keys(TRAIN).sort());
  });

  it('predicts held-out English and French phrasings', () => {
    const wrong = HELD_OUT.filter(([text, label]) => model.predict(text).label !== label);
    expect(wrong).toEqual([]);
  });

  it('returns a ranked probability distribution', () => {
    const p = model.predict('comment réinitialiser le mot de passe');
    expect(p.ranked).toHaveLength(model.labels.length);
    expect(p.ranked[0]).toEqual({ label: p.label, probability: p.confidence });
    const sum = p.ranked.reduce((s, r) => s + r.probability, 0);
    expect(sum).toBeCloseTo(1, 6);
    for (let i = 1; i < p.ranked.length; i++) expect(p.ranked[i].probability).toBeLessThanOrEqual(p.ranked[i - 1].probability);
    expect(model.predict('reset password', 2).ranked).toHaveLength(2);
  });

  it('is confident on clear inputs and not on gibberish, empty or emoji-only text', () => {
    const clear = HELD_OUT.map(([text]) => model.predict(text).confidence);
    const meanClear = clear.reduce((a, b) => a + b, 0) / clear.length;
    expect(meanClear).toBeGreaterThan(0.6);
    // Featureless text gets the label prior (uniform here).
    expect(model.predict('').confidence).toBeCloseTo(1 / 6, 5);
    expect(model.predict('😀🎉👍').confidence).toBeCloseTo(1 / 6, 5);
    for (const junk of ['', '   ', '😀🎉👍', '!!!???', 'xqzvbk wplmrt zzyqj', '\u0000\u0007\u001b[31m']) {
      const p = model.predict(junk);
      expect(p.confidence).toBeLessThan(0.5);
      expect(p.confidence).toBeLessThan(meanClear - 0.25);
    }
  });

  it('never throws, and always returns a probability distribution, on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const p = model.predict(s);
        const sum = p.ranked.reduce((a, r) => a + r.probability, 0);
        return model.labels.includes(p.label) && p.confidence >= 0 && p.confidence <= 1 && Math.abs(sum - 1) < 1e-6;
      }),
      { numRuns: 200, seed: 1 },
    );
    expect(() => model.predict(null as unknown as string)).not.toThrow();
    expect(() => model.predict(undefined as unknown as string)).not.toThrow();
  });

  it('handles 10,000 characters, HTML and control characters quickly', () => {
    const long = 'my password expired <b>please</b> help\u0000\u0008 '.repeat(250).slice(0, 10000);
    expect(long.length).toBe(10000);
    const t0 = Date.now();
    const p = model.predict(long);
    expect(Date.now() - t0).toBeLessThan(100);
    expect(p.label).toBe('reset_password');
    expect(model.predict('<div class="x"><p>Bonjour</p></div>').label).toBe('greeting');
  });

  it('serialises to JSON and back with identical predictions', () => {
    const json = JSON.parse(JSON.stringify(model.toJSON())) as unknown;
    const copy = TextClassifier.fromJSON(json);
    expect(copy.labels).toEqual(model.labels);
    for (const text of [...HELD_OUT.map(([t]) => t), '', '😀', 'xqzv']) {
      expect(copy.predict(text)).toEqual(model.predict(text));
    }
  });

  it('rejects corrupted serialised data with a clear error', () => {
    const good = model.toJSON();
    expect(() => TextClassifier.fromJSON(null)).toThrow(/Invalid classifier JSON/);
    expect(() => TextClassifier.fromJSON({ ...good, format: 'other' })).toThrow(/format/);
    expect(() => TextClassifier.fromJSON({ ...good, labels: 'a,b' })).toThrow(/labels/);
    const truncated = { ...good, members: [{ ...good.members[0], w2: good.members[0].w2.slice(0, 400) }] };
    expect(() => TextClassifier.fromJSON(truncated)).toThrow(/members\.0\.w2 has \d+ values, expected \d+/);
    expect(() => TextClassifier.fromJSON({ ...good, idf: '%%%' })).toThrow(/idf: must be a base64 string/);
    expect(() => TextClassifier.fromJSON({ ...good, labels: [...good.labels, 'extra'] })).toThrow(/expected/);
    const nan = Buffer.from(new Float32Array([NaN]).buffer).toString('base64');
    const b2 = Buffer.from(good.members[0].b2, 'base64');
    Buffer.from(nan, 'base64').copy(b2, 0);
    expect(() => TextClassifier.fromJSON({ ...good, members: [{ ...good.members[0], b2: b2.toString('base64') }] })).toThrow(/not a finite number/);
  });

  it('trains deterministically', () => {
    const again = TextClassifier.train(EXAMPLES);
    expect(again.toJSON()).toEqual(model.toJSON());
    const otherSeed = TextClassifier.train(EXAMPLES, { seed: 7 });
    expect(otherSeed.toJSON().members[0].w2).not.toEqual(model.toJSON().members[0].w2);
  });

  it('honours per-example weights', () => {
    const base: LabelledText[] = [
      { text: 'apple banana', label: 'fruit' },
      { text: 'cherry grape', label: 'fruit' },
      { text: 'carrot potato', label: 'veg' },
      { text: 'onion leek', label: 'veg' },
    ];
    const tieA = TextClassifier.train([...base, { text: 'tomato', label: 'fruit', weight: 5 }, { text: 'tomato', label: 'veg', weight: 1 }]);
    const tieB = TextClassifier.train([...base, { text: 'tomato', label: 'fruit', weight: 1 }, { text: 'tomato', label: 'veg', weight: 5 }]);
    expect(tieA.predict('tomato').label).toBe('fruit');
    expect(tieB.predict('tomato').label).toBe('veg');
  });

  it('also offers the linear (softmax regression) model', () => {
    const linear = TextClassifier.train(EXAMPLES, { hidden: 0 });
    const correct = HELD_OUT.filter(([text, label]) => linear.predict(text).label === label).length;
    expect(correct).toBeGreaterThanOrEqual(HELD_OUT.length - 1);
    const copy = TextClassifier.fromJSON(JSON.parse(JSON.stringify(linear.toJSON())));
    expect(copy.predict(HELD_OUT[0][0])).toEqual(linear.predict(HELD_OUT[0][0]));
  });

  it('refuses to train on nothing usable', () => {
    expect(() => TextClassifier.train([])).toThrow(/no usable/);
    expect(() => TextClassifier.train([{ text: 'x', label: '' }])).toThrow(/no usable/);
    expect(() => TextClassifier.train(EXAMPLES, { hidden: -1 })).toThrow(/invalid options/);
  });
});

// CLINC150 lives in ../shared next to the repo (here and in CI).
const CLINC_PATH = path.resolve(__dirname, '../../../shared/datasets/clinc150/data_full.json');
const haveClinc = fs.existsSync(CLINC_PATH);

// Like the other tests that read ../shared, it says in one line that it skipped when the data is
// not beside the repository (a clone elsewhere); CI always has it.
if (!haveClinc) console.warn(`CLINC150 quality floor skipped: no dataset at ${CLINC_PATH}`);
(haveClinc ? describe : describe.skip)('TextClassifier quality floor on a CLINC150 subset', () => {

  it('learns 30 intents from their train utterances and classifies their test utterances', () => {
    const data = JSON.parse(fs.readFileSync(CLINC_PATH, 'utf8')) as Record<string, [string, string][]>;
    const intents = [...new Set(data.train.map(([, l]) => l))].sort().filter((_, i) => i % 5 === 0);
    expect(intents).toHaveLength(30);
    const keep = new Set(intents);
    const train = data.train.filter(([, l]) => keep.has(l)).map(([text, label]) => ({ text, label }));
    const test = data.test.filter(([, l]) => keep.has(l));
    const t0 = Date.now();
    const model = TextClassifier.train(train);
    const trainMs = Date.now() - t0;
    const correct = test.filter(([text, label]) => model.predict(text, 1).label === label).length;
    const accuracy = correct / test.length;
    // Measured 0.986 (seeds 42, 1, 2; ~4 s to train); the floor sits a few points under it.
    expect(accuracy).toBeGreaterThan(0.95);
    expect(trainMs).toBeLessThan(30000);
  }, 60000);
});
