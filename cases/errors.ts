import type { z } from 'zod';

/**
 * The case service's refusals. Each carries a stable `code` so callers (dialogs, the REST API, the
 * CLI) choose their own words or status without parsing messages; the message itself is one line
 * that names the problem, fit to show to an administrator or an engineer as it is.
 */
export type CaseErrorCode =
  | 'forbidden'
  | 'unknown-tenant'
  | 'unknown-plan'
  | 'invalid-time-zone'
  | 'invalid-severity'
  | 'invalid-input'
  | 'too-long'
  | 'case-not-found'
  | 'invalid-transition'
  | 'not-closed'
  | 'reopen-window-expired'
  | 'not-resolved'
  | 'already-rated'
  | 'conflict';

export class CaseError extends Error {
  constructor(
    readonly code: CaseErrorCode,
    message: string,
  ) {
    // One line whatever the cause: the message may end up in a card or a JSON body.
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'CaseError';
  }
}

/** Bad input: `field` names what was wrong (e.g. `severity`, `text`, `contact.email`). */
export class CaseValidationError extends CaseError {
  constructor(
    code: Extract<CaseErrorCode, 'invalid-input' | 'invalid-severity' | 'invalid-time-zone' | 'too-long'>,
    readonly field: string,
    message: string,
  ) {
    super(code, message);
    this.name = 'CaseValidationError';
  }
}

/** The actor may not do this. Never used for another tenant's case: that one is simply not found. */
export class CaseForbiddenError extends CaseError {
  constructor(message: string) {
    super('forbidden', message);
    this.name = 'CaseForbiddenError';
  }
}

export class CaseNotFoundError extends CaseError {
  constructor(readonly caseNumber: string) {
    super('case-not-found', `no case ${caseNumber} was found`);
    this.name = 'CaseNotFoundError';
  }
}

/** The case changed since the caller read it (stale version) or kept changing while we retried. */
export class CaseConflictError extends CaseError {
  constructor(
    readonly caseNumber: string,
    readonly currentVersion?: number,
  ) {
    super(
      'conflict',
      currentVersion === undefined
        ? `case ${caseNumber} was changed by someone else; read it again and retry`
        : `case ${caseNumber} was changed by someone else (now at version ${currentVersion}); read it again and retry`,
    );
    this.name = 'CaseConflictError';
  }
}

/** A status change the lifecycle does not allow (e.g. from cancelled, or reopening a case that is not closed). */
export class CaseStateError extends CaseError {
  constructor(
    code: Extract<CaseErrorCode, 'invalid-transition' | 'not-closed' | 'not-resolved' | 'already-rated'>,
    readonly caseNumber: string,
    message: string,
  ) {
    super(code, message);
    this.name = 'CaseStateError';
  }
}

/**
 * The reopen window has passed. The caller gets the date it expired and can open a linked follow-up
 * case straight from the error (the same follow-up however many times it is asked for).
 */
export class ReopenWindowExpiredError<T = unknown> extends CaseError {
  constructor(
    readonly caseNumber: string,
    /** ISO 8601 instant (UTC) at which reopening stopped being possible. */
    readonly expiredAt: string,
    private readonly followUp: () => Promise<T>,
  ) {
    super('reopen-window-expired', `case ${caseNumber} can no longer be reopened: the reopen window ended at ${expiredAt}; open a follow-up case instead`);
    this.name = 'ReopenWindowExpiredError';
  }

  /** Opens (or returns the already opened) follow-up case linked to the expired one. */
  openFollowUp(): Promise<T> {
    return this.followUp();
  }
}

export function isCaseError(err: unknown): err is CaseError {
  return err instanceof CaseError;
}

/**
 * A zod failure as one typed error naming the field: `field` names the whole value when the
 * problem is with it rather than with one of its properties (e.g. `note`, `body`).
 */
export function validationError(err: z.ZodError, field?: string): CaseValidationError {
  const issue = err.issues[0]!;
  const path = issue.path.length ? issue.path.map(String).join('.') : (field ?? 'input');
  const last = path.split('.').pop()!;
  const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && 'input' in issue && issue.input === undefined;
  if (issue.code === 'unrecognized_keys') return new CaseValidationError('invalid-input', path, `${path}: unknown field ${issue.keys.join(', ')}`);
  const code =
    issue.code === 'too_big' && issue.origin === 'string'
      ? 'too-long'
      : /^(severity|requestedSeverity)$/.test(last)
        ? 'invalid-severity'
        : last === 'timeZone'
          ? 'invalid-time-zone'
          : 'invalid-input';
  const text = issue.message.replace(/^Invalid input: /, '');
  const message = missing ? `${path}: required` : text.toLowerCase().startsWith(last.toLowerCase()) ? text : `${path}: ${text}`;
  return new CaseValidationError(code, path, message);
}

/** Parses with a zod schema; a failure is a CaseValidationError. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw validationError(result.error, field);
  return result.data;
}
