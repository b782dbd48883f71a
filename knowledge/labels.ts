/**
 * The triage contract's labels and knowledge topics (../shared/triage-contract.md) as data.
 * Topic ids are stable: articles, training data, outside test sets and tests refer to them.
 */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

export const CATEGORIES = ['presales', 'billing', 'technical', 'boundary', 'out-of-scope'] as const;
export type Category = (typeof CATEGORIES)[number];

export const TECHNICAL_SUBCATEGORIES = ['setup', 'configuration', 'usage'] as const;
export const BOUNDARY_SUBCATEGORIES = ['network', 'third-party', 'scripting', 'developer', 'volume-licensing'] as const;
export type TechnicalSubcategory = (typeof TECHNICAL_SUBCATEGORIES)[number];
export type BoundarySubcategory = (typeof BOUNDARY_SUBCATEGORIES)[number];
export type Subcategory = TechnicalSubcategory | BoundarySubcategory;
export const SUBCATEGORIES: readonly Subcategory[] = [...TECHNICAL_SUBCATEGORIES, ...BOUNDARY_SUBCATEGORIES];

export const SEVERITIES = ['A', 'B', 'C'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The label of one message, as in the contract's `expect` object. */
export interface TriageLabel {
  category: Category;
  subcategory: Subcategory | null;
  severity: Severity | null;
  topic: TopicId | null;
}

/** Which subcategories belong to which category (null where the category has none). */
export function subcategoriesOf(category: Category): readonly Subcategory[] {
  if (category === 'technical') return TECHNICAL_SUBCATEGORIES;
  if (category === 'boundary') return BOUNDARY_SUBCATEGORIES;
  return [];
}

interface TopicDef {
  /** The category a message gets when this is the best article and nothing else decides. */
  category: Category;
  subcategory: Subcategory | null;
}

const setup = { category: 'technical', subcategory: 'setup' } as const;
const configuration = { category: 'technical', subcategory: 'configuration' } as const;
const usage = { category: 'technical', subcategory: 'usage' } as const;
const billing = { category: 'billing', subcategory: null } as const;
const presales = { category: 'presales', subcategory: null } as const;
const boundary = (subcategory: BoundarySubcategory) => ({ category: 'boundary', subcategory }) as const;

export const TOPICS = {
  'exchange.mailbox-migration': setup,
  'exchange.mailbox-permissions': setup,
  'exchange.mail-forwarding': setup,
  'exchange.shared-mailbox': setup,
  'exchange.autodiscover': setup,
  'exchange.mail-flow': usage,
  'exchange.contacts': usage,
  'exchange.junk-quarantine': usage,
  'exchange.mailbox-quota': usage,
  'exchange.calendar-sharing': usage,
  'exchange.admin-center-vs-powershell': configuration,
  'outlook.display-problems': usage,
  'outlook.password-prompts': usage,
  'sharepoint.permissions-groups': setup,
  'sharepoint.external-users': setup,
  'sharepoint.site-unavailable': usage,
  'sharepoint.restore-deleted': usage,
  'onedrive.sync': usage,
  'skype.install-contacts': setup,
  'teams.meetings': usage,
  'teams.calls-audio': usage,
  'teams.messaging': usage,
  'teams.guest-access': setup,
  'apps.install': setup,
  'apps.activation': setup,
  'apps.repair': usage,
  'config.service-configuration': configuration,
  'config.provisioning': configuration,
  'config.domain-setup': configuration,
  'config.domain-redelegation': configuration,
  'config.sso': configuration,
  'config.directory-sync': configuration,
  'account.password-expiration': usage,
  'account.password-reset': usage,
  'account.mfa': usage,
  'account.add-users': usage,
  'account.admin-roles': usage,
  'account.sign-in-blocked': usage,
  'billing.trial-signup': billing,
  'billing.buy-subscription': billing,
  'billing.trial-to-paid': billing,
  'billing.understand-bill': billing,
  'billing.renewal': billing,
  'billing.licenses': billing,
  'billing.cancel': billing,
  'billing.payment-method': billing,
  'billing.invoices': billing,
  'presales.plan-comparison': presales,
  'presales.pricing': presales,
  'presales.find-partner': presales,
  'presales.standalone-plans': presales,
  'support.contact': usage,
  'support.response-times': usage,
  'support.service-requests': usage,
  'support.admin-only': usage,
  'support.service-health': usage,
  'support.languages': usage,
  'support.elevated': usage,
  'support.partners': usage,
  'support.volume-licensing': boundary('volume-licensing'),
  'support.developers': boundary('developer'),
  'support.scripts': boundary('scripting'),
  'support.network': boundary('network'),
  'support.third-party': boundary('third-party'),
  'support.community': usage,
} as const satisfies Record<string, TopicDef>;

export type TopicId = keyof typeof TOPICS;
export const TOPIC_IDS = Object.keys(TOPICS) as TopicId[];

export function isTopicId(value: string): value is TopicId {
  return Object.prototype.hasOwnProperty.call(TOPICS, value);
}

export function topicDefinition(id: TopicId): TopicDef {
  return TOPICS[id];
}
