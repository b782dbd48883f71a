/**
 * A general supervised text classifier (intent, category, severity, ...), trained on any labelled set.
 *
 * Design (and why):
 * - Features: text is truncated (10,000 characters cost the same as 1,000), NFKD-normalised, accents
 *   folded and lower-cased, then tokenised with a Unicode-aware regex (natural's WordTokenizer drops
 *   accented letters, which breaks French). Features are word unigrams, word bigrams and character
 *   2–5-grams inside word boundaries (" word "), so inflections, French elision, spelling variants
 *   and typos still share evidence. Features are hashed (32-bit FNV-1a + murmur finaliser, computed
 *   incrementally, no n-gram string allocated) and only hashes seen in training get a weight row: a
 *   compact vocabulary (60k rows on CLINC150) instead of a 2^20-row hashed matrix.
 * - Weighting: sublinear TF (1 + ln tf) x smoothed IDF. The word block and the char block are each
 *   L2-normalised, then mixed (char block weight `charWeight`) and re-normalised, so the ~10x more
 *   numerous char n-grams do not drown the word evidence.
 * - Model: a one-hidden-layer network (sparse input -> ReLU(256) -> softmax), trained by plain SGD on
 *   the cross-entropy with heavy input dropout (each feature dropped with p = 0.5) and hidden dropout
 *   (0.5), a linearly decaying learning rate and seeded shuffling/initialisation/dropout, so training
 *   is deterministic. Chosen on CLINC150 val only (test never used for a decision): the sparse
 *   multinomial logistic regression we started from (still available: `hidden: 0`) plateaued at
 *   ~92.4% closed-set val accuracy whatever the features/L2; the network reaches ~94.2% at the same
 *   OOS detection (AUROC ~0.955). The hidden layer learns feature conjunctions ("insurance" without
 *   "change") and feature dropout acts like massive paraphrase augmentation. The sparse input layer
 *   costs O(non-zeros x hidden) per example: 15,000 utterances train in ~30 s on one core, predict
 *   is ~0.15 ms. Wider layers (384/512) and `ensemble: 3` (averaged, independently seeded
 *   networks) gave no val gain for 2–3x the time, so the default is one 256-unit network.
 * - Confidence is the softmax probability of the predicted label (ranked probabilities sum to 1).
 *   Cross-entropy training with dropout keeps it calibrated: expected calibration error 0.018 on
 *   CLINC150 val. `calibrationFraction` can additionally fit a temperature on a held-out slice of
 *   the training set. Featureless input (empty, emoji only, punctuation, unknown script) gets the
 *   training label prior (1/labels when balanced), i.e. a low confidence; `coveragePower` can also
 *   shrink texts that are mostly unknown to the vocabulary towards the prior (off by default: on
 *   CLINC150 val it barely helped OOS detection and worsened calibration). Nothing in predict()
 *   throws on any string.
 * - Per-example `weight` multiplies the example's gradient; `balanceClasses` equalises label mass.
 * - Memory: input weights are features x 256 Float32 (~61 MB for CLINC150's 60k features; a few MB
 *   for a couple of thousand chat messages); raise `minDf` to 2 to halve it (same val accuracy).
 */
import { z } from 'zod';

export interface LabelledText {
  text: string;
  label: string;
  /** Optional per-example weight (default 1); multiplies the example's gradient. */
  weight?: number;
}

export interface Prediction {
  label: string;
  confidence: number;
  /** Best first; probabilities sum to ~1 when all labels are returned (the default). */
  ranked: { label: string; probability: number }[];
}

export interface ClassifierOptions {
  /** Characters kept for scoring (longer texts are truncated). */
  maxChars: number;
  /** Word n-gram order: 1 = unigrams, 2 = unigrams + bigrams. */
  wordNgrams: number;
  /** Character n-gram sizes within word boundaries; charMin = 0 disables them. */
  charMin: number;
  charMax: number;
  /** Weight of the (L2-normalised) char n-gram block relative to the word block. */
  charWeight: number;
  /** Features seen in fewer training examples are dropped. */
  minDf: number;
  /** Hidden units; 0 = multinomial logistic regression (linear softmax). */
  hidden: number;
  /** Independently seeded networks whose probabilities are averaged. */
  ensemble: number;
  /** SGD epochs over the training set ... */
  epochs: number;
  /** ... but at least this many SGD updates in all (small data sets get more epochs). */
  minUpdates: number;
  /** Initial learning rate (decays linearly to 0 for the network, as 1/(1+λη₀t) for the linear model). */
  learningRate: number;
  /** L2 strength (linear model only; the network is regularised by dropout). */
  l2: number;
  /** Probability of dropping each input feature / hidden unit during training. */
  inputDropout: number;
  hiddenDropout: number;
  /** Input-layer weights start uniform in ±initScale. */
  initScale: number;
  /**
   * Confidence shrinks towards the label prior as p = a·p_model + (1 − a)·prior with
   * a = coverage^coveragePower, coverage being the share of the text's feature mass the vocabulary
   * knows; 0 disables (featureless text always gets the prior).
   */
  coveragePower: number;
  /** Reweight examples so that every label has the same total weight. */
  balanceClasses: boolean;
  /** Fraction of training examples (per label) held out to fit a softmax temperature; 0 disables. */
  calibrationFraction: number;
  /** Seed of the deterministic initialisation, shuffles and dropout. */
  seed: number;
}

export const DEFAULT_OPTIONS: Readonly<ClassifierOptions> = Object.freeze({
  maxChars: 1000,
  wordNgrams: 2,
  charMin: 2,
  charMax: 5,
  charWeight: 1.4,
  minDf: 1,
  hidden: 256,
  ensemble: 1,
  epochs: 20,
  minUpdates: 20000,
  learningRate: 0.1,
  l2: 3e-6,
  inputDropout: 0.5,
  hiddenDropout: 0.5,
  initScale: 0.1,
  coveragePower: 0,
  balanceClasses: false,
  calibrationFraction: 0,
  seed: 42,
});

/** Defaults that differ for the linear model (hidden = 0) unless given explicitly. */
const LINEAR_DEFAULTS: Partial<ClassifierOptions> = { learningRate: 1, inputDropout: 0, epochs: 20 };

// ---------------------------------------------------------------------------------------------
// Text normalisation and hashed features

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvChar(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = fnvChar(h, s.charCodeAt(i));
  return h;
}

/** Final avalanche (murmur3 fmix32) so that combined hashes spread well. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const TAG_WORD = fnvChar(FNV_OFFSET, 0x57); // 'W'
const TAG_BIGRAM = 0x42_49_47_52; // 'BIGR'
const TAG_CHAR = fnvChar(FNV_OFFSET, 0x43); // 'C'

const TOKEN_RE = /[\p{L}\p{N}]+/gu;
const MARKS_RE = /\p{M}+/gu;

/** Lower-cased, accent-folded tokens of at most maxChars characters of text. */
export function tokenize(text: string, maxChars = DEFAULT_OPTIONS.maxChars): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const cut = text.length > maxChars ? text.slice(0, maxChars) : text;
  const folded = cut.normalize('NFKD').replace(MARKS_RE, '').toLowerCase();
  return folded.match(TOKEN_RE) ?? [];
}

interface FeatureSpec {
  maxChars: number;
  wordNgrams: number;
  charMin: number;
  charMax: number;
  charWeight: number;
}

/** Raw (hash → weighted count) features of a text; word and char blocks weighted separately. */
function rawFeatures(text: string, spec: FeatureSpec): Map<number, number> {
  const tokens = tokenize(text, spec.maxChars);
  const counts = new Map<number, number>();
  const add = (h: number, w: number) => counts.set(h, (counts.get(h) ?? 0) + w);
  const wordHashes: number[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const h = fmix(fnvString(TAG_WORD, tokens[i])) & ~1;
    wordHashes[i] = h;
    add(h, 1);
  }
  if (spec.wordNgrams >= 2) {
    for (let i = 1; i < tokens.length; i++) {
      add(fmix(Math.imul(wordHashes[i - 1] ^ TAG_BIGRAM, FNV_PRIME) ^ wordHashes[i]) & ~1, 1);
    }
  }
  if (spec.charMax >= spec.charMin && spec.charMin > 0 && spec.charWeight > 0) {
    for (const tok of tokens) {
      // " tok " with boundary markers; code units are fine after NFKD folding.
      const n = tok.length + 2;
      for (let start = 0; start < n; start++) {
        let h = TAG_CHAR;
        for (let len = 1; len <= spec.charMax && start + len <= n; len++) {
          const pos = start + len - 1;
          const code = pos === 0 || pos === n - 1 ? 0x20 : tok.charCodeAt(pos - 1);
          h = fnvChar(h, code);
          if (len >= spec.charMin) {
            // Skip the n-gram that is the whole " tok " (the unigram feature covers it).
            if (len === n) continue;
            add(fmix(h ^ len) | 1, 1);
          }
        }
      }
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleInPlace(arr: Int32Array | number[], rand: () => number): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
}

// ---------------------------------------------------------------------------------------------
// Serialisation schema

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be a base64 string');

const optionsSchema = z.object({
  maxChars: z.number().int().positive(),
  wordNgrams: z.number().int().min(1).max(2),
  charMin: z.number().int().min(0),
  charMax: z.number().int().min(0).max(10),
  charWeight: z.number().min(0).finite(),
  minDf: z.number().int().min(1),
  hidden: z.number().int().min(0).max(4096),
  ensemble: z.number().int().min(1).max(16),
  epochs: z.number().int().min(1),
  minUpdates: z.number().int().min(0),
  learningRate: z.number().positive().finite(),
  l2: z.number().min(0).finite(),
  inputDropout: z.number().min(0).max(0.95),
  hiddenDropout: z.number().min(0).max(0.95),
  initScale: z.number().positive().finite(),
  coveragePower: z.number().min(0).max(10),
  balanceClasses: z.boolean(),
  calibrationFraction: z.number().min(0).max(0.5),
  seed: z.number().int(),
});

const memberSchema = z.object({
  /** Input layer [feature][hidden] (Float32Array, base64); absent for the linear model. */
  w1: b64.optional(),
  b1: b64.optional(),
  /** Output layer [hidden or feature][label] and bias [label] (Float32Array, base64). */
  w2: b64,
  b2: b64,
});

const serializedSchema = z.object({
  format: z.literal('text-classifier'),
  version: z.literal(1),
  options: optionsSchema,
  labels: z.array(z.string().min(1)).min(1),
  temperature: z.number().positive().finite(),
  /** Training-set size (gives the IDF of an unseen feature). */
  documents: z.number().int().positive(),
  /** Label prior (Float32Array, base64), returned for featureless text. */
  prior: b64,
  /** Feature hashes (Int32Array, base64), one per input row. */
  features: b64,
  /** IDF per feature (Float32Array, base64). */
  idf: b64,
  members: z.array(memberSchema).min(1),
});

export type SerializedClassifier = z.infer<typeof serializedSchema>;

function toBase64(arr: Float32Array | Int32Array): string {
  return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).toString('base64');
}

function bytesOf(s: string, name: string): ArrayBuffer {
  const buf = Buffer.from(s, 'base64');
  if (buf.byteLength % 4 !== 0) throw new Error(`Invalid classifier JSON: ${name} is not a whole number of 32-bit values`);
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return copy;
}

function f32(s: string, name: string, expected: number): Float32Array {
  const arr = new Float32Array(bytesOf(s, name));
  if (arr.length !== expected) throw new Error(`Invalid classifier JSON: ${name} has ${arr.length} values, expected ${expected}`);
  for (let i = 0; i < arr.length; i++) {
    if (!Number.isFinite(arr[i])) throw new Error(`Invalid classifier JSON: ${name}[${i}] is not a finite number`);
  }
  return arr;
}

// ---------------------------------------------------------------------------------------------
// The classifier

interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
  /** Share of the text's feature mass known to the vocabulary (0..1). */
  coverage: number;
}

/** One trained network (w1/b1 null for the linear model, whose w2 is [feature][label]). */
interface Member {
  w1: Float32Array | null;
  b1: Float32Array | null;
  w2: Float32Array;
  b2: Float32Array;
}

const EMPTY_VEC: SparseVec = { idx: new Int32Array(0), val: new Float32Array(0), coverage: 0 };

export class TextClassifier {
  readonly labels: readonly string[];
  private readonly options: ClassifierOptions;
  private readonly featureHashes: Int32Array;
  private readonly index: Map<number, number>;
  private readonly idf: Float32Array;
  private readonly members: Member[];
  private readonly temperature: number;
  private readonly prior: Float32Array;
  private readonly unseenIdf: number;

  private constructor(
    labels: readonly string[],
    options: ClassifierOptions,
    featureHashes: Int32Array,
    idf: Float32Array,
    members: Member[],
    temperature: number,
    prior: Float32Array,
    private readonly documents: number,
  ) {
    this.labels = Object.freeze([...labels]);
    this.options = Object.freeze({ ...options });
    this.featureHashes = featureHashes;
    this.idf = idf;
    this.members = members;
    this.temperature = temperature;
    this.prior = prior;
    this.unseenIdf = unseenIdfOf(documents);
    this.index = new Map();
    for (let i = 0; i < featureHashes.length; i++) this.index.set(featureHashes[i], i);
  }

  /** The effective options (defaults filled in). */
  get settings(): Readonly<ClassifierOptions> {
    return this.options;
  }

  // ---- training ------------------------------------------------------------------------------

  static train(examples: LabelledText[], options: Partial<ClassifierOptions> = {}): TextClassifier {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<ClassifierOptions>;
    const base = (defined.hidden ?? DEFAULT_OPTIONS.hidden) === 0 ? { ...DEFAULT_OPTIONS, ...LINEAR_DEFAULTS } : DEFAULT_OPTIONS;
    const checked = optionsSchema.safeParse({ ...base, ...defined });
    if (!checked.success) {
      throw new Error(`TextClassifier.train: invalid options: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const opts: ClassifierOptions = checked.data;
    const usable = (Array.isArray(examples) ? examples : []).filter(
      (e) =>
        e != null &&
        typeof e.label === 'string' &&
        e.label.length > 0 &&
        typeof e.text === 'string' &&
        (e.weight === undefined || (Number.isFinite(e.weight) && e.weight > 0)),
    );
    if (usable.length === 0) throw new Error('TextClassifier.train: no usable labelled examples (need non-empty label and string text)');
    const labels = [...new Set(usable.map((e) => e.label))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const C = labels.length;

    // Raw features and document frequencies -> compact vocabulary and IDF.
    const raws = usable.map((e) => rawFeatures(e.text, opts));
    const df = new Map<number, number>();
    for (const r of raws) for (const h of r.keys()) df.set(h, (df.get(h) ?? 0) + 1);
    const hashes: number[] = [];
    for (const [h, n] of df) if (n >= opts.minDf) hashes.push(h);
    hashes.sort((a, b) => a - b);
    const featureHashes = Int32Array.from(hashes);
    const F = featureHashes.length;
    const index = new Map<number, number>();
    for (let i = 0; i < F; i++) index.set(featureHashes[i], i);
    const N = raws.length;
    const idf = new Float32Array(F);
    for (let i = 0; i < F; i++) idf[i] = Math.log((1 + N) / (1 + (df.get(featureHashes[i]) ?? 0))) + 1;

    const vecs = raws.map((r) => vectorize(r, index, idf, opts.charWeight, unseenIdfOf(N)));
    const y = Int32Array.from(usable.map((e) => labelIndex.get(e.label) ?? 0));
    const w = Float64Array.from(usable.map((e) => e.weight ?? 1));
    if (opts.balanceClasses) {
      const total = new Float64Array(C);
      for (let i = 0; i < N; i++) total[y[i]] += w[i];
      let sum = 0;
      for (let c = 0; c < C; c++) sum += total[c];
      for (let i = 0; i < N; i++) w[i] *= sum / (C * total[y[i]]);
    }
    // Keep the mean weight at 1 so the learning rate means the same whatever the weights.
    let wsum = 0;
    for (let i = 0; i < N; i++) wsum += w[i];
    for (let i = 0; i < N; i++) w[i] *= N / wsum;

    const trainMembers = (ids: number[] | null): Member[] => {
      const xs = ids ? ids.map((i) => vecs[i]) : vecs;
      const ys = ids ? Int32Array.from(ids.map((i) => y[i])) : y;
      const ws = ids ? Float64Array.from(ids.map((i) => w[i])) : w;
      const out: Member[] = [];
      for (let m = 0; m < opts.ensemble; m++) {
        const seed = (opts.seed + 7919 * m) | 0;
        out.push(opts.hidden > 0 ? trainMlp(xs, ys, ws, F, C, opts, seed) : trainLinear(xs, ys, ws, F, C, opts, seed));
      }
      return out;
    };

    // Optional calibration: a per-label slice of the training set fits the temperature on a first
    // model; the final model is then trained on everything.
    let temperature = 1;
    if (opts.calibrationFraction > 0 && C > 1) {
      const rand = mulberry32(opts.seed ^ 0x5eed);
      const byLabel: number[][] = Array.from({ length: C }, () => []);
      for (let i = 0; i < N; i++) byLabel[y[i]].push(i);
      const held: number[] = [];
      const kept: number[] = [];
      for (const ids of byLabel) {
        shuffleInPlace(ids, rand);
        const k = ids.length >= 4 ? Math.max(1, Math.round(ids.length * opts.calibrationFraction)) : 0;
        held.push(...ids.slice(0, k));
        kept.push(...ids.slice(k));
      }
      if (held.length > 0) {
        const ms = trainMembers(kept);
        const H = opts.hidden;
        temperature = fitTemperature(
          held.map((i) => ms.map((m) => memberLogits(vecs[i], m, H, C))),
          held.map((i) => y[i]),
        );
      }
    }
    const prior = new Float32Array(C);
    for (let i = 0; i < N; i++) prior[y[i]] += w[i] / N;
    return new TextClassifier(labels, opts, featureHashes, idf, trainMembers(null), temperature, prior, N);
  }

  // ---- prediction ----------------------------------------------------------------------------

  /** Class probabilities in `labels` order. */
  probabilities(text: string): Float64Array {
    const C = this.labels.length;
    let vec = EMPTY_VEC;
    try {
      const s = typeof text === 'string' ? text : text == null ? '' : String(text);
      vec = vectorize(rawFeatures(s, this.options), this.index, this.idf, this.options.charWeight, this.unseenIdf);
    } catch {
      vec = EMPTY_VEC;
    }
    const out = new Float64Array(C);
    for (const m of this.members) {
      const z = memberLogits(vec, m, this.options.hidden, C);
      if (this.temperature !== 1) for (let c = 0; c < C; c++) z[c] /= this.temperature;
      softmaxInPlace(z);
      for (let c = 0; c < C; c++) out[c] += z[c] / this.members.length;
    }
    // Little known evidence -> shrink towards the label prior (all the way for featureless text).
    const alpha = vec.idx.length === 0 ? 0 : this.options.coveragePower > 0 ? Math.pow(vec.coverage, this.options.coveragePower) : 1;
    if (alpha < 1) for (let c = 0; c < C; c++) out[c] = alpha * out[c] + (1 - alpha) * this.prior[c];
    return out;
  }

  predict(text: string, topK?: number): Prediction {
    const p = this.probabilities(text);
    const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
    const k = topK === undefined || !(topK >= 1) ? order.length : Math.min(order.length, Math.floor(topK));
    const ranked = order.slice(0, k).map((c) => ({ label: this.labels[c], probability: p[c] }));
    return { label: ranked[0].label, confidence: ranked[0].probability, ranked };
  }

  // ---- serialisation -------------------------------------------------------------------------

  toJSON(): SerializedClassifier {
    return {
      format: 'text-classifier',
      version: 1,
      options: { ...this.options },
      labels: [...this.labels],
      temperature: this.temperature,
      documents: this.documents,
      prior: toBase64(this.prior),
      features: toBase64(this.featureHashes),
      idf: toBase64(this.idf),
      members: this.members.map((m) => ({
        ...(m.w1 && m.b1 ? { w1: toBase64(m.w1), b1: toBase64(m.b1) } : {}),
        w2: toBase64(m.w2),
        b2: toBase64(m.b2),
      })),
    };
  }

  static fromJSON(data: unknown): TextClassifier {
    const parsed = serializedSchema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
        .join('; ');
      throw new Error(`Invalid classifier JSON: ${issues}`);
    }
    const d = parsed.data;
    const C = d.labels.length;
    if (new Set(d.labels).size !== C) throw new Error('Invalid classifier JSON: labels contain duplicates');
    const features = new Int32Array(bytesOf(d.features, 'features'));
    const F = features.length;
    if (new Set(features).size !== F) throw new Error('Invalid classifier JSON: features contain duplicate hashes');
    const idf = f32(d.idf, 'idf', F);
    const H = d.options.hidden;
    if (d.members.length !== d.options.ensemble) {
      throw new Error(`Invalid classifier JSON: ${d.members.length} members, but options.ensemble is ${d.options.ensemble}`);
    }
    const members = d.members.map((m, i): Member => {
      const name = (part: string) => `members.${i}.${part}`;
      if (H > 0) {
        if (m.w1 === undefined || m.b1 === undefined) throw new Error(`Invalid classifier JSON: ${name('w1')} and ${name('b1')} are required when options.hidden > 0`);
        return { w1: f32(m.w1, name('w1'), F * H), b1: f32(m.b1, name('b1'), H), w2: f32(m.w2, name('w2'), H * C), b2: f32(m.b2, name('b2'), C) };
      }
      if (m.w1 !== undefined || m.b1 !== undefined) throw new Error(`Invalid classifier JSON: ${name('w1')} must be absent when options.hidden is 0`);
      return { w1: null, b1: null, w2: f32(m.w2, name('w2'), F * C), b2: f32(m.b2, name('b2'), C) };
    });
    const prior = f32(d.prior, 'prior', C);
    return new TextClassifier(d.labels, d.options, features, idf, members, d.temperature, prior, d.documents);
  }
}

// ---------------------------------------------------------------------------------------------
// Numerics

/**
 * TF-IDF vector of raw features, restricted to the vocabulary. Word features have an even hash,
 * character n-grams an odd one: each block is L2-normalised on its own, then the char block is
 * weighted by charWeight and the whole vector re-normalised, so the ~10x more numerous char n-grams
 * do not drown the word evidence. `coverage` (0..1) is the share of the text's TF-IDF mass (same
 * block weighting; unseen features count with the IDF of a never-seen feature) that the vocabulary
 * knows: 0 for empty or featureless text, low for gibberish and foreign scripts.
 */
function vectorize(raw: Map<number, number>, index: Map<number, number>, idf: Float32Array, charWeight: number, unseenIdf: number): SparseVec {
  const idx: number[] = [];
  const val: number[] = [];
  let normW = 0;
  let normC = 0;
  let allW = 0;
  let allC = 0;
  for (const [h, tf] of raw) {
    const j = index.get(h);
    const tfw = 1 + Math.log(tf);
    if (j === undefined) {
      const u = tfw * unseenIdf;
      if (h & 1) allC += u * u;
      else allW += u * u;
      continue;
    }
    const v = tfw * idf[j];
    idx.push(j);
    val.push(v);
    if (h & 1) normC += v * v;
    else normW += v * v;
  }
  allW += normW;
  allC += normC;
  const out: SparseVec = { idx: Int32Array.from(idx), val: Float32Array.from(val), coverage: 0 };
  const a = normW > 0 ? 1 : 0;
  const b = normC > 0 ? charWeight : 0;
  const total = Math.sqrt(a * a + b * b);
  if (total > 0) {
    const fw = normW > 0 ? a / total / Math.sqrt(normW) : 0;
    const fc = normC > 0 ? b / total / Math.sqrt(normC) : 0;
    let k = 0;
    for (const h of raw.keys()) {
      if (!index.has(h)) continue;
      out.val[k] *= h & 1 ? fc : fw;
      k++;
    }
  }
  const cw2 = charWeight * charWeight;
  const den = (allW > 0 ? 1 : 0) + (allC > 0 ? cw2 : 0);
  if (den > 0) out.coverage = ((allW > 0 ? normW / allW : 0) + (allC > 0 ? (cw2 * normC) / allC : 0)) / den;
  return out;
}

function unseenIdfOf(documents: number): number {
  return Math.log(1 + documents) + 1;
}

/** Logits of one member for a (normalised) sparse vector. */
function memberLogits(x: SparseVec, m: Member, H: number, C: number): Float64Array {
  const z = new Float64Array(C);
  for (let c = 0; c < C; c++) z[c] = m.b2[c];
  if (m.w1 && m.b1) {
    const a = new Float64Array(H);
    for (let j = 0; j < H; j++) a[j] = m.b1[j];
    const W1 = m.w1;
    for (let k = 0; k < x.idx.length; k++) {
      const base = x.idx[k] * H;
      const v = x.val[k];
      for (let j = 0; j < H; j++) a[j] += v * W1[base + j];
    }
    const W2 = m.w2;
    for (let j = 0; j < H; j++) {
      const h = a[j];
      if (h <= 0) continue;
      const base = j * C;
      for (let c = 0; c < C; c++) z[c] += h * W2[base + c];
    }
  } else {
    const W = m.w2;
    for (let k = 0; k < x.idx.length; k++) {
      const base = x.idx[k] * C;
      const v = x.val[k];
      for (let c = 0; c < C; c++) z[c] += v * W[base + c];
    }
  }
  return z;
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c] - max);
    sum += z[c];
  }
  for (let c = 0; c < z.length; c++) z[c] /= sum;
}

function totalEpochs(opts: ClassifierOptions, N: number): number {
  return Math.min(10000, Math.max(opts.epochs, Math.ceil(opts.minUpdates / Math.max(1, N))));
}

/**
 * The network: x (sparse) -> ReLU(W1ᵀx + b1) -> softmax(W2ᵀh + b2), plain SGD on the weighted
 * cross-entropy with input-feature dropout and hidden dropout (inverted scaling), learning rate
 * decaying linearly to 0. Only the rows of the features present are touched for the input layer.
 */
function trainMlp(xs: SparseVec[], y: Int32Array, w: Float64Array, F: number, C: number, opts: ClassifierOptions, seed: number): Member {
  const H = opts.hidden;
  const rand = mulberry32(seed);
  const W1 = new Float32Array(F * H);
  for (let i = 0; i < W1.length; i++) W1[i] = (rand() * 2 - 1) * opts.initScale;
  const b1 = new Float32Array(H);
  const W2 = new Float32Array(H * C);
  const s2 = Math.sqrt(6 / (H + C));
  for (let i = 0; i < W2.length; i++) W2[i] = (rand() * 2 - 1) * s2;
  const b2 = new Float32Array(C);

  const N = xs.length;
  let maxNnz = 0;
  for (const x of xs) maxNnz = Math.max(maxNnz, x.idx.length);
  const order = new Int32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  const kIdx = new Int32Array(maxNnz);
  const kVal = new Float64Array(maxNnz);
  const a = new Float64Array(H);
  const active = new Int32Array(H);
  const hv = new Float64Array(H);
  const dh = new Float64Array(H);
  const z = new Float64Array(C);
  const pIn = opts.inputDropout;
  const pH = opts.hiddenDropout;
  const keepIn = 1 - pIn;
  const keepH = 1 - pH;
  const epochs = totalEpochs(opts, N);
  const total = epochs * N;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (let n = 0; n < N; n++) {
      const i = order[n];
      const x = xs[i];
      const lr = opts.learningRate * (1 - t / total);
      t++;
      // Input dropout.
      let m = 0;
      for (let k = 0; k < x.idx.length; k++) {
        if (pIn > 0 && rand() < pIn) continue;
        kIdx[m] = x.idx[k];
        kVal[m] = x.val[k] / keepIn;
        m++;
      }
      // Hidden layer.
      for (let j = 0; j < H; j++) a[j] = b1[j];
      for (let k = 0; k < m; k++) {
        const base = kIdx[k] * H;
        const v = kVal[k];
        for (let j = 0; j < H; j++) a[j] += v * W1[base + j];
      }
      let na = 0;
      for (let j = 0; j < H; j++) {
        if (a[j] > 0 && (pH === 0 || rand() >= pH)) {
          active[na] = j;
          hv[na] = a[j] / keepH;
          na++;
        }
      }
      // Output layer and softmax.
      for (let c = 0; c < C; c++) z[c] = b2[c];
      for (let q = 0; q < na; q++) {
        const base = active[q] * C;
        const h = hv[q];
        for (let c = 0; c < C; c++) z[c] += h * W2[base + c];
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (z[c] > max) max = z[c];
      let sum = 0;
      for (let c = 0; c < C; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      const wi = w[i];
      const yi = y[i];
      for (let c = 0; c < C; c++) z[c] = (z[c] / sum - (c === yi ? 1 : 0)) * wi;
      // Backward: hidden gradient with the old W2, then update W2, b2, W1, b1.
      for (let q = 0; q < na; q++) {
        const base = active[q] * C;
        const step = lr * hv[q];
        let s = 0;
        for (let c = 0; c < C; c++) {
          s += W2[base + c] * z[c];
          W2[base + c] -= step * z[c];
        }
        dh[q] = s / keepH;
      }
      for (let c = 0; c < C; c++) b2[c] -= lr * z[c];
      for (let k = 0; k < m; k++) {
        const base = kIdx[k] * H;
        const v = kVal[k] * lr;
        for (let q = 0; q < na; q++) W1[base + active[q]] -= v * dh[q];
      }
      for (let q = 0; q < na; q++) b1[active[q]] -= lr * dh[q];
    }
  }
  return { w1: W1, b1, w2: W2, b2 };
}

/** Multinomial logistic regression by SGD with L2 (scaled weights: W = scale * V). */
function trainLinear(xs: SparseVec[], y: Int32Array, w: Float64Array, F: number, C: number, opts: ClassifierOptions, seed: number): Member {
  const V = new Float32Array(F * C);
  const bias = new Float64Array(C);
  let scale = 1;
  const N = xs.length;
  const order = new Int32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  const rand = mulberry32(seed);
  const z = new Float64Array(C);
  const eta0 = opts.learningRate;
  const lambda = opts.l2;
  const epochs = totalEpochs(opts, N);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (let n = 0; n < N; n++) {
      const i = order[n];
      const x = xs[i];
      const eta = eta0 / (1 + eta0 * lambda * t);
      t++;
      for (let c = 0; c < C; c++) z[c] = 0;
      for (let k = 0; k < x.idx.length; k++) {
        const base = x.idx[k] * C;
        const v = x.val[k];
        for (let c = 0; c < C; c++) z[c] += v * V[base + c];
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        z[c] = z[c] * scale + bias[c];
        if (z[c] > max) max = z[c];
      }
      let sum = 0;
      for (let c = 0; c < C; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      const wi = w[i];
      for (let c = 0; c < C; c++) z[c] = (z[c] / sum - (c === y[i] ? 1 : 0)) * wi;
      if (lambda > 0) {
        scale *= 1 - eta * lambda;
        if (scale < 1e-6) {
          for (let j = 0; j < V.length; j++) V[j] *= scale;
          scale = 1;
        }
      }
      const step = eta / scale;
      for (let c = 0; c < C; c++) {
        const g = z[c];
        if (g > -1e-6 && g < 1e-6) continue;
        const gs = g * step;
        for (let k = 0; k < x.idx.length; k++) V[x.idx[k] * C + c] -= gs * x.val[k];
        bias[c] -= eta * g * 0.1;
      }
    }
  }
  const weights = new Float32Array(F * C);
  for (let j = 0; j < V.length; j++) weights[j] = V[j] * scale;
  return { w1: null, b1: null, w2: weights, b2: Float32Array.from(bias) };
}

/** Temperature minimising the held-out cross-entropy of the averaged members (golden-section on log T). */
function fitTemperature(zs: Float64Array[][], ys: number[]): number {
  const nll = (logT: number) => {
    const T = Math.exp(logT);
    let s = 0;
    for (let i = 0; i < zs.length; i++) {
      let p = 0;
      for (const z of zs[i]) {
        const q = Float64Array.from(z, (v) => v / T);
        softmaxInPlace(q);
        p += q[ys[i]] / zs[i].length;
      }
      s -= Math.log(Math.max(p, 1e-300));
    }
    return s;
  };
  let a = Math.log(0.05);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = nll(c);
  let fd = nll(d);
  for (let it = 0; it < 40; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = nll(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = nll(d);
    }
  }
  return Math.exp((a + b) / 2);
}
