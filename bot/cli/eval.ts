import * as fs from 'fs';
import { z } from 'zod';
import { CATEGORIES, LANGS, SEVERITIES, SUBCATEGORIES, isTopicId, type Lang } from '../../knowledge/labels';
import { loadTriageModel, type TriageModel, type TriageResult } from '../../knowledge/triage';
import { wantsHelp, type Command, type CommandIO } from './command';

/**
 * `eval <file.jsonl>`: scores the triage model on a labelled file in the contract's format
 * (../shared/triage-contract.md). Prints per-field accuracy with counts, confusion matrices for
 * category and severity, topic Recall@1 / Recall@3 / MRR@10 (lines with a non-null expected topic,
 * over the ranked `topics`), the null-topic false-offer rate (expected topic null and
 * `confidentTopic` set), the same per language, and as its LAST line one JSON object.
 */

const expectSchema = z
  .object({
    category: z.enum(CATEGORIES).optional(),
    subcategory: z.enum(SUBCATEGORIES as unknown as [string, ...string[]]).nullable().optional(),
    severity: z.enum(SEVERITIES).nullable().optional(),
    topic: z
      .string()
      .nullable()
      .optional()
      .refine((t) => t === undefined || t === null || isTopicId(t), { message: 'unknown topic id' }),
  })
  .strict();

export const evalLineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  lang: z.enum(LANGS),
  expect: expectSchema,
});
export type EvalLine = z.infer<typeof evalLineSchema>;

export class EvalInputError extends Error {}

/** Parses JSON Lines; a bad line throws EvalInputError naming it (1-based). Blank lines are skipped. */
export function parseEvalFile(content: string, name = 'input'): EvalLine[] {
  const out: EvalLine[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      throw new EvalInputError(`${name}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
    const parsed = evalLineSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EvalInputError(`${name}:${i + 1}: ${issue.path.length ? issue.path.join('.') : 'line'}: ${issue.message}`);
    }
    out.push(parsed.data);
  });
  return out;
}

export const SUMMARY_KEYS = ['n', 'lang', 'category', 'subcategory', 'severity', 'topic_r1', 'topic_r3', 'topic_mrr10', 'null_false_offer'] as const;
export type Summary = Record<(typeof SUMMARY_KEYS)[number], number | null>;

interface Scored {
  line: EvalLine;
  result: TriageResult;
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

interface Tally {
  ok: number;
  n: number;
}

function tally(xs: boolean[]): Tally {
  return { ok: xs.filter(Boolean).length, n: xs.length };
}

const rate = (t: Tally): number | null => (t.n ? t.ok / t.n : null);

/** The figures of one set of scored lines. */
export function summarize(scored: Scored[]): { summary: Summary; tallies: Record<string, Tally>; mrrSum: number } {
  const has = <K extends keyof EvalLine['expect']>(s: Scored, k: K) => s.line.expect[k] !== undefined;
  const lang = tally(scored.map((s) => s.result.lang === s.line.lang));
  const category = tally(scored.filter((s) => has(s, 'category')).map((s) => s.result.category.label === s.line.expect.category));
  const subcategory = tally(scored.filter((s) => has(s, 'subcategory')).map((s) => s.result.subcategory.label === s.line.expect.subcategory));
  const severity = tally(scored.filter((s) => has(s, 'severity')).map((s) => s.result.severity.label === s.line.expect.severity));
  const topical = scored.filter((s) => typeof s.line.expect.topic === 'string');
  const rankOf = (s: Scored) => s.result.topics.slice(0, 10).findIndex((t) => t.topic === s.line.expect.topic);
  const r1 = tally(topical.map((s) => rankOf(s) === 0));
  const r3 = tally(topical.map((s) => rankOf(s) >= 0 && rankOf(s) < 3));
  const mrrSum = topical.reduce((a, s) => a + (rankOf(s) >= 0 ? 1 / (rankOf(s) + 1) : 0), 0);
  const nullOffer = tally(scored.filter((s) => s.line.expect.topic === null).map((s) => s.result.confidentTopic !== null));
  const summary: Summary = {
    n: scored.length,
    lang: round4(rate(lang)),
    category: round4(rate(category)),
    subcategory: round4(rate(subcategory)),
    severity: round4(rate(severity)),
    topic_r1: round4(rate(r1)),
    topic_r3: round4(rate(r3)),
    topic_mrr10: round4(topical.length ? mrrSum / topical.length : null),
    null_false_offer: round4(rate(nullOffer)),
  };
  return { summary, tallies: { lang, category, subcategory, severity, topic_r1: r1, topic_r3: r3, null_false_offer: nullOffer }, mrrSum };
}

function confusion(scored: Scored[], labels: readonly string[], gold: (s: Scored) => string | null | undefined, pred: (s: Scored) => string | null): string[] {
  const names = [...labels, 'null'];
  const m = names.map(() => names.map(() => 0));
  for (const s of scored) {
    const g = gold(s);
    if (g === undefined) continue;
    const gi = names.indexOf(g ?? 'null');
    const pi = names.indexOf(pred(s) ?? 'null');
    if (gi >= 0 && pi >= 0) m[gi][pi]++;
  }
  // Drop the null row/column when nothing uses it.
  const used = names.map((_, i) => m[i].some((v) => v > 0) || m.some((row) => row[i] > 0));
  const keep = names.map((_, i) => i).filter((i) => used[i] || i < labels.length);
  const width = Math.max(12, ...keep.map((i) => names[i].length)) + 1;
  const lines = [`${'expected \\ predicted'.padEnd(width + 8)}${keep.map((i) => names[i].padStart(width)).join('')}`];
  for (const i of keep) lines.push(`${names[i].padEnd(width + 8)}${keep.map((j) => String(m[i][j]).padStart(width)).join('')}`);
  return lines;
}

const fmt = (t: Tally) => (t.n ? `${(t.ok / t.n).toFixed(4)} (${t.ok}/${t.n})` : 'n/a (0 lines)');

export interface EvalReport {
  summary: Summary & { by_lang: Record<Lang, Summary> };
  lines: string[];
}

/** Scores the lines with the model; returns the printable report and the JSON summary. */
export function evaluate(model: TriageModel, lines: EvalLine[]): EvalReport {
  const scored: Scored[] = lines.map((line) => ({ line, result: model.analyze(line.text) }));
  const all = summarize(scored);
  const byLang = {} as Record<Lang, Summary>;
  const out: string[] = [];
  out.push(`evaluated ${scored.length} lines`);
  const section = (title: string, s: ReturnType<typeof summarize>, n: number) => {
    out.push('');
    out.push(`== ${title} (${n} lines)`);
    out.push(`lang         ${fmt(s.tallies.lang)}`);
    out.push(`category     ${fmt(s.tallies.category)}`);
    out.push(`subcategory  ${fmt(s.tallies.subcategory)}`);
    out.push(`severity     ${fmt(s.tallies.severity)}`);
    out.push(`topic R@1    ${fmt(s.tallies.topic_r1)}`);
    out.push(`topic R@3    ${fmt(s.tallies.topic_r3)}`);
    out.push(`topic MRR@10 ${s.summary.topic_mrr10 === null ? 'n/a (0 lines)' : `${s.summary.topic_mrr10.toFixed(4)} (${s.tallies.topic_r1.n} lines)`}`);
    out.push(`null-topic false offers ${fmt(s.tallies.null_false_offer)}`);
  };
  section('all', all, scored.length);
  out.push('');
  out.push('category confusion (rows expected, columns predicted)');
  out.push(...confusion(scored, CATEGORIES, (s) => s.line.expect.category, (s) => s.result.category.label));
  out.push('');
  out.push('severity confusion (rows expected, columns predicted)');
  out.push(...confusion(scored, SEVERITIES, (s) => s.line.expect.severity, (s) => s.result.severity.label));
  for (const lang of LANGS) {
    const sub = scored.filter((s) => s.line.lang === lang);
    const s = summarize(sub);
    byLang[lang] = s.summary;
    section(`lang ${lang}`, s, sub.length);
  }
  return { summary: { ...all.summary, by_lang: byLang }, lines: out };
}

/** The summary as one JSON line, keys in the contract's order. */
export function summaryLine(summary: EvalReport['summary']): string {
  const pick = (s: Summary) => Object.fromEntries(SUMMARY_KEYS.map((k) => [k, s[k]]));
  return JSON.stringify({ ...pick(summary), by_lang: Object.fromEntries(LANGS.map((l) => [l, pick(summary.by_lang[l])])) });
}

export const USAGE = 'eval <file.jsonl> [--model <triage-model.json>]';

function fail(io: CommandIO, message: string): number {
  io.err(message);
  return 2;
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score the triage model on a labelled JSON Lines file (contract format)',
  usage: USAGE,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${USAGE}`);
      io.out('Prints accuracy per field with counts, confusion matrices for category and severity, topic R@1/R@3/MRR@10,');
      io.out('the null-topic false-offer rate, the same per language, and last one JSON summary line.');
      return 0;
    }
    const args = [...argv];
    let modelPath: string | undefined;
    const mi = args.indexOf('--model');
    if (mi >= 0) {
      modelPath = args[mi + 1];
      if (!modelPath) return fail(io, 'eval: --model needs a path');
      args.splice(mi, 2);
    }
    const unknown = args.find((a) => a.startsWith('-'));
    if (unknown) return fail(io, `eval: unknown option ${unknown}; usage: ${USAGE}`);
    if (args.length !== 1) return fail(io, `eval: expected one file; usage: ${USAGE}`);
    const file = args[0];
    let content: string;
    try {
      content = fs.readFileSync(file, 'utf8');
    } catch (e) {
      return fail(io, `eval: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let lines: EvalLine[];
    try {
      lines = parseEvalFile(content, file);
    } catch (e) {
      if (e instanceof EvalInputError) return fail(io, `eval: ${e.message}`);
      throw e;
    }
    if (lines.length === 0) return fail(io, `eval: ${file} has no lines to score`);
    const model = loadTriageModel(modelPath);
    const report = evaluate(model, lines);
    for (const l of report.lines) io.out(l);
    io.out(summaryLine(report.summary));
    return 0;
  },
};
