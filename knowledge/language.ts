/**
 * Language identification for the bot's two languages (English / French), down to 2–4 word
 * messages, with or without accents, franglais ("mon outlook crash", "le meeting bug") and Quebec or
 * Belgian wording; anything else (emoji, numbers, another language, a mixed message) is flagged
 * `reliable: false` and answered with the caller's fallback (the user's last language, then English).
 *
 * How (transparent and deterministic):
 *   1. Character n-gram naive Bayes. Every word (letters only, lower-cased, accents KEPT: "é", "ç"
 *      are evidence) is padded " word " and cut into 1–4-grams, hashed into 2^16 buckets. Training
 *      (`LanguageDetector.train`, run by knowledge/trainTriage.ts on the training utterances and the
 *      articles, stored in the triage model file) keeps one number per bucket: the smoothed log
 *      ratio log P(gram | fr) - log P(gram | en). A message's NB evidence is the mean of the log
 *      ratios of its n-grams times a damping factor (n-grams of one word are not independent).
 *   2. Function-word cues: le/la/les/des/est/pas/je/mon/ne/svp/j'/l'/qu' vs the/is/my/can't/please/
 *      n't/'s, each worth a fixed log-odds, added to the NB evidence. They decide franglais, where
 *      the content words are English product names and the grammar is French.
 *   3. Reliability: no letters at all (emoji, numbers, punctuation); function words of another
 *      language (German, Spanish, Italian, Portuguese, Dutch) or a non-Latin script outweighing the
 *      English/French evidence; most content words unknown to the training vocabulary (a hashed
 *      bitset, stored with the profile); a mixed message (strong cues of both languages); or a
 *      total evidence too weak to decide -> `reliable: false`, `lang` = fallback ?? 'en'.
 * Without a trained profile (no model file), the cues alone decide (still deterministic).
 *
 * Never throws. Only I/O: the lazy, read-only load of the default profile from the model file by
 * `detectLanguage` (tests and the bot can inject one with `setDefaultLanguageDetector`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { normalizeInput } from './text';

export type DetectedLang = 'en' | 'fr';

export interface LanguageResult {
  lang: DetectedLang;
  /** Probability of `lang` (0.5..1) when reliable; the evidence-based probability otherwise. */
  confidence: number;
  reliable: boolean;
}

/** Characters looked at (a long paste costs the same as 1,000 characters). */
const MAX_CHARS = 1000;
const BUCKET_BITS = 16;
const BUCKETS = 1 << BUCKET_BITS;
const VOCAB_BITS = 18;
const VOCAB_SIZE = 1 << VOCAB_BITS;
/** Damping of a word's summed n-gram evidence (its n-grams are far from independent). */
const NB_SCALE = 0.35;
/** Scale of a known word's document-frequency log ratio. */
const WORD_SCALE = 1;
/** A content word's evidence is clipped to ±WORD_CLIP log-odds. */
const WORD_CLIP = 2.5;
/** Log-odds worth of one function-word cue. */
const CUE_WEIGHT = 4;
/** Log-odds worth of a content word with French letters (é, è, ç, à...), at most two counted. */
const ACCENT_WEIGHT = 1.5;
/** Below this |total log-odds|, the message does not decide. */
const MIN_EVIDENCE = 1;
const FRENCH_LETTERS = /[éèêëàâçùûüôîïœ]/;

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

// ---------------------------------------------------------------------------------------------
// Cue lexicons (written from knowledge of both languages; accent-folded, lower-case)

/** Words that are French and (practically) never English, in support messages. */
const FR_WORDS = new Set(
  (
    'le la les des du un une est sont pas je tu il elle ils elles nous vous mon ma mes ton ta tes notre nos votre vos leur leurs ' +
    'ne plus svp stp merci bonjour bonsoir salut allo avec pour sur dans au aux et ou mais quand comment pourquoi quoi qui que quel quelle quels quelles ' +
    'ce cette ces ca cela ceci depuis encore deja rien tout tous toute toutes moi toi lui chez aussi tres trop bien oui non alors donc aucun aucune ' +
    'etre avoir ai avons avez ont fait faire peux peut pouvez faut doit dois veux voudrais marche fonctionne plante bloque recois envoie ' +
    'est-ce quelqu quelque jamais toujours hier demain matin soir semaine mois depuis entre sans sous vers apres avant ici icitte pu pis ben tsé ' +
    'beaucoup personne chaque meme autre autres celui celle mot passe boite courriel courriels ordi ordinateur reunion reunions equipe utilisateur utilisateurs ' +
    'aide aidez besoin probleme souci erreur abonnement facture forfait essai compte partage fichier fichiers'
  )
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => fold(w)),
);

/** Words that are English and (practically) never French. */
const EN_WORDS = new Set(
  (
    'the is are was were my our your their his her its i im ive id we you they it this that these those can cant cannot dont doesnt didnt ' +
    'wont isnt arent wasnt not and or but with for from to of in at by please pls plz thanks thank thx hi hello hey how what why when where which who ' +
    'does do did have has had been be will would could any all some there here after before since anyone anymore keeps keep get got getting ' +
    'just still again every everyone nobody nothing something someone anybody need needs want shows showing says said ' +
    'out up off into about over only also other same new old one two yesterday today morning month doesn youre theyre whats ' +
    'anyway though because while without already why wrong right able unable should shouldnt couldnt wouldnt lets thats theres'
  ).split(/\s+/),
);

/** Function words of other languages the bot may receive (never English or French words). */
const OTHER_WORDS = new Set(
  (
    // German
    'ich nicht und der das ist mein meine bitte kann keine kein funktioniert haben wir mit auf fur ein eine einen nach bei wie oder aber auch noch schon immer ' +
    'habe wird werden sind geht mehr heute seit unser unsere danke hallo gibt dem den zum zur uber warum kann konnen' +
    // Spanish
    ' los las por para pero gracias hola tengo funciona puedo esta estoy muy tambien ayuda porque cuando donde nuestro nuestra usted hace desde ' +
    'correo cuenta contrasena nadie todos ningun' +
    // Italian
    ' della dello delle sono grazie ciao posso perche anche mio mia questo questa che gli nostro nostra funziona funzionano ancora aiuto ' +
    // Portuguese
    ' nao obrigado obrigada meu minha voce com uma senha nosso nossa tambem esta' +
    // Dutch
    ' het een niet mijn werkt bedankt ik wij voor ook maar geen wel zijn hebben wordt kunnen'
  )
    .split(/\s+/)
    .filter(Boolean),
);
// A few words above are also French or English: they must never count as foreign.
for (const w of ['est', 'que', 'mon', 'une', 'on', 'me', 'de', 'la', 'en', 'il', 'non', 'a', 'die', 'so', 'in', 'an', 'van', 'con', 'dat']) OTHER_WORDS.delete(w);
for (const w of FR_WORDS) OTHER_WORDS.delete(w);
for (const w of EN_WORDS) OTHER_WORDS.delete(w);

/** Chat words used alike in both languages: no evidence either way. */
const NEUTRAL_WORDS = new Set(['ok', 'okay', 'lol', 'yo', 'test', 'vs', 'etc', 'ps', 'cc', 'fyi', 'asap', 'wtf', 'omg']);

/**
 * Determiners: an English-looking noun after a French one is a borrowing ("le meeting", "mon
 * outlook"), not evidence of English, and the other way round ("my courriel" is not French).
 */
const FR_DETERMINERS = new Set(['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'sa', 'ses', 'notre', 'nos', 'votre', 'vos', 'leur', 'leurs', 'ce', 'cet', 'cette', 'ces', 'au', 'aux']);
const EN_DETERMINERS = new Set(['the', 'my', 'our', 'your', 'their', 'his', 'her', 'this', 'these', 'those', 'its']);

/** French elided prefixes ("l'", "j'", "qu'") and English clitics ("'s", "n't") are cues too. */
const FR_ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)$/;
const EN_CLITIC = /^(?:s|t|re|ve|ll|d|m)$/;

// ---------------------------------------------------------------------------------------------
// Hashing

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Bucket ids of the 1–4-grams of " word ". */
function gramBuckets(word: string, out: number[]): void {
  const padded = ` ${word} `;
  const n = padded.length;
  for (let len = 1; len <= 4; len++) {
    for (let i = 0; i + len <= n; i++) {
      const g = padded.slice(i, i + len);
      if (g === ' ') continue;
      out.push(fnv(len + g) & (BUCKETS - 1));
    }
  }
}


interface Tokens {
  /** Lower-case words, accents kept, apostrophe parts split. */
  words: string[];
  /** Same, folded. */
  folded: string[];
  /** The word follows a French / English determiner ("le meeting", "mon outlook", "the courriel"). */
  afterFr: boolean[];
  afterEn: boolean[];
  frCues: number;
  enCues: number;
  otherCues: number;
  /** Letters in scripts other than Latin. */
  otherScript: number;
  latinLetters: number;
}

const WORD_RE = /[\p{L}]+(?:['’‘ʼ][\p{L}]+)*/gu;

function tokens(text: unknown): Tokens {
  const clean = normalizeInput(typeof text === 'string' ? text : '', MAX_CHARS).toLowerCase();
  const words: string[] = [];
  const folded: string[] = [];
  const afterFr: boolean[] = [];
  const afterEn: boolean[] = [];
  let prev = '';
  let frCues = 0;
  let enCues = 0;
  let otherCues = 0;
  let otherScript = 0;
  let latinLetters = 0;
  for (const ch of clean) {
    if (/\p{L}/u.test(ch)) {
      if (/\p{Script=Latin}/u.test(ch)) latinLetters++;
      else otherScript++;
    }
  }
  const seenCue = new Map<string, number>();
  const cue = (key: string) => {
    // The same cue word counts at most twice ("le ... le ... le" is not three times the evidence).
    const n = (seenCue.get(key) ?? 0) + 1;
    seenCue.set(key, n);
    return n <= 2;
  };
  for (const m of clean.matchAll(WORD_RE)) {
    const raw = m[0];
    const parts = raw.split(/['’‘ʼ]/);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p) continue;
      if (!/\p{Script=Latin}/u.test(p)) continue;
      const f = fold(p);
      if (parts.length > 1) {
        if (i < parts.length - 1 && FR_ELISION.test(f)) {
          if (cue(`fr'${f}`)) frCues++;
          prev = f;
          continue;
        }
        if (i > 0 && EN_CLITIC.test(f)) {
          if (cue(`en'${f}`)) enCues++;
          continue;
        }
        if (i === parts.length - 1 && f === 't' && parts[i - 1]?.endsWith('n')) {
          if (cue("en'nt")) enCues++;
          continue;
        }
      }
      words.push(p);
      folded.push(f);
      afterFr.push(FR_DETERMINERS.has(prev));
      afterEn.push(EN_DETERMINERS.has(prev));
      prev = f;
      if (FR_WORDS.has(f)) {
        if (cue(f)) frCues++;
      } else if (EN_WORDS.has(f)) {
        if (cue(f)) enCues++;
      } else if (OTHER_WORDS.has(f)) {
        if (cue(f)) otherCues++;
      }
    }
  }
  return { words, folded, afterFr, afterEn, frCues, enCues, otherCues, otherScript, latinLetters };
}

// ---------------------------------------------------------------------------------------------
// Detector

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be a base64 string');

export const languageProfileSchema = z.object({
  format: z.literal('language-nb'),
  version: z.literal(1),
  bucketBits: z.literal(BUCKET_BITS),
  vocabBits: z.literal(VOCAB_BITS),
  /** log P(fr)/P(en) prior. */
  prior: z.number().finite(),
  /** Float32 log-ratio per bucket, base64. */
  logRatio: b64,
  /** Bitset of the folded words (length >= 3) seen in training, base64. */
  vocab: b64,
  /** Float32 log-ratio of document frequencies per hashed folded word (2^vocabBits... folded to 2^bucketBits), base64. */
  wordRatio: b64,
});
export type LanguageProfile = z.infer<typeof languageProfileSchema>;

export interface LanguageSample {
  text: string;
  lang: DetectedLang;
}

export class LanguageDetector {
  private constructor(
    private readonly prior: number,
    private readonly logRatio: Float32Array | null,
    private readonly vocab: Uint8Array | null,
    private readonly wordRatio: Float32Array | null,
  ) {}

  /** A detector that uses the function-word cues only (no trained profile). */
  static cuesOnly(): LanguageDetector {
    return new LanguageDetector(0, null, null, null);
  }

  /** Counts n-grams per language (add-0.5 smoothing); deterministic. */
  static train(samples: LanguageSample[]): LanguageDetector {
    const counts = { en: new Float64Array(BUCKETS), fr: new Float64Array(BUCKETS) };
    const totals = { en: 0, fr: 0 };
    const docs = { en: 0, fr: 0 };
    const vocab = new Uint8Array(VOCAB_SIZE / 8);
    const wordDf = { en: new Float64Array(BUCKETS), fr: new Float64Array(BUCKETS) };
    for (const s of samples) {
      if (!s || (s.lang !== 'en' && s.lang !== 'fr') || typeof s.text !== 'string') continue;
      const t = tokens(s.text);
      docs[s.lang]++;
      const buckets: number[] = [];
      for (const w of t.words) gramBuckets(w, buckets);
      for (const b of buckets) counts[s.lang][b]++;
      totals[s.lang] += buckets.length;
      for (const f of t.folded) {
        if (f.length < 3) continue;
        const h = fnv(`v${f}`) & (VOCAB_SIZE - 1);
        vocab[h >> 3] |= 1 << (h & 7);
      }
      for (const f of new Set(t.folded)) wordDf[s.lang][fnv(`w${f}`) & (BUCKETS - 1)]++;
    }
    const alpha = 0.5;
    const logRatio = new Float32Array(BUCKETS);
    const denFr = totals.fr + alpha * BUCKETS;
    const denEn = totals.en + alpha * BUCKETS;
    for (let b = 0; b < BUCKETS; b++) {
      logRatio[b] = Math.log((counts.fr[b] + alpha) / denFr) - Math.log((counts.en[b] + alpha) / denEn);
    }
    // Word level: smoothed log ratio of document frequencies (a product name used in both
    // languages, "outlook", gets ~0 whatever its letters look like); 0 for unseen words.
    const wordRatio = new Float32Array(BUCKETS);
    for (let b = 0; b < BUCKETS; b++) {
      const fr = wordDf.fr[b];
      const en = wordDf.en[b];
      if (fr + en < 2) continue;
      wordRatio[b] = Math.log((fr + 0.5) / (docs.fr + 1)) - Math.log((en + 0.5) / (docs.en + 1));
    }
    // Equal priors: the fallback, not the training mix, decides when nothing else does.
    return new LanguageDetector(0, logRatio, vocab, wordRatio);
  }

  toJSON(): LanguageProfile {
    if (!this.logRatio || !this.vocab || !this.wordRatio) throw new Error('LanguageDetector.toJSON: a cues-only detector has no profile');
    return {
      format: 'language-nb',
      version: 1,
      bucketBits: BUCKET_BITS,
      vocabBits: VOCAB_BITS,
      prior: this.prior,
      logRatio: Buffer.from(this.logRatio.buffer, this.logRatio.byteOffset, this.logRatio.byteLength).toString('base64'),
      vocab: Buffer.from(this.vocab).toString('base64'),
      wordRatio: Buffer.from(this.wordRatio.buffer, this.wordRatio.byteOffset, this.wordRatio.byteLength).toString('base64'),
    };
  }

  static fromJSON(data: unknown): LanguageDetector {
    const parsed = languageProfileSchema.safeParse(data);
    if (!parsed.success) {
      throw new Error(`Invalid language profile: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    const floats = (name: 'logRatio' | 'wordRatio'): Float32Array => {
      const buf = Buffer.from(parsed.data[name], 'base64');
      if (buf.byteLength !== BUCKETS * 4) throw new Error(`Invalid language profile: ${name} has ${buf.byteLength / 4} values, expected ${BUCKETS}`);
      const arr = new Float32Array(BUCKETS);
      new Uint8Array(arr.buffer).set(buf);
      for (let i = 0; i < BUCKETS; i++) if (!Number.isFinite(arr[i])) throw new Error(`Invalid language profile: ${name}[${i}] is not finite`);
      return arr;
    };
    const vocabBuf = Buffer.from(parsed.data.vocab, 'base64');
    if (vocabBuf.byteLength !== VOCAB_SIZE / 8) throw new Error('Invalid language profile: vocab has the wrong size');
    return new LanguageDetector(parsed.data.prior, floats('logRatio'), new Uint8Array(vocabBuf), floats('wordRatio'));
  }

  /** The evidence behind a decision (for tests and debugging). */
  explain(text: unknown): { nb: number; cues: number; frCues: number; enCues: number; otherCues: number; knownFraction: number | null; logOdds: number } {
    return this.evidence(tokens(text));
  }

  private evidence(t: Tokens): { nb: number; cues: number; frCues: number; enCues: number; otherCues: number; knownFraction: number | null; logOdds: number } {
    // Content words (not cue words): each word's damped n-gram evidence, clipped, so that two
    // English product names cannot outvote the French grammar around them ("le meeting bug").
    let nb = 0;
    let accents = 0;
    const buckets: number[] = [];
    for (let i = 0; i < t.words.length; i++) {
      const f = t.folded[i];
      if (FR_WORDS.has(f) || EN_WORDS.has(f) || OTHER_WORDS.has(f) || NEUTRAL_WORDS.has(f)) continue;
      if (FRENCH_LETTERS.test(t.words[i])) accents++;
      if (!this.logRatio || !this.wordRatio) continue;
      const w = this.wordRatio[fnv(`w${f}`) & (BUCKETS - 1)];
      let v: number;
      if (w !== 0) {
        v = WORD_SCALE * w;
      } else {
        buckets.length = 0;
        gramBuckets(t.words[i], buckets);
        let sum = 0;
        for (const b of buckets) sum += this.logRatio[b];
        v = NB_SCALE * sum;
      }
      if (t.afterFr[i]) v = Math.max(0, v);
      if (t.afterEn[i]) v = Math.min(0, v);
      nb += Math.max(-WORD_CLIP, Math.min(WORD_CLIP, v));
    }
    const cues = CUE_WEIGHT * (t.frCues - t.enCues) + ACCENT_WEIGHT * Math.min(2, accents);
    let knownFraction: number | null = null;
    if (this.vocab) {
      const content = t.folded.filter((f) => f.length >= 3);
      if (content.length) {
        let known = 0;
        for (const f of content) {
          const h = fnv(`v${f}`) & (VOCAB_SIZE - 1);
          if (this.vocab[h >> 3] & (1 << (h & 7)) || FR_WORDS.has(f) || EN_WORDS.has(f)) known++;
        }
        knownFraction = known / content.length;
      }
    }
    return { nb, cues, frCues: t.frCues, enCues: t.enCues, otherCues: t.otherCues, knownFraction, logOdds: this.prior + nb + cues };
  }

  /**
   * True when the message is most likely in another language or script (German, Spanish,
   * Cyrillic...): function words of another language outweigh ours, or most letters are not Latin.
   */
  isForeign(text: unknown): boolean {
    try {
      const t = tokens(text);
      if (t.otherScript > t.latinLetters) return true;
      if (t.words.length === 0) return false;
      const e = this.evidence(t);
      const ours = Math.max(t.frCues, t.enCues);
      if (t.otherCues >= 2 && t.otherCues >= ours) return true;
      const contentWords = t.folded.filter((f) => f.length >= 3).length;
      return t.otherCues >= 1 && ours === 0 && (e.knownFraction ?? 1) < 0.5 && contentWords >= 2;
    } catch {
      return false;
    }
  }

  detect(text: unknown, fallback?: DetectedLang): LanguageResult {
    const fb: DetectedLang = fallback === 'fr' || fallback === 'en' ? fallback : 'en';
    let t: Tokens;
    let e: ReturnType<LanguageDetector['explain']>;
    try {
      t = tokens(text);
      e = this.evidence(t);
    } catch {
      return { lang: fb, confidence: 0.5, reliable: false };
    }
    const p = 1 / (1 + Math.exp(-e.logOdds)); // P(fr)
    const lean: DetectedLang = e.logOdds >= 0 ? 'fr' : 'en';
    const leanConfidence = lean === 'fr' ? p : 1 - p;
    const unreliable = (): LanguageResult => ({ lang: fb, confidence: fb === lean ? leanConfidence : 1 - leanConfidence, reliable: false });
    // No Latin letters at all: emoji, numbers, punctuation, another script.
    if (t.words.length === 0) return { lang: fb, confidence: 0.5, reliable: false };
    // Mostly another script (Cyrillic, CJK, Arabic...).
    if (t.otherScript > t.latinLetters) return unreliable();
    // Another language's function words outweigh ours.
    const ours = lean === 'fr' ? t.frCues : t.enCues;
    if (t.otherCues >= 2 && t.otherCues >= ours) return unreliable();
    if (t.otherCues >= 1 && ours === 0 && (e.knownFraction ?? 1) < 0.5) return unreliable();
    // Most content words never seen in either language, and no grammar word of ours.
    const contentWords = t.folded.filter((f) => f.length >= 3).length;
    if (e.knownFraction !== null && contentWords >= 3 && e.knownFraction < 0.4 && ours === 0) return unreliable();
    // Mixed: cues of both languages, and the total does not clearly pick one.
    if (t.frCues >= 1 && t.enCues >= 1 && Math.abs(e.logOdds) < CUE_WEIGHT) return unreliable();
    // Too little evidence either way (product names only, "ok", "outlook teams").
    if (Math.abs(e.logOdds) < MIN_EVIDENCE) return unreliable();
    return { lang: lean, confidence: leanConfidence, reliable: true };
  }
}

// ---------------------------------------------------------------------------------------------
// Default detector

/** Where the trained profile lives (the "language" member of the triage model file). */
export const DEFAULT_LANGUAGE_MODEL_PATH = path.join(__dirname, 'model', 'triage-model.json');

let defaultDetector: LanguageDetector | undefined;

/** Makes `detectLanguage` use this detector (e.g. the one of a loaded triage model). */
export function setDefaultLanguageDetector(detector: LanguageDetector | undefined): void {
  defaultDetector = detector;
}

function getDefaultDetector(): LanguageDetector {
  if (defaultDetector) return defaultDetector;
  try {
    const data = JSON.parse(fs.readFileSync(DEFAULT_LANGUAGE_MODEL_PATH, 'utf8')) as { language?: unknown };
    defaultDetector = LanguageDetector.fromJSON(data.language);
  } catch {
    defaultDetector = LanguageDetector.cuesOnly();
  }
  return defaultDetector;
}

/**
 * Tags a message English or French. Mixed or unknown input (emoji, numbers, another language)
 * gives `reliable: false` and `fallback` (the user's last language), else English.
 */
export function detectLanguage(text: string, fallback?: DetectedLang): LanguageResult {
  return getDefaultDetector().detect(text, fallback);
}
