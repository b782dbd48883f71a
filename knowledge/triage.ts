/**
 * Triage of one user message (../shared/triage-contract.md): language, category, subcategory,
 * severity with its reasons, the ranked articles and the one article worth offering.
 *
 * Design (all deterministic; trained by knowledge/trainTriage.ts, stored in
 * knowledge/model/triage-model.json, loaded at start-up and never retrained there):
 *
 *   Level 1, text models (TextClassifier of classifier.ts, linear, word + char n-grams):
 *     topic     66 topics + "__none__", trained on the utterances AND the articles' titles,
 *               summaries, phrasings and keywords (+9 points Recall@1 in cross-validation)
 *     category  5 labels;  severity  A/B/C on technical utterances;
 *     techSub   setup/configuration/usage on technical utterances; boundarySub  the 5 boundaries
 *   and the article search of search.ts (BM25F), in the detected language.
 *   Level 2, small transparent models trained on OUT-OF-FOLD level-1 outputs (5-fold
 *   cross-validation on the training utterances, so they learn how far to trust each source):
 *     topic ranker   conditional logit over the candidates of the classifier and the search
 *                    (features: classifier probability and rank, search score, confidence and rank,
 *                    category compatibility) -> a probability per topic;
 *     category       multinomial logistic regression on the category classifier, the topic
 *                    classifier's mass per category, the top article's category and cue flags;
 *     subcategory    technical: the confident topic's subcategory (the contract: it follows the
 *                    topic), else a regression on techSub + topic mass; boundary: regression;
 *     severity       regression on the severity classifier + transparent cue detectors (counts
 *                    of users, everyone/nobody, down/panne, urgent, workaround, how-to...) whose
 *                    hits also give the REASONS, as short phrases in the message's language;
 *     offer          logistic model of "the top topic is right", threshold chosen by
 *                    cross-validation so that few messages with no fitting article get one.
 *   The language comes from language.ts (naive Bayes + function words, trained on the same data).
 *
 * Pure library: no I/O except `loadTriageModel` / `saveTriageModel`. `analyze` never throws:
 * empty text, emoji, 10,000 characters, HTML, control characters, another language give a
 * defined low-confidence answer with no article offered.
 */
export type {
  AnalyzeOptions,
  CrossValidationReport,
  TopicHit,
  TriageExample,
  TriageResult,
  TriageTrainOptions,
  TriageTrainingData,
} from './triage/types';
export { detectCues, foldForCues, type CueId, type CueReport } from './triage/cues';
export { CUE_REASONS, severityReasons } from './triage/reasons';
export { articleTopicExamples, languageSamples } from './triage/training';
export { TRIAGE_MODEL_FORMAT, TRIAGE_MODEL_VERSION, type SerializedTriageModel } from './triage/schema';
export { TRIAGE_MAX_CHARS, prepareText } from './triage/prepareText';
export { TriageModel } from './triage/model';
export { DEFAULT_TRIAGE_MODEL_PATH, loadTriageModel, saveTriageModel } from './triage/files';
export { TOPIC_IDS } from './labels';

import { categoryCueFlags } from './triage/cues';
import { baseOutput } from './triage/baseOutput';
import { allowedCategories } from './triage/categories';
import { decide } from './triage/decision';
import { assignFolds, fitLevel2, trainBase } from './triage/training';
import { crossValidateLevel2 } from './triage/crossValidation';

/** Internals, for experiments and tests only (not a stable API). */
export const __triageInternals = { categoryCueFlags, assignFolds, trainBase, baseOutput, fitLevel2, decide, crossValidateLevel2, allowedCategories };
