import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import type { DirectoryStore } from '../../cases/directory';
import { findMember } from '../../cases/directory';
import type { Logger } from '../log';
import type { LocalConnectorKey } from './connector';
import { CLIENT_ACTIVITY_TYPES, DirectLineError, type DirectLineService } from './service';
import { bearer, type DirectLineTokens, TokenError, verifyHelpSiteToken } from './tokens';

export interface DirectLineRouteDeps {
  service: DirectLineService;
  tokens: DirectLineTokens;
  directory: DirectoryStore;
  localKey: LocalConnectorKey;
  demoMode: boolean;
  /** Demo support engineers (not tenant members): they chat from the vendor's own tenant. */
  demoEngineers?: readonly { id: string; name: string }[];
  helpSiteJwtSecret?: string;
  /** The base URL clients use, from the configuration or the request's Host header. */
  publicBase(req: IncomingMessage): string;
  log: Logger;
}

/** Sends `{ error: { code, message } }`, the Direct Line error shape, with a one-line reason. */
export function sendError(res: Response, status: number, message: string): void {
  const code = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'NotFound' : 'BadArgument';
  res.status(status);
  res.json({ error: { code, message } });
}

type Handler = (req: Request, res: Response) => Promise<void>;

/** Runs a handler so that a thrown error becomes a 4xx with one line, never a stack trace. */
export function guarded(log: Logger, handler: Handler) {
  return async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof DirectLineError) return sendError(res, err.status, err.message);
      if (err instanceof TokenError) return sendError(res, 401, err.message);
      if (err instanceof z.ZodError) return sendError(res, 400, describeZodError(err));
      log.error('request failed', { path: req.path(), err });
      res.status(500);
      res.json({ error: { code: 'ServiceError', message: 'internal error' } });
    }
  };
}

export function describeZodError(err: z.ZodError): string {
  const issue = err.issues[0];
  const where = issue.path.length ? issue.path.join('.') : 'body';
  return `${where}: ${issue.message}`;
}

/** The tenant id support engineers chat from on the local page. */
export const VENDOR_TENANT = 'vendor-support';

const locale = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/).max(35).optional();
export const tokenRequestSchema = z.union([
  z.strictObject({ userToken: z.string().min(1).max(8192), locale }),
  z.strictObject({ demoUser: z.string().min(1).max(128), locale }),
  z.strictObject({ locale }),
]);

const clientActivitySchema = z.object({
  type: z.enum(CLIENT_ACTIVITY_TYPES, { message: `type must be one of ${CLIENT_ACTIVITY_TYPES.join(', ')}` }),
  text: z.string().max(100_000).optional(),
  textFormat: z.string().max(20).optional(),
  attachments: z.array(z.unknown()).max(20).optional(),
  value: z.unknown().optional(),
  name: z.string().max(200).optional(),
  locale,
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

const botActivitySchema = z.looseObject({ type: z.string().min(1).max(64) });

function body(req: Request): unknown {
  return req.body === undefined || req.body === '' ? {} : req.body;
}

export function registerDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): WebSocketServer {
  const { service, tokens, log } = deps;
  const g = (h: Handler) => guarded(log, h);

  // Token endpoint for the help site and the local page: who the visitor is, decided here.
  server.post(
    '/api/directline/token',
    g(async (req, res) => {
      const request = tokenRequestSchema.parse(body(req));
      let user: { userId: string; userName?: string; tenantId?: string; kind: 'anonymous' | 'help-site' | 'demo' };
      if ('userToken' in request) {
        const claims = await verifyHelpSiteToken(request.userToken, deps.helpSiteJwtSecret);
        user = { userId: claims.sub, userName: claims.name, tenantId: claims.tid, kind: 'help-site' };
      } else if ('demoUser' in request) {
        if (!deps.demoMode) throw new DirectLineError(403, 'demo users are not available on this server');
        const member = await findMember(deps.directory, request.demoUser);
        const engineer = deps.demoEngineers?.find((e) => e.id === request.demoUser);
        if (member) user = { userId: member.person.id, userName: member.person.name, tenantId: member.tenantId ?? member.partnerId, kind: 'demo' };
        else if (engineer) user = { userId: engineer.id, userName: engineer.name, tenantId: VENDOR_TENANT, kind: 'demo' };
        else throw new DirectLineError(404, `no demo user ${request.demoUser}`);
      } else {
        user = { userId: `visitor-${crypto.randomUUID()}`, kind: 'anonymous' };
      }
      const identity = await service.newConversation({ ...user, locale: request.locale });
      const issued = await tokens.issue(identity);
      res.json({ token: issued.token, conversationId: identity.conversationId, expires_in: issued.expires_in });
    }),
  );

  server.post(
    '/v3/directline/tokens/refresh',
    g(async (req, res) => {
      const identity = await service.authorize(bearer(req.header('authorization')));
      const issued = await tokens.issue(identity);
      res.json({ conversationId: identity.conversationId, token: issued.token, expires_in: issued.expires_in });
    }),
  );

  server.post(
    '/v3/directline/conversations',
    g(async (req, res) => {
      const token = bearer(req.header('authorization'));
      const identity = await service.authorize(token);
      await service.start(identity);
      res.status(201);
      res.json({
        conversationId: identity.conversationId,
        token,
        expires_in: tokens.ttlSeconds,
        streamUrl: service.streamUrl(deps.publicBase(req), identity, token!),
        referenceGrammarId: '',
      });
    }),
  );

  server.get(
    '/v3/directline/conversations/:conversationId',
    g(async (req, res) => {
      const token = bearer(req.header('authorization'));
      const identity = await service.authorize(token, req.params.conversationId);
      await service.start(identity);
      const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
      res.json({
        conversationId: identity.conversationId,
        token,
        expires_in: tokens.ttlSeconds,
        streamUrl: service.streamUrl(deps.publicBase(req), identity, token!, watermark),
      });
    }),
  );

  server.post(
    '/v3/directline/conversations/:conversationId/activities',
    g(async (req, res) => {
      const identity = await service.authorize(bearer(req.header('authorization')), req.params.conversationId);
      const activity = clientActivitySchema.parse(body(req));
      res.json(await service.postFromClient(identity, activity as never));
    }),
  );

  server.get(
    '/v3/directline/conversations/:conversationId/activities',
    g(async (req, res) => {
      await service.authorize(bearer(req.header('authorization')), req.params.conversationId);
      const raw = typeof req.query?.watermark === 'string' ? req.query.watermark : '0';
      const watermark = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
      res.json(await service.history(req.params.conversationId, watermark));
    }),
  );

  // The Bot Connector side: only this deployment's bot (holding the local key) may post here.
  const connector = (h: Handler) =>
    g(async (req, res) => {
      if (!deps.localKey.accepts(req.header('authorization'))) throw new DirectLineError(401, 'not authorized to send as the bot');
      await h(req, res);
    });
  const fromBot = (mode: 'send' | 'update') =>
    connector(async (req, res) => {
      const activity = botActivitySchema.parse(body(req));
      const replaceId = mode === 'update' ? req.params.activityId : undefined;
      res.json(await service.postFromBot(req.params.conversationId, activity as never, replaceId));
    });
  server.post('/v3/conversations/:conversationId/activities', fromBot('send'));
  server.post('/v3/conversations/:conversationId/activities/:activityId', fromBot('send'));
  server.put('/v3/conversations/:conversationId/activities/:activityId', fromBot('update'));
  server.del(
    '/v3/conversations/:conversationId/activities/:activityId',
    connector(async (_req, res) => {
      res.status(200);
      res.json({});
    }),
  );

  // WebSocket streams: the token travels in the query string, as Direct Line's streamUrl does.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/.exec(url.pathname);
    const reject = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!match) return reject(404, 'Not Found');
    service
      .authorize(url.searchParams.get('t') ?? undefined, decodeURIComponent(match[1]))
      .then((identity) => {
        const raw = url.searchParams.get('watermark') ?? '0';
        const watermark = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
        wss.handleUpgrade(req, socket, head, (ws) => {
          // Client frames are not part of the protocol; ignoring them keeps a noisy client harmless.
          ws.on('message', () => undefined);
          void service.attach(identity.conversationId, ws, watermark).catch((err) => log.error('stream replay failed', { err }));
        });
      })
      .catch((err) => reject(err instanceof DirectLineError ? err.status : 401, err instanceof DirectLineError && err.status === 403 ? 'Forbidden' : 'Unauthorized'));
  });
  return wss;
}
