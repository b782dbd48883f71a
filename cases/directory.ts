import { z } from 'zod';
import { ConcurrencyError, type Database } from './db/database';

/**
 * The tenant directory: who the customer tenants are, their plan, where they are, who administers
 * them and which partners act for them. Roles are decided from here on the server, never from what
 * a message or a card says.
 */
const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/, { message: 'letters, digits, . _ @ - (max 128)' });

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export const personSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(200),
  email: z.email().optional(),
  phone: z.string().regex(/^\+?[0-9 ().-]{5,30}$/, { message: 'a phone number' }).optional(),
});

export const tenantSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(200),
  plan: z.string().regex(/^[a-z0-9-]{2,60}$/, { message: 'a plan id such as business-standard' }),
  elevatedSupport: z.boolean().default(false),
  trial: z.boolean().default(false),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'an ISO 3166 two-letter country code' }),
  timeZone: z.string().refine(isValidTimeZone, { message: 'an IANA time zone such as Europe/Paris' }),
  language: z.enum(['en', 'fr']),
  admins: z.array(personSchema).default([]),
  /** Members the directory knows by name; any authenticated member of the tenant is a user. */
  users: z.array(personSchema).default([]),
  delegatedPartners: z.array(idSchema).default([]),
});

export const partnerSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(200),
  users: z.array(personSchema).default([]),
});

export const directoryFileSchema = z.object({
  tenants: z.array(tenantSchema),
  partners: z.array(partnerSchema).default([]),
  /** The vendor's support engineers (demo data; in production they come from configuration). */
  supportEngineers: z.array(personSchema).default([]),
});

export type Person = z.infer<typeof personSchema>;
export type Tenant = z.infer<typeof tenantSchema>;
export type Partner = z.infer<typeof partnerSchema>;
export type DirectoryFile = z.infer<typeof directoryFileSchema>;

export interface Versioned<T> {
  value: T;
  version: number;
}

export interface DirectoryStore {
  getTenant(id: string): Promise<Versioned<Tenant> | undefined>;
  listTenants(): Promise<Tenant[]>;
  /** Creates (expectedVersion 0) or replaces a tenant; a stale expectedVersion is refused. */
  putTenant(tenant: Tenant, expectedVersion: number): Promise<number>;
  getPartner(id: string): Promise<Versioned<Partner> | undefined>;
  listPartners(): Promise<Partner[]>;
  putPartner(partner: Partner, expectedVersion: number): Promise<number>;
}

type Table = 'tenants' | 'partners';

export class SqlDirectoryStore implements DirectoryStore {
  constructor(private readonly db: Database) {}

  private async getDoc<T>(table: Table, id: string, schema: z.ZodType<T>): Promise<Versioned<T> | undefined> {
    const row = await this.db.get<{ document: string; version: number }>(`SELECT document, version FROM ${table} WHERE id = $1`, [id]);
    return row ? { value: schema.parse(JSON.parse(row.document)), version: Number(row.version) } : undefined;
  }

  private async listDocs<T>(table: Table, schema: z.ZodType<T>): Promise<T[]> {
    const rows = await this.db.all<{ document: string }>(`SELECT document FROM ${table} ORDER BY id`);
    return rows.map((r) => schema.parse(JSON.parse(r.document)));
  }

  private async putDoc(table: Table, id: string, document: unknown, expectedVersion: number): Promise<number> {
    const now = new Date().toISOString();
    const json = JSON.stringify(document);
    const result =
      expectedVersion === 0
        ? await this.db.run(`INSERT INTO ${table} (id, document, version, updated_at) VALUES ($1, $2, 1, $3) ON CONFLICT (id) DO NOTHING`, [
            id,
            json,
            now,
          ])
        : await this.db.run(`UPDATE ${table} SET document = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4`, [
            json,
            now,
            id,
            expectedVersion,
          ]);
    if (result.changes !== 1) throw new ConcurrencyError(`${table.slice(0, -1)} ${id} was changed by someone else (expected version ${expectedVersion})`);
    return expectedVersion + 1;
  }

  getTenant(id: string) {
    return this.getDoc('tenants', id, tenantSchema);
  }
  listTenants() {
    return this.listDocs('tenants', tenantSchema);
  }
  putTenant(tenant: Tenant, expectedVersion: number) {
    return this.putDoc('tenants', tenant.id, tenantSchema.parse(tenant), expectedVersion);
  }
  getPartner(id: string) {
    return this.getDoc('partners', id, partnerSchema);
  }
  listPartners() {
    return this.listDocs('partners', partnerSchema);
  }
  putPartner(partner: Partner, expectedVersion: number) {
    return this.putDoc('partners', partner.id, partnerSchema.parse(partner), expectedVersion);
  }
}

export class MemoryDirectoryStore implements DirectoryStore {
  private readonly docs = { tenants: new Map<string, Versioned<Tenant>>(), partners: new Map<string, Versioned<Partner>>() };

  private put<T extends { id: string }>(map: Map<string, Versioned<T>>, value: T, expectedVersion: number, kind: string): number {
    const current = map.get(value.id)?.version ?? 0;
    if (current !== expectedVersion) throw new ConcurrencyError(`${kind} ${value.id} was changed by someone else (expected version ${expectedVersion})`);
    map.set(value.id, { value: structuredClone(value), version: current + 1 });
    return current + 1;
  }

  async getTenant(id: string) {
    const v = this.docs.tenants.get(id);
    return v && { value: structuredClone(v.value), version: v.version };
  }
  async listTenants() {
    return [...this.docs.tenants.values()].map((v) => structuredClone(v.value)).sort((a, b) => a.id.localeCompare(b.id));
  }
  async putTenant(tenant: Tenant, expectedVersion: number) {
    return this.put(this.docs.tenants, tenantSchema.parse(tenant), expectedVersion, 'tenant');
  }
  async getPartner(id: string) {
    const v = this.docs.partners.get(id);
    return v && { value: structuredClone(v.value), version: v.version };
  }
  async listPartners() {
    return [...this.docs.partners.values()].map((v) => structuredClone(v.value)).sort((a, b) => a.id.localeCompare(b.id));
  }
  async putPartner(partner: Partner, expectedVersion: number) {
    return this.put(this.docs.partners, partnerSchema.parse(partner), expectedVersion, 'partner');
  }
}

/**
 * Loads a directory file into the store where the tenant or partner is not there yet; existing
 * entries are left as they are (an admin may have changed them since).
 */
export async function seedDirectory(store: DirectoryStore, file: DirectoryFile): Promise<{ tenants: number; partners: number }> {
  let tenants = 0;
  let partners = 0;
  for (const partner of file.partners) {
    if (!(await store.getPartner(partner.id))) {
      await store.putPartner(partner, 0).catch((e) => (e instanceof ConcurrencyError ? 0 : Promise.reject(e)));
      partners++;
    }
  }
  for (const tenant of file.tenants) {
    if (!(await store.getTenant(tenant.id))) {
      await store.putTenant(tenant, 0).catch((e) => (e instanceof ConcurrencyError ? 0 : Promise.reject(e)));
      tenants++;
    }
  }
  return { tenants, partners };
}

/** Someone the directory knows, with where they belong. */
export interface DirectoryMember {
  person: Person;
  tenantId?: string;
  partnerId?: string;
}

/** Finds a person by id across tenants (admins and users) and partners. */
export async function findMember(store: DirectoryStore, userId: string): Promise<DirectoryMember | undefined> {
  for (const tenant of await store.listTenants()) {
    const person = [...tenant.admins, ...tenant.users].find((p) => p.id === userId);
    if (person) return { person, tenantId: tenant.id };
  }
  for (const partner of await store.listPartners()) {
    const person = partner.users.find((p) => p.id === userId);
    if (person) return { person, partnerId: partner.id };
  }
  return undefined;
}
