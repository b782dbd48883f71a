import { timingSafeEqual } from 'node:crypto';
import {
  BotFrameworkAuthentication,
  ConnectorClient,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/**
 * The bot's side of the built-in Direct Line. Replies to Direct Line conversations come back to
 * this server's Bot Connector endpoints, signed with a key only this deployment knows; every other
 * serviceUrl (Teams and the Azure channels) goes through Bot Framework authentication unchanged.
 */
export class LocalConnectorKey {
  constructor(private readonly key: string) {}

  header(): string {
    return `Bearer ${this.key}`;
  }

  accepts(header: string | undefined): boolean {
    const given = Buffer.from(header ?? '');
    const expected = Buffer.from(this.header());
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

class LocalCredentials {
  constructor(private readonly key: LocalConnectorKey) {}
  async signRequest<T extends { headers: { set(name: string, value: string): void } }>(webResource: T): Promise<T> {
    webResource.headers.set('authorization', this.key.header());
    return webResource;
  }
}

class LocalConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly isLocal: (serviceUrl: string) => boolean,
    private readonly key: LocalConnectorKey,
    private readonly fallback: ConnectorFactory,
  ) {
    super();
  }

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (!this.isLocal(serviceUrl)) return this.fallback.create(serviceUrl, audience);
    return new ConnectorClient(new LocalCredentials(this.key) as never, { baseUri: serviceUrl });
  }
}

/** Wraps the configured authentication so connectors for our own serviceUrl use the local key. */
export class SupportBotAuthentication extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly key: LocalConnectorKey,
    private readonly localServiceUrls: () => string[],
  ) {
    super();
  }

  isLocal = (serviceUrl: string): boolean => {
    const normal = serviceUrl.replace(/\/+$/, '');
    return this.localServiceUrls().some((u) => u.replace(/\/+$/, '') === normal);
  };

  authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateRequest(activity, authHeader).then((r) => ({ ...r, connectorFactory: this.wrap(r.connectorFactory) }));
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.wrap(this.inner.createConnectorFactory(claimsIdentity))!;
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private wrap(factory: ConnectorFactory | undefined): ConnectorFactory | undefined {
    return factory && new LocalConnectorFactory(this.isLocal, this.key, factory);
  }
}
