import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Activity, Storage } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { z } from 'zod';
import type { Database } from '../cases/db/database';
import { openDatabase } from '../cases/db/open';
import { directoryFileSchema, seedDirectory, SqlDirectoryStore, type DirectoryStore, type Person } from '../cases/directory';
import { DirectoryIdentityResolver } from '../cases/identity';
import { CaseService } from '../cases/caseService';
import { SqlCaseStore } from '../cases/caseStore';
import { OutboxDispatcher } from '../cases/outbox';
import { OutcomeStore } from '../cases/outcomes';
import { loadArticles, type Article } from '../knowledge/articles';
import { loadTriageModel } from '../knowledge/triage';
import { setDefaultLanguageDetector } from '../knowledge/language';
import { ChannelNotifier } from './proactive/channelNotifier';
import { CardLocationStore, ReferenceStore } from './proactive/references';
import { loadPolicy, type SupportPolicy } from '../cases/policy';
import { registerCaseApi } from './api/caseApi';
import { createAdapter, type SupportAdapter } from './adapter';
import { createDialogServices } from './dialogServices';
import type { AppConfig } from './config';
import { LocalConnectorKey } from './directline/connector';
import { describeZodError, guarded, registerDirectLineRoutes, sendError } from './directline/routes';
import { LocalChangeFeed, PostgresChangeFeed } from './directline/changeFeed';
import { DirectLineService } from './directline/service';
import { SqlDirectLineStore } from './directline/store';
import { DirectLineTokens } from './directline/tokens';
import { createLogger, type Logger } from './log';
import { SqlStateStore } from './storage/stateStore';
import { SupportBot } from './supportBot';
import { renderWebChatPage, webChatBundlePath, type PageOptions } from '../web/page';

/** Largest request body accepted anywhere; Bot Framework activities are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;
export const DEMO_DIRECTORY_FILE = join(__dirname, '..', 'cases', 'data', 'demo-directory.json');

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  directory: DirectoryStore;
  policy: SupportPolicy;
  cases: CaseService;
  outbox: OutboxDispatcher;
  outcomes: OutcomeStore;
  storage: Storage;
  bot: SupportBot;
  adapter: SupportAdapter;
  directLine: DirectLineService;
  log: Logger;
  close(): Promise<void>;
}

const ACTIVITY_TYPES = [
  'message',
  'contactRelationUpdate',
  'conversationUpdate',
  'typing',
  'endOfConversation',
  'event',
  'invoke',
  'deleteUserData',
  'messageUpdate',
  'messageDelete',
  'installationUpdate',
  'messageReaction',
  'suggestion',
  'trace',
  'handoff',
  'command',
  'commandResult',
] as const;

/** The minimum an incoming Bot Framework activity must carry before the adapter sees it. */
const incomingActivitySchema = z.looseObject({
  type: z.enum(ACTIVITY_TYPES, { message: 'unknown activity type' }),
  serviceUrl: z.url({ message: 'serviceUrl must be a URL' }),
  channelId: z.string().min(1).max(64),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1).max(1024) }).optional(),
  text: z.string().max(100_000).optional(),
});

export async function startServer(config: AppConfig, options: { log?: Logger; seedDemo?: boolean } = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel, { service: 'support-bot' });
  log.info(
    config.localMode
      ? 'local mode: no MicrosoftAppId, /api/messages is not authenticated; use it only on your own machine'
      : 'Bot Framework mode: /api/messages requires Bot Framework tokens',
    { appId: config.appId ?? null, demoMode: config.demoMode, database: config.database.engine },
  );

  // The policy is validated before anything listens: a broken policy file stops start-up.
  const policy = loadPolicy();
  // The triage model and the articles are loaded, never retrained, at start-up.
  const triage = loadTriageModel();
  // The bot's language checks use the model's own detector: one load, one answer.
  setDefaultLanguageDetector(triage.language);
  const articles = new Map<string, Article>(loadArticles().map((a) => [`${a.lang}:${a.id}`, a]));
  const db = await openDatabase(config.database);
  const directory = new SqlDirectoryStore(db);
  let demoEngineers: Person[] = [];
  if (config.demoMode && options.seedDemo !== false) {
    const file = directoryFileSchema.parse(JSON.parse(readFileSync(DEMO_DIRECTORY_FILE, 'utf8')));
    const seeded = await seedDirectory(directory, file);
    demoEngineers = file.supportEngineers;
    if (seeded.tenants || seeded.partners) log.info('demo directory loaded', seeded);
  }
  const engineers = new Set([...config.supportEngineers, ...demoEngineers.map((e) => e.id)]);
  const storage = new SqlStateStore(db);
  const identity = new DirectoryIdentityResolver(directory, async () => engineers);
  const cases = new CaseService({ store: new SqlCaseStore(db), directory, policy });
  const references = new ReferenceStore(db);
  const cardLocations = new CardLocationStore(db);
  const outcomes = new OutcomeStore(db);
  if (config.supportQueue && !(await references.get(ReferenceStore.QUEUE_KEY))) {
    // A configured queue channel stands until an engineer registers another one with `register queue`.
    const q = config.supportQueue;
    await references.save({
      key: ReferenceStore.QUEUE_KEY,
      kind: 'support-queue',
      channelId: q.channelId,
      reference: {
        channelId: q.channelId,
        serviceUrl: q.serviceUrl,
        conversation: { id: q.conversationId, tenantId: q.tenantId, isGroup: true, conversationType: 'channel', name: '' },
        bot: { id: config.appId ?? 'support-bot', name: config.botName },
      },
    });
  }

  const server = restify.createServer({ name: 'support-bot', handleUncaughtExceptions: false });
  // The port is known only after listen() when PORT=0 (tests), so the URLs are computed lazily.
  let boundPort = config.port;
  const loopbackUrl = () => `http://127.0.0.1:${boundPort}`;
  const serviceUrl = () => config.publicBaseUrl ?? loopbackUrl();
  const publicBase = (req: IncomingMessage) => {
    if (config.publicBaseUrl) return config.publicBaseUrl;
    const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : `127.0.0.1:${boundPort}`;
    return `http://${host}`;
  };

  const localKey = new LocalConnectorKey(randomBytes(32).toString('base64url'));
  const supportAdapter = createAdapter(config, localKey, () => [serviceUrl(), loopbackUrl()], log);
  const appId = config.appId ?? '';
  const services = createDialogServices({
    triage,
    articles,
    cases,
    policy,
    directory,
    outcomes,
    storage,
    references,
    cardLocations,
    continueConversation: (reference, logic) => supportAdapter.adapter.continueConversationAsync(appId, reference, logic),
  });
  const bot = new SupportBot({
    storage,
    identity,
    isBuiltInDirectLine: supportAdapter.auth.isLocal,
    botName: config.botName,
    log,
    services,
    references,
  });
  const outbox = new OutboxDispatcher({
    db,
    notifier: new ChannelNotifier({ adapter: supportAdapter.adapter, appId, db, references, cardLocations, directory, cases, log }),
    log,
  });
  const botIdentity = { id: config.appId ?? 'support-bot', name: config.botName };
  const tokens = new DirectLineTokens(config.directLineTokenSecret, config.directLineTokenTtlSeconds);
  // Several replicas share PostgreSQL: they hear each other's new activities through it.
  const changes = config.database.engine === 'postgres' ? new PostgresChangeFeed(config.database.url, log) : new LocalChangeFeed();
  const directLine = new DirectLineService({
    store: new SqlDirectLineStore(db),
    tokens,
    bot: botIdentity,
    runTurn: (activity) => supportAdapter.processDirectLine(activity, (context) => bot.run(context)),
    serviceUrl,
    changes,
    log,
  });

  server.pre((req, res, next) => {
    // A request id in the request's log line, and back to the caller for support.
    const given = req.header('x-request-id');
    const requestId = given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    (req as Request & { requestId?: string; startedAt?: number }).requestId = requestId;
    (req as Request & { startedAt?: number }).startedAt = Date.now();
    res.setHeader('x-request-id', requestId);
    return next();
  });
  // One line per request: the route pattern, never the query string or the body (tokens, text).
  server.on('after', (req: Request & { requestId?: string; startedAt?: number }, res: Response) => {
    log.info('request', {
      requestId: req.requestId,
      method: req.method,
      route: req.getRoute?.()?.path ?? 'unmatched',
      status: res.statusCode,
      ms: req.startedAt ? Date.now() - req.startedAt : undefined,
    });
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: false }));

  // restify's own errors (bad JSON, too large, unknown route) leave as one line, no stack.
  server.on('restifyError', (_req: Request, _res: Response, err: Error & { statusCode?: number; body?: unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const message =
      status === 413 ? `request body larger than ${MAX_BODY_BYTES / 1024} KB` : status >= 500 ? 'internal error' : err.message.split('\n')[0];
    (err as unknown as { toJSON: () => unknown }).toJSON = () => ({ error: { code: err.name || 'Error', message } });
    return callback();
  });

  server.post(
    '/api/messages',
    guarded(log, async (req, res) => {
      const parsed = incomingActivitySchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 400, describeZodError(parsed.error));
      await supportAdapter.adapter.process(req as never, res as never, (context) => bot.run(context));
    }),
  );

  registerCaseApi(server, { cases, apiKeys: config.supportApiKeys, log });

  registerDirectLineRoutes(server, {
    service: directLine,
    tokens,
    directory,
    localKey,
    demoMode: config.demoMode,
    demoEngineers,
    helpSiteJwtSecret: config.helpSiteJwtSecret,
    publicBase,
    log,
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  server.get(
    '/readyz',
    guarded(log, async (_req, res) => {
      try {
        await db.ping();
        res.json({ status: 'ready', database: db.engine });
      } catch {
        res.status(503);
        res.json({ status: 'unavailable', database: db.engine });
      }
    }),
  );

  // The people the local page lets you chat as (demo mode only); the server still decides roles.
  const demoUsers: PageOptions['demoUsers'] = [];
  if (config.demoMode) {
    for (const t of await directory.listTenants()) {
      for (const a of t.admins) demoUsers.push({ id: a.id, name: a.name, organisation: t.name, role: 'admin' });
      for (const u of t.users) demoUsers.push({ id: u.id, name: u.name, organisation: t.name, role: 'user' });
    }
    for (const p of await directory.listPartners()) for (const u of p.users) demoUsers.push({ id: u.id, name: u.name, organisation: p.name, role: 'partner' });
    for (const e of demoEngineers) demoUsers.push({ id: e.id, name: e.name, organisation: config.botName, role: 'engineer' });
  }
  const page = renderWebChatPage({ botName: config.botName, demoUsers });
  server.get('/', async (_req: Request, res: Response) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.sendRaw(200, page);
  });
  const bundle = readFileSync(webChatBundlePath());
  server.get('/webchat.js', async (_req: Request, res: Response) => {
    res.setHeader('content-type', 'application/javascript; charset=utf-8');
    res.setHeader('cache-control', 'public, max-age=3600');
    res.sendRaw(200, bundle);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  outbox.start();
  const url = `http://127.0.0.1:${boundPort}`;
  log.info('listening', { url, publicBaseUrl: config.publicBaseUrl ?? null });

  return {
    url,
    port: boundPort,
    db,
    directory,
    policy,
    cases,
    outbox,
    outcomes,
    storage,
    bot,
    adapter: supportAdapter,
    directLine,
    log,
    async close() {
      await outbox.stop();
      directLine.closeAll();
      await changes.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

export type { Activity };
