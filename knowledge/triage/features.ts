/** Level-2 feature builders over the level-1 outputs of one message. */
import {
  BOUNDARY_SUBCATEGORIES,
  CATEGORIES,
  TECHNICAL_SUBCATEGORIES,
  TOPICS,
  isTopicId,
  type BoundarySubcategory,
  type Category,
  type TechnicalSubcategory,
  type TopicId,
} from '../labels';
import type { CueId } from './cues';
import { EPS, NONE, type BaseOutput } from './baseOutput';
import { CAT_INDEX, allowedCategories } from './categories';

// ---- level-2 feature builders ----------------------------------------------------------------

const MAX_TOPIC_CANDIDATES = 12;

export function topicCandidates(b: BaseOutput): { topics: TopicId[]; feats: number[][] } {
  const clf = b.topicRanked.filter((r) => r.label !== NONE && isTopicId(r.label)).slice(0, MAX_TOPIC_CANDIDATES);
  const topics: TopicId[] = clf.map((r) => r.label as TopicId);
  for (const h of b.search) if (!topics.includes(h.topic)) topics.push(h.topic);
  const clfRank = new Map(clf.map((r, i) => [r.label, i]));
  const searchRank = new Map(b.search.map((h, i) => [h.topic, i]));
  const top = b.search[0]?.score ?? 0;
  const feats = topics.map((t) => {
    const p = b.topic.get(t) ?? 0;
    const cr = clfRank.get(t);
    const sr = searchRank.get(t);
    const hit = sr !== undefined ? b.search[sr] : undefined;
    const catP = Math.max(...allowedCategories(t).map((c) => b.category[CAT_INDEX.get(c) as number]));
    return [
      Math.log(p + EPS),
      p,
      cr !== undefined ? 1 / (1 + cr) : 0,
      hit && top > 0 ? hit.score / top : 0,
      hit ? hit.confidence : 0,
      sr !== undefined ? 1 / (1 + sr) : 0,
      hit ? 1 : 0,
      Math.log(catP + EPS),
    ];
  });
  return { topics, feats };
}

export function categoryFeatures(b: BaseOutput): number[] {
  const mass = new Array<number>(CATEGORIES.length).fill(0);
  for (const [label, p] of b.topic) {
    if (label === NONE || !isTopicId(label)) continue;
    mass[CAT_INDEX.get(TOPICS[label].category as Category) as number] += p;
  }
  const top = b.search[0];
  const searchCat = new Array<number>(CATEGORIES.length).fill(0);
  if (top) searchCat[CAT_INDEX.get(TOPICS[top.topic].category as Category) as number] = top.confidence;
  return [
    ...b.category.map((p) => Math.log(p + EPS)),
    ...mass.map((p) => Math.log(p + EPS)),
    b.topic.get(NONE) ?? 0,
    ...searchCat,
    top?.confidence ?? 0,
    ...b.categoryCues,
  ];
}

const SEVERITY_CUE_IDS: CueId[] = ['everyone', 'many_users', 'service_down', 'urgent', 'single_user', 'partial', 'workaround', 'howto', 'minimal', 'problem'];

export function severityFeatures(b: BaseOutput, text: string): number[] {
  const hits = new Set(b.cues.hits);
  return [
    ...b.severity.map((p) => Math.log(p + EPS)),
    ...SEVERITY_CUE_IDS.map((id) => (hits.has(id) ? 1 : 0)),
    Math.log1p(b.cues.count),
    b.cues.count >= 10 ? 1 : 0,
    /\?\s*$/.test(text.trim()) ? 1 : 0,
    // Interactions a linear model cannot form: "everyone" in a problem is critical, in a how-to not.
    hits.has('everyone') && !hits.has('howto') ? 1 : 0,
    (hits.has('everyone') || hits.has('many_users')) && (hits.has('problem') || hits.has('service_down')) ? 1 : 0,
    hits.has('service_down') && !hits.has('howto') ? 1 : 0,
    hits.has('howto') && !hits.has('problem') ? 1 : 0,
    Math.log1p(text.split(/\s+/).filter(Boolean).length),
  ];
}

export function techSubFeatures(b: BaseOutput, q: Map<TopicId, number>): number[] {
  const mass = [0, 0, 0];
  for (const [t, p] of q) {
    const def = TOPICS[t];
    if (def.category !== 'technical') continue;
    mass[TECHNICAL_SUBCATEGORIES.indexOf(def.subcategory as TechnicalSubcategory)] += p;
  }
  return [...b.techSub.map((p) => Math.log(p + EPS)), ...mass.map((p) => Math.log(p + EPS))];
}

export function boundarySubFeatures(b: BaseOutput, q: Map<TopicId, number>): number[] {
  const mass = [0, 0, 0, 0, 0];
  for (const [t, p] of q) {
    const def = TOPICS[t];
    if (def.category !== 'boundary') continue;
    mass[BOUNDARY_SUBCATEGORIES.indexOf(def.subcategory as BoundarySubcategory)] += p;
  }
  return [...b.boundarySub.map((p) => Math.log(p + EPS)), ...mass.map((p) => Math.log(p + EPS))];
}

export function offerFeatures(b: BaseOutput, ranked: { topic: TopicId; p: number }[], catP: number[]): number[] {
  const top = ranked[0];
  if (!top) return [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const second = ranked[1]?.p ?? 0;
  const hit = b.search.find((h) => h.topic === top.topic);
  const allowedP = Math.max(...allowedCategories(top.topic).map((c) => catP[CAT_INDEX.get(c) as number]));
  return [
    Math.log(top.p + EPS),
    top.p - second,
    b.topic.get(NONE) ?? 0,
    Math.log((b.topic.get(top.topic) ?? 0) + EPS),
    hit ? hit.confidence : 0,
    b.search[0]?.topic === top.topic ? 1 : 0,
    catP[CAT_INDEX.get('out-of-scope') as number],
    Math.log(allowedP + EPS),
    b.search[0]?.confidence ?? 0,
  ];
}
