/**
 * The case domain: types, the zod schemas that check what callers send (and that the REST API's
 * OpenAPI document is generated from), and the pure rules of the lifecycle. No I/O here: the
 * service reads and writes through the store, and asks these functions what is allowed.
 */
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { LANGS, SEVERITIES, TECHNICAL_SUBCATEGORIES, type Category, type Severity } from '../knowledge/labels';
import { AVAILABILITIES, OBJECTIVE_KINDS, type ResponseObjective } from './policy';

export type { Severity, ResponseObjective };

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const CASE_STATUSES = ['new', 'in-progress', 'waiting-on-customer', 'resolved', 'closed', 'cancelled'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses an administrator sees under "open" (a resolved case still awaits their confirmation). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'in-progress', 'waiting-on-customer', 'resolved'];
/** Nothing more happens to these unless a closed case is reopened. */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['closed', 'cancelled'];

/** Boundaries are routed and pre-sales is open to anyone: only these become service requests. */
export const CASE_CATEGORIES = ['billing', 'technical'] as const satisfies readonly Category[];
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CONTACT_METHODS = ['email', 'phone', 'chat'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const ACTOR_KINDS = ['admin', 'partner-admin', 'support-engineer', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * Who is calling, as decided by the caller through the IdentityResolver. For tenant-side actions the
 * service checks it again against the directory; `tenantId` is only ever a narrowing claim (the
 * admin's own tenant, or the partner's id for a partner admin), never a grant.
 */
export interface Actor {
  kind: ActorKind;
  userId: string;
  tenantId?: string;
}

export const CASE_EVENT_TYPES = [
  'opened',
  'note-added',
  'reply-added',
  'status-changed',
  'severity-changed',
  'assigned',
  'satisfaction-recorded',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Documented input limits: longer text is refused (never cut), so nothing is silently lost. */
export const LIMITS = {
  title: 200,
  description: 8000,
  note: 8000,
  reply: 8000,
  comment: 2000,
  severityReasons: 10,
  severityReason: 300,
  clientKey: 128,
  userId: 128,
} as const;

/** `SR-` and at least six digits; the counter simply grows past 999999. */
export const CASE_NUMBER = /^SR-\d{6,12}$/;

export function formatCaseNumber(n: number): string {
  return `SR-${String(n).padStart(6, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------------

export const severitySchema = z.enum(SEVERITIES, {
  error: (i) => `severity must be A, B or C, not ${JSON.stringify(i.input) ?? 'nothing'}`,
});
export const caseStatusSchema = z.enum(CASE_STATUSES, {
  error: (i) => `status must be one of ${CASE_STATUSES.join(', ')}, not ${JSON.stringify(i.input) ?? 'nothing'}`,
});

function boundedText(what: string, max: number) {
  return z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, { error: (i) => `${what} is ${String((i.input as string).length)} characters long; the limit is ${max}` });
}

export const userIdSchema = z
  .string()
  .trim()
  .min(1, 'an id must not be empty')
  .max(LIMITS.userId)
  .regex(/^[^\s\u0000-\u001f]+$/, 'an id has no spaces or control characters');

export const contactSchema = z
  .strictObject({
    name: boundedText('contact name', 200),
    email: z.email({ error: 'contact email must be an email address' }).max(254).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ().-]{5,30}$/, { message: 'contact phone must be a phone number such as +33 1 23 45 67 89' })
      .optional(),
    preferred: z.enum(CONTACT_METHODS, { error: `preferred contact method must be one of ${CONTACT_METHODS.join(', ')}` }),
  })
  .superRefine((c, ctx) => {
    // The preferred way must be one we can actually use.
    if (c.preferred === 'email' && !c.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'an email address is needed when email is preferred' });
    if (c.preferred === 'phone' && !c.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a phone number is needed when phone is preferred' });
  });
export type CaseContact = z.infer<typeof contactSchema>;

export const openCaseInputSchema = z
  .strictObject({
    /** Chosen by the client once per submission; the same key twice gives the same case. */
    clientKey: z.string().trim().min(1, 'clientKey must not be empty').max(LIMITS.clientKey),
    tenantId: z.string().trim().min(1, 'tenantId must not be empty').max(128),
    category: z.enum(CASE_CATEGORIES, { error: `category must be one of ${CASE_CATEGORIES.join(', ')} (other requests are not opened as cases)` }),
    subcategory: z
      .enum(TECHNICAL_SUBCATEGORIES, { error: `subcategory must be one of ${TECHNICAL_SUBCATEGORIES.join(', ')}` })
      .nullable()
      .default(null),
    /** The severity the bot assessed. */
    severity: severitySchema,
    /** Why the bot assessed it so; kept with the case and shown to the customer. */
    severityReasons: z.array(boundedText('a severity reason', LIMITS.severityReason)).max(LIMITS.severityReasons).default([]),
    /** The severity the customer asked for; it stands only where the policy lets them choose. */
    requestedSeverity: severitySchema.optional(),
    title: boundedText('title', LIMITS.title),
    description: boundedText('description', LIMITS.description),
    contact: contactSchema,
    language: z.enum(LANGS, { error: `language must be one of ${LANGS.join(', ')}` }),
    /** The contact's IANA time zone; the tenant's when absent. */
    timeZone: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.category === 'technical' && !v.subcategory) {
      ctx.addIssue({ code: 'custom', path: ['subcategory'], message: `a technical case needs a subcategory (${TECHNICAL_SUBCATEGORIES.join(', ')})` });
    }
    if (v.category !== 'technical' && v.subcategory) {
      ctx.addIssue({ code: 'custom', path: ['subcategory'], message: `only technical cases have a subcategory` });
    }
  });
export type OpenCaseInput = z.input<typeof openCaseInputSchema>;
export type OpenCaseData = z.output<typeof openCaseInputSchema>;

export const noteSchema = boundedText('note', LIMITS.note);
export const replySchema = boundedText('reply', LIMITS.reply);

export const satisfactionInputSchema = z.strictObject({
  rating: z.number({ error: 'rating must be a whole number from 1 to 5' }).int('rating must be a whole number from 1 to 5').min(1, 'rating must be from 1 to 5').max(5, 'rating must be from 1 to 5'),
  comment: z.string().trim().max(LIMITS.comment, { error: (i) => `comment is ${String((i.input as string).length)} characters long; the limit is ${LIMITS.comment}` }).default(''),
});
export type SatisfactionInput = z.input<typeof satisfactionInputSchema>;

/** What support engineers may change in one go (the REST API's PATCH body). */
export const caseUpdateSchema = z
  .strictObject({
    status: caseStatusSchema.optional(),
    severity: severitySchema.optional(),
    /** An engineer's id, or null to put the case back in the unassigned queue. */
    assignee: userIdSchema.nullable().optional(),
    /** The version the caller read; a stale one is refused instead of overwriting a newer change. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .refine((u) => u.status !== undefined || u.severity !== undefined || u.assignee !== undefined, {
    message: 'nothing to change: give status, severity or assignee',
  });
export type CaseUpdate = z.input<typeof caseUpdateSchema>;

const booleanQuery = z
  .enum(['true', 'false'], { error: 'breached must be true or false' })
  .transform((v) => v === 'true');

/** Support queue filters. Query-string shaped (texts) so the REST API can use it as it comes. */
export const queueFilterSchema = z.strictObject({
  tenant: z.string().trim().min(1).max(128).optional(),
  /** One status or several, comma-separated. */
  status: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(caseStatusSchema).min(1, 'status must name at least one status'))
    .optional(),
  severity: severitySchema.optional(),
  breached: booleanQuery.optional(),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(1000).default(200),
});
export type QueueFilter = z.input<typeof queueFilterSchema>;

// ---------------------------------------------------------------------------------------------
// Stored and returned shapes
// ---------------------------------------------------------------------------------------------

const isoInstant = z.iso.datetime({ offset: true });
const objectiveSchema = z.object({ availability: z.enum(AVAILABILITIES), objective: z.enum(OBJECTIVE_KINDS) });

export const actorRefSchema = z.object({
  kind: z.enum(ACTOR_KINDS),
  userId: z.string(),
  /** Set when a delegated partner acted on the customer's behalf. */
  partnerId: z.string().nullable().default(null),
});
export type ActorRef = z.infer<typeof actorRefSchema>;

export const satisfactionSchema = z.object({
  /** Which resolution of the case this rates (a reopened case can be rated again once resolved again). */
  resolution: z.number().int().positive(),
  rating: z.number().int().min(1).max(5),
  comment: z.string(),
  at: isoInstant,
  by: actorRefSchema,
});

export const caseRecordSchema = z.object({
  id: z.string(),
  number: z.string().regex(CASE_NUMBER),
  tenantId: z.string(),
  clientKey: z.string(),
  openedBy: actorRefSchema,
  category: z.enum(CASE_CATEGORIES),
  subcategory: z.enum(TECHNICAL_SUBCATEGORIES).nullable(),
  /** The severity in force. */
  severity: z.enum(SEVERITIES),
  assessedSeverity: z.enum(SEVERITIES),
  requestedSeverity: z.enum(SEVERITIES).nullable(),
  /** Whether the customer's choice or the assessment decided the severity at opening. */
  severitySource: z.enum(['customer', 'assessed']),
  severityReasons: z.array(z.string()),
  title: z.string(),
  description: z.string(),
  contact: z.object({
    name: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    preferred: z.enum(CONTACT_METHODS),
  }),
  language: z.enum(LANGS),
  timeZone: z.string(),
  /** The tenant's plan, support level and country when the case was opened: the objective follows them. */
  plan: z.string(),
  elevatedSupport: z.boolean(),
  country: z.string(),
  objective: objectiveSchema,
  status: z.enum(CASE_STATUSES),
  assignee: z.string().nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  /** When the first response is due (UTC); null when the objective makes no commitment. */
  dueAt: isoInstant.nullable(),
  firstResponseAt: isoInstant.nullable(),
  firstResponse: z.enum(['met', 'breached']).nullable(),
  resolvedAt: isoInstant.nullable(),
  /** When the case was closed or cancelled; null while it is open. */
  closedAt: isoInstant.nullable(),
  /** How many times the case was resolved (or closed without a resolution first). */
  resolutions: z.number().int().min(0),
  satisfaction: z.array(satisfactionSchema),
  /** The case this one follows up on, when a reopen was no longer possible. */
  followUpOf: z.string().nullable(),
  version: z.number().int().positive(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

export const supportCaseSchema = caseRecordSchema.extend({
  /** Is the first-response objective missed (or, with no response yet, already past)? */
  breached: z.boolean(),
});
export type SupportCase = z.infer<typeof supportCaseSchema>;

export const caseEventSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  tenantId: z.string(),
  seq: z.number().int().positive(),
  at: isoInstant,
  actor: actorRefSchema,
  type: z.enum(CASE_EVENT_TYPES),
  data: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

// ---------------------------------------------------------------------------------------------
// Pure rules
// ---------------------------------------------------------------------------------------------

/** The one text form of instants in storage: UTC with milliseconds, so strings sort as times do. */
export function isoUtc(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: false, includeOffset: true })!;
}

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Support-side status changes. Closed and cancelled cases leave those states only through reopen(). */
const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in-progress', 'waiting-on-customer', 'resolved', 'closed', 'cancelled'],
  'in-progress': ['waiting-on-customer', 'resolved', 'closed', 'cancelled'],
  'waiting-on-customer': ['in-progress', 'resolved', 'closed', 'cancelled'],
  resolved: ['in-progress', 'waiting-on-customer', 'closed'],
  closed: [],
  cancelled: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Breached: answered late, or not answered and already past due. The SQL filter says the same. */
export function isCaseBreached(c: Pick<CaseRecord, 'dueAt' | 'firstResponseAt'>, now: DateTime): boolean {
  if (!c.dueAt) return false;
  if (c.firstResponseAt) return c.firstResponseAt > c.dueAt;
  return isoUtc(now) > c.dueAt;
}

/** The last instant a closed case may be reopened (inclusive). */
export function reopenDeadline(closedAt: string, window: string): DateTime {
  // Exact elapsed time from the UTC instant: a DST change does not shift the deadline by an hour.
  return DateTime.fromISO(closedAt, { zone: 'utc' }).plus(Duration.fromISO(window).shiftTo('milliseconds'));
}

export function withBreach(record: CaseRecord, now: DateTime): SupportCase {
  return { ...record, breached: isCaseBreached(record, now) };
}
