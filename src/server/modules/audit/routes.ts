import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '#server/context.ts';
import { AuditPage, AuditQuery, ChainReport, CheckpointExport } from '#shared/audit/schemas.ts';
import { AppError } from '#shared/errors.ts';
import { canAnywhere, walksAuditChain } from '#shared/permissions.ts';
import { exportCheckpoints, listEvents, verifyChain } from './service.ts';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit/events',
    { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } },
    (req) => listEvents(req.ctx, req.query),
  );
  const mayWalk = (req: { ctx: Ctx }) => {
    if (!walksAuditChain(req.ctx.actor))
      throw new AppError(canAnywhere(req.ctx.actor, 'audit.read') ? 'forbidden' : 'not_found');
  };
  r.get('/api/audit/verify', { schema: { tags: ['audit'], response: { 200: ChainReport } } }, async (req) => {
    mayWalk(req);
    return verifyChain(req.ctx.db);
  });
  r.get(
    '/api/audit/checkpoints',
    { schema: { tags: ['audit'], response: { 200: CheckpointExport } } },
    async (req, reply) => {
      mayWalk(req);
      // Kept by the auditor outside this machine, then given back to `liem audit verify --against`.
      reply.header('content-disposition', 'attachment; filename="liem-audit-checkpoints.json"');
      return exportCheckpoints();
    },
  );
}
