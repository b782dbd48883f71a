/** Every card stays under 28 KB and valid even with absurdly long inputs (French accents count twice in UTF-8). */
import {
  adminNotificationCard,
  articlesCard,
  caseFormCard,
  presalesCard,
  triageSummaryCard,
  userHandoffCard,
  type AdaptiveCardJson,
  type ProblemSummary,
} from '../../cards';
import { FORM_ERRORS, formView, MODES } from './samples';
import { parserMessages } from './walk';

const MAX_BYTES = 28 * 1024;
const long = (n: number) => 'é'.repeat(n);
const reasons = Array.from({ length: 50 }, () => long(1000));
const summary: ProblemSummary = {
  described: long(20000),
  tried: Array.from({ length: 50 }, () => long(1000)),
  triage: { category: 'technical', subcategory: 'configuration', severity: 'A', reasons },
};
const article = (i: number) => ({
  id: 'config.sso' as const,
  title: long(1000),
  summary: long(5000),
  steps: Array.from({ length: 40 }, () => long(3000)),
  url: `https://example.com/${i}`,
});

const cards: [string, (mode: 'execute' | 'submit') => AdaptiveCardJson][] = [
  ['articles', (mode) => articlesCard({ articles: [article(1), article(2), article(3)], stepId: 's' }, { lang: 'fr', actions: mode })],
  ['presales', () => presalesCard({ article: article(1), contact: { phone: '+1 800 555 0100' }, hours: { hours: '09:00-17:00', days: [1, 2, 3, 4, 5], holidays: true } }, { lang: 'fr' })],
  ['triage', (mode) => triageSummaryCard({ triage: summary.triage, severityEditable: true, stepId: 's' }, { lang: 'fr', actions: mode })],
  ['handoff', (mode) => userHandoffCard({ handoffId: 'h', tenantName: long(200), admins: Array.from({ length: 100 }, (_, i) => ({ name: `Admin ${i} ${long(100)}` })), summary }, { lang: 'fr', actions: mode })],
  ['admin notification', (mode) => adminNotificationCard({ handoffId: 'h', requester: { name: long(200) }, askedAt: '2025-06-03T07:30:00Z', timeZone: 'Europe/Paris', summary }, { lang: 'fr', actions: mode })],
  [
    'case form',
    (mode) =>
      caseFormCard(formView({ severityEditable: true, severityReasons: reasons }, { title: long(5000), description: long(20000), email: long(1000), phone: long(1000), timeZone: long(1000) }), {
        lang: 'fr',
        actions: mode,
        errors: Object.fromEntries(Object.keys(FORM_ERRORS).map((k) => [k, long(2000)])),
      }),
  ],
];

describe.each(cards)('%s with the longest inputs', (_name, build) => {
  it.each(MODES)('stays under 28 KB and valid (%s)', (mode) => {
    const card = build(mode);
    const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
    if (process.env.SHOW_CARD_SIZES) process.stdout.write(`${_name} ${mode}: ${bytes} bytes\n`);
    expect(bytes).toBeLessThan(MAX_BYTES);
    expect(parserMessages(card)).toEqual([]);
  });
});
