import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ConflictCreate,
  ConflictDetail,
  ConflictEdit,
  ConflictPage,
  ConflictQuery,
  ConflictStep,
  GiftCreate,
  GiftDetail,
  GiftEdit,
  GiftPage,
  GiftQuery,
  GiftStep,
  GiftSummary,
  PublishedGift,
} from '#shared/integrity/schemas.ts';
import { IdParams, uuid } from '#shared/validation.ts';
import * as conflicts from './conflicts.ts';
import * as gifts from './gifts.ts';

const tags = ['integrity'];
const Created = z.object({ id: z.string() });
const Year = z.coerce.number().int().min(2000).max(2100);

export async function integrityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/gifts', { schema: { tags, querystring: GiftQuery, response: { 200: GiftPage } } }, (req) =>
    gifts.listGifts(req.ctx, req.query),
  );
  r.post('/api/gifts', { schema: { tags, body: GiftCreate, response: { 200: Created } } }, (req) =>
    gifts.createGift(req.ctx, req.body),
  );
  r.get(
    '/api/gifts/summary',
    {
      schema: {
        tags,
        querystring: z.strictObject({ year: Year, unitId: uuid().optional() }),
        response: { 200: GiftSummary },
      },
    },
    (req) => gifts.giftSummary(req.ctx, req.query.year, req.query.unitId),
  );
  r.get('/api/gifts/:id', { schema: { tags, params: IdParams, response: { 200: GiftDetail } } }, (req) =>
    gifts.getGift(req.ctx, req.params.id),
  );
  r.put(
    '/api/gifts/:id',
    { schema: { tags, params: IdParams, body: GiftEdit, response: { 200: GiftDetail } } },
    (req) => gifts.correctGift(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/gifts/:id/steps',
    { schema: { tags, params: IdParams, body: GiftStep, response: { 200: GiftDetail } } },
    (req) => gifts.recordGiftStep(req.ctx, req.params.id, req.body),
  );
  // The gift registers units chose to publish: open data, read without signing in.
  r.get(
    '/api/open-data/gifts',
    {
      // Public and cheap, yet limited per address like the portal's forms (review LOW).
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        querystring: z.strictObject({ year: Year }),
        response: { 200: z.array(PublishedGift) },
      },
    },
    (req) => gifts.publishedGifts(req.ctx.db, req.query.year),
  );

  r.get(
    '/api/conflicts',
    { schema: { tags, querystring: ConflictQuery, response: { 200: ConflictPage } } },
    (req) => conflicts.listConflicts(req.ctx, req.query),
  );
  r.post('/api/conflicts', { schema: { tags, body: ConflictCreate, response: { 200: Created } } }, (req) =>
    conflicts.createConflict(req.ctx, req.body),
  );
  r.get(
    '/api/conflicts/colleagues',
    {
      schema: {
        tags,
        querystring: z.strictObject({ q: z.string().max(100).optional() }),
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), fullName: z.string() })) }),
        },
      },
    },
    (req) => conflicts.colleagues(req.ctx, req.query.q),
  );
  r.get(
    '/api/conflicts/:id',
    { schema: { tags, params: IdParams, response: { 200: ConflictDetail } } },
    (req) => conflicts.getConflict(req.ctx, req.params.id),
  );
  r.put(
    '/api/conflicts/:id',
    { schema: { tags, params: IdParams, body: ConflictEdit, response: { 200: ConflictDetail } } },
    (req) => conflicts.correctConflict(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/conflicts/:id/steps',
    { schema: { tags, params: IdParams, body: ConflictStep, response: { 200: ConflictDetail } } },
    (req) => conflicts.recordConflictStep(req.ctx, req.params.id, req.body),
  );
}
