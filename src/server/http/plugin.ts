import { createHmac, randomBytes } from 'node:crypto';
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
/**
 * A route's access: `active` (fully signed in; the default), `session` (a sign-in step), `public` (no
 * sign-in needed), `anonymous` (the reporters' portal: the request acts as no one — a staff session the
 * browser also carries is not even read, and no request id is kept, so nothing a reporter does there is
 * tied to an account).
 */
export type Access = 'public' | 'anonymous' | 'session' | 'active';

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
    /**
     * The request's moment must not be kept (an official's report: the log's time beside the audited
     * sign-in would name the sender; re-test sec23 F2): only its failures are logged. Every `anonymous`
     * route is untimed too.
     */
    untimed?: boolean;
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
const ADDRESS_KEY = randomBytes(32);
const addressKey = (ip: string) =>
  createHmac('sha256', ADDRESS_KEY).update(networkOf(ip)).digest('base64url').slice(0, 22);

/**
 * The network an address stands for when taking turns: an IPv4 address itself, an IPv6 address's /64
 * (one host is usually given a whole /64, so its addresses are one network; the issue-15 re-test, M3).
 */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Session → actor → ctx for every /api request, with stage and CSRF checks. */
export function registerRequestContext(app: FastifyInstance, services: Services) {
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRoute', (route) => {
    if (route.config?.untimed || route.config?.access === 'anonymous') route.logLevel = 'error';
  });

  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLanguage(req.headers['accept-language']);
    const anonymous = !req.is404 && req.routeOptions.config?.access === 'anonymous';
    const token = anonymous ? undefined : req.cookies[SESSION_COOKIE];
    req.session = token
      ? await loadSession(
          services.database.db,
          token,
          services.clock.now(),
          services.config.sessionIdleMinutes,
        )
      : null;
    // Grants act, and the report keyring opens, only once every sign-in step is done: a password alone
    // (stage totp) gives a session that can finish signing in and nothing else. The keyring also opens
    // while changing the password, so the private key can be re-wrapped for the new one.
    const stage = req.session?.stage;
    const actor: Actor = req.session
      ? stage === 'active'
        ? actorOf(req.session)
        : { kind: 'user', userId: req.session.user.id, grants: [] }
      : { ...systemActor, kind: 'user' };
    req.ctx = {
      db: services.database.db,
      actor,
      log: req.log,
      clock: services.clock,
      config: services.config,
      requestId: anonymous ? null : req.id,
      lang: req.lang,
      mailer: services.mailer,
      jobs: services.jobs,
      sessionId: req.session?.id,
      sessionKey:
        token && (stage === 'active' || stage === 'change_password') ? sessionKeyOf(token) : undefined,
      timings: [],
    };
    req.requestContext.set('owner', req.session ? req.session.user.id : 'anonymous');
    // A client that goes away before its answer: work it queued is dropped (platform/threads.ts).
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) gone.abort();
    });
    req.requestContext.set('signal', gone.signal);
    // The portal's requests take turns by address within their shared turn: a keyed hash under a key
    // that lives in this process only, never stored, logged or sent anywhere.
    if (!req.session) req.requestContext.set('address', addressKey(req.ip));
    checkAccess(req, reply);
  });
}

/**
 * A browser's word that a request comes from another site: Sec-Fetch-Site where it is sent, otherwise an
 * Origin naming another host. "null" is not decisive here: same-origin fetches under Referrer-Policy
 * no-referrer send it; routes without a session token (portal forms) refuse it themselves.
 */
export function crossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return false;
  try {
    const o = new URL(origin);
    return o.host !== new URL(`${o.protocol}//${req.host}`).host;
  } catch {
    return true;
  }
}

/**
 * Runs before the body is parsed: unauthenticated or forged requests are refused before anything else.
 * Access is the matched route's declared access (fully signed in unless the route opts out), never the
 * URL's text: the router decodes and normalises paths that a prefix test would read differently.
 */
function checkAccess(req: FastifyRequest, reply: FastifyReply) {
  const unsafe = !SAFE_METHODS.has(req.method);
  // Every state-changing request, whatever its route, is refused when a browser says it is cross-site.
  if (unsafe && crossSite(req)) throw new AppError('csrf');
  if (req.is404) return; // no route matched: the not-found handler answers, with nothing to protect
  const config = req.routeOptions.config;
  const access: Access = config?.access ?? 'active';
  if (access === 'public' || access === 'anonymous') return;
  const session = req.session;
  if (!session) {
    const hadCookie = !!req.cookies[SESSION_COOKIE];
    if (hadCookie) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new AppError(hadCookie ? 'session_expired' : 'unauthenticated');
  }
  const allowed = access === 'active' ? ['active'] : (config?.stages ?? ['active']);
  if (!allowed.includes(session.stage))
    throw new AppError('stage_required', { values: { stage: session.stage } });
  if (unsafe && !verifyCsrf(session, req.headers['x-csrf-token'] as string | undefined)) {
    throw new AppError('csrf');
  }
}

/**
 * Routes registered inside `fn` are public: for libraries' routes (API docs, static files), whose plugins
 * cannot declare access themselves, the declaration is added as each route is registered in this scope.
 */
export async function registerPublic(app: FastifyInstance, fn: (scope: FastifyInstance) => Promise<void>) {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'public' };
    });
    await fn(scope);
  });
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
