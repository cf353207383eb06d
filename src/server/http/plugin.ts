import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '#server/clock.ts';
import type { Config } from '#server/config.ts';
import type { Ctx } from '#server/context.ts';
import type { Database } from '#server/db/client.ts';
import type { Jobs } from '#server/jobs/queue.ts';
import type { Mailer } from '#server/mail.ts';
import { actorOf, type LoadedSession, loadSession, verifyCsrf } from '#server/modules/auth/service.ts';
import { sessionKeyOf } from '#server/modules/keys/service.ts';
import type { Stage } from '#shared/auth/schemas.ts';
import { AppError } from '#shared/errors.ts';
import { type Language, pickLanguage } from '#shared/i18n/index.ts';
import { type Actor, systemActor } from '#shared/permissions.ts';

export const SESSION_COOKIE = 'liem_session';

/** How a route is reached: open to all, with a session at any sign-in stage, or fully signed in (default). */
export type Access = 'public' | 'session' | 'active';

declare module 'fastify' {
  interface FastifyInstance {
    liemConfig: Config;
  }
  interface FastifyRequest {
    lang: Language;
    session: LoadedSession | null;
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Sign-in stages allowed for access 'session'. */
    stages?: Stage[];
  }
}

export interface Services {
  database: Database;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  jobs: Jobs;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Session → actor → ctx for every /api request, with stage and CSRF checks. */
export function registerRequestContext(app: FastifyInstance, services: Services) {
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null as unknown as Ctx);

  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLanguage(req.headers['accept-language']);
    const token = req.cookies[SESSION_COOKIE];
    req.session = token
      ? await loadSession(
          services.database.db,
          token,
          services.clock.now(),
          services.config.sessionIdleMinutes,
        )
      : null;
    const actor: Actor = req.session ? actorOf(req.session) : { ...systemActor, kind: 'user' };
    req.ctx = {
      db: services.database.db,
      actor,
      log: req.log,
      clock: services.clock,
      config: services.config,
      requestId: req.id,
      lang: req.lang,
      mailer: services.mailer,
      jobs: services.jobs,
      sessionId: req.session?.id,
      sessionKey: req.session && token ? sessionKeyOf(token) : undefined,
      timings: [],
    };
    checkAccess(req, reply);
  });
}

/** Runs before the body is parsed: unauthenticated or forged requests are refused before anything else. */
function checkAccess(req: FastifyRequest, reply: FastifyReply) {
  const open = !req.url.startsWith('/api/') || req.url.startsWith('/api/docs');
  const access: Access = req.routeOptions.config?.access ?? (open ? 'public' : 'active');
  if (access === 'public') return;
  const session = req.session;
  if (!session) {
    const hadCookie = !!req.cookies[SESSION_COOKIE];
    if (hadCookie) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new AppError(hadCookie ? 'session_expired' : 'unauthenticated');
  }
  const allowed = access === 'active' ? ['active'] : (req.routeOptions.config?.stages ?? ['active']);
  if (!allowed.includes(session.stage))
    throw new AppError('stage_required', { values: { stage: session.stage } });
  if (
    !SAFE_METHODS.has(req.method) &&
    !verifyCsrf(session, req.headers['x-csrf-token'] as string | undefined)
  ) {
    throw new AppError('csrf');
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Config, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'strict',
    expires: expiresAt,
  });
}
