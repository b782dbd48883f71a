import type { ConversationReference, TurnContext } from 'botbuilder';
import { cardMessage } from '../../dialogs/cardMessage';
import { adminNotificationCard } from '../../cards';
import type { Tenant } from '../../cases/directory';
import type { AdminReach, Handoff } from '../../dialogs/services';
import type { ReferenceStore } from './references';

/** Starts a turn in a stored conversation (CloudAdapter.continueConversationAsync in production). */
export type ContinueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * Sends each admin of the tenant the user's summary with "Open a request from this", in the last
 * conversation they had with the bot. Admins the bot has never talked to are reported unreached,
 * so the user can be told to forward the summary themselves.
 */
export async function notifyTenantAdmins(tenant: Tenant, handoff: Handoff, references: ReferenceStore, continueConversation: ContinueConversation): Promise<AdminReach> {
  const reach: AdminReach = { reached: [], unreached: [] };
  const card = adminNotificationCard(
    { handoffId: handoff.id, requester: handoff.requester, askedAt: handoff.askedAt, timeZone: tenant.timeZone, summary: handoff.summary },
    { lang: tenant.language, actions: 'submit' },
  );
  for (const admin of tenant.admins) {
    const [ref] = await references.forUser(tenant.id, admin.id);
    if (!ref) {
      reach.unreached.push(admin.name);
      continue;
    }
    try {
      await continueConversation(ref.reference, async (context) => {
        await context.sendActivity(cardMessage(card));
      });
      reach.reached.push(admin.name);
    } catch {
      reach.unreached.push(admin.name);
    }
  }
  return reach;
}
