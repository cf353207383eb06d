import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ProposalOutcome,
  Review,
  ReviewCreate,
  ReviewPage,
  ReviewQuery,
  ReviewUpdate,
} from '#shared/regulations/schemas.ts';
import { IdParams } from '#shared/validation.ts';
import * as svc from './service.ts';

const tags = ['regulations'];

export async function regulationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/regulation-reviews',
    { schema: { tags, querystring: ReviewQuery, response: { 200: ReviewPage } } },
    (req) => svc.listReviews(req.ctx, req.query),
  );
  r.post(
    '/api/regulation-reviews',
    { schema: { tags, body: ReviewCreate, response: { 200: z.object({ id: z.string() }) } } },
    (req) => svc.createReview(req.ctx, req.body),
  );
  r.get(
    '/api/regulation-reviews/:id',
    { schema: { tags, params: IdParams, response: { 200: Review } } },
    (req) => svc.getReview(req.ctx, req.params.id),
  );
  r.put(
    '/api/regulation-reviews/:id',
    { schema: { tags, params: IdParams, body: ReviewUpdate, response: { 200: Review } } },
    (req) => svc.updateReview(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/regulation-reviews/:id/outcome',
    { schema: { tags, params: IdParams, body: ProposalOutcome, response: { 200: Review } } },
    (req) => svc.recordOutcome(req.ctx, req.params.id, req.body),
  );
}
