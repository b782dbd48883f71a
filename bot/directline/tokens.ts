import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';

/**
 * Built-in Direct Line tokens. A token names one conversation and one user (and their tenant, when
 * known); the server stamps `from` and the tenant on every activity from these claims, so a client
 * can never speak as someone else or into another conversation.
 */
export type VisitorKind = 'anonymous' | 'help-site' | 'demo';

export interface DirectLineIdentity {
  conversationId: string;
  userId: string;
  userName?: string;
  tenantId?: string;
  kind: VisitorKind;
  /** The language the visitor chose on the page, so even the welcome is in it. */
  locale?: string;
}

const claimsSchema = z.object({
  conv: z.string().min(1),
  sub: z.string().min(1),
  name: z.string().optional(),
  tid: z.string().optional(),
  kind: z.enum(['anonymous', 'help-site', 'demo']),
  loc: z.string().optional(),
});

export class TokenError extends Error {}

const ISSUER = 'support-bot-directline';

export class DirectLineTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    readonly ttlSeconds: number,
  ) {
    // Without a configured secret, tokens are valid until the process restarts (then Web Chat gets a new one).
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(32);
  }

  async issue(identity: DirectLineIdentity): Promise<{ token: string; expires_in: number }> {
    const token = await new SignJWT({ conv: identity.conversationId, name: identity.userName, tid: identity.tenantId, kind: identity.kind, loc: identity.locale })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(identity.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { token, expires_in: this.ttlSeconds };
  }

  async verify(token: string): Promise<DirectLineIdentity> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const claims = claimsSchema.parse(payload);
      return { conversationId: claims.conv, userId: claims.sub, userName: claims.name, tenantId: claims.tid, kind: claims.kind, locale: claims.loc };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('token expired');
      throw new TokenError('invalid token');
    }
  }
}

const helpSiteClaimsSchema = z.object({
  sub: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/),
  tid: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/),
  name: z.string().min(1).max(200),
  email: z.email().optional(),
});

export type HelpSiteUser = z.infer<typeof helpSiteClaimsSchema>;

/** Verifies the token the help site signs for its signed-in users (HS256, shared secret). */
export async function verifyHelpSiteToken(token: string, secret: string | undefined): Promise<HelpSiteUser> {
  if (!secret) throw new TokenError('signed-in users are not configured on this server (HELP_SITE_JWT_SECRET)');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    return helpSiteClaimsSchema.parse(payload);
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new TokenError('userToken expired');
    if (err instanceof z.ZodError) throw new TokenError('userToken lacks sub, tid or name');
    throw new TokenError('userToken signature is not valid');
  }
}

/** Extracts the bearer token of an Authorization header. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
