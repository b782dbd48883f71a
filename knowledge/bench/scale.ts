/**
 * Scale benchmark of the article index: the real articles (as loaded by articles.ts), then 1,000
 * and 10,000 articles generated from them by deterministic recombination of real fields and
 * sentences (seeded PRNG) under new ids. Measures build time, heap growth, and query latency
 * (p50/p99/mean) over a fixed query set: every phrasing of the real articles, in its language.
 *
 * Generated articles get synthetic ids ("<topic>#<n>", cast to TopicId) so that each is its own
 * result group: the worst case for the one-result-per-topic collapse.
 *
 * Run: npx tsx knowledge/bench/scale.ts   (add --expose-gc to node for steadier heap figures:
 *      node --expose-gc --import tsx knowledge/bench/scale.ts)
 */
import { loadArticles, type Article } from '../articles';
import { buildArticleIndex } from '../search';
import type { TopicId } from '../labels';

export interface ScaleRow {
  articles: number;
  buildMs: number;
  heapDeltaMB: number;
  queries: number;
  /** First pass over the queries: caches cold (each query word stemmed for the first time). */
  coldP99Ms: number;
  /** Second pass: steady state. */
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

/** mulberry32: small deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function sample<T>(r: () => number, xs: readonly T[], n: number): T[] {
  const copy = xs.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, Math.max(0, Math.min(n, copy.length)));
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * `count` articles: the real ones first, then recombinations. Generated article n takes its base
 * from real[n % real.length] and mixes in sentences, keywords, phrasings and steps of two other
 * real articles of the same language.
 */
export function generateArticles(real: Article[], count: number, seed = 20240601): Article[] {
  const out = real.slice(0, count);
  const r = rng(seed);
  const byLang = { en: real.filter((a) => a.lang === 'en'), fr: real.filter((a) => a.lang === 'fr') };
  for (let n = out.length; n < count; n++) {
    const base = real[n % real.length];
    const pool = byLang[base.lang];
    const d1 = pick(r, pool);
    const d2 = pick(r, pool);
    const summary = [...sample(r, sentences(base.summary), 2), ...sample(r, sentences(d1.summary), 1)].join(' ');
    const checkFirst = sample(r, [...base.checkFirst.split('\n'), ...d2.checkFirst.split('\n')].filter(Boolean), 4).join('\n');
    const steps = sample(r, [...base.steps, ...d1.steps], Math.max(3, base.steps.length));
    const whenToEscalate = sample(r, [...sentences(base.whenToEscalate), ...sentences(d2.whenToEscalate)], 3).join(' ');
    out.push({
      ...base,
      id: `${base.id}#${n}` as TopicId,
      title: r() < 0.5 ? base.title : `${base.title}: ${d1.title.toLowerCase()}`,
      summary,
      keywords: sample(r, [...base.keywords, ...d2.keywords], Math.max(4, base.keywords.length)),
      phrasings: sample(r, [...base.phrasings, ...d1.phrasings], Math.max(4, base.phrasings.length)),
      checkFirst,
      steps,
      whenToEscalate,
      body: `${checkFirst}\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n\n${whenToEscalate}`,
      file: `(generated from ${base.file})`,
    });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

export async function runScaleBenchmark(sizes: number[] = [0, 1000, 10000], articlesDir?: string): Promise<ScaleRow[]> {
  const real = loadArticles(articlesDir);
  const queries = real.flatMap((a) => a.phrasings.map((text) => ({ text, lang: a.lang })));
  const rows: ScaleRow[] = [];
  for (const size of sizes) {
    const count = size <= 0 ? real.length : size;
    const articles = generateArticles(real, count);
    const before = heapUsed();
    const t0 = performance.now();
    const search = buildArticleIndex(articles);
    search.search('warm up', 'en'); // statistics are computed on the first query: part of the build
    search.search('préchauffage', 'fr');
    const buildMs = performance.now() - t0;
    const heapDeltaMB = (heapUsed() - before) / 1024 / 1024;
    // First pass (cold caches), then the steady-state pass.
    const pass = () =>
      queries.map((q) => {
        const s = performance.now();
        search.search(q.text, q.lang, 10);
        return performance.now() - s;
      });
    const cold = pass().sort((a, b) => a - b);
    const times = pass();
    const sorted = times.slice().sort((a, b) => a - b);
    rows.push({
      articles: articles.length,
      buildMs,
      heapDeltaMB,
      queries: queries.length,
      coldP99Ms: percentile(cold, 99),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      meanMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
      maxMs: sorted[sorted.length - 1] ?? 0,
    });
    if (search.index.size < 0) throw new Error('unreachable'); // keeps the index alive until here
  }
  return rows;
}

export function formatScaleTable(rows: ScaleRow[]): string {
  return [
    '| articles | build ms | heap delta MB | queries | cold p99 ms | p50 ms | p99 ms | mean ms | max ms |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.articles} | ${r.buildMs.toFixed(0)} | ${r.heapDeltaMB.toFixed(1)} | ${r.queries} | ${r.coldP99Ms.toFixed(3)} | ${r.p50Ms.toFixed(3)} | ${r.p99Ms.toFixed(3)} | ${r.meanMs.toFixed(3)} | ${r.maxMs.toFixed(2)} |`,
    ),
  ].join('\n');
}

if (require.main === module) {
  runScaleBenchmark()
    .then((rows) => {
      console.log(formatScaleTable(rows));
      console.log(JSON.stringify({ benchmark: 'scale', rows }));
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
