import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Duration } from 'luxon';
import { parse, stringify } from 'yaml';
import {
  BOUNDARY_IDS,
  DEFAULT_POLICY_PATH,
  PLAN_FAMILIES,
  SEVERITIES,
  businessHoursFor,
  customerMaySetSeverity,
  describeObjective,
  findPlanFamily,
  loadPolicy,
  planFamily,
  responseObjectiveFor,
  type PlanFamily,
  type ResponseObjective,
  type Severity,
} from '../../cases/policy';

const policy = loadPolicy();

describe('the shipped policy file', () => {
  test('loads from the default path and from an explicit one', () => {
    expect(policy.version).toBe(1);
    expect(policy.source).toMatch(/policy\.yaml$/);
    expect(loadPolicy(DEFAULT_POLICY_PATH).planIndex.size).toBe(policy.planIndex.size);
  });

  test('lists the plan families and their plans', () => {
    expect(policy.families.business.plans).toEqual(['business-basic', 'apps-for-business', 'business-standard']);
    expect(policy.families.enterprise.plans).toEqual(['enterprise-e1', 'enterprise-e3', 'government-g2', 'us-government-e3', 'education']);
    expect(policy.families.frontline.plans).toEqual(['frontline-f1', 'us-government-k1']);
    expect(policy.standalone.family).toBe('enterprise');
    expect(policy.standalone.plans).toEqual(expect.arrayContaining(['exchange-online-plan-1', 'exchange-online-plan-2', 'sharepoint-plan-1', 'teams-essentials']));
  });

  test('keeps the case windows as ISO durations', () => {
    expect(policy.cases.reopenWindow).toBe('P14D');
    expect(Duration.fromISO(policy.cases.reopenWindow).as('days')).toBe(14);
    expect(policy.cases.recentlyClosedWindow).toBe('P30D');
  });

  test('defines every severity in English and French, with examples', () => {
    for (const s of SEVERITIES) {
      const def = policy.severities[s];
      for (const lang of ['en', 'fr'] as const) {
        expect(def.label[lang].length).toBeGreaterThan(0);
        expect(def.meaning[lang].length).toBeGreaterThan(20);
        expect(def.examples[lang].length).toBeGreaterThan(0);
      }
      expect(def.examples.en).toHaveLength(def.examples.fr.length);
    }
    expect(policy.severities.A.label).toEqual({ en: 'Critical', fr: 'Critique' });
  });

  test('describes the categories, the technical subcategories and who may use them', () => {
    expect(policy.categories.presales.audience).toBe('anyone');
    expect(policy.categories.billing.audience).toBe('admin');
    expect(policy.categories.billing.hours).toBe('business');
    expect(Object.keys(policy.categories.technical.subcategories)).toEqual(['setup', 'configuration', 'usage']);
    expect(policy.categories.technical.subcategories.configuration.covers.en.join(' ')).toMatch(/single sign-on/i);
    expect(policy.categories.technical.subcategories.setup.covers.fr.join(' ')).toMatch(/Autodiscover/);
  });

  test('routes every boundary somewhere, in both languages', () => {
    for (const id of BOUNDARY_IDS) {
      const b = policy.boundaries[id];
      expect(b.route.en.length).toBeGreaterThan(20);
      expect(b.route.fr.length).toBeGreaterThan(20);
      expect(b.link === null || /^https:\/\//.test(b.link)).toBe(true);
    }
    expect(policy.boundaries['volume-licensing'].link).toMatch(/licensing/);
    expect(policy.boundaries.network.link).toBeNull();
  });

  test('holds business hours, country overrides and pre-sales hours', () => {
    expect(policy.businessHours.default).toEqual({ hours: '09:00-17:00', days: [1, 2, 3, 4, 5] });
    expect(policy.businessHours.holidayTypes).toEqual(['public']);
    expect(Object.keys(policy.businessHours.countries)).toEqual(expect.arrayContaining(['FR', 'US']));
    expect(businessHoursFor(policy, 'fr')).toEqual({ hours: '09:00-17:00', days: [1, 2, 3, 4, 5], holidays: { country: 'FR', types: ['public'] } });
    expect(businessHoursFor(policy, 'US-CA').holidays).toEqual({ country: 'US', types: ['public'] });
    expect(businessHoursFor(policy, 'SA').days).toEqual([7, 1, 2, 3, 4]);
    expect(businessHoursFor(policy, undefined)).toEqual({ hours: '09:00-17:00', days: [1, 2, 3, 4, 5], holidays: null });
    expect(policy.presalesHours).toEqual({ hours: '09:00-17:00', days: [1, 2, 3, 4, 5], holidays: true });
  });
});

describe('plans and families', () => {
  test.each<[string, PlanFamily]>([
    ['business-basic', 'business'],
    ['apps-for-business', 'business'],
    ['business-standard', 'business'],
    ['enterprise-e1', 'enterprise'],
    ['enterprise-e3', 'enterprise'],
    ['government-g2', 'enterprise'],
    ['us-government-e3', 'enterprise'],
    ['education', 'enterprise'],
    ['frontline-f1', 'frontline'],
    ['us-government-k1', 'frontline'],
    ['exchange-online-plan-1', 'enterprise'],
    ['exchange-online-plan-2', 'enterprise'],
    ['sharepoint-plan-1', 'enterprise'],
    ['teams-essentials', 'enterprise'],
    ['business-standard-trial', 'business'],
    ['frontline-f1-trial', 'frontline'],
    ['exchange-online-plan-1-trial', 'enterprise'],
    [' Enterprise-E3 ', 'enterprise'],
  ])('%s → %s', (plan, family) => {
    expect(planFamily(policy, plan)).toBe(family);
  });

  test('an unknown plan is an error naming the plan', () => {
    expect(() => planFamily(policy, 'galaxy-ultimate')).toThrow(/galaxy-ultimate/);
    expect(() => responseObjectiveFor(policy, { plan: 'galaxy-ultimate', elevated: true, severity: 'A' })).toThrow(/unknown plan "galaxy-ultimate"/);
    expect(() => planFamily(policy, '-trial')).toThrow(/-trial/);
    expect(findPlanFamily(policy, 'nope-trial')).toBeUndefined();
  });
});

describe('response objectives', () => {
  const o = (availability: ResponseObjective['availability'], objective: ResponseObjective['objective']) => ({ availability, objective });
  const expected: Record<PlanFamily | 'elevated', Record<Severity, ResponseObjective>> = {
    business: { A: o('24x7', 'PT1H'), B: o('business', 'none'), C: o('business', 'none') },
    enterprise: { A: o('24x7', 'PT1H'), B: o('24x7', 'next-day'), C: o('24x7', 'none') },
    frontline: { A: o('24x7', 'PT1H'), B: o('24x7', 'next-day'), C: o('24x7', 'none') },
    elevated: { A: o('24x7', 'PT1H'), B: o('24x7', 'PT2H'), C: o('24x7', 'PT4H') },
  };

  const cases: [string, PlanFamily, Severity][] = [];
  for (const family of PLAN_FAMILIES) {
    for (const plan of [...policy.families[family].plans, `${policy.families[family].plans[0]}-trial`]) {
      for (const s of SEVERITIES) cases.push([plan, family, s]);
    }
  }
  for (const plan of policy.standalone.plans) for (const s of SEVERITIES) cases.push([plan, 'enterprise', s]);

  test.each(cases)('%s (%s), severity %s', (plan, family, severity) => {
    expect(responseObjectiveFor(policy, { plan, elevated: false, severity })).toEqual(expected[family][severity]);
    expect(responseObjectiveFor(policy, { plan, elevated: true, severity })).toEqual(expected.elevated[severity]);
  });

  test('an unknown severity is rejected', () => {
    expect(() => responseObjectiveFor(policy, { plan: 'enterprise-e3', elevated: false, severity: 'D' as Severity })).toThrow(/severity "D"/);
  });

  test('only customers on elevated support set the severity themselves', () => {
    expect(customerMaySetSeverity(policy, true)).toBe(true);
    expect(customerMaySetSeverity(policy, false)).toBe(false);
  });
});

describe('describeObjective', () => {
  test.each<[ResponseObjective, string, string]>([
    [{ availability: '24x7', objective: 'PT1H' }, 'first response within one hour, 24/7', 'première réponse sous une heure, 24 h/24 et 7 j/7'],
    [{ availability: '24x7', objective: 'PT2H' }, 'first response within two hours, 24/7', 'première réponse sous deux heures, 24 h/24 et 7 j/7'],
    [{ availability: '24x7', objective: 'PT4H' }, 'first response within four hours, 24/7', 'première réponse sous quatre heures, 24 h/24 et 7 j/7'],
    [{ availability: '24x7', objective: 'next-day' }, 'first response by the end of the next day, 24/7', 'première réponse avant la fin du lendemain, 24 h/24 et 7 j/7'],
    [{ availability: 'business', objective: 'next-day' }, 'first response by the end of the next business day, business hours', 'première réponse avant la fin du jour ouvré suivant, heures ouvrées'],
    [{ availability: 'business', objective: 'PT4H' }, 'first response within four hours, business hours', 'première réponse sous quatre heures, heures ouvrées'],
    [{ availability: 'business', objective: 'none' }, 'no committed response time, business hours', 'sans engagement de délai, heures ouvrées'],
    [{ availability: '24x7', objective: 'none' }, 'no committed response time, 24/7', 'sans engagement de délai, 24 h/24 et 7 j/7'],
  ])('%j', (objective, en, fr) => {
    expect(describeObjective(objective, 'en')).toBe(en);
    expect(describeObjective(objective, 'fr')).toBe(fr);
  });
});

describe('a broken policy file is refused with the file and the field', () => {
  let dir: string;
  const original = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a modified copy of the shipped policy and returns its path. */
  function brokenCopy(edit: (data: any) => void, name = 'policy.yaml'): string {
    const data = parse(original);
    edit(data);
    const file = path.join(dir, name);
    writeFileSync(file, stringify(data));
    return file;
  }
  const errorOf = (file: string): string => {
    try {
      loadPolicy(file);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('the policy loaded although it is broken');
  };

  test('an unchanged copy loads', () => {
    expect(loadPolicy(brokenCopy(() => undefined)).planIndex.size).toBe(policy.planIndex.size);
  });

  test('an unknown objective', () => {
    const file = brokenCopy((d) => (d.objectives.business.B.objective = 'PT3H'));
    expect(errorOf(file)).toBe(`${file}: objectives.business.B.objective: expected one of PT1H|PT2H|PT4H|next-day|none`);
  });

  test('an unknown availability', () => {
    expect(errorOf(brokenCopy((d) => (d.objectives.elevated.C.availability = 'weekdays')))).toMatch(
      /policy\.yaml: objectives\.elevated\.C\.availability: expected one of 24x7\|business$/,
    );
  });

  test('a missing family, in the plans or in the objectives', () => {
    expect(errorOf(brokenCopy((d) => delete d.families.frontline)))
      .toMatch(/policy\.yaml: families\.frontline: required$/);
    expect(errorOf(brokenCopy((d) => delete d.objectives.enterprise)))
      .toMatch(/policy\.yaml: objectives\.enterprise: required$/);
  });

  test('severity D', () => {
    expect(errorOf(brokenCopy((d) => (d.objectives.enterprise.D = { availability: '24x7', objective: 'PT4H' }))))
      .toMatch(/policy\.yaml: objectives\.enterprise\.D: unknown field \(expected one of customerSetsSeverity\|A\|B\|C\)/);
    expect(errorOf(brokenCopy((d) => (d.severities.D = d.severities.C))))
      .toMatch(/policy\.yaml: severities\.D: unknown field \(expected one of A\|B\|C\)/);
  });

  test('a missing severity', () => {
    expect(errorOf(brokenCopy((d) => delete d.objectives.frontline.C))).toMatch(/objectives\.frontline\.C: required/);
  });

  test('several mistakes are all reported, one per line', () => {
    const msg = errorOf(brokenCopy((d) => {
      d.objectives.business.B.objective = 'soon';
      d.cases.reopenWindow = '14 days';
      d.businessHours.default.hours = '17:00-09:00';
    }));
    const lines = msg.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => /policy\.yaml: /.test(l))).toBe(true);
    expect(msg).toMatch(/objectives\.business\.B\.objective: expected one of/);
    expect(msg).toMatch(/cases\.reopenWindow: expected a positive ISO 8601 duration/);
    expect(msg).toMatch(/businessHours\.default\.hours: expected local hours/);
  });

  test.each<[string, (d: any) => void, RegExp]>([
    ['a plan in two families', (d) => d.families.frontline.plans.push('education'), /families\.frontline\.plans\.2: plan education is already listed at families\.enterprise\.plans\.4/],
    ['a badly written plan id', (d) => d.families.business.plans.push('Business Premium'), /families\.business\.plans\.3: plan ids are lower-case kebab-case/],
    ['standalone plans following an unknown family', (d) => (d.standalone.family = 'premium'), /standalone\.family: expected one of business\|enterprise\|frontline/],
    ['an unknown country code', (d) => (d.businessHours.countries.XX = {}), /businessHours\.countries\.XX: unknown country code XX/],
    ['an unknown subdivision', (d) => (d.businessHours.countries['US-QQ'] = {}), /businessHours\.countries\.US-QQ: unknown subdivision QQ of US/],
    ['a bad weekday', (d) => (d.businessHours.countries.FR = { days: [0, 1] }), /businessHours\.countries\.FR\.days\.0: ISO weekdays run 1/],
    ['a boundary link that is not a URL', (d) => (d.boundaries.developer.link = 'developer docs'), /boundaries\.developer\.link: expected an http\(s\) URL or null/],
    ['a missing French text', (d) => delete d.boundaries.scripting.route.fr, /boundaries\.scripting\.route\.fr: required/],
    ['a missing boundary', (d) => delete d.boundaries['third-party'], /boundaries\.third-party: required/],
    ['an unknown top-level field', (d) => (d.colour = 'blue'), /policy\.yaml: colour: unknown field/],
    ['a wrong version', (d) => (d.version = 2), /version: expected 1/],
    ['customerSetsSeverity not a boolean', (d) => (d.objectives.elevated.customerSetsSeverity = 'yes'), /objectives\.elevated\.customerSetsSeverity: expected boolean, received string/],
  ])('%s', (_label, edit, message) => {
    expect(errorOf(brokenCopy(edit))).toMatch(message);
  });

  test('a file that is not YAML, an empty file and a missing file', () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'families: [unclosed\n');
    expect(errorOf(bad)).toMatch(/bad\.yaml: not valid YAML/);
    const empty = path.join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    expect(errorOf(empty)).toMatch(/empty\.yaml: version: required/);
    expect(errorOf(path.join(dir, 'absent.yaml'))).toMatch(/absent\.yaml: cannot read the policy file \(ENOENT\)/);
  });
});
