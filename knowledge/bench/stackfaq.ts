/**
 * StackFAQ retrieval benchmark (Karan & Snajder 2018; ../shared/datasets/stackfaq).
 *
 * Protocol (as in BERT-FAQ and ../shared/datasets/RESULTS.md): index the 719 FAQ entries
 * (question, answer) of the 125 threads; each of the 1249 user rephrasings ("*" separators and empty
 * entries excluded) is a query whose relevant set is every entry of its own thread. Entries are
 * indexed by their question text only (the field the peers' 0.755 / 0.652 were measured on).
 * Metrics: nDCG@10 (binary gains), Recall@10 (relevant in top 10 / relevant), P@1, mean latency.
 * Peers are measured in the same run: MiniSearch 7 with natural's Porter stemmer and stop words,
 * and lunr 2.3.9 with its defaults through the query() API.
 *
 * Run: npx tsx knowledge/bench/stackfaq.ts [dir] [--fit-confidence]   (default dir ../shared/datasets/stackfaq)
 */
import * as fs from 'fs';
import * as path from 'path';
import MiniSearch from 'minisearch';
import lunr from 'lunr';
import { SearchIndex, fitConfidence, type ConfidenceFeatures, type SearchIndexOptions } from '../search';
import { analyze } from '../text';

export interface Row {
  engine: string;
  fields: string;
  queries: number;
  ndcg10: number;
  recall10: number;
  p1: number;
  msPerQuery: number;
  buildMs: number;
}

interface Entry {
  id: number;
  thread: number;
  question: string;
  answer: string;
}

interface Query {
  thread: number;
  text: string;
}

export interface StackFaq {
  entries: Entry[];
  queries: Query[];
  relevantCount: Map<number, number>;
}

function asArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : x == null ? '' : String(x)));
  if (typeof v === 'string') return [v];
  return [];
}

export function loadStackFaq(dir: string): StackFaq {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'stackExchange-FAQ.json'), 'utf8')) as {
    root: { qapair: { rephr: unknown; question: unknown; answer: unknown }[] };
  };
  const entries: Entry[] = [];
  const queries: Query[] = [];
  const relevantCount = new Map<number, number>();
  raw.root.qapair.forEach((pair, thread) => {
    const question = asArray(pair.question)[0] ?? '';
    for (const answer of asArray(pair.answer)) {
      entries.push({ id: entries.length, thread, question, answer });
      relevantCount.set(thread, (relevantCount.get(thread) ?? 0) + 1);
    }
    for (const r of asArray(pair.rephr)) {
      const text = r.trim();
      if (text && text !== '*') queries.push({ thread, text });
    }
  });
  return { entries, queries, relevantCount };
}

/** A ranked list of entry ids for a query. */
type Searcher = (text: string) => number[];

interface Engine {
  name: string;
  build(entries: Entry[]): Searcher;
}

function metrics(data: StackFaq, search: Searcher): { ndcg10: number; recall10: number; p1: number; msPerQuery: number; ranked: number[][] } {
  const threadOf = new Map(data.entries.map((e) => [e.id, e.thread]));
  let ndcg = 0;
  let recall = 0;
  let p1 = 0;
  const ranked: number[][] = [];
  // Untimed pass first: stemmer caches and JIT warm for every engine alike (the engines run in turn).
  for (const q of data.queries) search(q.text);
  const t0 = performance.now();
  for (const q of data.queries) ranked.push(search(q.text).slice(0, 10));
  const ms = (performance.now() - t0) / data.queries.length;
  data.queries.forEach((q, qi) => {
    const top = ranked[qi];
    const R = data.relevantCount.get(q.thread) ?? 0;
    let dcg = 0;
    let hits = 0;
    top.forEach((id, i) => {
      if (threadOf.get(id) === q.thread) {
        dcg += 1 / Math.log2(i + 2);
        hits++;
      }
    });
    let idcg = 0;
    for (let i = 0; i < Math.min(R, 10); i++) idcg += 1 / Math.log2(i + 2);
    ndcg += idcg > 0 ? dcg / idcg : 0;
    recall += R > 0 ? hits / R : 0;
    if (top.length && threadOf.get(top[0]) === q.thread) p1++;
  });
  const n = data.queries.length;
  return { ndcg10: ndcg / n, recall10: recall / n, p1: p1 / n, msPerQuery: ms, ranked };
}

// Peer set-up: natural's Porter stemmer and stop-word list, loaded by path (as text.ts does).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter: { stem(s: string): string } = require('natural/lib/natural/stemmers/porter_stemmer');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const naturalStopwords = new Set<string>(require('natural/lib/natural/util/stopwords').words);

function ourEngine(name: string, options: Partial<SearchIndexOptions> = {}): Engine {
  return {
    name,
    build(entries) {
      const index = new SearchIndex({ fields: { question: 1 }, ...options });
      for (const e of entries) index.add({ id: String(e.id), lang: 'en', fields: { question: e.question } });
      index.search('warm up', 'en');
      return (text) => index.search(text, 'en', { k: 10 }).map((h) => Number(h.id));
    },
  };
}

const ENGINES: Engine[] = [
  ourEngine('ours: BM25F + synonyms + typo tolerance'),
  ourEngine('ours without synonyms', { synonymWeight: 0 }),
  ourEngine('ours without synonyms and typo tolerance', { synonymWeight: 0, fuzzyWeight: 0 }),
  ourEngine('ours, plain BM25F (no synonyms, typos, compounds)', { synonymWeight: 0, fuzzyWeight: 0, compoundWeight: 0 }),
  {
    name: 'peer: minisearch 7 + natural Porter + stopwords',
    build(entries) {
      const ms = new MiniSearch<Entry>({
        fields: ['question'],
        idField: 'id',
        processTerm: (term) => {
          const t = term.toLowerCase();
          return naturalStopwords.has(t) ? null : porter.stem(t);
        },
      });
      ms.addAll(entries);
      return (text) => ms.search(text).map((r) => Number(r.id));
    },
  },
  {
    name: 'minisearch 7 with our analyser (alternative tried for search.ts)',
    build(entries) {
      const ms = new MiniSearch<Entry>({
        fields: ['question'],
        idField: 'id',
        tokenize: (text) => analyze(text, 'en'),
        processTerm: (term) => term,
        searchOptions: { fuzzy: (term) => (term.length >= 5 ? 0.2 : false), weights: { fuzzy: 0.5, prefix: 0.3 } },
      });
      ms.addAll(entries);
      return (text) => ms.search(text).map((r) => Number(r.id));
    },
  },
  {
    name: 'peer: lunr 2.3.9 defaults, query() API',
    build(entries) {
      const idx = lunr(function () {
        this.ref('id');
        this.field('question');
        for (const e of entries) this.add({ id: String(e.id), question: e.question });
      });
      return (text) => {
        const tokens = lunr.tokenizer(text);
        return idx
          .query((q) => {
            for (const t of tokens) q.term(t.toString(), {});
          })
          .map((r) => Number(r.ref));
      };
    },
  },
];

export async function runStackFaqBenchmark(dir: string): Promise<Row[]> {
  const data = loadStackFaq(dir);
  const rows: Row[] = [];
  for (const engine of ENGINES) {
    const t0 = performance.now();
    const search = engine.build(data.entries);
    const buildMs = performance.now() - t0;
    const m = metrics(data, search);
    rows.push({
      engine: engine.name,
      fields: 'question',
      queries: data.queries.length,
      ndcg10: m.ndcg10,
      recall10: m.recall10,
      p1: m.p1,
      msPerQuery: m.msPerQuery,
      buildMs,
    });
  }
  return rows;
}

/**
 * Confidence features of our top hit for every StackFAQ query, with whether it was relevant, plus
 * out-of-scope negatives when CLINC150 (data_full.json) is given: oos_train, oos_val and every 5th
 * val utterance, none about StackFAQ's web apps. The data DEFAULT_CALIBRATION of search.ts was
 * fitted on (`fitConfidence`).
 */
export function stackFaqConfidenceSamples(
  dir: string,
  clincFile?: string,
): { features: ConfidenceFeatures; correct: boolean; confidence: number }[] {
  const data = loadStackFaq(dir);
  const index = new SearchIndex({ fields: { question: 1 } });
  // Entries of one thread share their question: grouped by thread, the margin is taken to the best
  // entry of another thread (as for articles, where the margin is to another topic).
  for (const e of data.entries) index.add({ id: String(e.id), lang: 'en', group: String(e.thread), fields: { question: e.question } });
  const threadOf = new Map(data.entries.map((e) => [e.id, e.thread]));
  const samples = data.queries.map((q) => {
    const r = index.query(q.text, 'en', { k: 10, collapse: true });
    const top = r.hits[0];
    const correct = !!top && threadOf.get(Number(top.id)) === q.thread;
    return { features: r.features, correct, confidence: top?.confidence ?? 0 };
  });
  if (clincFile && fs.existsSync(clincFile)) {
    const clinc = JSON.parse(fs.readFileSync(clincFile, 'utf8')) as Record<string, [string, string][]>;
    const texts = [...clinc.oos_train, ...clinc.oos_val, ...clinc.val.filter((_, i) => i % 5 === 0)].map((x) => x[0]);
    for (const text of texts) {
      const r = index.query(text, 'en', { k: 10, collapse: true });
      samples.push({ features: r.features, correct: false, confidence: r.hits[0]?.confidence ?? 0 });
    }
  }
  return samples;
}

export function formatStackFaqTable(rows: Row[]): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    '| engine | fields | queries | nDCG@10 | R@10 | P@1 | ms/query | build ms |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.fields} | ${r.queries} | ${f(r.ndcg10)} | ${f(r.recall10)} | ${f(r.p1)} | ${r.msPerQuery.toFixed(3)} | ${r.buildMs.toFixed(0)} |`,
    ),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const dirArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  // Default: ../shared/datasets/stackfaq relative to the project root (/work/main).
  const dir = path.resolve(dirArg ?? path.join(__dirname, '..', '..', '..', 'shared', 'datasets', 'stackfaq'));
  runStackFaqBenchmark(dir)
    .then((rows) => {
      console.log(formatStackFaqTable(rows));
      if (process.argv.includes('--fit-confidence')) {
        const samples = stackFaqConfidenceSamples(dir, path.join(dir, '..', 'clinc150', 'data_full.json'));
        console.log('fitted calibration:', JSON.stringify(fitConfidence(samples)));
      }
      console.log(JSON.stringify({ benchmark: 'stackfaq', dir, rows }));
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
