import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  GrantCreate,
  KeysActivated,
  MyWaitingGrants,
  PasswordIssued,
  PasswordLinkSent,
  PendingGrants,
  UserCreate,
  UserCreated,
  UserDetail,
  UserPage,
  UserQuery,
  UserStatusBody,
  UserUpdate,
  VouchBody,
} from '#shared/users/schemas.ts';
import { IdParams, uuid } from '#shared/validation.ts';
import * as svc from './service.ts';
import { myWaitingGrants } from './vouch.ts';

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get('/api/users', { schema: { tags, querystring: UserQuery, response: { 200: UserPage } } }, (req) =>
    svc.listUsers(req.ctx, req.query),
  );
  r.post(
    '/api/users',
    { schema: { tags, body: UserCreate, response: { 201: UserCreated } } },
    async (req, reply) => reply.status(201).send(await svc.createUser(req.ctx, req.body)),
  );
  r.get('/api/users/:id', { schema: { tags, params: IdParams, response: { 200: UserDetail } } }, (req) =>
    svc.getUser(req.ctx, req.params.id),
  );
  r.patch(
    '/api/users/:id',
    { schema: { tags, params: IdParams, body: UserUpdate, response: { 200: UserDetail } } },
    (req) => svc.updateUser(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/users/:id/status',
    { schema: { tags, params: IdParams, body: UserStatusBody, response: { 200: UserDetail } } },
    (req) => svc.setUserStatus(req.ctx, req.params.id, req.body.status),
  );
  r.post(
    '/api/users/:id/reset-password',
    { schema: { tags, params: IdParams, response: { 200: PasswordIssued } } },
    (req) => svc.resetPasswordByAdmin(req.ctx, req.params.id),
  );
  r.post(
    '/api/users/:id/password-link',
    { schema: { tags, params: IdParams, response: { 200: PasswordLinkSent } } },
    (req) => svc.sendPasswordLink(req.ctx, req.params.id),
  );
  r.post(
    '/api/users/:id/reset-totp',
    { schema: { tags, params: IdParams, response: { 200: UserDetail } } },
    (req) => svc.resetTotp(req.ctx, req.params.id),
  );
  r.post(
    '/api/users/:id/grants',
    { schema: { tags, params: IdParams, body: GrantCreate, response: { 200: UserDetail } } },
    (req) => svc.addGrant(req.ctx, req.params.id, req.body),
  );
  // Any signed-in person: their own grants waiting for a colleague, with the code to read out in person.
  r.get('/api/grants/mine', { schema: { tags, response: { 200: MyWaitingGrants } } }, (req) =>
    myWaitingGrants(req.ctx.db, req.ctx.actor.userId!),
  );
  r.get('/api/grants/pending', { schema: { tags, response: { 200: PendingGrants } } }, (req) =>
    svc.pendingGrants(req.ctx),
  );
  r.post(
    '/api/grants/:id/approve',
    {
      // A code read out in person is typed a few times at most; guessing is slowed further (sec29 T3).
      config: { rateLimit: { max: app.liemConfig.authRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags, params: IdParams, body: VouchBody, response: { 200: UserDetail } },
    },
    (req) => svc.approveGrant(req.ctx, req.params.id, req.body.code),
  );
  r.post(
    '/api/grants/:id/activate-keys',
    {
      // A code read out in person is typed a few times at most; guessing is slowed further (sec29 T3).
      config: { rateLimit: { max: app.liemConfig.authRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags, params: IdParams, body: VouchBody, response: { 200: KeysActivated } },
    },
    (req) => svc.activateGrantKeys(req.ctx, req.params.id, req.body.code),
  );
  r.delete(
    '/api/users/:id/grants/:grantId',
    {
      schema: {
        tags,
        params: z.strictObject({ id: uuid(), grantId: uuid() }),
        response: { 200: UserDetail },
      },
    },
    (req) => svc.removeGrant(req.ctx, req.params.id, req.params.grantId),
  );
}
