/**
 * CLINC150 benchmark, "oos-threshold" protocol (Larson et al. 2019): every model trains on the 15,000
 * in-scope train utterances only; an utterance is out-of-scope when its top confidence is below t;
 * t is chosen on val (3,000) + oos_val (100) ONLY, maximising 151-way accuracy there (the paper's
 * way); the scores are then reported on test (4,500 in-scope + 1,000 oos_test). In-scope accuracy
 * counts a rejected in-scope query as wrong. Our TextClassifier and the peers (natural
 * BayesClassifier, NLP.js) are measured in the same run, on the same machine.
 *
 * Run directly: `npx tsx knowledge/bench/clinc.ts [path] [--no-peers]`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { TextClassifier, type ClassifierOptions } from '../classifier';

export interface ClincRow {
  model: string;
  trainSeconds: number;
  threshold: number;
  inScopeAccuracy: number;
  oosRecall: number;
  p50Ms: number;
  p99Ms: number;
}

type Pair = [string, string];
interface ClincData {
  train: Pair[];
  val: Pair[];
  test: Pair[];
  oos_val: Pair[];
  oos_test: Pair[];
}

/** One scored utterance: predicted label (OOS_LABEL for a model's own "none") and confidence. */
interface Scored {
  gold: string;
  pred: string;
  confidence: number;
}

/** What a benchmarked model must offer. */
interface Candidate {
  name: string;
  train(examples: Pair[]): Promise<void>;
  predict(text: string): Promise<{ label: string; confidence: number }>;
}

export const OOS_LABEL = 'oos';

function loadClinc(datasetPath: string): ClincData {
  if (!fs.existsSync(datasetPath)) throw new Error(`CLINC150 dataset not found at ${datasetPath}`);
  const raw = JSON.parse(fs.readFileSync(datasetPath, 'utf8')) as Record<string, unknown>;
  const split = (key: string): Pair[] => {
    const v = raw[key];
    if (!Array.isArray(v)) throw new Error(`CLINC150 dataset: key "${key}" is missing or not an array`);
    return v.map((p, i) => {
      if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'string') {
        throw new Error(`CLINC150 dataset: ${key}[${i}] is not a [text, intent] pair`);
      }
      return [p[0], p[1]] as Pair;
    });
  };
  return { train: split('train'), val: split('val'), test: split('test'), oos_val: split('oos_val'), oos_test: split('oos_test') };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Decision with threshold t: OOS if the model said so or its confidence is below t. */
function decide(s: Scored, t: number): string {
  return s.pred === OOS_LABEL || s.confidence < t ? OOS_LABEL : s.pred;
}

/**
 * The paper's threshold: the t maximising 151-way accuracy on val + oos_val. Candidates are 0 and
 * every observed confidence (a threshold equal to a confidence keeps that utterance in scope);
 * ties go to the smallest t.
 */
export function chooseThreshold(dev: Scored[]): number {
  const candidates = [0, ...new Set(dev.map((s) => s.confidence))].sort((a, b) => a - b);
  let best = 0;
  let bestCorrect = -1;
  // Sweep in ascending order with a sorted list: O(n log n).
  const sorted = [...dev].sort((a, b) => a.confidence - b.confidence);
  // correct(t) = #OOS-gold with (pred oos or conf < t) + #in-scope gold with pred==gold and conf >= t
  let k = 0;
  let oosBelow = 0; // OOS-gold utterances with conf < t (and pred not already oos)
  let inAboveLost = 0; // in-scope correct utterances with conf < t
  const oosAlways = dev.filter((s) => s.gold === OOS_LABEL && s.pred === OOS_LABEL).length;
  const inCorrectAll = dev.filter((s) => s.gold !== OOS_LABEL && s.pred === s.gold).length;
  for (const t of candidates) {
    while (k < sorted.length && sorted[k].confidence < t) {
      const s = sorted[k];
      if (s.gold === OOS_LABEL && s.pred !== OOS_LABEL) oosBelow++;
      if (s.gold !== OOS_LABEL && s.pred === s.gold) inAboveLost++;
      k++;
    }
    const correct = oosAlways + oosBelow + inCorrectAll - inAboveLost;
    if (correct > bestCorrect) {
      bestCorrect = correct;
      best = t;
    }
  }
  return best;
}

async function scoreAll(c: Candidate, pairs: Pair[], latencies?: number[]): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const [text, gold] of pairs) {
    const t0 = performance.now();
    const p = await c.predict(text);
    if (latencies) latencies.push(performance.now() - t0);
    out.push({ gold, pred: p.label, confidence: p.confidence });
  }
  return out;
}

async function evaluate(c: Candidate, data: ClincData, log: (line: string) => void): Promise<ClincRow> {
  log(`[clinc] training ${c.name} on ${data.train.length} utterances ...`);
  const t0 = performance.now();
  await quietly(log, () => c.train(data.train));
  const trainSeconds = (performance.now() - t0) / 1000;
  log(`[clinc] ${c.name}: trained in ${trainSeconds.toFixed(1)} s; scoring val + oos_val ...`);
  const dev = [...(await scoreAll(c, data.val)), ...(await scoreAll(c, data.oos_val))];
  const threshold = chooseThreshold(dev);
  const latencies: number[] = [];
  const inScope = await scoreAll(c, data.test, latencies);
  const oos = await scoreAll(c, data.oos_test, latencies);
  const inScopeAccuracy = inScope.filter((s) => decide(s, threshold) === s.gold).length / inScope.length;
  const oosRecall = oos.filter((s) => decide(s, threshold) === OOS_LABEL).length / oos.length;
  latencies.sort((a, b) => a - b);
  const row: ClincRow = {
    model: c.name,
    trainSeconds: round(trainSeconds, 1),
    threshold: round(threshold, 4),
    inScopeAccuracy: round(inScopeAccuracy * 100, 2),
    oosRecall: round(oosRecall * 100, 2),
    p50Ms: round(quantile(latencies, 0.5), 3),
    p99Ms: round(quantile(latencies, 0.99), 3),
  };
  log(`[clinc] ${JSON.stringify(row)}`);
  return row;
}

/**
 * Runs fn with console.log/info routed to `log` (NLP.js prints every training epoch, and loading
 * natural makes dotenv print tips), so stdout keeps only the table and the JSON line.
 */
async function quietly<T>(log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info };
  const route = (...args: unknown[]) => log(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  console.log = route;
  console.info = route;
  try {
    return await fn();
  } finally {
    console.log = saved.log;
    console.info = saved.info;
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// ---------------------------------------------------------------------------------------------
// Candidates

function ourCandidate(options?: Partial<ClassifierOptions>): Candidate {
  let model: TextClassifier | undefined;
  return {
    name: 'TextClassifier (hashed word+char n-grams, TF-IDF, sparse MLP)',
    async train(pairs) {
      model = TextClassifier.train(
        pairs.map(([text, label]) => ({ text, label })),
        options,
      );
    },
    async predict(text) {
      if (!model) throw new Error('not trained');
      const p = model.predict(text, 1);
      return { label: p.label, confidence: p.confidence };
    },
  };
}

function naturalBayesCandidate(): Candidate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const natural = require('natural') as typeof import('natural');
  const classifier = new natural.BayesClassifier();
  return {
    name: 'natural BayesClassifier (defaults)',
    async train(pairs) {
      for (const [text, label] of pairs) classifier.addDocument(text, label);
      classifier.train();
    },
    async predict(text) {
      const cls = classifier.getClassifications(text);
      if (cls.length === 0) return { label: OOS_LABEL, confidence: 0 };
      let sum = 0;
      for (const c of cls) sum += c.value;
      const top = cls[0];
      return { label: top.label, confidence: sum > 0 ? top.value / sum : 0 };
    },
  };
}

interface NlpLike {
  use(plugin: unknown): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ classifications?: { intent: string; score: number }[] }>;
}

function nlpjsCandidate(): Candidate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: new (settings: Record<string, unknown>) => NlpLike };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LangEn } = require('@nlpjs/lang-en-min') as { LangEn: unknown };
  const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false });
  nlp.use(LangEn);
  return {
    name: 'NLP.js Nlp (lang-en-min, defaults)',
    async train(pairs) {
      for (const [text, label] of pairs) nlp.addDocument('en', text, label);
      await nlp.train();
    },
    async predict(text) {
      const r = await nlp.process('en', text);
      const top = r.classifications?.[0];
      if (!top || top.intent === 'None') return { label: OOS_LABEL, confidence: 0 };
      return { label: top.intent, confidence: top.score };
    },
  };
}

// ---------------------------------------------------------------------------------------------

export async function runClincBenchmark(
  datasetPath: string,
  opts: { peers?: boolean; log?: (line: string) => void; options?: Partial<ClassifierOptions> } = {},
): Promise<ClincRow[]> {
  const log = opts.log ?? (() => undefined);
  const data = loadClinc(datasetPath);
  const candidates: (() => Candidate)[] = [() => ourCandidate(opts.options)];
  if (opts.peers !== false) candidates.push(naturalBayesCandidate, nlpjsCandidate);
  const rows: ClincRow[] = [];
  for (const make of candidates) rows.push(await evaluate(await quietly(log, async () => make()), data, log));
  return rows;
}

export function formatClincTable(rows: ClincRow[]): string {
  const lines = [
    '| model | train s | threshold t (val) | in-scope acc % | OOS recall % | predict p50 ms | p99 ms |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.model} | ${r.trainSeconds.toFixed(1)} | ${r.threshold.toFixed(4)} | ${r.inScopeAccuracy.toFixed(2)} | ${r.oosRecall.toFixed(2)} | ${r.p50Ms.toFixed(3)} | ${r.p99Ms.toFixed(3)} |`,
    );
  }
  return lines.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const datasetPath = args.find((a) => !a.startsWith('--')) ?? path.resolve(__dirname, '../../../shared/datasets/clinc150/data_full.json');
  runClincBenchmark(datasetPath, { peers: !args.includes('--no-peers'), log: (l) => console.error(l) })
    .then((rows) => {
      console.log(formatClincTable(rows));
      console.log(JSON.stringify(rows));
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
