/**
 * The case service: the only way cases change. Every rule lives here, so the dialogs, the REST API
 * and the CLI all get the same answers: who may do what (checked against the directory, not taken
 * from the caller), which objective and due time apply, what the lifecycle allows, when a reopen is
 * too late. Each change appends events and writes its notifications in the same transaction.
 *
 * Tenant isolation: a tenant-side actor asking for a case of a tenant they do not act for gets
 * "not found", exactly as for a number that does not exist, so nothing leaks either.
 */
import { randomUUID } from 'node:crypto';
import { DateTime, Duration, IANAZone } from 'luxon';
import { z } from 'zod';
import type { CaseStore, NewCaseEvent } from './caseStore';
import { ConcurrencyError } from './db/database';
import type { DirectoryStore, Tenant } from './directory';
import {
  CaseConflictError,
  CaseError,
  CaseForbiddenError,
  CaseNotFoundError,
  CaseStateError,
  CaseValidationError,
  ReopenWindowExpiredError,
  parseInput as parse,
} from './errors';
import {
  ACTOR_KINDS,
  CASE_NUMBER,
  LIMITS,
  OPEN_STATUSES,
  TERMINAL_STATUSES,
  canTransition,
  caseUpdateSchema,
  isCaseBreached,
  isTerminal,
  isoUtc,
  noteSchema,
  openCaseInputSchema,
  queueFilterSchema,
  reopenDeadline,
  replySchema,
  satisfactionInputSchema,
  userIdSchema,
  withBreach,
  type Actor,
  type ActorRef,
  type CaseEventType,
  type CaseRecord,
  type CaseStatus,
  type CaseUpdate,
  type OpenCaseData,
  type OpenCaseInput,
  type QueueFilter,
  type SatisfactionInput,
  type Severity,
  type SupportCase,
  type CaseEvent,
  type ResponseObjective,
} from './model';
import { audienceKey, type Audience, type NewOutboxMessage } from './outbox';
import { customerMaySetSeverity, findPlanFamily, responseObjectiveFor, type SupportPolicy } from './policy';
import { calendarForCountry, dueTime, isBreached, type BusinessCalendar } from './sla';

export interface CaseServiceOptions {
  store: CaseStore;
  directory: DirectoryStore;
  policy: SupportPolicy;
  /** The clock; tests move it to check time-based rules to the minute. */
  now?: () => DateTime;
  newId?: () => string;
  /** How often a change is recomputed on a fresh copy when another change got in first. */
  maxRetries?: number;
}

export interface WriteOptions {
  /** The version the caller last read. When given, a newer case is refused instead of changed. */
  expectedVersion?: number;
}

export interface TenantCaseList {
  /** Not closed nor cancelled, most urgent first. */
  open: SupportCase[];
  /** Closed or cancelled within the policy's recently-closed window, latest first. */
  recentlyClosed: SupportCase[];
}

const SUPPORT: Audience = { kind: 'support-queue' };
const admins = (tenantId: string): Audience => ({ kind: 'tenant-admins', tenantId });

const actorSchema = z.object({
  kind: z.enum(ACTOR_KINDS),
  userId: userIdSchema,
  tenantId: z.string().min(1).max(128).optional(),
});

type Access = 'tenant' | 'support' | 'any';

interface PlannedEvent {
  type: CaseEventType;
  data: Record<string, unknown>;
  audiences: Audience[];
}

interface Change {
  next: CaseRecord;
  events: PlannedEvent[];
}

interface Loaded {
  current: CaseRecord;
  who: ActorRef;
  tenant?: Tenant;
}

function isSupportSide(actor: Actor): boolean {
  return actor.kind === 'support-engineer' || actor.kind === 'system';
}

function normaliseNumber(number: unknown): string {
  const n = typeof number === 'string' ? number.trim().toUpperCase() : '';
  if (!CASE_NUMBER.test(n)) {
    throw new CaseValidationError('invalid-input', 'caseNumber', `"${String(number).slice(0, 40)}" is not a case number (expected SR- and six or more digits, e.g. SR-000123)`);
  }
  return n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CaseService {
  private readonly store: CaseStore;
  private readonly directory: DirectoryStore;
  private readonly policy: SupportPolicy;
  private readonly now: () => DateTime;
  private readonly newId: () => string;
  private readonly maxRetries: number;
  private readonly calendars = new Map<string, BusinessCalendar>();

  constructor(options: CaseServiceOptions) {
    this.store = options.store;
    this.directory = options.directory;
    this.policy = options.policy;
    this.now = options.now ?? (() => DateTime.utc());
    this.newId = options.newId ?? randomUUID;
    this.maxRetries = options.maxRetries ?? 10;
  }

  // -------------------------------------------------------------------------------------------
  // Tenant side: administrators and delegated partners
  // -------------------------------------------------------------------------------------------

  /**
   * Opens a case for `input.tenantId`. The same `clientKey` twice (same tenant) returns the case the
   * first call opened. The severity the customer asked for stands only on elevated support;
   * otherwise the assessed one does, with its reasons.
   */
  async open(actor: Actor, input: OpenCaseInput): Promise<SupportCase> {
    const who = this.actor(actor, 'open a case');
    if (isSupportSide(who)) throw new CaseForbiddenError('only a tenant administrator or a delegated partner may open a case');
    const data = parse(openCaseInputSchema, input);
    const tenant = await this.tenant(data.tenantId);
    const ref = await this.tenantSideRef(who, tenant);
    if (!ref) throw new CaseForbiddenError(`${who.userId} is neither an administrator of tenant ${tenant.id} nor a partner delegated for it; only they may open cases`);
    return this.openFor(tenant, ref, data, null);
  }

  /**
   * The case a form submission opened, if any: a second click on the same form, or a card sent
   * again. Looked up only in the tenants the actor may act for, so it reveals nothing else.
   */
  async findBySubmission(actor: Actor, clientKey: string): Promise<SupportCase | undefined> {
    const who = this.actor(actor, 'look up a submission');
    if (isSupportSide(who)) return undefined;
    for (const tenant of await this.directory.listTenants()) {
      if (!(await this.tenantSideRef(who, tenant))) continue;
      const record = await this.store.getByClientKey(tenant.id, clientKey);
      if (record) return withBreach(record, this.now());
    }
    return undefined;
  }

  /**
   * Opens a case linked to a closed one (typically when the reopen window has passed). Asking again
   * returns the same follow-up unless another `clientKey` is given.
   */
  async openFollowUp(actor: Actor, caseNumber: string, options: { clientKey?: string; description?: string } = {}): Promise<SupportCase> {
    const who = this.actor(actor, 'open a follow-up case');
    if (isSupportSide(who)) throw new CaseForbiddenError('only a tenant administrator or a delegated partner may open a case');
    const { current, who: ref, tenant } = await this.load(who, caseNumber, 'tenant', 'open a follow-up case');
    if (current.status !== 'closed') {
      throw new CaseStateError('not-closed', current.number, `case ${current.number} is ${current.status}, not closed; a follow-up is opened only for a closed case`);
    }
    const prefix = current.language === 'fr' ? `Suite de ${current.number} : ` : `Follow-up to ${current.number}: `;
    const data = parse(openCaseInputSchema, {
      clientKey: options.clientKey ?? `follow-up:${current.number}`,
      tenantId: current.tenantId,
      category: current.category,
      subcategory: current.subcategory,
      severity: current.assessedSeverity,
      severityReasons: current.severityReasons,
      requestedSeverity: current.requestedSeverity ?? undefined,
      title: (prefix + current.title).slice(0, LIMITS.title),
      description: options.description ?? current.description,
      contact: current.contact,
      language: current.language,
      timeZone: current.timeZone,
    } satisfies OpenCaseInput);
    return this.openFor(tenant!, ref, data, current.number);
  }

  /** Open cases and those closed within the recently-closed window (30 days by policy) of one tenant. */
  async listForTenant(actor: Actor, tenantId: string): Promise<TenantCaseList> {
    const who = this.actor(actor, 'list cases');
    const tenant = await this.tenant(tenantId);
    if (!isSupportSide(who) && !(await this.tenantSideRef(who, tenant))) {
      throw new CaseForbiddenError(`${who.userId} is neither an administrator of tenant ${tenant.id} nor a partner delegated for it`);
    }
    const now = this.now();
    const since = now.minus(Duration.fromISO(this.policy.cases.recentlyClosedWindow));
    const [open, closed] = await Promise.all([
      this.store.list({ tenantId: tenant.id, statuses: OPEN_STATUSES }),
      this.store.list({ tenantId: tenant.id, statuses: TERMINAL_STATUSES, closedSince: isoUtc(since) }),
    ]);
    closed.sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || b.number.localeCompare(a.number));
    return { open: open.map((c) => withBreach(c, now)), recentlyClosed: closed.map((c) => withBreach(c, now)) };
  }

  /** One case: for the tenant side only their own tenants' cases; for support any case. */
  async view(actor: Actor, caseNumber: string): Promise<SupportCase> {
    const { current } = await this.load(this.actor(actor, 'view a case'), caseNumber, 'any', 'view a case');
    return withBreach(current, this.now());
  }

  /** The case's history, oldest first. */
  async events(actor: Actor, caseNumber: string): Promise<CaseEvent[]> {
    const { current } = await this.load(this.actor(actor, 'view a case'), caseNumber, 'any', 'view a case');
    return this.store.events(current.number);
  }

  /**
   * Adds the administrator's note (at most LIMITS.note characters). A case waiting on the customer
   * goes back to support: the note is taken as the answer.
   */
  async addNote(actor: Actor, caseNumber: string, text: string, options?: WriteOptions): Promise<SupportCase> {
    const note = parse(noteSchema, text, 'note');
    return this.mutate(actor, caseNumber, 'tenant', 'add a note', options, (c, { now }) => {
      if (isTerminal(c.status)) {
        throw new CaseStateError('invalid-transition', c.number, `case ${c.number} is ${c.status}; reopen it (or open a follow-up) to add a note`);
      }
      const events: PlannedEvent[] = [{ type: 'note-added', data: { text: note }, audiences: [SUPPORT] }];
      if (c.status === 'waiting-on-customer') {
        const back = this.statusChange(c, 'in-progress', now, true);
        return { next: back.next, events: [...events, ...back.events] };
      }
      return { next: c, events };
    });
  }

  /** Closes the case (a second close changes nothing). */
  async close(actor: Actor, caseNumber: string, options?: WriteOptions): Promise<SupportCase> {
    return this.mutate(actor, caseNumber, 'tenant', 'close a case', options, (c, { now }) => {
      if (c.status === 'closed') return null;
      if (c.status === 'cancelled') throw new CaseStateError('invalid-transition', c.number, `case ${c.number} was cancelled; it cannot be closed`);
      return this.statusChange(c, 'closed', now, true);
    });
  }

  /**
   * Reopens a closed case within the policy's reopen window (14 days, to the minute). Later, a
   * ReopenWindowExpiredError gives the date it expired and can open a linked follow-up case.
   */
  async reopen(actor: Actor, caseNumber: string, options?: WriteOptions): Promise<SupportCase> {
    return this.mutate(actor, caseNumber, 'any', 'reopen a case', options, (c, { now, who }) => {
      if (c.status !== 'closed' || !c.closedAt) {
        throw new CaseStateError('not-closed', c.number, `case ${c.number} is ${c.status}, not closed; only a closed case can be reopened`);
      }
      const deadline = reopenDeadline(c.closedAt, this.policy.cases.reopenWindow);
      if (now.toMillis() > deadline.toMillis()) {
        throw new ReopenWindowExpiredError<SupportCase>(c.number, isoUtc(deadline), () => this.openFollowUp(actor, c.number));
      }
      const to: CaseStatus = c.assignee ? 'in-progress' : 'new';
      return {
        next: { ...c, status: to, closedAt: null, resolvedAt: null },
        events: [
          {
            type: 'status-changed',
            data: { from: c.status, to, reopened: true },
            audiences: who.kind === 'support-engineer' || who.kind === 'system' ? [admins(c.tenantId)] : [admins(c.tenantId), SUPPORT],
          },
        ],
      };
    });
  }

  /** Rates a resolved (or closed) case, 1 to 5 with an optional comment: once per resolution. */
  async recordSatisfaction(actor: Actor, caseNumber: string, input: SatisfactionInput, options?: WriteOptions): Promise<SupportCase> {
    const rating = parse(satisfactionInputSchema, input);
    return this.mutate(actor, caseNumber, 'tenant', 'rate a case', options, (c, { now, who }) => {
      if ((c.status !== 'resolved' && c.status !== 'closed') || c.resolutions === 0) {
        throw new CaseStateError('not-resolved', c.number, `case ${c.number} is ${c.status}; satisfaction is asked once it is resolved`);
      }
      if (c.satisfaction.some((s) => s.resolution === c.resolutions)) {
        throw new CaseStateError('already-rated', c.number, `case ${c.number} was already rated for this resolution`);
      }
      const entry = { resolution: c.resolutions, rating: rating.rating, comment: rating.comment, at: isoUtc(now), by: who };
      return {
        next: { ...c, satisfaction: [...c.satisfaction, entry] },
        events: [{ type: 'satisfaction-recorded', data: { resolution: entry.resolution, rating: entry.rating, comment: entry.comment }, audiences: [SUPPORT] }],
      };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Support side: engineers (and the system)
  // -------------------------------------------------------------------------------------------

  /** The queue, most urgent due time first (cases with no due time last). */
  async queue(actor: Actor, filter: QueueFilter = {}): Promise<SupportCase[]> {
    const who = this.actor(actor, 'see the case queue');
    if (!isSupportSide(who)) throw new CaseForbiddenError('only support engineers may see the case queue');
    const f = parse(queueFilterSchema, filter, 'filter');
    const now = this.now();
    const rows = await this.store.list({
      tenantId: f.tenant,
      statuses: f.status,
      severity: f.severity,
      breached: f.breached === undefined ? undefined : { value: f.breached, now: isoUtc(now) },
      limit: f.limit,
    });
    return rows.map((c) => withBreach(c, now));
  }

  /**
   * Changes status, severity and/or assignee in one step (one version, one event per field changed).
   * `expectedVersion` may come in the update or in the options.
   */
  async update(actor: Actor, caseNumber: string, update: CaseUpdate, options: WriteOptions = {}): Promise<SupportCase> {
    const u = parse(caseUpdateSchema, update);
    const expectedVersion = options.expectedVersion ?? u.expectedVersion;
    return this.mutate(actor, caseNumber, 'support', 'change a case', { expectedVersion }, (c, { now }) => {
      let next = c;
      const events: PlannedEvent[] = [];
      if (u.assignee !== undefined && u.assignee !== c.assignee) {
        events.push({ type: 'assigned', data: { from: c.assignee, to: u.assignee }, audiences: [] });
        next = { ...next, assignee: u.assignee };
      }
      if (u.severity !== undefined && u.severity !== c.severity) {
        const changed = this.severityChange(next, u.severity, now);
        next = changed.next;
        events.push(...changed.events);
      }
      if (u.status !== undefined && u.status !== c.status) {
        if (!canTransition(c.status, u.status)) {
          const hint = c.status === 'closed' ? '; reopen it instead' : '';
          throw new CaseStateError('invalid-transition', c.number, `case ${c.number} cannot go from ${c.status} to ${u.status}${hint}`);
        }
        const changed = this.statusChange(next, u.status, now, false);
        next = changed.next;
        events.push(...changed.events);
      }
      return events.length ? { next, events } : null;
    });
  }

  async assign(actor: Actor, caseNumber: string, assignee: string | null, options?: WriteOptions): Promise<SupportCase> {
    return this.update(actor, caseNumber, { assignee }, options);
  }

  async changeStatus(actor: Actor, caseNumber: string, status: CaseStatus, options?: WriteOptions): Promise<SupportCase> {
    return this.update(actor, caseNumber, { status }, options);
  }

  /** The due time is recomputed from the creation time: the case may be breached at once. */
  async changeSeverity(actor: Actor, caseNumber: string, severity: Severity, options?: WriteOptions): Promise<SupportCase> {
    return this.update(actor, caseNumber, { severity }, options);
  }

  /** A public reply to the customer. The first one records the first response, met or breached. */
  async reply(actor: Actor, caseNumber: string, text: string, options?: WriteOptions): Promise<SupportCase> {
    const reply = parse(replySchema, text, 'reply');
    return this.mutate(actor, caseNumber, 'support', 'reply to a case', options, (c, { now }) => {
      if (isTerminal(c.status)) throw new CaseStateError('invalid-transition', c.number, `case ${c.number} is ${c.status}; reopen it before replying`);
      let next = c;
      const data: Record<string, unknown> = { text: reply };
      if (!c.firstResponseAt) {
        const at = isoUtc(now);
        const firstResponse = isBreached(c.dueAt ? DateTime.fromISO(c.dueAt) : null, now) ? 'breached' : 'met';
        next = { ...c, firstResponseAt: at, firstResponse };
        data.firstResponse = firstResponse;
      }
      return { next, events: [{ type: 'reply-added', data, audiences: [admins(c.tenantId)] }] };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Rules
  // -------------------------------------------------------------------------------------------

  private statusChange(c: CaseRecord, to: CaseStatus, now: DateTime, byTenant: boolean): Change {
    const at = isoUtc(now);
    const next: CaseRecord = { ...c, status: to };
    if (to === 'resolved') {
      next.resolvedAt = at;
      next.resolutions = c.resolutions + 1;
    } else if (to === 'closed') {
      next.closedAt = at;
      // Closing without a resolution first ends the episode too: it may be rated once.
      if (c.status !== 'resolved') next.resolutions = c.resolutions + 1;
    } else if (to === 'cancelled') {
      next.closedAt = at;
    } else if (c.status === 'resolved') {
      next.resolvedAt = null;
    }
    return {
      next,
      events: [{ type: 'status-changed', data: { from: c.status, to }, audiences: byTenant ? [admins(c.tenantId), SUPPORT] : [admins(c.tenantId)] }],
    };
  }

  private severityChange(c: CaseRecord, severity: Severity, now: DateTime): Change {
    if (isTerminal(c.status)) throw new CaseStateError('invalid-transition', c.number, `case ${c.number} is ${c.status}; its severity can no longer change`);
    const objective = this.objectiveFor(c.tenantId, c.plan, c.elevatedSupport, severity);
    const dueAt = this.dueAt(DateTime.fromISO(c.createdAt, { zone: 'utc' }), objective, c.timeZone, c.country);
    const firstResponse = c.firstResponseAt ? (dueAt && c.firstResponseAt > dueAt ? 'breached' : 'met') : null;
    const next: CaseRecord = { ...c, severity, objective, dueAt, firstResponse };
    return {
      next,
      events: [
        {
          type: 'severity-changed',
          data: { from: c.severity, to: severity, objective, dueAt, breached: isCaseBreached(next, now) },
          audiences: [admins(c.tenantId)],
        },
      ],
    };
  }

  private objectiveFor(tenantId: string, plan: string, elevated: boolean, severity: Severity): ResponseObjective {
    if (!findPlanFamily(this.policy, plan)) {
      throw new CaseError('unknown-plan', `tenant ${tenantId} has plan "${plan}", which the support policy does not list; correct the tenant's plan first`);
    }
    return responseObjectiveFor(this.policy, { plan, elevated, severity });
  }

  private dueAt(created: DateTime, objective: ResponseObjective, timeZone: string, country: string): string | null {
    let calendar = this.calendars.get(country);
    if (!calendar) {
      calendar = calendarForCountry(this.policy, country);
      this.calendars.set(country, calendar);
    }
    const due = dueTime({ created, objective, timeZone, calendar });
    return due ? isoUtc(due) : null;
  }

  private async openFor(tenant: Tenant, who: ActorRef, data: OpenCaseData, followUpOf: string | null): Promise<SupportCase> {
    const timeZone = data.timeZone ?? tenant.timeZone;
    if (!IANAZone.isValidZone(timeZone)) {
      throw new CaseValidationError('invalid-time-zone', 'timeZone', `invalid time zone "${timeZone}" (expected an IANA zone such as Europe/Paris)`);
    }
    const customerChose = data.requestedSeverity !== undefined && customerMaySetSeverity(this.policy, tenant.elevatedSupport);
    const severity = customerChose ? data.requestedSeverity! : data.severity;
    const objective = this.objectiveFor(tenant.id, tenant.plan, tenant.elevatedSupport, severity);
    const now = this.now();
    const at = isoUtc(now);
    const dueAt = this.dueAt(now, objective, timeZone, tenant.country);
    const id = this.newId();
    const result = await this.store.create({ tenantId: tenant.id, clientKey: data.clientKey }, (number) => {
      const record: CaseRecord = {
        id,
        number,
        tenantId: tenant.id,
        clientKey: data.clientKey,
        openedBy: who,
        category: data.category,
        subcategory: data.subcategory,
        severity,
        assessedSeverity: data.severity,
        requestedSeverity: data.requestedSeverity ?? null,
        severitySource: customerChose ? 'customer' : 'assessed',
        severityReasons: data.severityReasons,
        title: data.title,
        description: data.description,
        contact: data.contact,
        language: data.language,
        timeZone,
        plan: tenant.plan,
        elevatedSupport: tenant.elevatedSupport,
        country: tenant.country,
        objective,
        status: 'new',
        assignee: null,
        createdAt: at,
        updatedAt: at,
        dueAt,
        firstResponseAt: null,
        firstResponse: null,
        resolvedAt: null,
        closedAt: null,
        resolutions: 0,
        satisfaction: [],
        followUpOf,
        version: 1,
      };
      const event: NewCaseEvent = {
        id: this.newId(),
        at,
        actor: who,
        type: 'opened',
        data: {
          severity,
          severitySource: record.severitySource,
          assessedSeverity: record.assessedSeverity,
          requestedSeverity: record.requestedSeverity,
          severityReasons: record.severityReasons,
          objective,
          dueAt,
          followUpOf,
        },
      };
      return { record, events: [event], outbox: [this.message(record, event, SUPPORT)] };
    });
    return withBreach(result.record, now);
  }

  // -------------------------------------------------------------------------------------------
  // Plumbing
  // -------------------------------------------------------------------------------------------

  private actor(actor: unknown, action: string): Actor {
    const parsed = actorSchema.safeParse(actor);
    if (!parsed.success) {
      throw new CaseForbiddenError(`only tenant administrators, delegated partners and support engineers may ${action}; a user can ask one of their administrators`);
    }
    return parsed.data;
  }

  private async tenant(tenantId: string): Promise<Tenant> {
    const tenant = typeof tenantId === 'string' && tenantId ? (await this.directory.getTenant(tenantId))?.value : undefined;
    if (!tenant) throw new CaseError('unknown-tenant', `unknown tenant "${String(tenantId).slice(0, 128)}" (not in the tenant directory)`);
    return tenant;
  }

  /** Who the actor is for this tenant according to the directory, or undefined when they have no say. */
  private async tenantSideRef(actor: Actor, tenant: Tenant): Promise<ActorRef | undefined> {
    if (actor.kind === 'admin') {
      if (actor.tenantId !== undefined && actor.tenantId !== tenant.id) return undefined;
      return tenant.admins.some((a) => a.id === actor.userId) ? { kind: 'admin', userId: actor.userId, partnerId: null } : undefined;
    }
    if (actor.kind === 'partner-admin') {
      for (const partnerId of tenant.delegatedPartners) {
        if (actor.tenantId !== undefined && actor.tenantId !== partnerId) continue;
        const partner = (await this.directory.getPartner(partnerId))?.value;
        if (partner?.users.some((u) => u.id === actor.userId)) return { kind: 'partner-admin', userId: actor.userId, partnerId };
      }
    }
    return undefined;
  }

  private async load(actor: Actor, caseNumber: string, access: Access, action: string): Promise<Loaded> {
    const support = isSupportSide(actor);
    if (access === 'support' && !support) throw new CaseForbiddenError(`only support engineers may ${action}`);
    if (access === 'tenant' && support) throw new CaseForbiddenError(`only the tenant's administrators or delegated partners may ${action}`);
    const number = normaliseNumber(caseNumber);
    const current = await this.store.get(number);
    if (!current) throw new CaseNotFoundError(number);
    if (support) return { current, who: { kind: actor.kind, userId: actor.userId, partnerId: null } };
    const tenant = (await this.directory.getTenant(current.tenantId))?.value;
    const who = tenant && (await this.tenantSideRef(actor, tenant));
    // Another tenant's case is reported exactly like a case that does not exist.
    if (!tenant || !who) throw new CaseNotFoundError(number);
    return { current, who, tenant };
  }

  /**
   * Reads, decides and writes with a version check. Without `expectedVersion` a lost race is
   * decided again on the fresh copy (changes are serialised, none lost); with it, the caller's
   * stale view is refused.
   */
  private async mutate(
    actorIn: Actor,
    caseNumber: string,
    access: Access,
    action: string,
    options: WriteOptions | undefined,
    decide: (current: CaseRecord, ctx: { who: ActorRef; now: DateTime }) => Change | null,
  ): Promise<SupportCase> {
    const actor = this.actor(actorIn, action);
    const expected = options?.expectedVersion;
    for (let attempt = 1; ; attempt++) {
      const { current, who } = await this.load(actor, caseNumber, access, action);
      if (expected !== undefined && current.version !== expected) throw new CaseConflictError(current.number, current.version);
      const now = this.now();
      const change = decide(current, { who, now });
      if (!change) return withBreach(current, now);
      const at = isoUtc(now);
      const next: CaseRecord = { ...change.next, updatedAt: at };
      const events: NewCaseEvent[] = change.events.map((e) => ({ id: this.newId(), at, actor: who, type: e.type, data: e.data }));
      const outbox = change.events.flatMap((e, i) => e.audiences.map((a) => this.message(next, events[i]!, a)));
      try {
        return withBreach(await this.store.update(next, current.version, events, outbox), now);
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        if (expected !== undefined || attempt >= this.maxRetries) throw new CaseConflictError(current.number);
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }

  /** One message per event and audience; its id is derived from the event's, so it never changes. */
  private message(c: CaseRecord, e: NewCaseEvent, audience: Audience): NewOutboxMessage {
    return {
      id: `${e.id}:${audienceKey(audience)}`,
      topic: `case.${e.type}`,
      audience,
      tenantId: c.tenantId,
      caseNumber: c.number,
      payload: {
        caseNumber: c.number,
        tenantId: c.tenantId,
        title: c.title,
        status: c.status,
        severity: c.severity,
        dueAt: c.dueAt,
        language: c.language,
        event: { id: e.id, type: e.type, at: e.at, actor: e.actor, data: e.data },
      },
    };
  }
}
