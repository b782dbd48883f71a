import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { formatClincTable, runClincBenchmark, type ClincRow } from '../../knowledge/bench/clinc';
import { formatScaleTable, runScaleBenchmark, type ScaleRow } from '../../knowledge/bench/scale';
import { formatStackFaqTable, runStackFaqBenchmark, type Row as StackFaqRow } from '../../knowledge/bench/stackfaq';
import { loadTriageModel } from '../../knowledge/triage';
import { loadTrainingExamples } from '../../knowledge/trainTriage';
import { wantsHelp, type Command, type CommandIO } from './command';

/**
 * `bench [--quick] [--datasets <dir>]`: in one run, CLINC150 (our classifier vs natural's Bayes vs
 * NLP.js; --quick skips the peers), StackFAQ retrieval, the article index at 130 / 1,000 / 10,000
 * articles, and triage latency (one message through language + search + triage, p50/p99 over the
 * training utterances). One table per part, then one JSON line with every figure.
 */
export const BENCH_USAGE = 'bench [--quick] [--datasets <dir with clinc150/ and stackfaq/>]';

const DEFAULT_DATASETS = path.join(__dirname, '..', '..', '..', 'shared', 'datasets');

export interface TriageLatency {
  messages: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  loadMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Loads the committed model and times `analyze` (language + search + triage) per utterance. */
export function runTriageLatency(): TriageLatency {
  const t0 = performance.now();
  const model = loadTriageModel();
  const loadMs = performance.now() - t0;
  const texts = loadTrainingExamples().map((e) => e.text);
  for (const t of texts.slice(0, 200)) model.analyze(t); // warm-up (JIT, stem caches)
  const times = texts.map((t) => {
    const s = performance.now();
    model.analyze(t);
    return performance.now() - s;
  });
  const sorted = times.slice().sort((a, b) => a - b);
  return {
    messages: texts.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    loadMs,
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmarks: CLINC150, StackFAQ, article index scale, triage latency',
  usage: BENCH_USAGE,
  async run(argv, io: CommandIO) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${BENCH_USAGE}`);
      io.out('--quick skips the CLINC150 peers (natural, NLP.js). Takes minutes; prints one table per part and a last JSON line.');
      return 0;
    }
    let quick = false;
    let datasets = DEFAULT_DATASETS;
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--quick') quick = true;
      else if (argv[i] === '--datasets' && argv[i + 1]) datasets = argv[++i];
      else {
        io.err(`bench: unexpected argument "${argv[i]}"; usage: ${BENCH_USAGE}`);
        return 2;
      }
    }
    const log = (l: string) => io.err(l);
    const result: {
      clinc: ClincRow[] | null;
      stackfaq: StackFaqRow[] | null;
      scale: ScaleRow[] | null;
      triage: TriageLatency | null;
      quick: boolean;
    } = { clinc: null, stackfaq: null, scale: null, triage: null, quick };

    const clincFile = path.join(datasets, 'clinc150', 'data_full.json');
    io.out('## CLINC150 (oos-threshold protocol)');
    if (fs.existsSync(clincFile)) {
      result.clinc = await runClincBenchmark(clincFile, { peers: !quick, log });
      io.out(formatClincTable(result.clinc));
    } else io.out(`skipped: ${clincFile} not found`);

    const stackDir = path.join(datasets, 'stackfaq');
    io.out('');
    io.out('## StackFAQ retrieval');
    if (fs.existsSync(path.join(stackDir, 'stackExchange-FAQ.json'))) {
      result.stackfaq = await runStackFaqBenchmark(stackDir);
      io.out(formatStackFaqTable(result.stackfaq));
    } else io.out(`skipped: ${stackDir} not found`);

    io.out('');
    io.out('## Article index scale');
    result.scale = await runScaleBenchmark([0, 1000, 10000]);
    io.out(formatScaleTable(result.scale));

    io.out('');
    io.out('## Triage latency (language + search + triage, one message)');
    result.triage = runTriageLatency();
    const t = result.triage;
    io.out('| messages | model load ms | p50 ms | p99 ms | mean ms |');
    io.out('|---|---|---|---|---|');
    io.out(`| ${t.messages} | ${t.loadMs.toFixed(0)} | ${t.p50Ms.toFixed(3)} | ${t.p99Ms.toFixed(3)} | ${t.meanMs.toFixed(3)} |`);

    io.out(
      JSON.stringify({
        quick,
        clinc: result.clinc,
        stackfaq: result.stackfaq?.map((r) => ({ ...r, ndcg10: r3(r.ndcg10), recall10: r3(r.recall10), p1: r3(r.p1), msPerQuery: r3(r.msPerQuery), buildMs: Math.round(r.buildMs) })) ?? null,
        scale:
          result.scale?.map((r) => ({
            ...r,
            buildMs: Math.round(r.buildMs),
            heapDeltaMB: r3(r.heapDeltaMB),
            coldP99Ms: r3(r.coldP99Ms),
            p50Ms: r3(r.p50Ms),
            p99Ms: r3(r.p99Ms),
            meanMs: r3(r.meanMs),
            maxMs: r3(r.maxMs),
          })) ?? null,
        triage: { ...t, p50Ms: r3(t.p50Ms), p99Ms: r3(t.p99Ms), meanMs: r3(t.meanMs), loadMs: Math.round(t.loadMs) },
      }),
    );
    return 0;
  },
};
