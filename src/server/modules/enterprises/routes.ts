import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Enterprise,
  EnterpriseUpdate,
  Registration,
  RegistrationQuery,
  RejectBody,
} from '#shared/enterprises/schemas.ts';
import { IdParams } from '#shared/validation.ts';
import * as svc from './service.ts';

export async function enterpriseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];
  r.get(
    '/api/enterprise-registrations',
    { schema: { tags, querystring: RegistrationQuery, response: { 200: z.array(Registration) } } },
    (req) => svc.listRegistrations(req.ctx, req.query),
  );
  r.post(
    '/api/enterprise-registrations/:id/approve',
    { schema: { tags, params: IdParams, response: { 200: Registration } } },
    (req) => svc.approve(req.ctx, req.params.id),
  );
  r.post(
    '/api/enterprise-registrations/:id/reject',
    { schema: { tags, params: IdParams, body: RejectBody, response: { 200: Registration } } },
    (req) => svc.reject(req.ctx, req.params.id, req.body.reason),
  );
  r.get('/api/enterprises/mine', { schema: { tags, response: { 200: z.array(Enterprise) } } }, (req) =>
    svc.myEnterprises(req.ctx),
  );
  r.patch(
    '/api/enterprises/:id',
    { schema: { tags, params: IdParams, body: EnterpriseUpdate, response: { 200: Enterprise } } },
    (req) => svc.updateEnterprise(req.ctx, req.params.id, req.body),
  );
}
