/** The triage model: training it, analysing one message, (de)serialising it. */
import { buildArticleIndex, type ArticleSearch } from '../search';
import { LanguageDetector } from '../language';
import { CATEGORIES, TOPICS, isTopicId, type Category, type Lang, type Subcategory } from '../labels';
import type { Article } from '../articles';
import type {
  AnalyzeOptions,
  CrossValidationReport,
  TopicHit,
  TriageResult,
  TriageTrainOptions,
  TriageTrainingData,
} from './types';
import type { SoftmaxModel } from './linearModels';
import { baseOutput, type BaseModels } from './baseOutput';
import { CAT_INDEX } from './categories';
import { decide, type Level2 } from './decision';
import { severityReasons } from './reasons';
import { assignFolds, fitLevel2, languageSamples, trainBase, type OofRow } from './training';
import { crossValidateLevel2 } from './crossValidation';
import { packClassifier, unpackClassifier } from './packing';
import { TRIAGE_MODEL_FORMAT, TRIAGE_MODEL_VERSION, modelSchema, type SerializedTriageModel } from './schema';
import { prepareText } from './prepareText';

// =============================================================================================
// The model

export class TriageModel {
  readonly language: LanguageDetector;
  private readonly search: ArticleSearch;
  private readonly titles: Map<string, string>;

  private constructor(
    private readonly base: BaseModels,
    private readonly l2: Level2,
    language: LanguageDetector,
    private readonly articles: Article[],
    readonly dataHash: string,
    readonly report: CrossValidationReport | null,
  ) {
    this.language = language;
    this.search = buildArticleIndex(articles);
    this.titles = new Map(articles.map((a) => [`${a.lang}|${a.id}`, a.title]));
  }

  /** Cross-validated figures measured when the model was trained (null if trained without). */
  get crossValidation(): CrossValidationReport | null {
    return this.report;
  }

  get offerThreshold(): number {
    return this.l2.offerThreshold;
  }

  /**
   * Trains every part from labelled utterances and the articles: out-of-fold level-1 outputs
   * (K-fold), level-2 models on them, their own cross-validation (figures in `crossValidation`,
   * offer threshold), then the final level-1 models on all the data.
   */
  static train(data: TriageTrainingData, options: TriageTrainOptions = {}): TriageModel {
    const log = options.log ?? (() => undefined);
    const K = Math.max(2, options.folds ?? 5);
    const examples = data.examples.filter((e) => e && typeof e.text === 'string' && e.text.trim().length > 0);
    if (examples.length < K * 4) throw new Error(`TriageModel.train: need at least ${K * 4} examples, got ${examples.length}`);
    const articles = data.articles;
    const fold = assignFolds(examples, K);
    const oof: OofRow[] = new Array(examples.length);
    const search = buildArticleIndex(articles);
    for (let k = 0; k < K; k++) {
      const trainIdx = examples.map((_, i) => i).filter((i) => fold[i] !== k);
      const testIdx = examples.map((_, i) => i).filter((i) => fold[i] === k);
      log(`fold ${k + 1}/${K}: training level-1 models on ${trainIdx.length} utterances ...`);
      const train = trainIdx.map((i) => examples[i]);
      const base = trainBase(train, articles);
      const lang = LanguageDetector.train(languageSamples(train, articles));
      for (const i of testIdx) {
        const e = examples[i];
        const text = prepareText(e.text);
        const detected = lang.detect(text).lang;
        oof[i] = { e, b: baseOutput(base, search, text, detected), detected, fold: k };
      }
    }
    log('level 2: cross-validating on the out-of-fold outputs ...');
    const report = crossValidateLevel2(oof, K);
    log(`level 2: offer threshold ${report.offerThreshold.toFixed(3)}; training on all ${examples.length} utterances ...`);
    const l2 = fitLevel2(oof, report.offerThreshold);
    const base = trainBase(examples, articles);
    const language = LanguageDetector.train(languageSamples(examples, articles));
    return new TriageModel(base, l2, language, articles, data.dataHash ?? '', report);
  }

  // ---- analysis ------------------------------------------------------------------------------

  analyze(text: string, opts: AnalyzeOptions = {}): TriageResult {
    const fallback: Lang = opts.fallbackLang === 'fr' ? 'fr' : 'en';
    let clean = '';
    try {
      clean = prepareText(typeof text === 'string' ? text : text == null ? '' : String(text));
    } catch {
      clean = '';
    }
    try {
      return this.analyzeClean(clean, fallback);
    } catch {
      return emptyResult(fallback, 0.5);
    }
  }

  private analyzeClean(clean: string, fallback: Lang): TriageResult {
    const detected = this.language.detect(clean, fallback);
    const lang = detected.lang;
    // Nothing to read (empty, emoji, punctuation, numbers only): a defined low-confidence answer.
    if (!/\p{L}/u.test(clean)) return emptyResult(lang, detected.confidence);
    const b = baseOutput(this.base, this.search, clean, lang);
    const d = decide(this.l2, b, clean);
    let { category, confidentTopic, subcategory, severity } = d;
    let catProb = d.catP[CAT_INDEX.get(category) as number];
    // Another language entirely: we cannot read it; low confidence, no article.
    let confidenceScale = 1;
    if (!detected.reliable && this.language.isForeign(clean)) {
      confidenceScale = 0.3;
      category = 'out-of-scope';
      catProb = Math.min(catProb, 0.5);
      confidentTopic = null;
      subcategory = null;
      severity = null;
    }
    const top = d.ranked[0]?.p ?? 1;
    // Confidence: the offer model's for the first hit, scaled down by relative score below it
    // (never above a hit ranked before it, also when the category moved compatible topics first).
    let previous = Infinity;
    const topics: TopicHit[] = d.ranked.slice(0, 10).map((r) => {
      const confidence = Math.min(previous, top > 0 ? (confidenceScale * d.offerP * Math.min(r.p, top)) / top : 0);
      previous = confidence;
      return {
        topic: r.topic,
        title: this.titles.get(`${lang}|${r.topic}`) ?? this.titles.get(`en|${r.topic}`) ?? r.topic,
        score: r.p,
        confidence,
      };
    });
    const reasons = severity ? severityReasons(severity, b.cues, lang) : [];
    return {
      lang,
      langConfidence: detected.confidence,
      category: { label: category, probability: catProb },
      subcategory: { label: subcategory, probability: subcategory ? d.subP : catProb },
      severity: { label: severity, probability: severity ? d.sevP : catProb, reasons },
      topics,
      confidentTopic,
    };
  }

  // ---- serialisation -------------------------------------------------------------------------

  toJSON(): SerializedTriageModel {
    return {
      format: TRIAGE_MODEL_FORMAT,
      version: TRIAGE_MODEL_VERSION,
      dataHash: this.dataHash,
      trainedOn: { examples: this.report?.n ?? 0, articles: this.articles.length },
      report: this.report,
      language: this.language.toJSON(),
      classifiers: {
        topic: packClassifier(this.base.topic),
        category: packClassifier(this.base.category),
        severity: packClassifier(this.base.severity),
        techSub: packClassifier(this.base.techSub),
        boundarySub: packClassifier(this.base.boundarySub),
      },
      level2: {
        ranker: this.l2.ranker,
        category: this.l2.category,
        severity: this.l2.severity,
        techSub: this.l2.techSub,
        boundarySub: this.l2.boundarySub,
        offer: this.l2.offer,
        offerThreshold: this.l2.offerThreshold,
      },
      articles: this.articles.map((a) => ({
        id: a.id,
        lang: a.lang,
        title: a.title,
        summary: a.summary,
        keywords: a.keywords,
        phrasings: a.phrasings,
        checkFirst: a.checkFirst,
        steps: a.steps,
        whenToEscalate: a.whenToEscalate,
      })),
    };
  }

  static fromJSON(data: unknown): TriageModel {
    const parsed = modelSchema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
        .join('; ');
      throw new Error(`Invalid triage model: ${issues}`);
    }
    const d = parsed.data;
    const base: BaseModels = {
      topic: unpackClassifier(d.classifiers.topic, 'topic'),
      category: unpackClassifier(d.classifiers.category, 'category'),
      severity: unpackClassifier(d.classifiers.severity, 'severity'),
      techSub: unpackClassifier(d.classifiers.techSub, 'techSub'),
      boundarySub: unpackClassifier(d.classifiers.boundarySub, 'boundarySub'),
    };
    checkSoftmax(d.level2.category, CATEGORIES.length, 'category');
    checkSoftmax(d.level2.severity, 3, 'severity');
    checkSoftmax(d.level2.techSub, 3, 'techSub');
    checkSoftmax(d.level2.boundarySub, 5, 'boundarySub');
    checkSoftmax(d.level2.offer, 2, 'offer');
    if (d.level2.ranker.w.length !== d.level2.ranker.std.mean.length) throw new Error('Invalid triage model: ranker weights do not match its features');
    const articles: Article[] = d.articles.map((a) => {
      if (!isTopicId(a.id)) throw new Error(`Invalid triage model: unknown article topic "${a.id}"`);
      const def = TOPICS[a.id];
      return {
        ...a,
        id: a.id,
        category: def.category as Category,
        subcategory: def.subcategory as Subcategory | null,
        body: [a.checkFirst, a.steps.join('\n'), a.whenToEscalate].join('\n\n'),
        file: '(triage model)',
      };
    });
    let language: LanguageDetector;
    try {
      language = LanguageDetector.fromJSON(d.language);
    } catch (e) {
      throw new Error(`Invalid triage model: ${(e as Error).message}`);
    }
    return new TriageModel(base, d.level2, language, articles, d.dataHash, (d.report as CrossValidationReport | null) ?? null);
  }
}

function checkSoftmax(m: SoftmaxModel, C: number, name: string): void {
  const d = m.std.mean.length + 1;
  if (m.w.length !== C || m.w.some((row) => row.length !== d) || m.std.scale.length !== m.std.mean.length) {
    throw new Error(`Invalid triage model: level-2 ${name} model has the wrong shape`);
  }
}

function emptyResult(lang: Lang, langConfidence: number): TriageResult {
  return {
    lang,
    langConfidence,
    category: { label: 'out-of-scope', probability: 0.2 },
    subcategory: { label: null, probability: 0.2 },
    severity: { label: null, probability: 0.2, reasons: [] },
    topics: [],
    confidentTopic: null,
  };
}
