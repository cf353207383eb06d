import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE, setSessionCookie } from '#server/http/plugin.ts';
import {
  ChangePasswordBody,
  LoginBody,
  RecoveryBody,
  RecoveryCodes,
  ResetConfirmBody,
  ResetRequestBody,
  SessionInfo,
  type Stage,
  stages,
  TotpBody,
  TotpEnrolBody,
  TotpEnrolment,
} from '#shared/auth/schemas.ts';
import * as auth from './service.ts';

const StageBody = z.object({ stage: z.enum(stages) });

/** One client for the sign-in throttle: an IPv6 address by its /64, which one subscriber usually holds whole. */
export function clientOf(ip: string): string {
  if (!ip.includes(':') || ip.startsWith('::ffff:')) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/**
 * Once a sign-in is complete, the browser is remembered for the account (see `deviceToken`): failures
 * from other clients never lock its owner out of it.
 */
function rememberDevice(req: FastifyRequest, reply: FastifyReply, stage: Stage, username: string) {
  if (stage !== 'active') return stage;
  const name = auth.deviceCookieName(username);
  if (!auth.knownDevice(username, req.cookies[name]))
    reply.setCookie(name, auth.deviceToken(username), {
      path: '/api/auth',
      httpOnly: true,
      secure: req.ctx.config.cookieSecure,
      sameSite: 'strict',
      maxAge: 400 * 86_400,
    });
  return stage;
}

/** The request for a reset link is answered no sooner than this, found or not. */
const RESET_ANSWER_MS = 150;

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authLimit = { rateLimit: { max: app.liemConfig.authRateLimitPerMinute, timeWindow: '1 minute' } };

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: LoginBody, response: { 200: SessionInfo } },
      config: { access: 'public', ...authLimit },
    },
    async (req, reply) => {
      // The client counts failures apart from other clients' (an HMAC of it is kept, never the address).
      const { token, session } = await auth.login(req.ctx, {
        ...req.body,
        client: clientOf(req.ip),
        device: req.cookies[auth.deviceCookieName(req.body.username)],
      });
      setSessionCookie(reply, token, req.ctx.config, session.expiresAt);
      rememberDevice(req, reply, session.stage, session.user.username);
      return auth.sessionInfo(session);
    },
  );

  r.get(
    '/api/auth/session',
    {
      schema: { tags: ['auth'], response: { 200: SessionInfo } },
      config: { access: 'session', stages: [...stages] },
    },
    async (req) => auth.sessionInfo(req.session!),
  );

  r.post(
    '/api/auth/totp',
    {
      schema: { tags: ['auth'], body: TotpBody, response: { 200: StageBody } },
      config: { access: 'session', stages: ['totp'], ...authLimit },
    },
    async (req, reply) => ({
      stage: rememberDevice(
        req,
        reply,
        await auth.verifyTotp(req.ctx, req.session!, req.body.code),
        req.session!.user.username,
      ),
    }),
  );

  r.post(
    '/api/auth/recovery',
    {
      schema: { tags: ['auth'], body: RecoveryBody, response: { 200: StageBody } },
      config: { access: 'session', stages: ['totp'], ...authLimit },
    },
    async (req, reply) => ({
      stage: rememberDevice(
        req,
        reply,
        await auth.useRecoveryCode(req.ctx, req.session!, req.body.code),
        req.session!.user.username,
      ),
    }),
  );

  r.post(
    '/api/auth/totp/enrol',
    {
      schema: { tags: ['auth'], body: TotpEnrolBody.nullish(), response: { 200: TotpEnrolment } },
      config: { access: 'session', stages: ['enrol_totp', 'active'], ...authLimit },
    },
    async (req) => auth.startTotpEnrolment(req.ctx, req.session!, req.body?.currentPassword),
  );

  r.post(
    '/api/auth/totp/confirm',
    {
      schema: {
        tags: ['auth'],
        body: TotpBody,
        response: { 200: RecoveryCodes.extend({ stage: z.enum(stages) }) },
      },
      config: { access: 'session', stages: ['enrol_totp', 'active'], ...authLimit },
    },
    async (req, reply) => {
      const out = await auth.confirmTotpEnrolment(req.ctx, req.session!, req.body.code);
      rememberDevice(req, reply, out.stage, req.session!.user.username);
      return out;
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: StageBody } },
      config: { access: 'session', stages: ['change_password', 'active'], ...authLimit },
    },
    async (req, reply) => ({
      stage: rememberDevice(
        req,
        reply,
        await auth.changePassword(req.ctx, req.session!, req.body),
        req.session!.user.username,
      ),
    }),
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], response: { 204: z.null() } },
      config: { access: 'session', stages: [...stages] },
    },
    async (req, reply) => {
      await auth.logout(req.ctx, req.session!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/password-reset/request',
    {
      schema: {
        tags: ['auth'],
        body: ResetRequestBody,
        response: { 202: z.object({ status: z.literal('accepted') }) },
      },
      config: { access: 'public', ...authLimit },
    },
    async (req, reply) => {
      // Answered after the same time whether or not a link was made and mailed, so its timing does not
      // tell which addresses have an account (re-test sec29 T4).
      const answerAt = Date.now() + RESET_ANSWER_MS;
      await auth.requestPasswordReset(req.ctx, req.body.email);
      await new Promise((r) => setTimeout(r, Math.max(0, answerAt - Date.now())));
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  r.post(
    '/api/auth/password-reset/confirm',
    {
      schema: { tags: ['auth'], body: ResetConfirmBody, response: { 204: z.null() } },
      config: { access: 'public', ...authLimit },
    },
    async (req, reply) => {
      await auth.confirmPasswordReset(req.ctx, req.body);
      return reply.status(204).send(null);
    },
  );
}
