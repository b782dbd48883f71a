/**
 * Ranked search over bilingual documents (the self-service articles, and any other documents).
 *
 * Why a hand-written BM25F index and not MiniSearch underneath: MiniSearch 7 was tried first with
 * this module's analyser as tokenize/processTerm and its own fuzzy search (bench/stackfaq.ts still
 * measures it): StackFAQ nDCG@10 0.762, below the 0.78 target, and it cannot give what the bot
 * needs most, a *calibrated confidence*:
 *   - its score is a sum of per-field BM25 scores whose scale depends on the query and the corpus,
 *     and it does not expose the per-term idf needed for the query's maximum attainable score (the
 *     normaliser of our confidence);
 *   - synonym and fuzzy alternatives of one query word add up there (a doc with "mail" and
 *     "email" gets both), where we take the best alternative per query word (max), so that an
 *     expansion never outweighs the word the user typed; with that rule, synonyms, typo
 *     corrections and compounds add +0.023 nDCG@10 on StackFAQ (0.761 -> 0.784) where MiniSearch's
 *     fuzzy search added +0.001;
 *   - BM25F (field-weighted term frequency saturated once, Robertson & Zaragoza 2009) lets a long,
 *     low-weight field (an article's body) add evidence without its common words lowering the idf
 *     of title words (`idfFields`): on the training messages, indexing the body even at weight 0.03
 *     cost 0.012 Recall@1 (its words diluted idf); left out of idf, at weight 0.3 it gains 0.004.
 * The index is simple: per language, an inverted index term -> (doc, pre-computed field-weighted
 * and length-normalised tf) in typed arrays, so a query costs one pass over the postings of its
 * terms (p99 under 1 ms at 10,000 articles on a quiet machine; see bench/scale.ts).
 *
 * Scoring, for a query analysed into words q (stop words removed, stemmed, accent-folded):
 *   score(d) = sum over q of  max over alternatives a of q:  w(a) * idf(a) * tf~(a,d) / (k1 + tf~(a,d))
 *   tf~(a,d)  = sum over fields f of  W_f * tf_f(a,d) / (1 - b_f + b_f * len_f(d) / avglen_f)
 * alternatives of q: q itself (w=1); synonyms (w=synonymWeight; a multi-word synonym scores the mean
 * of its words); typo corrections of words of >= 5 letters unknown to the index (w=fuzzyWeight,
 * edit distance 1, or 2 from 8 letters); compounds (w=compoundWeight: "git hub" -> "github",
 * "workspace" -> "work space"). The maximum attainable score of the query is sum over q of idf(q)
 * (a word absent from the index counts with the idf of a word seen nowhere);
 * `normalizedScore` = score / that.
 *
 * Confidence (0..1) is a logistic function of four features of the top hit, all on a 0..1 scale:
 * normalised score; margin to the next hit (square root of the gap divided by the maximum
 * attainable score, so a lone weak hit does not look decisive); fraction of the query's idf mass
 * matched by the top hit (alternatives counted at their weight); fraction matched by the user's own
 * words. Coefficients: DEFAULT_CALIBRATION (fitted on StackFAQ plus out-of-scope utterances) for
 * any index, ARTICLE_CALIBRATION (fitted on the project's training messages) for articles;
 * `fitConfidence` refits them. The threshold under which the bot says "I have no good article" is
 * to be chosen on the project's own labelled messages.
 */
import { analyze, analyzeAll, stem, type Lang } from './text';
import { buildSynonymIndex, synonymIndex, type SynonymIndex } from './synonyms';
import type { TopicId } from './labels';
import type { Article } from './articles';

export type { Lang } from './text';

export interface SearchDocument {
  id: string;
  lang: Lang;
  /** Field name -> text. Fields without a weight in the options are ignored. */
  fields: Record<string, string>;
  /** Optional group key: `search(..., { collapse: true })` returns one hit per group. */
  group?: string;
}

export interface ConfidenceFeatures {
  /** Top score / maximum attainable score of the query (0..1). */
  normalizedScore: number;
  /**
   * sqrt((top - next) / maximum attainable score), where next is the next hit (next group when
   * collapsing; 0 when alone): how far the top hit stands out, on the same 0..1 scale (the square
   * root separates right from wrong top hits better in a linear model: CV AUC 0.83 vs 0.81 on the
   * project's training messages).
   */
  margin: number;
  /** Fraction of the query's idf mass matched by the top hit, weighted by the alternative's weight. */
  coverage: number;
  /** Fraction of the query's idf mass matched by the top hit through the user's own words. */
  exactCoverage: number;
}

/** Logistic model: confidence = 1 / (1 + exp(-(bias + sum of weight * feature))). */
export interface ConfidenceCalibration {
  bias: number;
  normalizedScore: number;
  margin: number;
  coverage: number;
  exactCoverage: number;
}

/**
 * Fitted with `fitConfidence` (`npx tsx knowledge/bench/stackfaq.ts --fit-confidence`) on 1249 StackFAQ queries
 * (positive when the top thread is relevant) plus 800 out-of-scope negatives (CLINC150 oos_train,
 * oos_val and every 5th val utterance, none of which is about StackFAQ's web apps): AUC 0.89
 * (0.81 among in-domain queries only). A starting point: refit on the project's own labelled
 * messages and choose the "no good article" threshold there.
 */
export const DEFAULT_CALIBRATION: ConfidenceCalibration = {
  bias: -2.66,
  normalizedScore: 1.05,
  margin: 3.58,
  coverage: 2.76,
  exactCoverage: 2.9,
};

export interface SearchIndexOptions {
  /** Field weights W_f; only these fields are indexed. */
  fields: Record<string, number>;
  /** Length normalisation b_f per field (default 0.75). */
  fieldB?: Record<string, number>;
  /**
   * Fields whose occurrences count in a term's document frequency (default: all). Leaving a long,
   * low-weight field out (an article's body) keeps its common words from lowering the idf of the
   * words that matter in titles and phrasings, while it still adds to term frequency.
   */
  idfFields?: string[];
  /** BM25 saturation (default 1.2). */
  k1?: number;
  /** Weight of synonym alternatives (default 0.45); 0 disables synonyms. */
  synonymWeight?: number;
  /** Weight of typo corrections (default 0.6); 0 disables fuzzy matching. */
  fuzzyWeight?: number;
  /** Minimum length of a query word (folded surface form) for typo tolerance (default 5). */
  fuzzyMinLength?: number;
  /**
   * Typo corrections are only looked for when the word is in at most this many documents
   * (default 0: only for words the index does not know; a known word is taken as typed).
   */
  fuzzyMaxDf?: number;
  /**
   * Weight of compound matches (default 0.8; 0 disables): two query words joined ("git hub" for
   * "github") or an unknown query word split in two known ones ("onedrive" for "one drive").
   */
  compoundWeight?: number;
  /** Custom synonym groups (syntax of SYNONYM_GROUPS); default: the domain lexicon. */
  synonymGroups?: readonly (readonly string[])[];
  calibration?: ConfidenceCalibration;
  /** At most this many distinct query words are scored (default 48). */
  maxQueryTerms?: number;
}

export interface SearchOptions {
  /** Number of hits (default 10). */
  k?: number;
  /** One hit per document group (best document of the group). */
  collapse?: boolean;
}

export interface SearchHit {
  id: string;
  lang: Lang;
  group?: string;
  score: number;
  normalizedScore: number;
  confidence: number;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** Features of the top hit (all zero when there is no hit). */
  features: ConfidenceFeatures;
  /** Analysed query words (after stop words and stemming). */
  terms: string[];
}

interface Alternative {
  /** Term ids (one for a word, several for a multi-word synonym). */
  termIds: number[];
  weight: number;
  exact: boolean;
}

interface QueryWord {
  term: string;
  /** idf of the word, or of an unseen word when the index does not know it. */
  maxIdf: number;
  alternatives: Alternative[];
}

/** Documents are indexed whole (queries are truncated by text.ts to MAX_INPUT_CHARS). */
const INDEX_MAX_CHARS = 1_000_000;

const ZERO_FEATURES: ConfidenceFeatures = { normalizedScore: 0, margin: 0, coverage: 0, exactCoverage: 0 };

/** One language's inverted index. */
class LangIndex {
  readonly ids: string[] = [];
  readonly groups: (string | undefined)[] = [];
  /** Group number of each document (documents without a group get their own). */
  readonly groupOf: number[] = [];
  private readonly groupNumbers = new Map<string, number>();
  groupCount = 0;
  readonly termIds = new Map<string, number>();
  readonly terms: string[] = [];
  /** Raw postings while building: per term, doc indexes and per-field counts (flattened). */
  private rawDocs: number[][] = [];
  private rawTf: number[][] = [];
  private fieldLens: number[][]; // [field][doc]
  /** Final postings. */
  postDocs: Int32Array[] = [];
  postTf: Float32Array[] = [];
  idf: Float64Array = new Float64Array(0);
  unseenIdf = 0;
  private dirty = true;
  /** Symmetric-delete neighbourhoods for typo tolerance: deletion variant -> term ids. */
  private deletes: Map<string, number[]> | null = null;

  constructor(
    readonly lang: Lang,
    private readonly fieldNames: string[],
    private readonly fieldWeights: number[],
    private readonly fieldB: number[],
    private readonly k1: number,
    private readonly idfField: boolean[],
  ) {
    this.fieldLens = fieldNames.map(() => []);
  }

  get size(): number {
    return this.ids.length;
  }

  add(doc: SearchDocument): void {
    const d = this.ids.length;
    this.ids.push(doc.id);
    this.groups.push(doc.group);
    if (doc.group === undefined) {
      this.groupOf.push(this.groupCount++);
    } else {
      let g = this.groupNumbers.get(doc.group);
      if (g === undefined) {
        g = this.groupCount++;
        this.groupNumbers.set(doc.group, g);
      }
      this.groupOf.push(g);
    }
    const F = this.fieldNames.length;
    const counts = new Map<number, number[]>();
    for (let f = 0; f < F; f++) {
      const text = doc.fields[this.fieldNames[f]];
      const tokens = typeof text === 'string' && text ? analyze(text, this.lang, INDEX_MAX_CHARS) : [];
      this.fieldLens[f].push(tokens.length);
      for (const term of tokens) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.terms.length;
          this.termIds.set(term, id);
          this.terms.push(term);
          this.rawDocs.push([]);
          this.rawTf.push([]);
        }
        let c = counts.get(id);
        if (!c) {
          c = new Array<number>(F).fill(0);
          counts.set(id, c);
        }
        c[f]++;
      }
    }
    for (const [id, c] of counts) {
      this.rawDocs[id].push(d);
      for (let f = 0; f < F; f++) this.rawTf[id].push(c[f]);
    }
    this.dirty = true;
  }

  /** Computes idf and the field-weighted, length-normalised tf of every posting. */
  finalize(): void {
    if (!this.dirty) return;
    const N = this.ids.length;
    const F = this.fieldNames.length;
    const avg = this.fieldLens.map((lens) => (lens.length ? lens.reduce((a, b) => a + b, 0) / lens.length : 0) || 1);
    // Per field and doc: W_f / (1 - b + b * len / avg).
    const norm: Float64Array[] = this.fieldLens.map((lens, f) => {
      const out = new Float64Array(N);
      const b = this.fieldB[f];
      for (let d = 0; d < N; d++) out[d] = this.fieldWeights[f] / (1 - b + (b * lens[d]) / avg[f]);
      return out;
    });
    const T = this.terms.length;
    this.postDocs = new Array<Int32Array>(T);
    this.postTf = new Array<Float32Array>(T);
    this.idf = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      const docs = this.rawDocs[t];
      const tfs = this.rawTf[t];
      const n = docs.length;
      const pd = new Int32Array(n);
      const pt = new Float32Array(n);
      let df = 0;
      for (let i = 0; i < n; i++) {
        const d = docs[i];
        let tf = 0;
        let counts = false;
        for (let f = 0; f < F; f++) {
          const c = tfs[i * F + f];
          if (c) {
            tf += c * norm[f][d];
            if (this.idfField[f]) counts = true;
          }
        }
        if (counts) df++;
        pd[i] = d;
        pt[i] = tf;
      }
      if (df === 0) df = n; // a term seen only in non-idf fields
      this.postDocs[t] = pd;
      this.postTf[t] = pt;
      this.idf[t] = Math.log(1 + (N - df + 0.5) / (df + 0.5));
    }
    this.unseenIdf = Math.log(1 + (N + 0.5) / 0.5);
    this.deletes = null;
    this.buildDeletes();
    this.dirty = false;
  }

  /**
   * Vocabulary terms within edit distance 1 (2 from 8 letters) of a query word, found by symmetric
   * deletes. Both the stem and the folded surface form are tried: "calender" stems to "calend",
   * two edits from the index's "calendar", but its surface form is one edit away.
   */
  fuzzy(term: string, surface: string): { id: number; distance: number }[] {
    if (!this.deletes) this.buildDeletes();
    const deletes = this.deletes as Map<string, number[]>;
    const maxDistance = Math.max(term.length, surface.length) >= 8 ? 2 : 1;
    const exact = this.termIds.get(term);
    const best = new Map<number, number>();
    for (const form of term === surface ? [term] : [term, surface]) {
      const candidates = new Set<number>();
      for (const v of [form, ...deletions(form)]) {
        const ids = deletes.get(v);
        if (ids) for (const id of ids) candidates.add(id);
      }
      for (const id of candidates) {
        if (id === exact) continue;
        const other = this.terms[id];
        if (Math.abs(other.length - form.length) > maxDistance) continue;
        const distance = osaDistance(form, other, maxDistance);
        if (distance <= maxDistance && distance < (best.get(id) ?? Infinity)) best.set(id, distance);
      }
    }
    return [...best].map(([id, distance]) => ({ id, distance }));
  }

  private buildDeletes(): void {
    const map = new Map<string, number[]>();
    const add = (key: string, id: number) => {
      const list = map.get(key);
      if (list) {
        if (list[list.length - 1] !== id) list.push(id);
      } else map.set(key, [id]);
    };
    this.terms.forEach((term, id) => {
      if (term.length < 4 || /\d/.test(term)) return;
      add(term, id);
      for (const v of deletions(term)) add(v, id);
    });
    this.deletes = map;
  }
}

function deletions(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits), bounded. */
export function osaDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function confidenceFrom(features: ConfidenceFeatures, c: ConfidenceCalibration = DEFAULT_CALIBRATION): number {
  if (!(features.normalizedScore > 0)) return 0;
  if (![features.margin, features.coverage, features.exactCoverage].every(Number.isFinite)) return 0;
  const z =
    c.bias +
    c.normalizedScore * features.normalizedScore +
    c.margin * features.margin +
    c.coverage * features.coverage +
    c.exactCoverage * features.exactCoverage;
  return sigmoid(z);
}

/**
 * Fits the confidence coefficients by logistic regression (L2-regularised gradient descent) on
 * labelled examples: features of the top hit, and whether that top hit was right.
 */
export function fitConfidence(
  samples: { features: ConfidenceFeatures; correct: boolean }[],
  { iterations = 3000, learningRate = 0.5, l2 = 1e-3 } = {},
): ConfidenceCalibration {
  const keys = ['normalizedScore', 'margin', 'coverage', 'exactCoverage'] as const;
  const w = [0, 0, 0, 0];
  let bias = 0;
  const n = samples.length || 1;
  for (let it = 0; it < iterations; it++) {
    const g = [0, 0, 0, 0];
    let gb = 0;
    for (const s of samples) {
      const x = keys.map((k) => s.features[k]);
      const p = sigmoid(bias + x.reduce((acc, v, i) => acc + v * w[i], 0));
      const err = p - (s.correct ? 1 : 0);
      gb += err;
      for (let i = 0; i < 4; i++) g[i] += err * x[i];
    }
    bias -= (learningRate * gb) / n;
    for (let i = 0; i < 4; i++) w[i] -= learningRate * (g[i] / n + l2 * w[i]);
  }
  return { bias, normalizedScore: w[0], margin: w[1], coverage: w[2], exactCoverage: w[3] };
}

/**
 * A BM25F index of documents in English and French. Queries only see documents of their language.
 * Adding documents after a search is allowed (the next search recomputes the statistics).
 */
export class SearchIndex {
  private readonly fieldNames: string[];
  private readonly langs: Record<Lang, LangIndex>;
  private readonly synonymWeight: number;
  private readonly fuzzyWeight: number;
  private readonly fuzzyMinLength: number;
  private readonly fuzzyMaxDf: number;
  private readonly compoundWeight: number;
  private readonly maxQueryTerms: number;
  private readonly synonyms: Record<Lang, SynonymIndex> | null;
  calibration: ConfidenceCalibration;
  /** Scratch buffers reused across queries (resized with the index). */
  private acc = new Float64Array(0);
  private groupBest = new Float64Array(0);
  private phraseAcc = new Float64Array(0);
  private candScore = new Float64Array(0);
  private candDoc = new Int32Array(0);
  private groupScore = new Float64Array(0);
  private groupDoc = new Int32Array(0);

  constructor(options: SearchIndexOptions) {
    this.fieldNames = Object.keys(options.fields).filter((f) => options.fields[f] > 0);
    if (this.fieldNames.length === 0) throw new Error('SearchIndex: at least one field needs a positive weight');
    const weights = this.fieldNames.map((f) => options.fields[f]);
    const bs = this.fieldNames.map((f) => Math.min(1, Math.max(0, options.fieldB?.[f] ?? 0.75)));
    const k1 = options.k1 ?? 1.2;
    const idfFields = this.fieldNames.map((f) => !options.idfFields || options.idfFields.includes(f));
    this.langs = {
      en: new LangIndex('en', this.fieldNames, weights, bs, k1, idfFields),
      fr: new LangIndex('fr', this.fieldNames, weights, bs, k1, idfFields),
    };
    this.k1 = k1;
    this.synonymWeight = options.synonymWeight ?? 0.45;
    this.fuzzyWeight = options.fuzzyWeight ?? 0.6;
    this.fuzzyMinLength = options.fuzzyMinLength ?? 5;
    this.fuzzyMaxDf = options.fuzzyMaxDf ?? 0;
    this.compoundWeight = options.compoundWeight ?? 0.8;
    this.maxQueryTerms = options.maxQueryTerms ?? 48;
    this.calibration = options.calibration ?? DEFAULT_CALIBRATION;
    if (this.synonymWeight > 0) {
      const groups = options.synonymGroups;
      this.synonyms = groups
        ? { en: buildSynonymIndex('en', groups), fr: buildSynonymIndex('fr', groups) }
        : { en: synonymIndex('en'), fr: synonymIndex('fr') };
    } else {
      this.synonyms = null;
    }
  }

  private readonly k1: number;

  get size(): number {
    return this.langs.en.size + this.langs.fr.size;
  }

  add(doc: SearchDocument): void {
    const index = this.langs[doc.lang];
    if (!index) throw new Error(`SearchIndex: document ${doc.id} has unsupported language ${String(doc.lang)}`);
    index.add(doc);
  }

  addAll(docs: Iterable<SearchDocument>): void {
    for (const doc of docs) this.add(doc);
  }

  /** Ranked hits for `text` among documents of `lang`. Never throws on odd input. */
  search(text: string, lang: Lang, options: SearchOptions = {}): SearchHit[] {
    return this.query(text, lang, options).hits;
  }

  /** Like `search`, with the confidence features and analysed terms (for calibration and debugging). */
  query(text: string, lang: Lang, options: SearchOptions = {}): SearchResponse {
    const k = Math.max(1, Math.floor(options.k ?? 10));
    const index = this.langs[lang];
    const empty: SearchResponse = { hits: [], features: ZERO_FEATURES, terms: [] };
    if (!index || index.size === 0 || typeof text !== 'string') return empty;
    index.finalize();
    const words = this.analyzeQuery(text, lang, index);
    const terms = words.map((w) => w.term);
    if (words.length === 0) return { ...empty, terms };

    const N = index.size;
    if (this.acc.length < N) {
      this.acc = new Float64Array(N);
      this.groupBest = new Float64Array(N);
      this.phraseAcc = new Float64Array(N);
      this.candScore = new Float64Array(N);
      this.candDoc = new Int32Array(N);
    }
    const acc = this.acc;
    const best = this.groupBest;
    const phrase = this.phraseAcc;
    const touched: number[] = [];
    const k1 = this.k1;
    let maxScore = 0;

    for (const word of words) {
      maxScore += word.maxIdf;
      const wordTouched: number[] = [];
      for (const alt of word.alternatives) {
        if (alt.termIds.length === 1) {
          const t = alt.termIds[0];
          const docs = index.postDocs[t];
          const tfs = index.postTf[t];
          const w = alt.weight * index.idf[t];
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i];
            const tf = tfs[i];
            const v = (w * tf) / (k1 + tf);
            if (v > best[d]) {
              if (best[d] === 0) wordTouched.push(d);
              best[d] = v;
            }
          }
        } else {
          // Multi-word synonym: mean of its words' contributions.
          const phraseTouched: number[] = [];
          const share = alt.weight / alt.termIds.length;
          for (const t of alt.termIds) {
            const docs = index.postDocs[t];
            const tfs = index.postTf[t];
            const w = share * index.idf[t];
            for (let i = 0; i < docs.length; i++) {
              const d = docs[i];
              const tf = tfs[i];
              if (phrase[d] === 0) phraseTouched.push(d);
              phrase[d] += (w * tf) / (k1 + tf);
            }
          }
          for (const d of phraseTouched) {
            const v = phrase[d];
            phrase[d] = 0;
            if (v > best[d]) {
              if (best[d] === 0) wordTouched.push(d);
              best[d] = v;
            }
          }
        }
      }
      for (const d of wordTouched) {
        if (acc[d] === 0) touched.push(d);
        acc[d] += best[d];
        best[d] = 0;
      }
    }

    // Top documents (or groups), from typed scratch buffers: no allocation per candidate.
    const want = k + 1;
    const candScore = this.candScore;
    const candDoc = this.candDoc;
    let n = 0;
    if (options.collapse) {
      const G = index.groupCount;
      if (this.groupScore.length < G) {
        this.groupScore = new Float64Array(G);
        this.groupDoc = new Int32Array(G);
      }
      const gScore = this.groupScore;
      const gDoc = this.groupDoc;
      const groupOf = index.groupOf;
      const touchedGroups: number[] = [];
      for (const d of touched) {
        const g = groupOf[d];
        const sc = acc[d];
        if (gScore[g] === 0) {
          touchedGroups.push(g);
          gScore[g] = sc;
          gDoc[g] = d;
        } else if (sc > gScore[g] || (sc === gScore[g] && d < gDoc[g])) {
          gScore[g] = sc;
          gDoc[g] = d;
        }
      }
      for (const g of touchedGroups) {
        candScore[n] = gScore[g];
        candDoc[n++] = gDoc[g];
        gScore[g] = 0;
      }
    } else {
      for (const d of touched) {
        candScore[n] = acc[d];
        candDoc[n++] = d;
      }
    }
    for (const d of touched) acc[d] = 0;
    const top = topK(candScore, candDoc, n, want);
    if (top.length === 0 || maxScore <= 0) return { ...empty, terms };

    const first = top[0];
    const second = top.length > 1 ? top[1].score : 0;
    const coverage = this.coverageOf(index, words, first.doc);
    const features: ConfidenceFeatures = {
      normalizedScore: Math.min(1, first.score / maxScore),
      margin: Math.sqrt(Math.max(0, Math.min(1, (first.score - second) / maxScore))),
      coverage: coverage.any / maxScore,
      exactCoverage: coverage.exact / maxScore,
    };
    const topConfidence = confidenceFrom(features, this.calibration);
    const hits: SearchHit[] = top.slice(0, k).map((h, i) => {
      const normalizedScore = Math.min(1, h.score / maxScore);
      // Lower hits: same model, their own score, margin 0 (they are beaten), scaled by the top's.
      const confidence =
        i === 0
          ? topConfidence
          : Math.min(topConfidence, confidenceFrom({ ...features, normalizedScore, margin: 0 }, this.calibration) * (h.score / first.score));
      const hit: SearchHit = { id: index.ids[h.doc], lang, score: h.score, normalizedScore, confidence };
      const group = index.groups[h.doc];
      if (group !== undefined) hit.group = group;
      return hit;
    });
    return { hits, features, terms };
  }

  /**
   * idf mass of the query words matched by a document: through any alternative (weighted by the
   * best matching alternative's weight, so a typo correction or synonym counts less), and exactly.
   */
  private coverageOf(index: LangIndex, words: QueryWord[], doc: number): { any: number; exact: number } {
    let any = 0;
    let exact = 0;
    for (const word of words) {
      let best = 0;
      let matchedExact = false;
      for (const alt of word.alternatives) {
        if (alt.weight > best && alt.termIds.some((t) => hasDoc(index.postDocs[t], doc))) {
          best = alt.weight;
          if (alt.exact) matchedExact = true;
        }
      }
      any += word.maxIdf * Math.min(1, best);
      if (matchedExact) exact += word.maxIdf;
    }
    return { any, exact };
  }

  private analyzeQuery(text: string, lang: Lang, index: LangIndex): QueryWord[] {
    let tokens: ReturnType<typeof analyzeAll>;
    try {
      tokens = analyzeAll(text, lang);
    } catch {
      return [];
    }
    const seen = new Map<string, QueryWord>();
    const words: QueryWord[] = [];
    /** Query word of each token (undefined for stop words and words beyond maxQueryTerms). */
    const wordAt: (QueryWord | undefined)[] = [];
    const terms: string[] = [];
    const termWord: (QueryWord | undefined)[] = [];
    for (const { term, surface, stop } of tokens) {
      if (stop) {
        wordAt.push(undefined);
        continue;
      }
      let word = seen.get(term);
      if (!word && words.length < this.maxQueryTerms) {
        const id = index.termIds.get(term);
        word = { term, maxIdf: id !== undefined ? index.idf[id] : index.unseenIdf, alternatives: [] };
        if (id !== undefined) word.alternatives.push({ termIds: [id], weight: 1, exact: true });
        const df = id !== undefined ? index.postDocs[id].length : 0;
        if (this.fuzzyWeight > 0 && df <= this.fuzzyMaxDf && surface.length >= this.fuzzyMinLength && term.length >= 4 && !/\d/.test(term)) {
          for (const { id: fid, distance } of index.fuzzy(term, surface)) {
            addAlternative(word, { termIds: [fid], weight: this.fuzzyWeight / Math.max(1, distance), exact: false });
          }
        }
        if (this.compoundWeight > 0 && id === undefined && surface.length >= 6 && !/\d/.test(surface)) {
          // "onedrive" typed where the index says "one drive": both halves known.
          for (let p = 3; p <= surface.length - 3; p++) {
            const left = index.termIds.get(stem(surface.slice(0, p), lang));
            const right = index.termIds.get(stem(surface.slice(p), lang));
            if (left !== undefined && right !== undefined) {
              addAlternative(word, { termIds: [left, right], weight: this.compoundWeight, exact: false });
            }
          }
        }
        seen.set(term, word);
        words.push(word);
      }
      wordAt.push(word);
      terms.push(term);
      termWord.push(word);
    }
    if (this.compoundWeight > 0) {
      // "git hub", "back up", "sign in" typed where the index says "github", "backup", "signin".
      for (let i = 0; i + 1 < tokens.length; i++) {
        const a = tokens[i];
        const b = tokens[i + 1];
        if (a.stop && b.stop) continue;
        const joined = a.surface + b.surface;
        if (joined.length < 5 || /\d/.test(joined)) continue;
        const jt = stem(joined, lang);
        const id = index.termIds.get(jt);
        if (id === undefined || jt === a.term || jt === b.term) continue;
        for (const word of [wordAt[i], wordAt[i + 1]]) {
          if (word) addAlternative(word, { termIds: [id], weight: this.compoundWeight, exact: false });
        }
      }
    }
    if (this.synonyms) {
      for (const match of this.synonyms[lang].match(terms)) {
        for (const alt of match.alternatives) {
          const ids = alt.map((t) => index.termIds.get(t));
          if (!ids.every((x): x is number => x !== undefined)) continue;
          for (let p = match.start; p < match.start + match.length; p++) {
            const word = termWord[p];
            if (word) addAlternative(word, { termIds: ids, weight: this.synonymWeight, exact: false });
          }
        }
      }
    }
    return words;
  }
}

/** Adds an alternative unless the word already has one on the same terms (then keeps the heavier). */
function addAlternative(word: QueryWord, alt: Alternative): void {
  for (const x of word.alternatives) {
    if (x.termIds.length === alt.termIds.length && x.termIds.every((t, i) => t === alt.termIds[i])) {
      if (alt.weight > x.weight) {
        x.weight = alt.weight;
        x.exact = x.exact || alt.exact;
      }
      return;
    }
  }
  word.alternatives.push(alt);
}

function hasDoc(docs: Int32Array, doc: number): boolean {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = docs[mid];
    if (v === doc) return true;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The `k` best of the first `n` candidates by score (ties: lower doc index first), best first,
 * with a size-k min-heap: O(n log k), no allocation per candidate.
 */
function topK(scores: Float64Array, docs: Int32Array, n: number, k: number): { doc: number; score: number }[] {
  const heap: number[] = []; // candidate positions; heap[0] is the worst kept
  // a is worse than b
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && docs[a] > docs[b]);
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c], heap[p])) break;
        [heap[c], heap[p]] = [heap[p], heap[c]];
        c = p;
      }
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < heap.length && worse(heap[l], heap[m])) m = l;
        if (r < heap.length && worse(heap[r], heap[m])) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m], heap[c]];
        c = m;
      }
    }
  }
  heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return heap.map((i) => ({ doc: docs[i], score: scores[i] }));
}

// ---------------------------------------------------------------------------------------------
// Articles

export interface ArticleHit {
  topic: TopicId;
  title: string;
  score: number;
  confidence: number;
}

export interface ArticleSearch {
  /** Best articles of `lang` for `text`, one per topic, best first. */
  search(text: string, lang: Lang, k?: number): ArticleHit[];
  /** The same with the confidence features of the top hit (for calibration). */
  query(text: string, lang: Lang, k?: number): { hits: ArticleHit[]; features: ConfidenceFeatures; terms: string[] };
  readonly index: SearchIndex;
}

/**
 * Article ranking parameters, chosen on the project's training messages (knowledge/training/*.jsonl,
 * 2127 lines with a topic; never ../shared/eval): Recall@1 of the right topic
 *   body weight 0.5 and idf from all fields, k1 1.2 (first guess)     0.744
 *   body not indexed                                                    0.769
 *   k1 5 (field weights make tf~ large; 1.2 saturated too early)        0.818
 *   body 0.3 but left out of idf (its common words no longer dilute)    0.822
 * Synonyms, typo tolerance and compounds change Recall@1 by less than 0.003 there (the articles'
 * keywords already list the variants); they are kept for messages the training set lacks.
 */
export const ARTICLE_FIELD_WEIGHTS: Record<string, number> = {
  title: 3,
  phrasings: 2,
  keywords: 2,
  summary: 1,
  body: 0.3,
};
export const ARTICLE_FIELD_B: Record<string, number> = {
  title: 0.5,
  phrasings: 0.6,
  keywords: 0.5,
  summary: 0.6,
  body: 0.75,
};
export const ARTICLE_IDF_FIELDS = ['title', 'phrasings', 'keywords', 'summary'];
export const ARTICLE_K1 = 5;

/**
 * Confidence of article hits: `fitConfidence` on the features of the top article for every
 * training message (positive when it is the labelled topic; the 318 messages labelled with no
 * topic and the wrongly ranked ones are negatives). 2-fold cross-validated AUC 0.83 (0.79 with
 * DEFAULT_CALIBRATION). Refit when the articles or the training set change much.
 */
export const ARTICLE_CALIBRATION: ConfidenceCalibration = {
  bias: -1.58,
  normalizedScore: 1.34,
  margin: 5.43,
  coverage: 0.28,
  exactCoverage: 0.89,
};

/** The searchable fields of an article. */
export function articleFields(a: Article): Record<string, string> {
  return {
    title: a.title,
    summary: a.summary,
    keywords: a.keywords.join(' ; '),
    phrasings: a.phrasings.join(' ; '),
    body: [a.checkFirst, a.steps.join('\n'), a.whenToEscalate].join('\n'),
  };
}

export function buildArticleIndex(articles: Article[], options: Partial<SearchIndexOptions> = {}): ArticleSearch {
  const index = new SearchIndex({
    fields: ARTICLE_FIELD_WEIGHTS,
    fieldB: ARTICLE_FIELD_B,
    idfFields: ARTICLE_IDF_FIELDS,
    k1: ARTICLE_K1,
    calibration: ARTICLE_CALIBRATION,
    ...options,
  });
  const titles: string[] = [];
  const topics: TopicId[] = [];
  articles.forEach((a, i) => {
    titles.push(a.title);
    topics.push(a.id);
    // Document id = position, group = topic: several articles of one topic give one hit.
    index.add({ id: String(i), lang: a.lang, group: a.id, fields: articleFields(a) });
  });
  const toHits = (hits: SearchHit[]): ArticleHit[] =>
    hits.map((h) => ({ topic: topics[Number(h.id)], title: titles[Number(h.id)], score: h.score, confidence: h.confidence }));
  return {
    index,
    search(text, lang, k = 10) {
      return toHits(index.search(text, lang, { k, collapse: true }));
    },
    query(text, lang, k = 10) {
      const r = index.query(text, lang, { k, collapse: true });
      return { hits: toHits(r.hits), features: r.features, terms: r.terms };
    },
  };
}

/**
 * Refits the article confidence on labelled messages (e.g. knowledge/training/*.jsonl): features of
 * the top article for each message, positive when it is the labelled topic (a message labelled
 * with no topic is a negative). Returns coefficients for `buildArticleIndex(articles,
 * { calibration })`; this is how ARTICLE_CALIBRATION was obtained.
 */
export function fitArticleConfidence(
  search: ArticleSearch,
  examples: { text: string; lang: Lang; topic: TopicId | null }[],
): ConfidenceCalibration {
  return fitConfidence(
    examples.map((e) => {
      const r = search.query(e.text, e.lang, 1);
      return { features: r.features, correct: e.topic !== null && r.hits[0]?.topic === e.topic };
    }),
  );
}

