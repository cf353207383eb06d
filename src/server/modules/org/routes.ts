import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  PendingUnitMove,
  Position,
  PositionCreate,
  PositionUpdate,
  Unit,
  UnitArchive,
  UnitContact,
  UnitContactUpdate,
  UnitCreate,
  UnitDetail,
  UnitMerge,
  UnitMove,
  UnitMoveDecision,
  UnitMoveRequest,
  UnitMoveResult,
  UnitPage,
  UnitQuery,
  UnitSplit,
  UnitUpdate,
} from '#shared/org/schemas.ts';
import { IdParams } from '#shared/validation.ts';
import * as moves from './moves.ts';
import * as org from './service.ts';

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  r.get('/api/units', { schema: { tags, querystring: UnitQuery, response: { 200: UnitPage } } }, (req) =>
    org.listUnits(req.ctx, req.query),
  );
  r.post('/api/units', { schema: { tags, body: UnitCreate, response: { 201: Unit } } }, async (req, reply) =>
    reply.status(201).send(await org.createUnit(req.ctx, req.body)),
  );
  r.get('/api/units/:id', { schema: { tags, params: IdParams, response: { 200: UnitDetail } } }, (req) =>
    org.getUnit(req.ctx, req.params.id),
  );
  r.patch(
    '/api/units/:id',
    { schema: { tags, params: IdParams, body: UnitUpdate, response: { 200: Unit } } },
    (req) => org.updateUnit(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/units/:id/contact',
    { schema: { tags, params: IdParams, response: { 200: UnitContact } } },
    (req) => org.getUnitContact(req.ctx, req.params.id),
  );
  r.put(
    '/api/units/:id/contact',
    { schema: { tags, params: IdParams, body: UnitContactUpdate, response: { 200: UnitContact } } },
    (req) => org.updateUnitContact(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/units/:id/move',
    {
      schema: {
        tags,
        params: IdParams,
        body: UnitMove,
        description:
          'A person asks (202, the move waits for a second administrator); the same parent is 200.',
        response: { 200: UnitMoveResult, 202: UnitMoveResult },
      },
    },
    async (req, reply) => {
      const out = await org.moveUnit(req.ctx, req.params.id, req.body);
      return reply.status(out.move ? 202 : 200).send(out);
    },
  );
  r.get(
    '/api/unit-moves',
    { schema: { tags, response: { 200: z.object({ items: z.array(PendingUnitMove) }) } } },
    (req) => moves.pendingMoves(req.ctx),
  );
  r.post(
    '/api/unit-moves/:id/decision',
    { schema: { tags, params: IdParams, body: UnitMoveDecision, response: { 200: UnitMoveRequest } } },
    (req) => moves.decideMove(req.ctx, req.params.id, req.body.decision),
  );
  r.post(
    '/api/units/:id/split',
    { schema: { tags, params: IdParams, body: UnitSplit, response: { 200: UnitDetail } } },
    (req) => org.splitUnit(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/units/:id/archive',
    { schema: { tags, params: IdParams, body: UnitArchive, response: { 200: Unit } } },
    (req) => org.archiveUnit(req.ctx, req.params.id, req.body),
  );
  r.post('/api/units/merge', { schema: { tags, body: UnitMerge, response: { 200: UnitDetail } } }, (req) =>
    org.mergeUnits(req.ctx, req.body),
  );

  r.get(
    '/api/units/:id/positions',
    { schema: { tags, params: IdParams, response: { 200: z.array(Position) } } },
    (req) => org.listPositions(req.ctx, req.params.id),
  );
  r.post(
    '/api/units/:id/positions',
    { schema: { tags, params: IdParams, body: PositionCreate, response: { 201: Position } } },
    async (req, reply) => reply.status(201).send(await org.createPosition(req.ctx, req.params.id, req.body)),
  );
  r.patch(
    '/api/positions/:id',
    { schema: { tags, params: IdParams, body: PositionUpdate, response: { 200: Position } } },
    (req) => org.updatePosition(req.ctx, req.params.id, req.body),
  );
}
