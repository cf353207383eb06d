import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  SelfInspection,
  SelfInspectionCancel,
  SelfInspectionCreate,
  SelfInspectionPage,
  SelfInspectionQuery,
  SelfInspectionResult,
  SelfInspectionUpdate,
} from '#shared/selfinspection/schemas.ts';
import { IdParams } from '#shared/validation.ts';
import * as svc from './service.ts';

const tags = ['self-inspection'];

export async function selfInspectionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/self-inspections',
    { schema: { tags, querystring: SelfInspectionQuery, response: { 200: SelfInspectionPage } } },
    (req) => svc.listSelfInspections(req.ctx, req.query),
  );
  r.post(
    '/api/self-inspections',
    { schema: { tags, body: SelfInspectionCreate, response: { 200: z.object({ id: z.string() }) } } },
    (req) => svc.createSelfInspection(req.ctx, req.body),
  );
  r.get(
    '/api/self-inspections/:id',
    { schema: { tags, params: IdParams, response: { 200: SelfInspection } } },
    (req) => svc.getSelfInspection(req.ctx, req.params.id),
  );
  r.put(
    '/api/self-inspections/:id',
    { schema: { tags, params: IdParams, body: SelfInspectionUpdate, response: { 200: SelfInspection } } },
    (req) => svc.updateSelfInspection(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/self-inspections/:id/result',
    { schema: { tags, params: IdParams, body: SelfInspectionResult, response: { 200: SelfInspection } } },
    (req) => svc.recordResult(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/self-inspections/:id/cancel',
    { schema: { tags, params: IdParams, body: SelfInspectionCancel, response: { 200: SelfInspection } } },
    (req) => svc.cancelSelfInspection(req.ctx, req.params.id, req.body),
  );
}
