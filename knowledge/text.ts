/**
 * Language-aware text analysis shared by the article search and (later) other models.
 *
 * Pipeline of `analyze(text, lang)`:
 *   1. `normalizeInput`: keep the first MAX_INPUT_CHARS characters, drop HTML tags/entities and
 *      control characters, Unicode NFC.
 *   2. `tokenize`: Unicode-aware (`\p{L}`/`\p{N}` runs, so "réinitialiser" stays one token, unlike
 *      natural's WordTokenizer which drops accented letters), lowercased, French elisions removed
 *      (l', d', qu', j', jusqu'...), English clitics removed ('s, n't, 're...), typographic
 *      apostrophes handled, short-prefix hyphen compounds joined ("e-mail" -> "email").
 *   3. stop words per language (natural's English and French lists plus a few chat fillers),
 *      compared after accent folding.
 *   4. `stem`: natural's PorterStemmer (en) / PorterStemmerFr (fr) applied to the accent-folded
 *      token, so "réinitialisé", "reinitialise" and "réinitialiser" give the same term whether or
 *      not the user typed accents. A few post-rules fix what the French stemmer misses on folded
 *      forms (final -e of past participles: "activée" -> "activ").
 *
 * Never throws: empty, emoji-only, HTML or control-character input gives `[]` or the terms found.
 */
export type Lang = 'en' | 'fr';

/** Longer input is truncated before scoring (a pasted log must not cost seconds). */
export const MAX_INPUT_CHARS = 2000;
/** Tokens longer than this are cut (base64 blobs, URLs without separators...). */
export const MAX_TOKEN_CHARS = 40;

interface StemmerLike {
  stem(token: string): string;
}
// natural's stemmers are required by path: loading the whole `natural` index costs ~0.5 s at start-up.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const EN_STEMMER: StemmerLike = require('natural/lib/natural/stemmers/porter_stemmer');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FR_STEMMER: StemmerLike = require('natural/lib/natural/stemmers/porter_stemmer_fr');

// natural exports the English list from its index; the French list is only reachable by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NATURAL_EN_STOPWORDS: string[] = require('natural/lib/natural/util/stopwords').words;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NATURAL_FR_STOPWORDS: string[] = require('natural/lib/natural/util/stopwords_fr').words;

/** Removes diacritics: "réinitialisé" -> "reinitialise", "boîte" -> "boite", "ça" -> "ca". */
export function foldAccents(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return text;
  // NFD splits letters from combining marks; ligatures are expanded by hand.
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œŒ]/g, (c) => (c === 'œ' ? 'oe' : 'OE'))
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .replace(/ß/g, 'ss')
    .normalize('NFC');
}

const FOLD_CACHE = new Map<string, string>();

/** `foldAccents` for single tokens, cached (index building folds millions of tokens). */
function foldToken(token: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(token)) return token;
  let folded = FOLD_CACHE.get(token);
  if (folded === undefined) {
    folded = foldAccents(token);
    if (FOLD_CACHE.size >= 100_000) FOLD_CACHE.clear();
    FOLD_CACHE.set(token, folded);
  }
  return folded;
}

const EXTRA_STOPWORDS: Record<Lang, string[]> = {
  en: [
    'hi', 'hello', 'hey', 'please', 'pls', 'plz', 'thanks', 'thank', 'thx', 'ty', 'regards', 'dear',
    'im', 'ive', 'id', 'ill', 'dont', 'doesnt', 'didnt', 'cant', 'wont', 'isnt', 'arent', 'wasnt',
    'not', 'no', 'will', 'just', 'any', 'anyone', 'someone', 'something', 'us', 'ok', 'okay',
    'am', 'an', 'the', 'would', 'could', 'there', 'theres', 'yes', 'also', 'etc', 'eg', 'ie',
    'll', 've', 're', 'don', 'doesn', 'didn', 'isn', 'wasn', 'aren', 'won', 'couldn', 'shouldn',
    // Question and chat filler: "is it possible to...", "I'd like to...", "anyone know a way..."
    'possible', 'possibly', 'possibility', 'want', 'wanted', 'wants', 'wanna', 'know', 'knows', 'sure',
    'somehow', 'anything', 'everything', 'ever', 'really', 'actually', 'maybe', 'perhaps', 'else',
    'able', 'unable', 'anybody', 'somebody', 'anyway', 'way', 'ways', 'thing', 'things', 'stuff',
    'let', 'lets', 'tell', 'trying', 'tried', 'try', 'going', 'gonna', 'need', 'needs', 'needed',
  ],
  fr: [
    'bonjour', 'bonsoir', 'salut', 'merci', 'svp', 'stp', 'cordialement', 'slt', 'bjr', 'coucou',
    'est', 'sont', 'suis', 'etait', 'ete', 'ai', 'as', 'avons', 'avez', 'ont', 'fait', 'faire',
    'ca', 'cela', 'ceci', 'ce', 'cet', 'cette', 'ces', 'y', 'tout', 'tous', 'toute', 'toutes', 'tres',
    'plus', 'moins', 'pas', 'ni', 'non', 'oui', 'si', 'donc', 'alors', 'aussi', 'car', 'quand',
    'comment', 'pourquoi', 'quoi', 'quel', 'quelle', 'quels', 'quelles', 'ou', 'dont', 'lequel',
    'laquelle', 'peux', 'peut', 'pouvez', 'pourrais', 'pourriez', 'puis', 'veux', 'voudrais', 'voulez',
    'dois', 'doit', 'faut', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'mon', 'ma', 'mes',
    'notre', 'nos', 'votre', 'vos', 'leur', 'leurs', 'sur', 'sous', 'chez', 'entre', 'vers', 'depuis',
    'apres', 'avant', 'encore', 'deja', 'bien', 'tres', 'rien', 'quelqu', 'quelque', 'chose', 'etre',
    'avoir', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'c', 'd', 'j', 'l', 'm', 'n', 's', 't',
    // Question and chat filler: "est-ce possible de...", "j'aimerais savoir..."
    'est-ce', 'possible', 'moyen', 'savoir', 'sais', 'aimerais', 'souhaite', 'souhaiterais', 'voulais',
    'quelqu', 'truc', 'trucs', 'vraiment', 'essaye', 'essayer', 'essaie', 'essayé', 'arrive', 'arrivons',
  ],
};

const STOPWORDS: Record<Lang, Set<string>> = {
  en: new Set([...NATURAL_EN_STOPWORDS, ...EXTRA_STOPWORDS.en].map((w) => foldAccents(w.toLowerCase()))),
  fr: new Set([...NATURAL_FR_STOPWORDS, ...EXTRA_STOPWORDS.fr].map((w) => foldAccents(w.toLowerCase()))),
};

/** True when `token` (any case, with or without accents) is a stop word of `lang`. */
export function isStopword(token: string, lang: Lang): boolean {
  return STOPWORDS[lang].has(foldAccents(token.toLowerCase()));
}

const FR_ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu']);
const EN_CLITICS = new Set(['s', 't', 're', 've', 'll', 'd', 'm']);
const EN_NEGATIONS: Record<string, string> = { "can't": 'can', "won't": 'will', "shan't": 'shall', "ain't": 'is' };

const HTML_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', eacute: 'é', egrave: 'è', agrave: 'à',
  ccedil: 'ç', ecirc: 'ê', ocirc: 'ô', icirc: 'î', ucirc: 'û', rsquo: "'", lsquo: "'",
};

/**
 * Makes arbitrary user input safe to analyse: truncates to MAX_INPUT_CHARS, strips HTML tags and
 * comments, decodes common entities, replaces control characters by spaces, normalises to NFC.
 */
export function normalizeInput(text: unknown, maxChars = MAX_INPUT_CHARS): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  let s = text.length > maxChars ? text.slice(0, maxChars) : text;
  if (s.includes('<')) {
    s = s.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\/?[a-zA-Z][^<>]{0,500}>/g, ' ');
  }
  if (s.includes('&')) {
    s = s.replace(/&(#x?[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (m, ent: string) => {
      if (ent[0] === '#') {
        const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return Number.isFinite(code) && code > 31 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return HTML_ENTITIES[ent.toLowerCase()] ?? m;
    });
  }
  // Control characters (C0 but tab/newlines, DEL, C1) and lone surrogates become spaces
  // (tab and newlines separate words anyway). Tested first: most text has none.
  if (ODD_CHARS.test(s)) {
    s = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ');
  }
  return NON_ASCII.test(s) ? s.normalize('NFC') : s;
}

// eslint-disable-next-line no-control-regex
const ODD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;
const APOSTROPHES = /['’‘ʼ`´]/;
const APOSTROPHES_G = /['’‘ʼ`´]/g;

// A word: letters/digits, with inner apostrophes (l'ordinateur, don't) and hyphens (e-mail).
const WORD_RE = /[\p{L}\p{N}]+(?:['’‘ʼ`´-][\p{L}\p{N}]+)*/gu;

/**
 * Splits text into lowercased tokens (accents kept; see `foldAccents`). French elisions and
 * English clitics are removed; hyphenated words are split into their parts, except when a part
 * is one or two letters ("e-mail" -> "email", "re-install" -> "reinstall").
 */
export function tokenize(text: string, lang: Lang = 'en', maxChars = MAX_INPUT_CHARS): string[] {
  const input = normalizeInput(text, maxChars);
  if (!input) return [];
  const out: string[] = [];
  const lower = input.toLowerCase();
  WORD_RE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = WORD_RE.exec(lower)) !== null) {
    let word = match[0];
    // Apostrophes.
    if (APOSTROPHES.test(word)) {
      word = word.replace(APOSTROPHES_G, "'");
      const neg = EN_NEGATIONS[word];
      if (neg) {
        pushHyphenated(neg, out);
        continue;
      }
      const parts = word.split("'");
      const kept: string[] = [];
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        if (!p) continue;
        const isLast = i === parts.length - 1;
        if (!isLast && FR_ELISIONS.has(foldAccents(p)) && (lang === 'fr' || p.length <= 2)) continue; // l'écran, d'accès
        if (i > 0 && EN_CLITICS.has(p) && lang === 'en') continue; // user's, we're
        if (i > 0 && p === 't' && kept.length) {
          // don't -> do (n't): drop the negation
          const prev = kept[kept.length - 1];
          if (prev.endsWith('n')) kept[kept.length - 1] = prev.slice(0, -1);
          continue;
        }
        kept.push(p);
      }
      for (const k of kept) pushHyphenated(k, out);
      continue;
    }
    pushHyphenated(word, out);
  }
  return out;
}

/** French inversions ("fait-il", "peut-on", "dois-je") are split, not joined. */
const HYPHEN_PRONOUNS = new Set(['il', 'ils', 'on', 'je', 'tu', 't', 'y', 'en', 'le', 'la', 'les', 'moi', 'toi', 'lui', 'nous', 'vous', 'elle', 'elles', 'ce', 'ci', 'là']);

function pushHyphenated(word: string, out: string[]): void {
  if (!word.includes('-')) {
    pushToken(word, out);
    return;
  }
  const parts = word.split('-').filter(Boolean);
  if (
    parts.length === 2 &&
    parts.some((p) => p.length <= 2) &&
    parts.every((p) => /^\p{L}+$/u.test(p) && !HYPHEN_PRONOUNS.has(p))
  ) {
    pushToken(parts.join(''), out);
    return;
  }
  for (const p of parts) pushToken(p, out);
}

function pushToken(token: string, out: string[]): void {
  if (!token) return;
  out.push(token.length > MAX_TOKEN_CHARS ? token.slice(0, MAX_TOKEN_CHARS) : token);
}

/** Words the French Porter stemmer leaves apart once accents are folded. */
const FR_STEM_OVERRIDES: Record<string, string> = {
  connexions: 'connexion',
  desactive: 'desactiv',
  desactivee: 'desactiv',
  desactives: 'desactiv',
  desactivees: 'desactiv',
  courriels: 'courriel',
  mail: 'mail',
  mails: 'mail',
  emails: 'email',
};

const STEM_CACHE: Record<Lang, Map<string, string>> = { en: new Map(), fr: new Map() };
const STEM_CACHE_MAX = 200_000;

/**
 * Stems one token: lowercased, accent-folded, then natural's PorterStemmer (en) or
 * PorterStemmerFr (fr). Tokens with digits are kept as they are ("365", "m365", "0x80070005").
 */
export function stem(token: string, lang: Lang): string {
  const cache = STEM_CACHE[lang];
  const cached = cache.get(token);
  if (cached !== undefined) return cached;
  const folded = foldToken(token.toLowerCase());
  let result: string;
  if (folded.length <= 2 || /\d/.test(folded)) {
    result = folded;
  } else if (lang === 'fr') {
    const override = FR_STEM_OVERRIDES[folded];
    if (override) {
      result = override;
    } else {
      result = safeStem(FR_STEMMER, folded);
      // Post-rules on the folded stem: the stemmer removes -é/-ée only when the accent is there.
      if (result.length > 4 && result.endsWith('ee')) result = result.slice(0, -2);
      else if (result.length > 3 && result.endsWith('e')) result = result.slice(0, -1);
    }
  } else {
    result = safeStem(EN_STEMMER, folded);
  }
  if (!result) result = folded;
  if (cache.size >= STEM_CACHE_MAX) cache.clear();
  cache.set(token, result);
  return result;
}

function safeStem(stemmer: StemmerLike, token: string): string {
  try {
    return stemmer.stem(token);
  } catch {
    return token;
  }
}

/** One analysed token: the folded surface form and its stem (used by synonym matching). */
export interface AnalyzedToken {
  /** Lowercased, accent-folded surface form. */
  surface: string;
  /** Index term. */
  term: string;
}

/** Every token of the text in order, stop words included and flagged (term '' for them). */
export function analyzeAll(text: string, lang: Lang, maxChars = MAX_INPUT_CHARS): (AnalyzedToken & { stop: boolean })[] {
  const out: (AnalyzedToken & { stop: boolean })[] = [];
  for (const token of tokenize(text, lang, maxChars)) {
    const surface = foldToken(token);
    if (STOPWORDS[lang].has(surface)) {
      out.push({ surface, term: '', stop: true });
      continue;
    }
    const term = stem(token, lang);
    const stop = !term || STOPWORDS[lang].has(term);
    out.push({ surface, term: stop ? '' : term, stop });
  }
  return out;
}

/** Like `analyze`, keeping the folded surface form of each term. Stop words are dropped. */
export function analyzeTokens(text: string, lang: Lang, maxChars = MAX_INPUT_CHARS): AnalyzedToken[] {
  const out: AnalyzedToken[] = [];
  for (const t of analyzeAll(text, lang, maxChars)) if (!t.stop) out.push({ surface: t.surface, term: t.term });
  return out;
}

/**
 * Terms for indexing and search: tokenised, stop words removed, stemmed, accent-folded.
 * Duplicates are kept (term frequency matters); order follows the text.
 */
export function analyze(text: string, lang: Lang, maxChars = MAX_INPUT_CHARS): string[] {
  const out: string[] = [];
  const cache = TERM_CACHE[lang];
  for (const token of tokenize(text, lang, maxChars)) {
    let term = cache.get(token);
    if (term === undefined) {
      const surface = foldToken(token);
      term = STOPWORDS[lang].has(surface) ? '' : stem(token, lang);
      if (term && STOPWORDS[lang].has(term)) term = '';
      if (cache.size >= STEM_CACHE_MAX) cache.clear();
      cache.set(token, term);
    }
    if (term) out.push(term);
  }
  return out;
}

/** token -> term ('' for a stop word), for the hot path of `analyze` (index building). */
const TERM_CACHE: Record<Lang, Map<string, string>> = { en: new Map(), fr: new Map() };
