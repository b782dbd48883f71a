/** Level 2 as a whole: from the level-1 outputs of one message to ranked topics, category, subcategory, severity, offer. */
import {
  BOUNDARY_SUBCATEGORIES,
  CATEGORIES,
  SEVERITIES,
  TECHNICAL_SUBCATEGORIES,
  TOPICS,
  type Category,
  type Severity,
  type Subcategory,
  type TechnicalSubcategory,
  type TopicId,
} from '../labels';
import { predictSoftmax, scoreRanker, type RankerModel, type SoftmaxModel } from './linearModels';
import type { BaseOutput } from './baseOutput';
import { allowedCategories } from './categories';
import { boundarySubFeatures, categoryFeatures, offerFeatures, severityFeatures, techSubFeatures, topicCandidates } from './features';

// =============================================================================================
// Level 2 as a whole

export interface Level2 {
  ranker: RankerModel;
  category: SoftmaxModel;
  severity: SoftmaxModel;
  techSub: SoftmaxModel;
  boundarySub: SoftmaxModel;
  offer: SoftmaxModel;
  offerThreshold: number;
}

export interface Decision {
  ranked: { topic: TopicId; p: number }[];
  catP: number[];
  category: Category;
  offerP: number;
  confidentTopic: TopicId | null;
  subcategory: Subcategory | null;
  subP: number;
  severity: Severity | null;
  sevP: number;
  sevProbs: number[];
}

export function rankTopics(l2: Pick<Level2, 'ranker'>, b: BaseOutput): { topic: TopicId; p: number }[] {
  const { topics, feats } = topicCandidates(b);
  if (!topics.length) return [];
  const p = scoreRanker(l2.ranker, feats);
  return topics.map((t, i) => ({ topic: t, p: p[i] })).sort((a, c) => c.p - a.p || (a.topic < c.topic ? -1 : 1));
}

export function decide(l2: Level2, b: BaseOutput, text: string): Decision {
  let ranked = rankTopics(l2, b);
  const catP = predictSoftmax(l2.category, categoryFeatures(b));
  let ci = 0;
  for (let i = 1; i < catP.length; i++) if (catP[i] > catP[ci]) ci = i;
  const category = CATEGORIES[ci];
  // Keep the topic list consistent with the category: compatible topics first (stable).
  if (category !== 'out-of-scope') {
    const ok = ranked.filter((r) => allowedCategories(r.topic).includes(category));
    const other = ranked.filter((r) => !allowedCategories(r.topic).includes(category));
    ranked = [...ok, ...other];
  }
  const offerP = ranked.length ? predictSoftmax(l2.offer, offerFeatures(b, ranked, catP))[1] : 0;
  const top = ranked[0];
  const confidentTopic =
    top && category !== 'out-of-scope' && offerP >= l2.offerThreshold && allowedCategories(top.topic).includes(category) ? top.topic : null;
  const q = new Map(ranked.map((r) => [r.topic, r.p]));
  let subcategory: Subcategory | null = null;
  let subP = catP[ci];
  if (category === 'technical') {
    const p = predictSoftmax(l2.techSub, techSubFeatures(b, q));
    const def = confidentTopic ? TOPICS[confidentTopic] : null;
    if (def && def.category === 'technical') {
      subcategory = def.subcategory as Subcategory;
      subP = Math.max(offerP, p[TECHNICAL_SUBCATEGORIES.indexOf(subcategory as TechnicalSubcategory)]);
    } else {
      let k = 0;
      for (let i = 1; i < p.length; i++) if (p[i] > p[k]) k = i;
      subcategory = TECHNICAL_SUBCATEGORIES[k];
      subP = p[k];
    }
  } else if (category === 'boundary') {
    const p = predictSoftmax(l2.boundarySub, boundarySubFeatures(b, q));
    let k = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[k]) k = i;
    subcategory = BOUNDARY_SUBCATEGORIES[k];
    subP = p[k];
  }
  let severity: Severity | null = null;
  let sevP = catP[ci];
  let sevProbs = [0, 0, 0];
  if (category === 'technical') {
    sevProbs = predictSoftmax(l2.severity, severityFeatures(b, text));
    let k = 0;
    for (let i = 1; i < 3; i++) if (sevProbs[i] > sevProbs[k]) k = i;
    severity = SEVERITIES[k];
    sevP = sevProbs[k];
  }
  return { ranked, catP, category, offerP, confidentTopic, subcategory, subP, severity, sevP, sevProbs };
}
