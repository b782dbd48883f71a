import type { CloudAdapter, TurnContext } from 'botbuilder';
import { cardMessage } from '../../dialogs/cardMessage';
import { caseCard, satisfactionCard, type CaseViewer } from '../../cards';
import type { CaseService } from '../../cases/caseService';
import type { Database } from '../../cases/db/database';
import type { DirectoryStore, Tenant } from '../../cases/directory';
import type { SupportCase } from '../../cases/model';
import type { Notifier, OutboxMessage } from '../../cases/outbox';
import type { Lang } from '../../knowledge/labels';
import { t } from '../i18n';
import type { Logger } from '../log';
import { caseActionMode } from '../../dialogs/session';
import { ReferenceStore, type CardLocationStore, type StoredReference } from './references';

/**
 * Delivers the case service's outbox to people in Teams and Web Chat: new cases to the support
 * queue's channel, changes to the tenant's administrators (a short message where they talk to the
 * bot), and every posted case card updated in place. Each delivery is logged per message id and
 * target, so a message retried after a crash is not shown twice.
 */
export interface ChannelNotifierDeps {
  adapter: CloudAdapter;
  appId: string;
  db: Database;
  references: ReferenceStore;
  cardLocations: CardLocationStore;
  directory: DirectoryStore;
  cases: CaseService;
  log: Logger;
}

const SYSTEM = { kind: 'system', userId: 'notifier' } as const;

export class ChannelNotifier implements Notifier {
  constructor(private readonly deps: ChannelNotifierDeps) {}

  async send(message: OutboxMessage): Promise<void> {
    if (!message.caseNumber) return;
    const c = await this.deps.cases.view(SYSTEM, message.caseNumber);
    const tenant = (await this.deps.directory.getTenant(c.tenantId))?.value;
    if (!tenant) return;
    if (message.audience.kind === 'support-queue') await this.toQueue(message, c, tenant);
    else await this.toAdmins(message, c, tenant);
  }

  private async once(messageId: string, target: string, deliver: () => Promise<void>): Promise<void> {
    const done = await this.deps.db.get('SELECT 1 AS one FROM notification_deliveries WHERE message_id = $1 AND target = $2', [messageId, target]);
    if (done) return;
    await deliver();
    await this.deps.db.run(
      'INSERT INTO notification_deliveries (message_id, target, delivered_at) VALUES ($1, $2, $3) ON CONFLICT (message_id, target) DO NOTHING',
      [messageId, target, new Date().toISOString()],
    );
  }

  private continue(ref: StoredReference, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.deps.adapter.continueConversationAsync(this.deps.appId, ref.reference, logic);
  }

  private card(c: SupportCase, tenant: Tenant, viewer: CaseViewer, channelId: string, lang: Lang) {
    return caseCard({ case: c, timeZone: tenant.timeZone, viewer }, { lang, actions: caseActionMode(channelId) });
  }

  private async toQueue(message: OutboxMessage, c: SupportCase, tenant: Tenant): Promise<void> {
    const queue = await this.deps.references.get(ReferenceStore.QUEUE_KEY);
    if (message.topic === 'case.opened') {
      if (!queue) {
        this.deps.log.warn('no support queue registered: new case not posted', { caseNumber: c.number });
        return;
      }
      await this.once(message.id, 'queue', () =>
        this.continue(queue, async (context) => {
          const sent = await context.sendActivity(cardMessage(this.card(c, tenant, { role: 'support-engineer', isAssignee: false }, queue.channelId, 'en')));
          if (sent?.id) await this.deps.cardLocations.add({ caseNumber: c.number, referenceKey: queue.key, activityId: sent.id, audience: 'support' });
        }),
      );
      return;
    }
    await this.updateCards(message, c, tenant, 'support');
  }

  private async toAdmins(message: OutboxMessage, c: SupportCase, tenant: Tenant): Promise<void> {
    await this.updateCards(message, c, tenant, 'tenant');
    const event = (message.payload.event ?? {}) as { type?: string; data?: Record<string, unknown> };
    const lang: Lang = c.language === 'fr' || c.language === 'en' ? c.language : tenant.language;
    const text = updateText(event, c, lang);
    for (const admin of tenant.admins) {
      const [ref] = await this.deps.references.forUser(tenant.id, admin.id);
      if (!ref) continue;
      await this.once(message.id, `admin:${admin.id}`, () =>
        this.continue(ref, async (context) => {
          await context.sendActivity(text);
          if (event.type === 'status-changed' && c.status === 'resolved') {
            const card = satisfactionCard({ caseNumber: c.number, resolution: c.resolutions }, { lang, actions: 'submit' });
            await context.sendActivity(cardMessage(card));
          }
        }),
      );
    }
  }

  /** Every card of this case posted for this audience is redrawn with the case as it is now. */
  private async updateCards(message: OutboxMessage, c: SupportCase, tenant: Tenant, audience: 'tenant' | 'support'): Promise<void> {
    for (const location of await this.deps.cardLocations.forCase(c.number)) {
      if (location.audience !== audience) continue;
      const ref = await this.deps.references.get(location.referenceKey);
      if (!ref) continue;
      const viewer: CaseViewer = audience === 'support' ? { role: 'support-engineer', isAssignee: false } : { role: 'admin', canReopen: false };
      const lang: Lang = audience === 'support' ? 'en' : c.language === 'fr' ? 'fr' : tenant.language;
      await this.once(message.id, `card:${location.activityId}`, () =>
        this.continue(ref, async (context) => {
          const card = this.card(c, tenant, viewer, ref.channelId, lang);
          await context.updateActivity({ ...cardMessage(card), id: location.activityId });
        }),
      );
    }
  }
}

function updateText(event: { type?: string; data?: Record<string, unknown> }, c: SupportCase, lang: Lang): string {
  switch (event.type) {
    case 'reply-added':
      return t(lang, 'case.update.reply', { number: c.number, text: String(event.data?.text ?? '').slice(0, 2000) });
    case 'status-changed':
      return t(lang, 'case.update.status', { number: c.number, status: t(lang, `status.${c.status}`) });
    case 'severity-changed':
      return t(lang, 'case.update.severity', { number: c.number, severity: c.severity });
    default:
      return t(lang, 'case.update.generic', { number: c.number });
  }
}
