/** Level 1: the text classifiers and article search outputs of one message (what level 2 reads). */
import { TextClassifier, type ClassifierOptions } from '../classifier';
import type { ArticleSearch } from '../search';
import { MAX_INPUT_CHARS } from '../text';
import { BOUNDARY_SUBCATEGORIES, CATEGORIES, SEVERITIES, TECHNICAL_SUBCATEGORIES, type Lang, type TopicId } from '../labels';
import { categoryCueFlags, detectCues, type CueReport } from './cues';

// =============================================================================================
// Level 1: base outputs of one message

export const NONE = '__none__';
export const EPS = 1e-4;

export const TOPIC_OPTIONS: Partial<ClassifierOptions> = { hidden: 0, minDf: 2, maxChars: MAX_INPUT_CHARS };
export const SMALL_OPTIONS: Partial<ClassifierOptions> = { hidden: 0, minDf: 2, maxChars: MAX_INPUT_CHARS };

export interface BaseModels {
  topic: TextClassifier;
  category: TextClassifier;
  severity: TextClassifier;
  techSub: TextClassifier;
  boundarySub: TextClassifier;
}

interface SearchCandidate {
  topic: TopicId;
  score: number;
  confidence: number;
}

/** Everything level 2 needs about one message. */
export interface BaseOutput {
  lang: Lang;
  topic: Map<string, number>;
  topicRanked: { label: string; probability: number }[];
  category: number[];
  severity: number[];
  techSub: number[];
  boundarySub: number[];
  search: SearchCandidate[];
  cues: CueReport;
  categoryCues: number[];
}

function probsOf(c: TextClassifier, text: string, labels: readonly string[]): number[] {
  const p = c.predict(text);
  const m = new Map(p.ranked.map((r) => [r.label, r.probability]));
  return labels.map((l) => m.get(l) ?? 0);
}

export function baseOutput(models: BaseModels, search: ArticleSearch, text: string, lang: Lang): BaseOutput {
  const tp = models.topic.predict(text);
  let hits: SearchCandidate[] = [];
  try {
    hits = search.search(text, lang, 10).map((h) => ({ topic: h.topic, score: h.score, confidence: h.confidence }));
  } catch {
    hits = [];
  }
  return {
    lang,
    topic: new Map(tp.ranked.map((r) => [r.label, r.probability])),
    topicRanked: tp.ranked,
    category: probsOf(models.category, text, CATEGORIES),
    severity: probsOf(models.severity, text, SEVERITIES),
    techSub: probsOf(models.techSub, text, TECHNICAL_SUBCATEGORIES),
    boundarySub: probsOf(models.boundarySub, text, BOUNDARY_SUBCATEGORIES),
    search: hits,
    cues: detectCues(text),
    categoryCues: categoryCueFlags(text),
  };
}
