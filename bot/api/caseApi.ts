/**
 * The support engineers' REST API over the case service: the queue, one case, its history, changes
 * and public replies. Every /api/cases route needs a bearer key from SUPPORT_API_KEYS; bodies and
 * queries are checked by the same zod schemas the OpenAPI document at /api/openapi.json is
 * generated from, so the document cannot drift from what the server accepts.
 *
 * Errors are `{ "error": { "code", "message" } }` with a one-line message, never a stack trace.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { CaseService } from '../../cases/caseService';
import { CaseError, parseInput, type CaseErrorCode } from '../../cases/errors';
import {
  CASE_NUMBER,
  caseEventSchema,
  caseUpdateSchema,
  queueFilterSchema,
  replySchema,
  supportCaseSchema,
  type Actor,
} from '../../cases/model';
import type { Logger } from '../log';
import { apiKeyMatcher, bearerToken } from './apiKeys';

export interface CaseApiDeps {
  cases: CaseService;
  /** From SUPPORT_API_KEYS (see parseApiKeys); none means every request is refused. */
  apiKeys: readonly string[];
  log?: Logger;
}

/** Bodies are small (a reply is at most 8,000 characters); anything far larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;

export const replyBodySchema = z.strictObject({
  text: replySchema,
  expectedVersion: z.number().int().positive().optional(),
});

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
const caseListSchema = z.object({ cases: z.array(supportCaseSchema), count: z.number().int() });
const eventListSchema = z.object({ events: z.array(caseEventSchema) });

const STATUS: Record<CaseErrorCode, number> = {
  forbidden: 403,
  'unknown-tenant': 404,
  'unknown-plan': 409,
  'invalid-time-zone': 400,
  'invalid-severity': 400,
  'invalid-input': 400,
  'too-long': 400,
  'case-not-found': 404,
  'invalid-transition': 409,
  'not-closed': 409,
  'reopen-window-expired': 409,
  'not-resolved': 409,
  'already-rated': 409,
  conflict: 409,
};

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ error: { code, message: message.split('\n')[0] } });
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  // Same codes and wording as the case service's own checks.
  return parseInput(schema, value, where);
}

/** The query string as an object; a repeated parameter (status=a&status=b) becomes "a,b". */
function queryObject(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(req.getQuery())) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

/** Works with or without restify's body parser in front (the server has one; tests may not). */
async function readJson(req: Request): Promise<unknown> {
  const body = (req as { body?: unknown }).body;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
  let text: string;
  if (typeof body === 'string') text = body;
  else if (Buffer.isBuffer(body)) text = body.toString('utf8');
  else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new ApiError(413, 'too-large', `request body larger than ${MAX_BODY_BYTES / 1024} KB`);
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  }
  if (!text.trim()) throw new ApiError(400, 'invalid-input', 'body: a JSON object is required');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid-json', 'body: not valid JSON');
  }
}

function caseNumberParam(req: Request): string {
  const value = String((req.params as Record<string, unknown> | undefined)?.number ?? '');
  if (!CASE_NUMBER.test(value.toUpperCase())) throw new ApiError(400, 'invalid-input', `"${value.slice(0, 40)}" is not a case number (expected SR- and six or more digits)`);
  return value.toUpperCase();
}

type Handler = (req: Request, res: Response, actor: Actor) => Promise<void>;

export function registerCaseApi(server: Server, deps: CaseApiDeps): void {
  const keys = apiKeyMatcher(deps.apiKeys);

  const guarded = (handler: Handler) =>
    async function caseApiRoute(req: Request, res: Response): Promise<void> {
      const fingerprint = keys.match(bearerToken(req.header('authorization')));
      if (!fingerprint) {
        res.header('WWW-Authenticate', 'Bearer realm="support-api"');
        return sendError(res, 401, 'unauthorized', 'a valid API key is required (Authorization: Bearer <key>)');
      }
      try {
        await handler(req, res, { kind: 'support-engineer', userId: `api-key:${fingerprint}` });
      } catch (err) {
        if (err instanceof CaseError) return sendError(res, STATUS[err.code] ?? 400, err.code, err.message);
        if (err instanceof ApiError) return sendError(res, err.status, err.code, err.message);
        deps.log?.error('case API request failed', { path: req.path(), err });
        sendError(res, 500, 'internal-error', 'internal error');
      }
    };

  server.get('/api/openapi.json', async function openApi(_req: Request, res: Response) {
    res.json(buildOpenApiDocument());
  });

  server.get(
    '/api/cases',
    guarded(async (req, res, actor) => {
      // The service checks the filter with the schema the OpenAPI parameters come from.
      const cases = await deps.cases.queue(actor, queryObject(req));
      res.json({ cases, count: cases.length });
    }),
  );

  server.get(
    '/api/cases/:number',
    guarded(async (req, res, actor) => {
      res.json(await deps.cases.view(actor, caseNumberParam(req)));
    }),
  );

  server.get(
    '/api/cases/:number/events',
    guarded(async (req, res, actor) => {
      res.json({ events: await deps.cases.events(actor, caseNumberParam(req)) });
    }),
  );

  server.patch(
    '/api/cases/:number',
    guarded(async (req, res, actor) => {
      const number = caseNumberParam(req);
      const update = parseWith(caseUpdateSchema, await readJson(req), 'body');
      res.json(await deps.cases.update(actor, number, update));
    }),
  );

  server.post(
    '/api/cases/:number/replies',
    guarded(async (req, res, actor) => {
      const number = caseNumberParam(req);
      const body = parseWith(replyBodySchema, await readJson(req), 'body');
      const updated = await deps.cases.reply(actor, number, body.text, { expectedVersion: body.expectedVersion });
      res.status(201);
      res.json(updated);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// OpenAPI
// ---------------------------------------------------------------------------------------------

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: string) => ({ 'application/json': { schema: ref(name) } });
const errorResponse = (description: string) => ({ description, content: jsonContent('Error') });

/** OpenAPI 3.1 (its schemas are JSON Schema 2020-12, which z.toJSONSchema produces). */
export function buildOpenApiDocument(): Record<string, unknown> {
  const numberParam = {
    name: 'number',
    in: 'path',
    required: true,
    description: 'The case number, e.g. SR-000123.',
    schema: { type: 'string', pattern: CASE_NUMBER.source },
  };
  const filterShape = queueFilterSchema.shape as Record<string, z.ZodType>;
  const queryDescriptions: Record<string, string> = {
    tenant: 'Only cases of this tenant id.',
    status: 'One status or several, comma-separated (new, in-progress, waiting-on-customer, resolved, closed, cancelled).',
    severity: 'A, B or C.',
    breached: 'true: only cases whose first-response objective is missed; false: only the others.',
    limit: 'At most this many cases (1-1000, default 200).',
  };
  const queryParams = Object.entries(filterShape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    description: queryDescriptions[name],
    schema: jsonSchema(schema, 'input'),
  }));
  const common = {
    '400': errorResponse('Bad input: the message names the field.'),
    '401': errorResponse('Missing or wrong API key.'),
  };
  const onCase = { ...common, '404': errorResponse('No such case.') };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Support cases API',
      version: '1.0.0',
      description:
        "The support engineers' view of the case queue. Every change goes through the case service: the same rules as the bot's dialogs, one event per change in the case history, notifications to the tenant's administrators.",
    },
    security: [{ bearerAuth: [] }],
    paths: {
      '/api/cases': {
        get: {
          operationId: 'listCases',
          summary: 'The case queue, most urgent due time first',
          parameters: queryParams,
          responses: { '200': { description: 'The matching cases.', content: jsonContent('CaseList') }, ...common },
        },
      },
      '/api/cases/{number}': {
        parameters: [numberParam],
        get: {
          operationId: 'getCase',
          summary: 'One case',
          responses: { '200': { description: 'The case.', content: jsonContent('SupportCase') }, ...onCase },
        },
        patch: {
          operationId: 'updateCase',
          summary: 'Change status, severity and/or assignee',
          description: 'A severity change recomputes the due time from the creation time. With expectedVersion, a case changed since is refused (409).',
          requestBody: { required: true, content: jsonContent('CaseUpdate') },
          responses: {
            '200': { description: 'The updated case.', content: jsonContent('SupportCase') },
            ...onCase,
            '409': errorResponse('Not allowed in the current status, or changed by someone else.'),
          },
        },
      },
      '/api/cases/{number}/events': {
        parameters: [numberParam],
        get: {
          operationId: 'listCaseEvents',
          summary: "The case's history, oldest first",
          responses: { '200': { description: 'The events.', content: jsonContent('EventList') }, ...onCase },
        },
      },
      '/api/cases/{number}/replies': {
        parameters: [numberParam],
        post: {
          operationId: 'replyToCase',
          summary: 'A public reply to the customer; the first one records the first response (met or breached)',
          requestBody: { required: true, content: jsonContent('ReplyInput') },
          responses: {
            '201': { description: 'The case after the reply.', content: jsonContent('SupportCase') },
            ...onCase,
            '409': errorResponse('The case is closed or cancelled, or changed by someone else.'),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A key from SUPPORT_API_KEYS.' } },
      schemas: {
        SupportCase: jsonSchema(supportCaseSchema, 'output'),
        CaseList: { ...jsonSchema(caseListSchema, 'output'), properties: { cases: { type: 'array', items: ref('SupportCase') }, count: { type: 'integer' } } },
        CaseEvent: jsonSchema(caseEventSchema, 'output'),
        EventList: { ...jsonSchema(eventListSchema, 'output'), properties: { events: { type: 'array', items: ref('CaseEvent') } } },
        CaseUpdate: jsonSchema(caseUpdateSchema, 'input'),
        ReplyInput: jsonSchema(replyBodySchema, 'input'),
        Error: jsonSchema(errorSchema, 'output'),
      },
    },
  };
}
