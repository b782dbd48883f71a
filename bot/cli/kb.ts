import { ArticleLoadError, DEFAULT_ARTICLES_DIR, loadArticles } from '../../knowledge/articles';
import { detectLanguage } from '../../knowledge/language';
import { LANGS, TOPIC_IDS, type Lang } from '../../knowledge/labels';
import { buildArticleIndex } from '../../knowledge/search';
import { wantsHelp, type Command, type CommandIO } from './command';

/**
 * `kb validate [--dir <articles dir>]`: loads and validates every article; one summary line, or
 * exit 1 with each problem on its own line.
 * `kb search "<text>" [--lang en|fr] [--k 5] [--dir <articles dir>]`: the best articles with their
 * score and confidence; the language is detected when --lang is absent.
 */
export const KB_USAGE = 'kb validate [--dir <articles>] | kb search "<text>" [--lang en|fr] [--k 5] [--dir <articles>]';

function usageError(io: CommandIO, message: string): number {
  io.err(`kb: ${message}; usage: ${KB_USAGE}`);
  return 2;
}

/** Splits `--name value` options from positional arguments; unknown options are reported. */
function parseOptions(argv: string[], known: string[]): { options: Record<string, string>; positional: string[]; error?: string } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (!known.includes(name)) return { options, positional, error: `unknown option ${a}` };
      const value = argv[i + 1];
      if (value === undefined) return { options, positional, error: `${a} needs a value` };
      options[name] = value;
      i++;
    } else {
      positional.push(a);
    }
  }
  return { options, positional };
}

export const kbCommand: Command = {
  name: 'kb',
  summary: 'validate the self-service articles, or search them',
  usage: KB_USAGE,
  async run(argv, io) {
    if (wantsHelp(argv) || argv.length === 0) {
      if (argv.length === 0) return usageError(io, 'missing sub-command');
      io.out(`usage: ${KB_USAGE}`);
      return 0;
    }
    const [sub, ...rest] = argv;
    if (sub === 'validate') {
      const { options, positional, error } = parseOptions(rest, ['dir']);
      if (error) return usageError(io, error);
      if (positional.length) return usageError(io, `unexpected argument "${positional[0]}"`);
      const dir = options.dir ?? DEFAULT_ARTICLES_DIR;
      try {
        const articles = loadArticles(dir);
        const langs = LANGS.map((l) => `${articles.filter((a) => a.lang === l).length} ${l}`).join(', ');
        const steps = articles.reduce((n, a) => n + a.steps.length, 0);
        io.out(`ok: ${articles.length} articles (${langs}) for ${TOPIC_IDS.length} topics, ${steps} steps, all valid`);
        return 0;
      } catch (e) {
        if (e instanceof ArticleLoadError) {
          io.err(`${e.problems.length} problem(s) in ${dir}:`);
          for (const p of e.problems) io.err(p);
          return 1;
        }
        throw e;
      }
    }
    if (sub === 'search') {
      const { options, positional, error } = parseOptions(rest, ['lang', 'k', 'dir']);
      if (error) return usageError(io, error);
      if (positional.length !== 1 || !positional[0].trim()) return usageError(io, 'search needs one quoted text');
      const text = positional[0];
      if (options.lang !== undefined && !LANGS.includes(options.lang as Lang)) return usageError(io, `--lang must be one of ${LANGS.join(', ')}`);
      const k = options.k === undefined ? 5 : Number(options.k);
      if (!Number.isInteger(k) || k < 1 || k > 50) return usageError(io, '--k must be an integer from 1 to 50');
      let lang: Lang;
      let how: string;
      if (options.lang) {
        lang = options.lang as Lang;
        how = 'given';
      } else {
        const d = detectLanguage(text);
        lang = d.lang;
        how = `detected, confidence ${d.confidence.toFixed(2)}${d.reliable ? '' : ', unreliable: fallback'}`;
      }
      let search;
      try {
        search = buildArticleIndex(loadArticles(options.dir ?? DEFAULT_ARTICLES_DIR));
      } catch (e) {
        if (e instanceof ArticleLoadError) {
          io.err(`kb: the articles do not load (${e.problems.length} problem(s)); run "kb validate"`);
          return 1;
        }
        throw e;
      }
      const hits = search.search(text, lang, k);
      io.out(`lang ${lang} (${how}); ${hits.length} result(s)`);
      hits.forEach((h, i) => {
        io.out(`${String(i + 1).padStart(2)}. ${h.topic.padEnd(38)} score ${h.score.toFixed(3).padStart(8)}  confidence ${h.confidence.toFixed(3)}  ${h.title}`);
      });
      return 0;
    }
    return usageError(io, `unknown sub-command "${sub}"`);
  },
};
