import type { Storage } from 'botbuilder';
import type { CaseService } from '../cases/caseService';
import type { DirectoryStore, Tenant } from '../cases/directory';
import type { SupportCase } from '../cases/model';
import type { OutcomeStore } from '../cases/outcomes';
import type { SupportPolicy } from '../cases/policy';
import type { Article } from '../knowledge/articles';
import type { Lang, TopicId } from '../knowledge/labels';
import type { AnalyzeOptions, TriageResult } from '../knowledge/triage';
import type { ProblemSummary } from '../cards';

/** A problem a user handed to their administrators, kept so an admin can escalate from it. */
export interface Handoff {
  id: string;
  tenantId: string;
  requester: { id: string; name: string; email?: string };
  askedAt: string;
  lang: Lang;
  summary: ProblemSummary;
}

export interface AdminReach {
  reached: string[];
  unreached: string[];
}

/** Everything the dialogs ask; the bot wires the real implementations, tests in-memory ones. */
export interface DialogServices {
  triage: { analyze(text: string, options?: AnalyzeOptions): TriageResult };
  article(topic: TopicId, lang: Lang): Article | undefined;
  cases: CaseService;
  policy: SupportPolicy;
  directory: DirectoryStore;
  outcomes: OutcomeStore;
  /** Where handoffs are kept (the bot's storage). */
  storage: Storage;
  /** Sends each admin of the tenant the handoff card, where the bot can reach them. */
  notifyAdmins(tenant: Tenant, handoff: Handoff): Promise<AdminReach>;
  /** Remembers where a case card was posted, so later changes update it in place. */
  rememberCaseCard(caseNumber: string, referenceKey: string, activityId: string, audience: 'tenant' | 'support'): Promise<void>;
  /** A new case: tell whoever must know now (the outbox covers the support queue). */
  onCaseOpened?(c: SupportCase): Promise<void>;
}
