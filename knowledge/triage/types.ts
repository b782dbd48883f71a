/** The public types of the triage: examples, training data and options, results, cross-validation figures. */
import type { Category, Lang, Severity, Subcategory, TopicId } from '../labels';
import type { Article } from '../articles';

// =============================================================================================
// Public types

export interface TriageExample {
  text: string;
  lang: Lang;
  category: Category;
  subcategory: Subcategory | null;
  severity: Severity | null;
  topic: TopicId | null;
}

export interface TriageTrainingData {
  examples: TriageExample[];
  articles: Article[];
  /** Hash of the training files and articles (trainTriage.ts), stored to detect a stale model. */
  dataHash?: string;
}

export interface TriageTrainOptions {
  /** Folds of the out-of-fold predictions the level-2 models learn from (default 5). */
  folds?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface TopicHit {
  topic: TopicId;
  title: string;
  /** Fused probability of the topic among the candidates (0..1). */
  score: number;
  /** Probability that this article answers the message (calibrated on the top hit). */
  confidence: number;
}

export interface TriageResult {
  lang: Lang;
  langConfidence: number;
  category: { label: Category; probability: number };
  subcategory: { label: Subcategory | null; probability: number };
  severity: { label: Severity | null; probability: number; reasons: string[] };
  /** Ranked, up to 10. */
  topics: TopicHit[];
  /** The article to offer, or null when none is good enough. */
  confidentTopic: TopicId | null;
}

export interface AnalyzeOptions {
  /** The user's last language: used when the message's language cannot be told. */
  fallbackLang?: Lang;
}

/** Cross-validated figures on the training data (stored in the model, printed by `train`). */
export interface CrossValidationReport {
  folds: number;
  n: number;
  lang: number;
  category: number;
  subcategory: number;
  severity: number;
  topic_r1: number;
  topic_r3: number;
  topic_mrr10: number;
  null_false_offer: number;
  /** Share of topical messages offered the right article / a wrong one. */
  offer_correct: number;
  offer_wrong: number;
  offerThreshold: number;
  by_lang: Record<Lang, Omit<CrossValidationReport, 'folds' | 'by_lang' | 'offerThreshold' | 'components'>>;
  /** Level-1 components alone, for comparison. */
  components: { topic_classifier_r1: number; topic_search_r1: number; category_classifier: number; severity_classifier: number };
}
