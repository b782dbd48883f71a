import type { DirectoryStore, Partner, Person, Tenant } from './directory';

/**
 * Who is speaking, decided on the server from the channel's identity (tenant id + user id) and the
 * directory: never from anything a message or a card claims.
 */
export type Role = 'anonymous' | 'user' | 'admin' | 'partner-admin' | 'support-engineer';

export interface ResolvedIdentity {
  role: Role;
  userId?: string;
  /** The tenant the person belongs to (a partner's users belong to the partner). */
  tenant?: Tenant;
  partner?: Partner;
  person?: Person;
  /** For partner admins: the customer tenants they may act for. */
  delegatedTenants: Tenant[];
}

export interface IdentityResolver {
  resolve(tenantId: string | undefined, userId: string | undefined): Promise<ResolvedIdentity>;
}

export class DirectoryIdentityResolver implements IdentityResolver {
  constructor(
    private readonly directory: DirectoryStore,
    /** Support engineers' user ids (from configuration or the support team's roster). */
    private readonly supportEngineers: () => Promise<ReadonlySet<string>> = async () => new Set(),
  ) {}

  async resolve(tenantId: string | undefined, userId: string | undefined): Promise<ResolvedIdentity> {
    if (!tenantId || !userId) return { role: 'anonymous', delegatedTenants: [] };
    if ((await this.supportEngineers()).has(userId)) return { role: 'support-engineer', userId, delegatedTenants: [] };

    const partner = (await this.directory.getPartner(tenantId))?.value;
    if (partner) {
      const person = partner.users.find((u) => u.id === userId);
      const delegatedTenants = person ? (await this.directory.listTenants()).filter((t) => t.delegatedPartners.includes(partner.id)) : [];
      return { role: person ? 'partner-admin' : 'user', userId, partner, person, delegatedTenants };
    }

    const tenant = (await this.directory.getTenant(tenantId))?.value;
    if (!tenant) return { role: 'user', userId, delegatedTenants: [] };
    const admin = tenant.admins.find((a) => a.id === userId);
    if (admin) return { role: 'admin', userId, tenant, person: admin, delegatedTenants: [] };
    return { role: 'user', userId, tenant, person: tenant.users.find((u) => u.id === userId), delegatedTenants: [] };
  }
}
