/**
 * Support policy as data: loads and validates cases/policy.yaml.
 *
 * The YAML file holds plans and their families, the response-objective table, severity
 * definitions, categories, boundary routes, case windows and business hours. It is validated
 * with zod when loaded; any mistake throws an Error whose message names the file and the field
 * path, one line per problem, e.g.
 *   cases/policy.yaml: objectives.business.B.objective: expected one of PT1H|PT2H|PT4H|next-day|none
 *
 * This module is a library: no bot framework imports.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import Holidays from 'date-holidays';
import { Duration } from 'luxon';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Domain vocabulary
// ---------------------------------------------------------------------------------------------

// The contract's labels are defined once, in knowledge/labels.ts; the policy speaks the same words.
export { SEVERITIES, LANGS, TECHNICAL_SUBCATEGORIES, BOUNDARY_SUBCATEGORIES as BOUNDARY_IDS } from '../knowledge/labels';
export type { Severity, Lang, TechnicalSubcategory, BoundarySubcategory as BoundaryId } from '../knowledge/labels';
import { SEVERITIES } from '../knowledge/labels';
import type { Severity, Lang } from '../knowledge/labels';

export const PLAN_FAMILIES = ['business', 'enterprise', 'frontline'] as const;
export type PlanFamily = (typeof PLAN_FAMILIES)[number];

export const AVAILABILITIES = ['24x7', 'business'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const OBJECTIVE_KINDS = ['PT1H', 'PT2H', 'PT4H', 'next-day', 'none'] as const;
export type ObjectiveKind = (typeof OBJECTIVE_KINDS)[number];

export interface ResponseObjective {
  readonly availability: Availability;
  readonly objective: ObjectiveKind;
}


export const CATEGORY_IDS = ['presales', 'billing', 'technical'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];



/** Default location of the policy file (next to this module). */
export const DEFAULT_POLICY_PATH = path.join(__dirname, 'policy.yaml');

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

/** A strict object whose "unknown field" message lists the fields it does accept. */
function strictObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape).join('|');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field (expected one of ${known})` : undefined),
  });
}

function oneOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: () => `expected one of ${values.join('|')}` });
}

const text = z.string().trim().min(1, 'must not be empty');
const localized = strictObject({ en: text, fr: text });
const localizedList = strictObject({ en: z.array(text).min(1), fr: z.array(text).min(1) });

const PLAN_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const planId = z.string().regex(PLAN_ID, 'plan ids are lower-case kebab-case, e.g. business-standard');

const isoDuration = z.string().refine((s) => {
  const d = Duration.fromISO(s);
  return d.isValid && d.toMillis() > 0;
}, 'expected a positive ISO 8601 duration, e.g. P14D');

const HOURS = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
/** "HH:MM-HH:MM" → minutes since local midnight; closing may be 24:00. Returns undefined if malformed. */
export function parseHours(hours: string): { open: number; close: number } | undefined {
  const m = HOURS.exec(hours.trim());
  if (!m) return undefined;
  const [openText, closeText] = hours.trim().split('-') as [string, string];
  const toMinutes = (hm: string) => {
    const [h, mm] = hm.split(':').map(Number) as [number, number];
    return h * 60 + mm;
  };
  const open = toMinutes(openText);
  const close = toMinutes(closeText);
  return open < close ? { open, close } : undefined;
}
const hoursSpec = z
  .string()
  .refine((s) => parseHours(s) !== undefined, 'expected local hours "HH:MM-HH:MM" with opening before closing, e.g. 09:00-17:00');

const isoWeekday = z.number().int().min(1, 'ISO weekdays run 1 (Monday) to 7 (Sunday)').max(7, 'ISO weekdays run 1 (Monday) to 7 (Sunday)');
const weekdays = z
  .array(isoWeekday)
  .min(1, 'at least one business day is needed')
  .refine((days) => new Set(days).size === days.length, 'a weekday is listed twice');

const objectiveEntry = strictObject({
  availability: oneOf(AVAILABILITIES),
  objective: oneOf(OBJECTIVE_KINDS),
});
const severityTable = strictObject({
  customerSetsSeverity: z.boolean().default(false),
  A: objectiveEntry,
  B: objectiveEntry,
  C: objectiveEntry,
});

const familySchema = strictObject({ name: localized, plans: z.array(planId).min(1, 'a family needs at least one plan') });

const severityDefinition = strictObject({ label: localized, meaning: localized, examples: localizedList });

const audience = oneOf(['anyone', 'admin'] as const);
const categoryHours = oneOf(['business', 'presales', 'objectives'] as const);
const subcategory = strictObject({ label: localized, covers: localizedList });
const categoryShape = { label: localized, audience, hours: categoryHours, covers: localizedList };
const category = strictObject(categoryShape);

const boundary = strictObject({
  label: localized,
  route: localized,
  link: z.union([z.url({ protocol: /^https?$/, error: 'expected an http(s) URL or null' }), z.null()], {
    error: 'expected an http(s) URL or null',
  }),
});

const COUNTRY_KEY = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;
const countryHours = strictObject({
  hours: hoursSpec.optional(),
  days: weekdays.optional(),
  holidays: z.boolean().default(true),
});

const policySchema = strictObject({
  version: z.literal(1, { error: 'expected 1' }),
  families: strictObject({ business: familySchema, enterprise: familySchema, frontline: familySchema }),
  standalone: strictObject({ family: oneOf(PLAN_FAMILIES), plans: z.array(planId) }),
  trials: strictObject({ suffixes: z.array(z.string().regex(/^[a-z0-9-]+$/, 'expected a lower-case suffix, e.g. -trial')) }),
  objectives: strictObject({
    business: severityTable,
    enterprise: severityTable,
    frontline: severityTable,
    elevated: severityTable,
  }),
  severities: strictObject({ A: severityDefinition, B: severityDefinition, C: severityDefinition }),
  categories: strictObject({
    presales: category,
    billing: category,
    technical: strictObject({
      ...categoryShape,
      subcategories: strictObject({ setup: subcategory, configuration: subcategory, usage: subcategory }),
    }),
  }),
  boundaries: strictObject({
    network: boundary,
    'third-party': boundary,
    scripting: boundary,
    developer: boundary,
    'volume-licensing': boundary,
  }),
  cases: strictObject({ reopenWindow: isoDuration, recentlyClosedWindow: isoDuration }),
  businessHours: strictObject({
    default: strictObject({ hours: hoursSpec, days: weekdays }),
    holidayTypes: z.array(oneOf(['public', 'bank', 'optional', 'school', 'observance'] as const)).min(1),
    countries: z.record(
      z.string().regex(COUNTRY_KEY, 'expected an ISO 3166 country code, optionally with a subdivision (e.g. FR, US-CA)'),
      countryHours,
    ),
  }),
  presalesHours: strictObject({ hours: hoursSpec, days: weekdays, holidays: z.boolean() }),
});

type RawPolicy = z.infer<typeof policySchema>;

export type Localized = RawPolicy['severities']['A']['label'];
export type LocalizedList = RawPolicy['severities']['A']['examples'];
export type SeverityDefinition = RawPolicy['severities']['A'];
export type Boundary = RawPolicy['boundaries']['network'];
export type CountryHours = RawPolicy['businessHours']['countries'][string];

/** The validated policy. Plans are also indexed for look-up. */
export interface SupportPolicy extends RawPolicy {
  /** Where the policy was read from (for messages). */
  readonly source: string;
  /** Every plan id (family and standalone) → its family. */
  readonly planIndex: ReadonlyMap<string, PlanFamily>;
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

function displayName(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function pathText(p: readonly PropertyKey[]): string {
  return p.length ? p.map(String).join('.') : '(top level)';
}

function issueLines(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${pathText([...issue.path, key])}: ${issue.message}`);
    } else if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && 'input' in issue && issue.input === undefined) {
      lines.push(`${pathText(issue.path)}: required`);
    } else {
      lines.push(`${pathText(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`);
    }
  }
  return lines;
}

/** Checks that span several fields (done after the shape is known to be right). */
function crossCheck(raw: RawPolicy): { lines: string[]; planIndex: Map<string, PlanFamily> } {
  const lines: string[] = [];
  const planIndex = new Map<string, PlanFamily>();
  const seen = new Map<string, string>();
  const note = (plan: string, where: string, family: PlanFamily) => {
    const first = seen.get(plan);
    if (first) lines.push(`${where}: plan ${plan} is already listed at ${first}`);
    else {
      seen.set(plan, where);
      planIndex.set(plan, family);
    }
  };
  for (const family of PLAN_FAMILIES) {
    raw.families[family].plans.forEach((plan, i) => note(plan, `families.${family}.plans.${i}`, family));
  }
  raw.standalone.plans.forEach((plan, i) => note(plan, `standalone.plans.${i}`, raw.standalone.family));

  const countries = new Holidays().getCountries();
  for (const key of Object.keys(raw.businessHours.countries)) {
    const [country, state] = key.split('-') as [string, string | undefined];
    if (!countries[country]) {
      lines.push(`businessHours.countries.${key}: unknown country code ${country} (not known to date-holidays)`);
    } else if (state && !new Holidays().getStates(country)?.[state]) {
      lines.push(`businessHours.countries.${key}: unknown subdivision ${state} of ${country} (not known to date-holidays)`);
    }
  }
  return { lines, planIndex };
}

/**
 * Reads and validates the policy file (default: cases/policy.yaml next to this module).
 * Throws an Error naming the file and each faulty field.
 */
export function loadPolicy(file: string = DEFAULT_POLICY_PATH): SupportPolicy {
  const abs = path.resolve(file);
  const name = displayName(abs);
  let textContent: string;
  try {
    textContent = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new Error(`${name}: cannot read the policy file (${code})`);
  }
  let data: unknown;
  try {
    data = parseYaml(textContent, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    const msg = e instanceof YAMLParseError ? e.message.split('\n')[0] : String(e);
    throw new Error(`${name}: not valid YAML: ${msg}`);
  }
  const parsed = policySchema.safeParse(data ?? {}, { reportInput: true });
  if (!parsed.success) {
    throw new Error(issueLines(parsed.error.issues).map((l) => `${name}: ${l}`).join('\n'));
  }
  const { lines, planIndex } = crossCheck(parsed.data);
  if (lines.length) throw new Error(lines.map((l) => `${name}: ${l}`).join('\n'));
  return { ...parsed.data, source: name, planIndex };
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/** The family of a plan, or undefined when the policy does not know it. Trials resolve to their plan. */
export function findPlanFamily(policy: SupportPolicy, plan: string): PlanFamily | undefined {
  const id = plan.trim().toLowerCase();
  const direct = policy.planIndex.get(id);
  if (direct) return direct;
  for (const suffix of policy.trials.suffixes) {
    if (suffix && id.endsWith(suffix) && id.length > suffix.length) {
      const base = policy.planIndex.get(id.slice(0, -suffix.length));
      if (base) return base;
    }
  }
  return undefined;
}

/** The family of a plan; throws an Error naming the plan when it is unknown. */
export function planFamily(policy: SupportPolicy, plan: string): PlanFamily {
  const family = findPlanFamily(policy, plan);
  if (!family) throw new Error(`unknown plan "${plan}" (not listed in ${policy.source})`);
  return family;
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** The initial-response objective for a plan, elevated support or not, and severity. */
export function responseObjectiveFor(
  policy: SupportPolicy,
  query: { plan: string; elevated: boolean; severity: Severity },
): ResponseObjective {
  const family = planFamily(policy, query.plan);
  if (!isSeverity(query.severity)) throw new Error(`unknown severity "${String(query.severity)}" (expected A, B or C)`);
  const table = query.elevated ? policy.objectives.elevated : policy.objectives[family];
  const { availability, objective } = table[query.severity];
  return { availability, objective };
}

/**
 * May the customer choose the severity themselves? True on elevated support when the policy says
 * so; otherwise only when the policy grants it to every plan family.
 */
export function customerMaySetSeverity(policy: SupportPolicy, elevated: boolean): boolean {
  if (elevated) return policy.objectives.elevated.customerSetsSeverity;
  return PLAN_FAMILIES.every((f) => policy.objectives[f].customerSetsSeverity);
}

/** Business hours (and whether public holidays apply) for a country code such as "FR" or "US-CA". */
export function businessHoursFor(
  policy: SupportPolicy,
  country: string | undefined,
): { hours: string; days: number[]; holidays: { country: string; state?: string; types: string[] } | null } {
  const base = policy.businessHours.default;
  const key = country?.trim().toUpperCase();
  const entries = policy.businessHours.countries;
  const specific = key ? entries[key] : undefined;
  const national = key ? entries[key.split('-')[0]!] : undefined;
  const entry = specific ?? national;
  if (!key || !entry) return { hours: base.hours, days: [...base.days], holidays: null };
  const hours = specific?.hours ?? national?.hours ?? base.hours;
  const days = [...(specific?.days ?? national?.days ?? base.days)];
  const holidayKey = specific ? key : key.split('-')[0]!;
  const [c, state] = holidayKey.split('-') as [string, string | undefined];
  const holidays = entry.holidays ? { country: c, ...(state ? { state } : {}), types: [...policy.businessHours.holidayTypes] } : null;
  return { hours, days, holidays };
}

const NUMBER_WORDS: Record<Lang, Record<number, string>> = {
  en: { 1: 'one hour', 2: 'two hours', 4: 'four hours' },
  fr: { 1: 'une heure', 2: 'deux heures', 4: 'quatre heures' },
};

/** A one-line, human description of an objective, e.g. "first response within one hour, 24/7". */
export function describeObjective(objective: ResponseObjective, lang: Lang): string {
  const around = objective.availability === '24x7';
  const when = lang === 'fr' ? (around ? '24 h/24 et 7 j/7' : 'heures ouvrées') : around ? '24/7' : 'business hours';
  switch (objective.objective) {
    case 'none':
      return lang === 'fr' ? `sans engagement de délai, ${when}` : `no committed response time, ${when}`;
    case 'next-day':
      if (lang === 'fr') {
        return around
          ? `première réponse avant la fin du lendemain, ${when}`
          : `première réponse avant la fin du jour ouvré suivant, ${when}`;
      }
      return around
        ? `first response by the end of the next day, ${when}`
        : `first response by the end of the next business day, ${when}`;
    default: {
      const hours = Duration.fromISO(objective.objective).as('hours');
      const words = NUMBER_WORDS[lang][hours] ?? (lang === 'fr' ? `${hours} heures` : `${hours} hours`);
      return lang === 'fr' ? `première réponse sous ${words}, ${when}` : `first response within ${words}, ${when}`;
    }
  }
}
