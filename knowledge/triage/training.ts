/** Training: folds, the level-1 models, the level-2 models on out-of-fold level-1 outputs. */
import { TextClassifier, type LabelledText } from '../classifier';
import type { LanguageSample } from '../language';
import {
  BOUNDARY_SUBCATEGORIES,
  CATEGORIES,
  SEVERITIES,
  TECHNICAL_SUBCATEGORIES,
  type BoundarySubcategory,
  type Lang,
  type TechnicalSubcategory,
} from '../labels';
import type { Article } from '../articles';
import type { TriageExample } from './types';
import { NONE, SMALL_OPTIONS, TOPIC_OPTIONS, type BaseModels, type BaseOutput } from './baseOutput';
import { CAT_INDEX } from './categories';
import { boundarySubFeatures, categoryFeatures, offerFeatures, severityFeatures, techSubFeatures, topicCandidates } from './features';
import { fitRanker, fitSoftmax, predictSoftmax } from './linearModels';
import { rankTopics, type Level2 } from './decision';

// =============================================================================================
// Training

/** Deterministic fold of each example, stratified by (lang, category, topic). */
export function assignFolds(examples: TriageExample[], K: number): number[] {
  const order = examples.map((e, i) => ({ i, key: `${e.lang}|${e.category}|${e.topic ?? ''}|${e.severity ?? ''}` }));
  order.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const fold = new Array<number>(examples.length);
  order.forEach((o, r) => (fold[o.i] = r % K));
  return fold;
}

export function articleTopicExamples(articles: Article[]): LabelledText[] {
  return articles.flatMap((a) => [a.title, a.summary, ...a.phrasings, a.keywords.join(', ')].map((text) => ({ text, label: a.id })));
}

export function languageSamples(examples: { text: string; lang: Lang }[], articles: Article[]): LanguageSample[] {
  return [
    ...examples.map((e) => ({ text: e.text, lang: e.lang })),
    ...articles.flatMap((a) => [a.title, a.summary, ...a.phrasings, a.keywords.join(', '), a.checkFirst, ...a.steps, a.whenToEscalate].map((text) => ({ text, lang: a.lang }))),
  ];
}

export function trainBase(examples: TriageExample[], articles: Article[]): BaseModels {
  const tech = examples.filter((e) => e.category === 'technical');
  const bound = examples.filter((e) => e.category === 'boundary');
  return {
    topic: TextClassifier.train([...examples.map((e) => ({ text: e.text, label: e.topic ?? NONE })), ...articleTopicExamples(articles)], TOPIC_OPTIONS),
    category: TextClassifier.train(examples.map((e) => ({ text: e.text, label: e.category })), SMALL_OPTIONS),
    severity: TextClassifier.train(tech.map((e) => ({ text: e.text, label: e.severity ?? 'C' })), SMALL_OPTIONS),
    techSub: TextClassifier.train(tech.map((e) => ({ text: e.text, label: e.subcategory ?? 'usage' })), SMALL_OPTIONS),
    boundarySub: TextClassifier.train(bound.map((e) => ({ text: e.text, label: e.subcategory ?? 'network' })), SMALL_OPTIONS),
  };
}

export interface OofRow {
  e: TriageExample;
  b: BaseOutput;
  detected: Lang;
  fold: number;
}

export function fitLevel2(rows: OofRow[], offerThreshold = 0.5): Level2 {
  const rankerGroups: { feats: number[][]; gold: number }[] = [];
  for (const r of rows) {
    if (!r.e.topic) continue;
    const { topics, feats } = topicCandidates(r.b);
    const gold = topics.indexOf(r.e.topic);
    if (gold >= 0) rankerGroups.push({ feats, gold });
  }
  const ranker = fitRanker(rankerGroups);
  const category = fitSoftmax(
    rows.map((r) => categoryFeatures(r.b)),
    rows.map((r) => CAT_INDEX.get(r.e.category) as number),
    CATEGORIES.length,
  );
  const tech = rows.filter((r) => r.e.category === 'technical');
  const severity = fitSoftmax(
    tech.map((r) => severityFeatures(r.b, r.e.text)),
    tech.map((r) => SEVERITIES.indexOf(r.e.severity ?? 'C')),
    3,
  );
  const l2partial = { ranker };
  const qOf = (r: OofRow) => new Map(rankTopics(l2partial, r.b).map((x) => [x.topic, x.p]));
  const techSub = fitSoftmax(
    tech.map((r) => techSubFeatures(r.b, qOf(r))),
    tech.map((r) => TECHNICAL_SUBCATEGORIES.indexOf((r.e.subcategory ?? 'usage') as TechnicalSubcategory)),
    3,
  );
  const bound = rows.filter((r) => r.e.category === 'boundary');
  const boundarySub = fitSoftmax(
    bound.map((r) => boundarySubFeatures(r.b, qOf(r))),
    bound.map((r) => BOUNDARY_SUBCATEGORIES.indexOf((r.e.subcategory ?? 'network') as BoundarySubcategory)),
    5,
  );
  // Offer model: is the (category-consistent) top topic the labelled one?
  const offerX: number[][] = [];
  const offerY: number[] = [];
  for (const r of rows) {
    const catP = predictSoftmax(category, categoryFeatures(r.b));
    const ranked = rankTopics(l2partial, r.b);
    if (!ranked.length) continue;
    offerX.push(offerFeatures(r.b, ranked, catP));
    offerY.push(r.e.topic !== null && ranked[0].topic === r.e.topic ? 1 : 0);
  }
  const offer = fitSoftmax(offerX, offerY, 2);
  return { ranker, category, severity, techSub, boundarySub, offer, offerThreshold };
}
