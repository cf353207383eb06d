import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { AuditPage, AuditQuery, ChainReport } from '#shared/audit/schemas.ts';
import { AppError } from '#shared/errors.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { listEvents, verifyChain } from './service.ts';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit/events',
    { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } },
    (req) => listEvents(req.ctx, req.query),
  );
  r.get('/api/audit/verify', { schema: { tags: ['audit'], response: { 200: ChainReport } } }, async (req) => {
    // The chain spans every unit: administrators and auditors may walk it (it shows no content).
    if (!req.ctx.actor.grants.some((g) => g.role === 'admin' || g.role === 'auditor'))
      throw new AppError(canAnywhere(req.ctx.actor, 'audit.read') ? 'forbidden' : 'not_found');
    return verifyChain(req.ctx.db);
  });
}
