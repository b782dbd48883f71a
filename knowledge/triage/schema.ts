/** The schema of the serialised triage model (format, version, classifiers, level-2 models, articles, report). */
import { z } from 'zod';
import { packedClassifierSchema } from './packing';

const standardizerSchema = z.object({ mean: z.array(z.number()), scale: z.array(z.number()) });
const softmaxSchema = z.object({ std: standardizerSchema, w: z.array(z.array(z.number())) });
const rankerSchema = z.object({ std: standardizerSchema, w: z.array(z.number()) });

const articleSchema = z.object({
  id: z.string(),
  lang: z.enum(['en', 'fr']),
  title: z.string(),
  summary: z.string(),
  keywords: z.array(z.string()),
  phrasings: z.array(z.string()),
  checkFirst: z.string(),
  steps: z.array(z.string()),
  whenToEscalate: z.string(),
});

const reportLangSchema = z.object({
  n: z.number(),
  lang: z.number(),
  category: z.number(),
  subcategory: z.number(),
  severity: z.number(),
  topic_r1: z.number(),
  topic_r3: z.number(),
  topic_mrr10: z.number(),
  null_false_offer: z.number(),
  offer_correct: z.number(),
  offer_wrong: z.number(),
  components: z.unknown().optional(),
});

const reportSchema = reportLangSchema.extend({
  folds: z.number(),
  offerThreshold: z.number(),
  by_lang: z.object({ en: reportLangSchema, fr: reportLangSchema }),
  components: z.object({
    topic_classifier_r1: z.number(),
    topic_search_r1: z.number(),
    category_classifier: z.number(),
    severity_classifier: z.number(),
  }),
});

export const TRIAGE_MODEL_FORMAT = 'triage-model';
export const TRIAGE_MODEL_VERSION = 1;

export const modelSchema = z.object({
  format: z.literal(TRIAGE_MODEL_FORMAT),
  version: z.literal(TRIAGE_MODEL_VERSION),
  dataHash: z.string(),
  trainedOn: z.object({ examples: z.number().int(), articles: z.number().int() }),
  report: reportSchema.nullable(),
  language: z.unknown(),
  classifiers: z.object({
    topic: packedClassifierSchema,
    category: packedClassifierSchema,
    severity: packedClassifierSchema,
    techSub: packedClassifierSchema,
    boundarySub: packedClassifierSchema,
  }),
  level2: z.object({
    ranker: rankerSchema,
    category: softmaxSchema,
    severity: softmaxSchema,
    techSub: softmaxSchema,
    boundarySub: softmaxSchema,
    offer: softmaxSchema,
    offerThreshold: z.number().min(0).max(1),
  }),
  articles: z.array(articleSchema),
});

export type SerializedTriageModel = z.infer<typeof modelSchema>;
