import type { Storage } from 'botbuilder';
import type { CaseService } from '../cases/caseService';
import type { DirectoryStore } from '../cases/directory';
import type { OutcomeStore } from '../cases/outcomes';
import type { SupportPolicy } from '../cases/policy';
import type { DialogServices } from '../dialogs/services';
import type { Article } from '../knowledge/articles';
import type { TriageModel } from '../knowledge/triage';
import { notifyTenantAdmins, type ContinueConversation } from './proactive/adminHandoff';
import type { CardLocationStore, ReferenceStore } from './proactive/references';

export interface DialogServiceParts {
  triage: Pick<TriageModel, 'analyze'>;
  /** Articles by `<lang>:<topic>`. */
  articles: ReadonlyMap<string, Article>;
  cases: CaseService;
  policy: SupportPolicy;
  directory: DirectoryStore;
  outcomes: OutcomeStore;
  storage: Storage;
  references: ReferenceStore;
  cardLocations: CardLocationStore;
  /** How to speak in a stored conversation: the adapter in production, a test channel in tests. */
  continueConversation: ContinueConversation;
}

/** What the dialogs ask for, assembled from the product's parts. */
export function createDialogServices(p: DialogServiceParts): DialogServices {
  return {
    triage: p.triage,
    article: (topic, lang) => p.articles.get(`${lang}:${topic}`),
    cases: p.cases,
    policy: p.policy,
    directory: p.directory,
    outcomes: p.outcomes,
    storage: p.storage,
    rememberCaseCard: (caseNumber, referenceKey, activityId, audience) => p.cardLocations.add({ caseNumber, referenceKey, activityId, audience }),
    notifyAdmins: (tenant, handoff) => notifyTenantAdmins(tenant, handoff, p.references, p.continueConversation),
  };
}
