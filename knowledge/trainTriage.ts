/**
 * Trains the triage model from the project's own data — knowledge/training/*.jsonl (format:
 * knowledge/training/FORMAT.md) and the articles (knowledge/articles) — and writes
 * knowledge/model/triage-model.json. Nothing here reads ../shared/eval (measuring only).
 *
 * The model stores a hash of everything it was trained from (`trainingDataHash`): a test compares
 * it with the current files, so a change to the data without retraining is caught.
 *
 * Run: `npm run --silent cli -- train` (bot/cli/train.ts) or `npx tsx knowledge/trainTriage.ts`.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { DEFAULT_ARTICLES_DIR, loadArticles, type Article } from './articles';
import { CATEGORIES, LANGS, SEVERITIES, SUBCATEGORIES, isTopicId, subcategoriesOf, type TopicId } from './labels';
import { DEFAULT_TRIAGE_MODEL_PATH, TriageModel, saveTriageModel, type TriageExample } from './triage';

export const DEFAULT_TRAINING_DIR = path.join(__dirname, 'training');

const lineSchema = z
  .object({
    text: z.string().min(1),
    lang: z.enum(LANGS),
    category: z.enum(CATEGORIES),
    subcategory: z.enum(SUBCATEGORIES as unknown as [string, ...string[]]).nullable(),
    severity: z.enum(SEVERITIES).nullable(),
    topic: z
      .string()
      .nullable()
      .refine((t) => t === null || isTopicId(t), { message: 'unknown topic id' }),
  })
  .refine((l) => (l.subcategory === null ? subcategoriesOf(l.category).length === 0 : subcategoriesOf(l.category).includes(l.subcategory as never)), {
    message: 'subcategory does not belong to the category',
  })
  .refine((l) => (l.category === 'technical') === (l.severity !== null), { message: 'severity is required for technical, null otherwise' });

/** The training files, sorted (en.jsonl, fr.jsonl, ...). */
export function trainingFiles(dir: string = DEFAULT_TRAINING_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Reads and validates every labelled utterance; throws naming the file and line of a bad one. */
export function loadTrainingExamples(dir: string = DEFAULT_TRAINING_DIR): TriageExample[] {
  const out: TriageExample[] = [];
  for (const file of trainingFiles(dir)) {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch (e) {
        throw new Error(`${path.basename(file)}:${i + 1}: not JSON (${(e as Error).message})`);
      }
      const parsed = lineSchema.safeParse(data);
      if (!parsed.success) {
        throw new Error(`${path.basename(file)}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'line'}: ${x.message}`).join('; ')}`);
      }
      const l = parsed.data;
      out.push({
        text: l.text,
        lang: l.lang,
        category: l.category,
        subcategory: l.subcategory as TriageExample['subcategory'],
        severity: l.severity,
        topic: (l.topic as TopicId | null) ?? null,
      });
    });
  }
  return out;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.name.endsWith('.md') && entry.name !== 'FORMAT.md') out.push(p);
  }
  return out;
}

/**
 * SHA-256 over the training files and the article files (relative names and contents, in sorted
 * order, line endings normalised), so that the committed model can be checked against the data.
 */
export function trainingDataHash(trainingDir: string = DEFAULT_TRAINING_DIR, articlesDir: string = DEFAULT_ARTICLES_DIR): string {
  const h = crypto.createHash('sha256');
  const add = (base: string, file: string) => {
    h.update(path.relative(base, file).split(path.sep).join('/'));
    h.update('\0');
    h.update(fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n'));
    h.update('\0');
  };
  for (const f of trainingFiles(trainingDir)) add(trainingDir, f);
  for (const f of filesUnder(articlesDir)) add(articlesDir, f);
  return h.digest('hex');
}

export interface TrainTriageOptions {
  trainingDir?: string;
  articlesDir?: string;
  /** Where to write the model; null = do not write. */
  out?: string | null;
  folds?: number;
  log?: (line: string) => void;
}

export interface TrainTriageResult {
  model: TriageModel;
  examples: TriageExample[];
  articles: Article[];
  file: string | null;
  seconds: number;
}

/** Reads the data, trains (with cross-validation), writes the model file. */
export function trainTriageModel(options: TrainTriageOptions = {}): TrainTriageResult {
  const t0 = Date.now();
  const trainingDir = options.trainingDir ?? DEFAULT_TRAINING_DIR;
  const articlesDir = options.articlesDir ?? DEFAULT_ARTICLES_DIR;
  const examples = loadTrainingExamples(trainingDir);
  const articles = loadArticles(articlesDir);
  const dataHash = trainingDataHash(trainingDir, articlesDir);
  const model = TriageModel.train({ examples, articles, dataHash }, { folds: options.folds, log: options.log });
  const file = options.out === null ? null : (options.out ?? DEFAULT_TRIAGE_MODEL_PATH);
  if (file) saveTriageModel(model, file);
  return { model, examples, articles, file, seconds: (Date.now() - t0) / 1000 };
}

if (require.main === module) {
  const r = trainTriageModel({ log: (l) => console.error(l) });
  console.log(JSON.stringify(r.model.crossValidation));
  console.log(`wrote ${r.file} in ${r.seconds.toFixed(1)} s`);
}
