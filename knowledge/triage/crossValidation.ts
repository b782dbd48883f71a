/** Cross-validation of level 2 on out-of-fold level-1 outputs, and the choice of the offer threshold. */
import { CATEGORIES, SEVERITIES, TOPICS, type Category, type Lang, type Severity, type Subcategory, type TopicId } from '../labels';
import type { CrossValidationReport, TriageExample } from './types';
import { NONE } from './baseOutput';
import { allowedCategories } from './categories';
import { decide, type Decision } from './decision';
import { fitLevel2, type OofRow } from './training';

// =============================================================================================
// Cross-validation of level 2 (on out-of-fold level-1 outputs) and the offer threshold

interface ScoredLine {
  lang: Lang;
  expect: TriageExample;
  detected: Lang;
  category: Category;
  subcategory: Subcategory | null;
  severity: Severity | null;
  ranked: TopicId[];
  confidentTopic: TopicId | null;
}

export function crossValidateLevel2(oof: OofRow[], K: number): CrossValidationReport {
  const decisions: { r: OofRow; d: Decision }[] = [];
  for (let k = 0; k < K; k++) {
    const l2 = fitLevel2(oof.filter((r) => r.fold !== k));
    for (const r of oof.filter((x) => x.fold === k)) decisions.push({ r, d: decide(l2, r.b, r.e.text) });
  }
  const samples = decisions.map(({ r, d }) => ({
    offerP: d.offerP,
    nullTopic: r.e.topic === null,
    correct: r.e.topic !== null && d.ranked[0]?.topic === r.e.topic,
    allowed: d.category !== 'out-of-scope' && !!d.ranked[0] && allowedCategories(d.ranked[0].topic).includes(d.category),
  }));
  const threshold = chooseOfferThreshold(samples, OFFER_TARGET);
  const lines: ScoredLine[] = decisions.map(({ r, d }, i) => ({
    lang: r.e.lang,
    expect: r.e,
    detected: r.detected,
    category: d.category,
    subcategory: recomputeSub(d, samples[i].allowed && d.offerP >= threshold),
    severity: d.severity,
    ranked: d.ranked.map((x) => x.topic),
    confidentTopic: samples[i].allowed && d.offerP >= threshold ? d.ranked[0].topic : null,
  }));
  const summarize = (ls: ScoredLine[]) => {
    const m = scoreLines(ls);
    return { n: ls.length, ...m };
  };
  const all = summarize(lines);
  const compTopic = oof.filter((r) => r.e.topic);
  const mean = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 0);
  const argmax = (p: number[]) => p.reduce((bi, v, i) => (v > p[bi] ? i : bi), 0);
  return {
    folds: K,
    ...all,
    offerThreshold: threshold,
    by_lang: { en: summarize(lines.filter((l) => l.lang === 'en')), fr: summarize(lines.filter((l) => l.lang === 'fr')) },
    components: {
      topic_classifier_r1: mean(compTopic.map((r) => r.b.topicRanked.find((x) => x.label !== NONE)?.label === r.e.topic)),
      topic_search_r1: mean(compTopic.map((r) => r.b.search[0]?.topic === r.e.topic)),
      category_classifier: mean(oof.map((r) => CATEGORIES[argmax(r.b.category)] === r.e.category)),
      severity_classifier: mean(oof.filter((r) => r.e.category === 'technical').map((r) => SEVERITIES[argmax(r.b.severity)] === r.e.severity)),
    },
  };
}

/** The subcategory a decision gets once the offer threshold is known. */
function recomputeSub(d: Decision, offered: boolean): Subcategory | null {
  if (d.category !== 'technical') return d.subcategory;
  const top = d.ranked[0]?.topic;
  if (offered && top && TOPICS[top].category === 'technical') return TOPICS[top].subcategory as Subcategory;
  return d.subcategory;
}

/** The contract's figures over scored lines (used by the cross-validation; eval.ts has its own). */
function scoreLines(ls: ScoredLine[]): Omit<CrossValidationReport, 'folds' | 'by_lang' | 'offerThreshold' | 'components' | 'n'> {
  const acc = (f: (l: ScoredLine) => boolean, filter: (l: ScoredLine) => boolean = () => true) => {
    const xs = ls.filter(filter);
    return xs.length ? xs.filter(f).length / xs.length : 0;
  };
  const topical = ls.filter((l) => l.expect.topic !== null);
  const rank = (l: ScoredLine) => l.ranked.slice(0, 10).indexOf(l.expect.topic as TopicId);
  const mrr = topical.length ? topical.reduce((s, l) => s + (rank(l) >= 0 ? 1 / (rank(l) + 1) : 0), 0) / topical.length : 0;
  return {
    lang: acc((l) => l.detected === l.expect.lang),
    category: acc((l) => l.category === l.expect.category),
    subcategory: acc((l) => l.subcategory === l.expect.subcategory),
    severity: acc((l) => l.severity === l.expect.severity),
    topic_r1: acc((l) => rank(l) === 0, (l) => l.expect.topic !== null),
    topic_r3: acc((l) => rank(l) >= 0 && rank(l) < 3, (l) => l.expect.topic !== null),
    topic_mrr10: mrr,
    null_false_offer: acc((l) => l.confidentTopic !== null, (l) => l.expect.topic === null),
    offer_correct: acc((l) => l.confidentTopic === l.expect.topic, (l) => l.expect.topic !== null),
    offer_wrong: acc((l) => l.confidentTopic !== null && l.confidentTopic !== l.expect.topic, (l) => l.expect.topic !== null),
  };
}

/** Largest threshold-free choice: the smallest t whose null false-offer rate is <= target. */
function chooseOfferThreshold(samples: { offerP: number; nullTopic: boolean; correct: boolean; allowed: boolean }[], target: number): number {
  const nulls = samples.filter((s) => s.nullTopic && s.allowed);
  const nNull = samples.filter((s) => s.nullTopic).length || 1;
  const candidates = [...new Set(samples.map((s) => s.offerP))].sort((a, b) => a - b);
  for (const t of candidates) {
    const fo = nulls.filter((s) => s.offerP >= t).length / nNull;
    if (fo <= target) return t;
  }
  return 1;
}

const OFFER_TARGET = 0.06;
