import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { vnToday } from '#server/clock.ts';
import { DeclarationParameter, ParameterVersionBody } from '#shared/declarations/schemas.ts';
import { isoDate } from '#shared/validation.ts';
import * as svc from './service.ts';

export async function declarationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['declarations'];
  // Reference data every signed-in user may read: the thresholds a declaration of a date is judged by.
  r.get(
    '/api/declarations/parameters',
    {
      schema: {
        tags,
        querystring: z.strictObject({ on: isoDate().optional(), history: z.enum(['true']).optional() }),
        response: { 200: z.array(DeclarationParameter) },
      },
    },
    (req) =>
      req.query.history
        ? svc.parameterHistory(req.ctx.db)
        : svc.parametersOn(req.ctx.db, req.query.on ?? vnToday(req.ctx.clock.now())),
  );
  r.post(
    '/api/declarations/parameters',
    { schema: { tags, body: ParameterVersionBody, response: { 201: DeclarationParameter } } },
    async (req, reply) => reply.status(201).send(await svc.createParameterVersion(req.ctx, req.body)),
  );
}
