/** Sample view models and every variant of every card, for the card tests. */
import {
  adminNotificationCard,
  articlesCard,
  boundaryCard,
  caseCard,
  caseFormCard,
  caseListCard,
  presalesCard,
  satisfactionCard,
  triageSummaryCard,
  userHandoffCard,
  type ActionMode,
  type AdaptiveCardJson,
  type ArticleView,
  type CaseCardCase,
  type CaseFormErrors,
  type CaseFormView,
  type CaseListItem,
  type CaseViewer,
  type ProblemSummary,
} from '../../cards';
import type { Lang } from '../../knowledge/labels';

export const LANGS: Lang[] = ['en', 'fr'];
export const MODES: ActionMode[] = ['execute', 'submit'];

const ARTICLES: Record<Lang, ArticleView[]> = {
  en: [
    {
      id: 'exchange.mail-flow',
      title: 'Email is not being sent or received',
      summary: 'What to check when messages do not arrive, bounce back or are delayed.',
      steps: ['In the Exchange admin center, go to **Mail flow > Message trace** and run a trace.', 'Open a failed message to see the error.', 'Check the MX record of your domain.'],
      url: 'https://support.example.com/articles/exchange.mail-flow',
    },
    {
      id: 'exchange.junk-quarantine',
      title: 'Mail goes to junk or quarantine',
      summary: 'Release quarantined messages and tune spam filtering.',
      steps: ['Open the quarantine in the Defender portal.', 'Release the message.'],
    },
    { id: 'support.service-health', title: 'Check service health', summary: 'See current incidents before troubleshooting.', steps: [] },
    { id: 'exchange.contacts', title: 'A fourth article', summary: 'Never shown: three at most.', steps: ['x'] },
  ],
  fr: [
    {
      id: 'exchange.mail-flow',
      title: "Les e-mails ne partent pas ou n'arrivent pas",
      summary: "Que vérifier quand des messages n'arrivent pas, sont renvoyés ou retardés.",
      steps: ["Dans le centre d'administration Exchange, ouvrez **Flux de messagerie > Suivi des messages**.", "Ouvrez un message en échec pour voir l'erreur.", 'Vérifiez l’enregistrement MX de votre domaine.'],
      url: 'https://support.example.com/fr/articles/exchange.mail-flow',
    },
    {
      id: 'exchange.junk-quarantine',
      title: 'Des messages arrivent dans les courriers indésirables ou en quarantaine',
      summary: 'Libérer les messages en quarantaine et régler le filtrage.',
      steps: ['Ouvrez la quarantaine dans le portail Defender.', 'Libérez le message.'],
    },
    { id: 'support.service-health', title: "Vérifier l'état des services", summary: 'Consultez les incidents en cours avant de chercher plus loin.', steps: [] },
    { id: 'exchange.contacts', title: 'Un quatrième article', summary: 'Jamais affiché : trois au plus.', steps: ['x'] },
  ],
};
export const articlesFor = (lang: Lang) => ARTICLES[lang];

const REASONS: Record<Lang, string[]> = {
  en: ['Nobody in the company receives email.', 'It started this morning and blocks orders.'],
  fr: ["Personne dans l'entreprise ne reçoit d'e-mails.", 'Cela a commencé ce matin et bloque les commandes.'],
};
export const reasonsFor = (lang: Lang) => REASONS[lang];

export function summaryFor(lang: Lang, withReasons = true, tried = true): ProblemSummary {
  return {
    described: lang === 'fr' ? "Depuis 9 h, plus personne ne reçoit d'e-mails." : 'Since 9am nobody receives any email.',
    tried: tried ? [lang === 'fr' ? 'Article : Les e-mails ne partent pas' : 'Article: Email is not being sent or received'] : [],
    triage: { category: 'technical', subcategory: 'usage', severity: 'A', reasons: withReasons ? REASONS[lang] : [] },
  };
}

export const DUE_AT = '2025-06-03T09:15:00.000Z';

export function sampleCase(over: Partial<CaseCardCase> = {}): CaseCardCase {
  return {
    number: 'SR-000123',
    title: 'Nobody receives email since 9am',
    description: 'Since 9am no user in the company receives external email. Internal mail works.',
    category: 'technical',
    subcategory: 'usage',
    severity: 'A',
    severitySource: 'assessed',
    severityReasons: REASONS.en,
    status: 'new',
    createdAt: '2025-06-03T08:15:00.000Z',
    objective: { availability: '24x7', objective: 'PT1H' },
    dueAt: DUE_AT,
    assignee: null,
    version: 3,
    breached: false,
    ...over,
  };
}

export function formView(over: Partial<CaseFormView> = {}, values: Partial<CaseFormView['values']> = {}): CaseFormView {
  return {
    submissionKey: 'sub-7f3a',
    severityReasons: REASONS.en,
    severityEditable: false,
    ...over,
    values: {
      title: 'Nobody receives email',
      description: 'Since 9am no user receives external email.',
      category: 'technical',
      subcategory: 'usage',
      severity: 'A',
      reachable247: false,
      phone: '+33 1 23 45 67 89',
      email: 'alice@contoso.example',
      preferred: 'email',
      language: 'fr',
      timeZone: 'Europe/Paris',
      ...values,
    },
  };
}

export const FORM_ERRORS: CaseFormErrors = {
  title: 'The title is 230 characters long; the limit is 200.',
  email: 'an email address is needed when email is preferred',
  reachable247: 'Severity A needs someone reachable 24/7.',
  timeZone: 'Unknown time zone "Mars/Base".',
};

export function listItems(n: number, closed = false): CaseListItem[] {
  return Array.from({ length: n }, (_, i) => ({
    number: `SR-${String(1000 + i).padStart(6, '0')}`,
    title: `Request number ${i + 1} about a long and detailed subject that needs wrapping on a phone`,
    severity: (['A', 'B', 'C'] as const)[i % 3]!,
    status: closed ? 'closed' : (['new', 'in-progress', 'waiting-on-customer', 'resolved'] as const)[i % 4]!,
    dueAt: i % 5 === 4 ? null : DUE_AT,
    breached: i % 7 === 0,
    closedAt: closed ? '2025-06-01T10:00:00.000Z' : null,
  }));
}

export interface Variant {
  name: string;
  lang: Lang;
  /** Undefined for cards without verb buttons. */
  mode?: ActionMode;
  card: AdaptiveCardJson;
}

const VIEWERS: { name: string; viewer: CaseViewer; status?: CaseCardCase['status'] }[] = [
  { name: 'admin open', viewer: { role: 'admin', canReopen: false } },
  { name: 'admin closed reopenable', viewer: { role: 'admin', canReopen: true }, status: 'closed' },
  { name: 'admin closed too late', viewer: { role: 'admin', canReopen: false }, status: 'closed' },
  { name: 'engineer unassigned', viewer: { role: 'support-engineer', isAssignee: false } },
  { name: 'engineer assignee in progress', viewer: { role: 'support-engineer', isAssignee: true }, status: 'in-progress' },
  { name: 'engineer resolved', viewer: { role: 'support-engineer', isAssignee: true }, status: 'resolved' },
  { name: 'reader', viewer: { role: 'reader' } },
];

/** Every card in every variant: each viewer, both action styles, with and without errors/reasons, both languages. */
export function allVariants(): Variant[] {
  const out: Variant[] = [];
  for (const lang of LANGS) {
    out.push({ name: 'boundary with link', lang, card: boundaryCard({ title: lang === 'fr' ? 'Services et compléments tiers' : 'Third-party services and add-ins', explanation: lang === 'fr' ? "Ils ne font pas partie de notre support." : 'They are outside our support.', whereToGo: lang === 'fr' ? 'Les forums de la communauté.' : 'The community forums.', link: 'https://answers.microsoft.com' }, { lang }) });
    out.push({ name: 'boundary without link', lang, card: boundaryCard({ title: lang === 'fr' ? 'Votre propre réseau' : 'Your own network', explanation: lang === 'fr' ? 'Le problème vient de votre réseau.' : 'The problem comes from your network.', whereToGo: lang === 'fr' ? 'Votre équipe réseau.' : 'Your network team.', link: null }, { lang }) });
    const presalesBase = { contact: { phone: '+1 800 555 0100', email: 'sales@example.com', url: 'https://example.com/sales' }, hours: { hours: '09:00-17:00', days: [1, 2, 3, 4, 5], holidays: true } };
    out.push({ name: 'presales known zone, closed', lang, card: presalesCard({ ...presalesBase, article: { ...articlesFor(lang)[0]!, id: 'presales.plan-comparison' }, visitorTimeZone: 'Europe/Paris', openNow: false, nextOpening: '2025-06-09T07:00:00Z' }, { lang }) });
    out.push({ name: 'presales unknown zone, no article', lang, card: presalesCard({ ...presalesBase, article: null, openNow: true }, { lang }) });
    out.push({ name: 'presales link-only article', lang, card: presalesCard({ ...presalesBase, article: { id: 'presales.pricing', title: lang === 'fr' ? 'Tarifs' : 'Pricing', summary: lang === 'fr' ? 'Les prix des offres.' : 'Plan prices.', steps: [], url: 'https://example.com/pricing' }, contact: {} }, { lang }) });

    for (const mode of MODES) {
      out.push({ name: 'articles three', lang, mode, card: articlesCard({ articles: articlesFor(lang), stepId: 'step-42' }, { lang, actions: mode }) });
      out.push({ name: 'articles one', lang, mode, card: articlesCard({ articles: articlesFor(lang).slice(0, 1), stepId: 'step-42' }, { lang, actions: mode }) });
      out.push({ name: 'articles none', lang, mode, card: articlesCard({ articles: [], stepId: 'step-42' }, { lang, actions: mode }) });
      for (const editable of [false, true]) {
        for (const withReasons of [true, false]) {
          out.push({
            name: `triage technical ${editable ? 'editable' : 'read-only'} ${withReasons ? 'with' : 'without'} reasons`,
            lang,
            mode,
            card: triageSummaryCard({ triage: { category: 'technical', subcategory: 'setup', severity: 'B', reasons: withReasons ? REASONS[lang] : [] }, severityEditable: editable, stepId: 's1' }, { lang, actions: mode }),
          });
        }
      }
      out.push({ name: 'triage billing (no severity)', lang, mode, card: triageSummaryCard({ triage: { category: 'billing', subcategory: null, severity: null, reasons: [] }, severityEditable: true, stepId: 's1' }, { lang, actions: mode }) });
      out.push({ name: 'triage boundary (current choice kept)', lang, mode, card: triageSummaryCard({ triage: { category: 'boundary', subcategory: 'network', severity: null, reasons: [] }, severityEditable: false, stepId: 's1' }, { lang, actions: mode }) });
      out.push({ name: 'handoff with admins', lang, mode, card: userHandoffCard({ handoffId: 'h-1', tenantName: 'Contoso', admins: [{ name: 'Alice Martin', email: 'alice@contoso.example' }, { name: 'Pat Lee' }], summary: summaryFor(lang) }, { lang, actions: mode }) });
      out.push({ name: 'handoff no admins, nothing tried', lang, mode, card: userHandoffCard({ handoffId: 'h-1', tenantName: 'Contoso', admins: [], summary: summaryFor(lang, false, false) }, { lang, actions: mode }) });
      out.push({ name: 'admin notification', lang, mode, card: adminNotificationCard({ handoffId: 'h-1', requester: { name: 'Bob Durand', email: 'bob@contoso.example' }, askedAt: '2025-06-03T07:30:00Z', timeZone: 'Europe/Paris', summary: summaryFor(lang) }, { lang, actions: mode }) });
      out.push({ name: 'admin notification without reasons', lang, mode, card: adminNotificationCard({ handoffId: 'h-1', requester: { name: 'Bob Durand' }, askedAt: '2025-06-03T07:30:00Z', timeZone: 'America/New_York', summary: summaryFor(lang, false) }, { lang, actions: mode }) });
      for (const editable of [false, true]) {
        out.push({ name: `form ${editable ? 'editable' : 'read-only'} clean`, lang, mode, card: caseFormCard(formView({ severityEditable: editable }), { lang, actions: mode }) });
        out.push({ name: `form ${editable ? 'editable' : 'read-only'} with errors`, lang, mode, card: caseFormCard(formView({ severityEditable: editable, severityReasons: [] }, { severity: 'B' }), { lang, actions: mode, errors: FORM_ERRORS }) });
      }
      for (const v of VIEWERS) {
        out.push({
          name: `case ${v.name}`,
          lang,
          mode,
          card: caseCard({ case: sampleCase({ status: v.status ?? 'new', breached: v.name.includes('unassigned') }), timeZone: 'Europe/Paris', viewer: v.viewer, refreshUserIds: ['29:alice', '29:erin'] }, { lang, actions: mode }),
        });
      }
      out.push({ name: 'case no commitment, no reasons, customer severity', lang, mode, card: caseCard({ case: sampleCase({ objective: { availability: 'business', objective: 'none' }, dueAt: null, severityReasons: [], severitySource: 'customer', severity: 'C', assignee: 'eng-1' }), timeZone: 'America/New_York', viewer: { role: 'support-engineer', isAssignee: false }, assigneeName: 'Sam Support' }, { lang, actions: mode }) });
      out.push({ name: 'case list', lang, mode, card: caseListCard({ open: listItems(4), recentlyClosed: listItems(2, true), timeZone: 'Europe/Paris' }, { lang, actions: mode }) });
      out.push({ name: 'case list empty', lang, mode, card: caseListCard({ open: [], recentlyClosed: [], timeZone: 'Europe/Paris' }, { lang, actions: mode }) });
      out.push({ name: 'satisfaction', lang, mode, card: satisfactionCard({ caseNumber: 'SR-000123', resolution: 1 }, { lang, actions: mode }) });
      out.push({ name: 'satisfaction with errors', lang, mode, card: satisfactionCard({ caseNumber: 'SR-000123', values: { comment: 'ok' } }, { lang, actions: mode, errors: { rating: lang === 'fr' ? 'Choisissez une note.' : 'Choose a rating.' } }) });
    }
  }
  return out;
}
