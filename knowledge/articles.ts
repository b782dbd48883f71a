/**
 * Loads and validates the self-service articles: knowledge/articles/<lang>/<topic-id>.md
 * (format: knowledge/articles/FORMAT.md). Any problem stops loading with an `ArticleLoadError`
 * whose message names each faulty file (or missing topic/language) and the reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  CATEGORIES,
  LANGS,
  SUBCATEGORIES,
  TOPIC_IDS,
  isTopicId,
  topicDefinition,
  type Category,
  type Lang,
  type Subcategory,
  type TopicId,
} from './labels';

export interface Article {
  id: TopicId;
  lang: Lang;
  title: string;
  summary: string;
  keywords: string[];
  phrasings: string[];
  category: Category;
  subcategory: Subcategory | null;
  /** "Check first" section (markdown). */
  checkFirst: string;
  /** Numbered steps of the "Steps" section, one string each (markdown, without the number). */
  steps: string[];
  /** "When to ask for help" section (markdown). */
  whenToEscalate: string;
  /** The whole markdown body after the front matter. */
  body: string;
  /** Path of the file the article was loaded from. */
  file: string;
}

export class ArticleLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Article loading failed: ${problems[0]}`
        : `Article loading failed (${problems.length} problems):\n- ${problems.join('\n- ')}`,
    );
    this.name = 'ArticleLoadError';
  }
}

export const DEFAULT_ARTICLES_DIR = path.join(__dirname, 'articles');

/** Section headings per language (compared case-, accent- and apostrophe-insensitively). */
export const SECTION_HEADINGS: Record<Lang, { checkFirst: string; steps: string; whenToEscalate: string }> = {
  en: { checkFirst: 'Check first', steps: 'Steps', whenToEscalate: 'When to ask for help' },
  fr: { checkFirst: "À vérifier d'abord", steps: 'Étapes', whenToEscalate: "Quand demander de l'aide" },
};

const nonEmpty = z.string().trim().min(1, 'must be a non-empty string');
// A YAML scalar like 365 or 2019 is a number: accept it as its text.
const listItem = z.union([z.string(), z.number()], { error: 'must be a string' }).transform((v) => String(v).trim()).pipe(z.string().min(1, 'must not be empty'));

const FrontMatter = z.object({
  id: nonEmpty,
  lang: z.enum(LANGS),
  title: nonEmpty,
  summary: nonEmpty,
  category: z.enum(CATEGORIES),
  subcategory: z.enum(SUBCATEGORIES as [Subcategory, ...Subcategory[]]).nullable().optional(),
  keywords: z.array(listItem).min(1, 'needs at least one keyword'),
  phrasings: z.array(listItem).min(1, 'needs at least one phrasing'),
});

function norm(heading: string): string {
  return heading
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Splits the front matter from the body; throws a plain message on a missing block. */
function splitFrontMatter(text: string): { yaml: string; body: string } {
  const m = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)([\s\S]*)$/.exec(text);
  if (!m) throw new Error('no YAML front matter (the file must start with a line "---" and the block end with "---")');
  return { yaml: m[1], body: m[2] };
}

/** `## Heading` -> section text (level-2 headings only; deeper headings stay in their section). */
function sections(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | null = null;
  let lines: string[] = [];
  let inFence = false;
  const flush = () => {
    if (current !== null) out.set(current, lines.join('\n').trim());
  };
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h = inFence ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h && !line.startsWith('###')) {
      flush();
      current = norm(h[1]);
      lines = [];
    } else if (current !== null) {
      lines.push(line);
    }
  }
  flush();
  return out;
}

/** Numbered list items ("1. ...", "2) ..."), continuation lines joined to their item. */
function numberedSteps(section: string): string[] {
  const steps: string[] = [];
  for (const line of section.split('\n')) {
    const m = /^\s{0,3}\d+[.)]\s+(.*)$/.exec(line);
    if (m) steps.push(m[1].trim());
    else if (steps.length && line.trim()) steps[steps.length - 1] += ' ' + line.trim();
  }
  return steps.filter((s) => s.length > 0);
}

function zodReason(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'front matter';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** Parses and validates one article file. Throws an Error whose message is the reason. */
export function parseArticle(text: string, file: string, folderLang: Lang): Article {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { yaml, body } = splitFrontMatter(normalized);
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (e) {
    throw new Error(`invalid YAML front matter: ${(e as Error).message.split('\n')[0].replace(/:\s*$/, '')}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('front matter is not a YAML mapping');
  const parsed = FrontMatter.safeParse(data);
  if (!parsed.success) throw new Error(`invalid front matter: ${zodReason(parsed.error)}`);
  const fm = parsed.data;
  const expectedId = path.basename(file, '.md');
  if (!isTopicId(fm.id)) throw new Error(`unknown topic id "${fm.id}" (not in knowledge/labels.ts)`);
  if (fm.id !== expectedId) throw new Error(`id "${fm.id}" does not match the file name (expected "${expectedId}")`);
  if (fm.lang !== folderLang) throw new Error(`lang "${fm.lang}" does not match the folder "${folderLang}"`);
  const def = topicDefinition(fm.id);
  if (fm.category !== def.category) {
    throw new Error(`category "${fm.category}" does not match knowledge/labels.ts for ${fm.id} (expected "${def.category}")`);
  }
  const sub = fm.subcategory ?? null;
  if (sub !== def.subcategory) {
    throw new Error(`subcategory "${String(sub)}" does not match knowledge/labels.ts for ${fm.id} (expected "${String(def.subcategory)}")`);
  }
  const heads = SECTION_HEADINGS[fm.lang];
  const found = sections(body);
  const missing = Object.values(heads).filter((h) => !found.get(norm(h)));
  if (missing.length) throw new Error(`missing or empty section(s): ${missing.map((h) => `"## ${h}"`).join(', ')}`);
  const steps = numberedSteps(found.get(norm(heads.steps)) as string);
  if (steps.length === 0) throw new Error(`section "## ${heads.steps}" has no numbered step ("1. ...")`);
  return {
    id: fm.id,
    lang: fm.lang,
    title: fm.title.trim(),
    summary: fm.summary.trim(),
    keywords: fm.keywords,
    phrasings: fm.phrasings,
    category: fm.category,
    subcategory: sub,
    checkFirst: found.get(norm(heads.checkFirst)) as string,
    steps,
    whenToEscalate: found.get(norm(heads.whenToEscalate)) as string,
    body: body.trim(),
    file,
  };
}

export interface LoadArticlesOptions {
  /** Require an English and a French article for every topic of labels.ts (default true). */
  requireComplete?: boolean;
}

/**
 * Loads every `<dir>/<lang>/*.md`. Throws `ArticleLoadError` naming each faulty file and the reason,
 * and (unless `requireComplete: false`) each topic missing an English or French article.
 * Articles are returned sorted by topic order of labels.ts, English before French.
 */
export function loadArticles(dir: string = DEFAULT_ARTICLES_DIR, options: LoadArticlesOptions = {}): Article[] {
  const requireComplete = options.requireComplete ?? true;
  const problems: string[] = [];
  const articles: Article[] = [];
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ArticleLoadError([`${dir}: articles folder not found`]);
  for (const lang of LANGS) {
    const folder = path.join(dir, lang);
    if (!fs.existsSync(folder)) {
      if (requireComplete) problems.push(`${folder}: folder for language "${lang}" not found`);
      continue;
    }
    const files = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.md'))
      .sort();
    for (const name of files) {
      const file = path.join(folder, name);
      try {
        articles.push(parseArticle(fs.readFileSync(file, 'utf8'), file, lang));
      } catch (e) {
        problems.push(`${path.join(lang, name)}: ${(e as Error).message}`);
      }
    }
  }
  if (requireComplete) {
    const have = new Set(articles.map((a) => `${a.lang}/${a.id}`));
    const failed = new Set(problems.map((p) => p.split(':')[0].replace(/\.md$/, '').replace(/\\/g, '/')));
    for (const id of TOPIC_IDS) {
      for (const lang of LANGS) {
        const key = `${lang}/${id}`;
        if (!have.has(key) && !failed.has(key)) {
          problems.push(`missing translation: topic ${id} has no ${lang === 'en' ? 'English' : 'French'} (${lang}) article (expected ${lang}/${id}.md)`);
        }
      }
    }
  }
  if (problems.length) throw new ArticleLoadError(problems);
  const order = new Map<string, number>(TOPIC_IDS.map((id, i) => [id, i]));
  return articles.sort((a, b) => (order.get(a.id) as number) - (order.get(b.id) as number) || a.lang.localeCompare(b.lang));
}
