import * as path from 'path';
import { DEFAULT_TRIAGE_MODEL_PATH, type CrossValidationReport } from '../../knowledge/triage';
import { trainTriageModel } from '../../knowledge/trainTriage';
import { wantsHelp, type Command, type CommandIO } from './command';

/**
 * `train [--out <file>] [--folds 5]`: retrains the triage model from knowledge/training/*.jsonl and
 * the articles, writes the model file (default knowledge/model/triage-model.json), and prints
 * what it trained on and the cross-validated figures on the training data.
 */
export const TRAIN_USAGE = 'train [--out <model.json>] [--folds <2..10>]';

function usageError(io: CommandIO, message: string): number {
  io.err(`train: ${message}; usage: ${TRAIN_USAGE}`);
  return 2;
}

export function formatReport(r: CrossValidationReport): string[] {
  const f = (x: number) => x.toFixed(4);
  const row = (name: string, s: Omit<CrossValidationReport, 'folds' | 'by_lang' | 'offerThreshold' | 'components'>) =>
    `| ${name} | ${s.n} | ${f(s.lang)} | ${f(s.category)} | ${f(s.subcategory)} | ${f(s.severity)} | ${f(s.topic_r1)} | ${f(s.topic_r3)} | ${f(s.topic_mrr10)} | ${f(s.null_false_offer)} | ${f(s.offer_correct)} |`;
  return [
    `${r.folds}-fold cross-validation on the training utterances (level-1 models out of fold, level-2 models cross-validated on them):`,
    '| slice | n | lang | category | subcategory | severity | topic R@1 | R@3 | MRR@10 | null false offer | right offer |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    row('all', r),
    row('en', r.by_lang.en),
    row('fr', r.by_lang.fr),
    `offer threshold ${r.offerThreshold.toFixed(4)} (chosen so that at most ~6% of null-topic messages get an article); wrong offers on topical messages ${f(r.offer_wrong)}`,
    `components alone: topic classifier R@1 ${f(r.components.topic_classifier_r1)}, article search R@1 ${f(r.components.topic_search_r1)}, category classifier ${f(r.components.category_classifier)}, severity classifier ${f(r.components.severity_classifier)}`,
  ];
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'retrain the triage model from the training utterances and articles, write the model file',
  usage: TRAIN_USAGE,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${TRAIN_USAGE}`);
      io.out(`Writes ${path.relative(process.cwd(), DEFAULT_TRIAGE_MODEL_PATH) || DEFAULT_TRIAGE_MODEL_PATH} unless --out is given; takes about a minute.`);
      return 0;
    }
    let out: string | undefined;
    let folds: number | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--out') {
        out = argv[++i];
        if (!out) return usageError(io, '--out needs a path');
      } else if (a === '--folds') {
        folds = Number(argv[++i]);
        if (!Number.isInteger(folds) || folds < 2 || folds > 10) return usageError(io, '--folds must be an integer from 2 to 10');
      } else {
        return usageError(io, `unexpected argument "${a}"`);
      }
    }
    const r = trainTriageModel({ out, folds, log: (l) => io.err(l) });
    const byLang = (lang: string) => r.examples.filter((e) => e.lang === lang).length;
    io.out(
      `trained on ${r.examples.length} labelled utterances (${byLang('en')} en, ${byLang('fr')} fr) and ${r.articles.length} articles in ${r.seconds.toFixed(1)} s`,
    );
    const report = r.model.crossValidation;
    if (report) for (const l of formatReport(report)) io.out(l);
    io.out(`wrote ${r.file} (data hash ${r.model.dataHash.slice(0, 12)})`);
    return 0;
  },
};
