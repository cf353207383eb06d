import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { fastifyRequestContext } from '@fastify/request-context';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from '@fastify/type-provider-zod';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cleanDeep } from '#shared/text.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { migrationsApplied } from './db/migrate.ts';
import type { PageDrawer } from './http/drawn-pages.ts';
import { sendError } from './http/errors.ts';
import { registerPublic, registerRequestContext, type Services } from './http/plugin.ts';
import { databaseRateStore } from './http/rate-store.ts';
import { registerStaffApp } from './http/staff-app.ts';
import type { Jobs } from './jobs/queue.ts';
import { safeError } from './log.ts';
import { createMailer, type Mailer } from './mail.ts';
import { loadAuditKeys } from './modules/audit/keys.ts';
import { anchorAuditChain } from './modules/audit/service.ts';
import { deadlineSources, modules } from './modules/index.ts';
import { deadlineRoutes } from './platform/deadlines.ts';
import { metricRoutes } from './platform/metrics.ts';
import { portalRoutes } from './portal/routes.tsx';
import { serverTiming } from './timing.ts';

export type App = FastifyInstance;

export interface AppDeps {
  config: Config;
  database: Database;
  jobs: Jobs;
  clock?: Clock;
  mailer?: Mailer;
  /** Pino destination for tests that read the logs. */
  logStream?: NodeJS.WritableStream;
  /** Where the staff app's build is and what draws its pages (tests give their own; else the build's). */
  staffApp?: { dist: string; drawer?: PageDrawer };
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Never log addresses, user agents, query strings or bodies (DESIGN §7).
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? 'unknown' }),
        res: (res) => ({ statusCode: res.statusCode }),
        err: safeError,
      },
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // A hop count trusts that many proxies nearest to us (proxy-addr walks X-Forwarded-For from the right).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('liemConfig', config);
  loadAuditKeys(config.dataDir);
  await anchorAuditChain(deps.database.db, (deps.clock ?? systemClock).now());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => sendError(req, reply, err));
  app.setNotFoundHandler((req, reply) =>
    sendError(req, reply, Object.assign(new Error('not found'), { statusCode: 404 })),
  );

  const services: Services = {
    database: deps.database,
    config,
    clock: deps.clock ?? systemClock,
    mailer: deps.mailer ?? createMailer(config, app.log),
    jobs: deps.jobs,
  };

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  // Addresses are never written anywhere (DESIGN §7): counters are in memory, or in the database under
  // a keyed hash of route and address when several instances must share them (ADR 0002).
  await app.register(rateLimit, {
    global: false,
    ...(config.rateLimitStore === 'database' ? { store: databaseRateStore(deps.database.db) } : {}),
  });
  await app.register(multipart, {
    limits: { fileSize: config.uploadMaxBytes, files: 10, fields: 20, fieldSize: 64 * 1024 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Liêm API',
        version: '0.1.0',
        description: 'API của Liêm — nền tảng phòng, chống tham nhũng, tiêu cực',
      },
      tags: [...modules.map((m) => m.name), 'home', 'system'].map((name) => ({ name })),
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'liem_session' } } },
    },
    // An upload is read from the stream by its route (http/multipart.ts), not validated as a body: the
    // document still shows that it takes one, so clients and the fuzz tests find every upload.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const consumes = (input.schema as { consumes?: string[] } | undefined)?.consumes;
      if (consumes?.includes('multipart/form-data'))
        out.schema = {
          ...out.schema,
          body: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
        };
      return out;
    },
  });
  await registerPublic(app, async (docs) => {
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // What the API answers is someone's data (a declaration in Word, a register in Excel): never kept by a
    // browser or proxy unless the route says otherwise (re-test INFO: the Word downloads had no header).
    if (req.routeOptions.url?.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'private, no-store');
    if (req.ctx?.timings?.length) reply.header('server-timing', serverTiming(req.ctx.timings));
  });
  app.addHook('preValidation', async (req) => {
    // One place for the whole API and the portal: every string a client sends, NFC and without control,
    // bidi-override or noncharacter code points (shared/text.ts). Multipart fields are cleaned as read.
    if (req.body && typeof req.body === 'object') req.body = cleanDeep(req.body);
    if (req.query && typeof req.query === 'object') req.query = cleanDeep(req.query) as typeof req.query;
  });
  // Whose request is running, for work that takes turns between people (platform/threads.ts).
  await app.register(fastifyRequestContext);
  registerRequestContext(app, services);

  app.get(
    '/health',
    {
      schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }) } },
      config: { access: 'public' },
    },
    async () => ({
      status: 'ok' as const,
    }),
  );
  app.get(
    '/ready',
    {
      schema: {
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.string() }) },
      },
      config: { access: 'public' },
    },
    async (_req, reply) => {
      const ok = await migrationsApplied(deps.database).catch(() => false);
      return ok ? { status: 'ready' as const } : reply.status(503).send({ status: 'not_ready' });
    },
  );

  for (const m of modules) if (m.routes) await app.register(m.routes);
  await app.register(deadlineRoutes(deadlineSources()));
  await app.register(metricRoutes());
  await app.register(portalRoutes);
  await registerStaffApp(app, deps.staffApp?.dist, deps.staffApp?.drawer);
  return app;
}
