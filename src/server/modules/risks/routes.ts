import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  HeatMap,
  Risk,
  RiskCreate,
  RiskPage,
  RiskQuery,
  RiskUpdate,
  Thresholds,
  ThresholdsUpdate,
} from '#shared/risks/schemas.ts';
import { IdParams, uuid } from '#shared/validation.ts';
import * as svc from './service.ts';

const tags = ['risks'];

export async function riskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/risks', { schema: { tags, querystring: RiskQuery, response: { 200: RiskPage } } }, (req) =>
    svc.listRisks(req.ctx, req.query),
  );
  r.post(
    '/api/risks',
    { schema: { tags, body: RiskCreate, response: { 200: z.object({ id: z.string() }) } } },
    (req) => svc.createRisk(req.ctx, req.body),
  );
  r.get(
    '/api/risks/heat-map',
    {
      schema: {
        tags,
        querystring: z.strictObject({ unitId: uuid().optional() }),
        response: { 200: HeatMap },
      },
    },
    (req) => svc.heatMap(req.ctx, req.query.unitId),
  );
  r.put(
    '/api/risks/thresholds',
    { schema: { tags, body: ThresholdsUpdate, response: { 200: Thresholds } } },
    (req) => svc.setThresholds(req.ctx, req.body),
  );
  r.get('/api/risks/:id', { schema: { tags, params: IdParams, response: { 200: Risk } } }, (req) =>
    svc.getRisk(req.ctx, req.params.id),
  );
  r.put(
    '/api/risks/:id',
    { schema: { tags, params: IdParams, body: RiskUpdate, response: { 200: Risk } } },
    (req) => svc.updateRisk(req.ctx, req.params.id, req.body),
  );
}
