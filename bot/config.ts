import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

/**
 * Every setting the process reads, validated once at start-up. A wrong value stops the process with
 * one line naming the variable (see `ConfigError`), never half-way through a conversation.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const environmentSchema = z.object({
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: optionalText.pipe(z.url({ message: 'expected an absolute http(s) URL' }).optional()),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/, { message: 'expected postgres://… or sqlite:<file>' })
      .optional(),
  ),
  SQLITE_FILE: z.string().min(1).default('./data/support-bot.sqlite'),
  DEMO_MODE: optionalText.pipe(booleanFlag.optional()),
  HELP_SITE_JWT_SECRET: optionalText.pipe(z.string().min(32, { message: 'must be at least 32 characters' }).optional()),
  DIRECTLINE_TOKEN_SECRET: optionalText.pipe(
    z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ),
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number({ message: 'expected a number of seconds' }).int().min(60).max(86400).default(1800),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  TEAMS_APP_ID: optionalText.pipe(z.uuid({ message: 'expected a GUID' }).optional()),
  BOT_NAME: z.string().min(1).max(30).default('Support'),
  SUPPORT_ENGINEERS: optionalText.pipe(
    z
      .string()
      .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
      .optional(),
  ),
  SUPPORT_QUEUE_CONVERSATION: optionalText.pipe(
    z
      .string()
      .transform((v, ctx) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'expected JSON: {"channelId","serviceUrl","conversationId","tenantId"}' });
          return z.NEVER;
        }
      })
      .pipe(
        z.strictObject(
          {
            channelId: z.string().min(1),
            serviceUrl: z.url(),
            conversationId: z.string().min(1),
            tenantId: z.string().min(1).optional(),
          },
          { message: 'expected {"channelId","serviceUrl","conversationId","tenantId"}' },
        ),
      )
      .optional(),
  ),
  SUPPORT_API_KEYS: optionalText.pipe(
    z
      .string()
      .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
      .pipe(z.array(z.string().min(24, { message: 'each key must be at least 24 characters' })))
      .optional(),
  ),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface AppConfig {
  port: number;
  host: string;
  /** Where Bot Framework and Web Chat reach this server; the Direct Line serviceUrl points here. */
  publicBaseUrl?: string;
  appId?: string;
  appPassword?: string;
  appType: Environment['MicrosoftAppType'];
  appTenantId?: string;
  /** Local mode: no Bot Framework credentials, requests to /api/messages are not authenticated. */
  localMode: boolean;
  demoMode: boolean;
  database: { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };
  helpSiteJwtSecret?: string;
  directLineTokenSecret?: string;
  directLineTokenTtlSeconds: number;
  logLevel: Environment['LOG_LEVEL'];
  teamsAppId?: string;
  botName: string;
  /** Bearer keys of the support engineers' REST API; none means the API answers 401 to everyone. */
  supportApiKeys: string[];
  /** User ids (Teams AAD object ids, or help-site ids) of the vendor's support engineers. */
  supportEngineers: string[];
  /** Where new cases are posted when no engineer has run `register queue` (a Teams channel). */
  supportQueue?: { channelId: string; serviceUrl: string; conversationId: string; tenantId?: string };
}

export class ConfigError extends Error {}

/** Reads `.env` (when present) under the real environment: a variable already set wins. */
export function environmentWithDotenv(env: NodeJS.ProcessEnv, dotenvPath = '.env'): NodeJS.ProcessEnv {
  if (!existsSync(dotenvPath)) return env;
  const fromFile = parseDotenv(readFileSync(dotenvPath));
  return { ...fromFile, ...env };
}

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue.path.length ? String(issue.path[0]) : 'environment';
    throw new ConfigError(`Configuration error: ${variable}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Configuration error: MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    throw new ConfigError('Configuration error: MicrosoftAppTenantId: required for a SingleTenant app');
  }
  const localMode = !e.MicrosoftAppId;
  if (e.DEMO_MODE === true && !localMode) {
    throw new ConfigError('Configuration error: DEMO_MODE: demo users cannot be enabled when MicrosoftAppId is set');
  }
  let database: AppConfig['database'];
  if (e.DATABASE_URL?.startsWith('sqlite:')) database = { engine: 'sqlite', file: e.DATABASE_URL.slice('sqlite:'.length) };
  else if (e.DATABASE_URL) database = { engine: 'postgres', url: e.DATABASE_URL };
  else database = { engine: 'sqlite', file: e.SQLITE_FILE };
  return {
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    appId: e.MicrosoftAppId,
    appPassword: e.MicrosoftAppPassword,
    appType: e.MicrosoftAppType,
    appTenantId: e.MicrosoftAppTenantId,
    localMode,
    demoMode: localMode && e.DEMO_MODE !== false,
    database,
    helpSiteJwtSecret: e.HELP_SITE_JWT_SECRET,
    directLineTokenSecret: e.DIRECTLINE_TOKEN_SECRET,
    directLineTokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    teamsAppId: e.TEAMS_APP_ID,
    botName: e.BOT_NAME,
    supportApiKeys: e.SUPPORT_API_KEYS ?? [],
    supportEngineers: e.SUPPORT_ENGINEERS ?? [],
    supportQueue: e.SUPPORT_QUEUE_CONVERSATION,
  };
}

/** The variables, their defaults and meaning, for `--help` and kept in step with the README. */
export const CONFIG_DOCS: ReadonlyArray<[name: string, fallback: string, meaning: string]> = [
  ['PORT', '3978', 'HTTP port'],
  ['HOST', '0.0.0.0', 'interface to listen on'],
  ['PUBLIC_BASE_URL', 'http://localhost:PORT', 'public https URL of this server (Direct Line serviceUrl, Teams manifest)'],
  ['MicrosoftAppId', '(none: local mode)', 'Azure Bot app id; when set, /api/messages requires Bot Framework tokens'],
  ['MicrosoftAppPassword', '(none)', 'client secret of the app'],
  ['MicrosoftAppType', 'MultiTenant', 'MultiTenant, SingleTenant or UserAssignedMSI'],
  ['MicrosoftAppTenantId', '(none)', 'tenant of a SingleTenant app'],
  ['DATABASE_URL', '(none: SQLite)', 'postgres://user@host:port/db for PostgreSQL, or sqlite:<file>'],
  ['SQLITE_FILE', './data/support-bot.sqlite', 'SQLite file when DATABASE_URL is not set'],
  ['DEMO_MODE', 'true in local mode', 'offer the demo directory users on the web chat page (never with MicrosoftAppId)'],
  ['HELP_SITE_JWT_SECRET', '(none)', 'HS256 secret the help site signs user tokens with (>= 32 chars)'],
  ['DIRECTLINE_TOKEN_SECRET', '(random per start)', 'secret for built-in Direct Line tokens; set it so tokens survive restarts'],
  ['DIRECTLINE_TOKEN_TTL_SECONDS', '1800', 'lifetime of a Direct Line token'],
  ['LOG_LEVEL', 'info', 'debug, info, warn or error'],
  ['TEAMS_APP_ID', '(MicrosoftAppId)', 'id of the Teams app package'],
  ['BOT_NAME', 'Support', 'short name shown in Teams and the web chat'],
  ['SUPPORT_ENGINEERS', '(none; demo: sam)', 'comma-separated user ids (Teams AAD object ids) of support engineers'],
  ['SUPPORT_QUEUE_CONVERSATION', '(none: register queue)', 'JSON {channelId, serviceUrl, conversationId, tenantId} of the channel that receives new cases'],
  ['SUPPORT_API_KEYS', '(none: API closed)', 'comma-separated bearer keys for /api/cases (support engineers), >= 24 chars each'],
];
