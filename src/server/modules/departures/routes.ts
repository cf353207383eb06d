import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Departure,
  DepartureCreate,
  DeparturePage,
  DepartureQuery,
  DepartureUpdate,
} from '#shared/departures/schemas.ts';
import { IdParams } from '#shared/validation.ts';
import * as svc from './service.ts';

const tags = ['departures'];

export async function departureRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/departures',
    { schema: { tags, querystring: DepartureQuery, response: { 200: DeparturePage } } },
    (req) => svc.listDepartures(req.ctx, req.query),
  );
  r.post(
    '/api/departures',
    { schema: { tags, body: DepartureCreate, response: { 200: z.object({ id: z.string() }) } } },
    (req) => svc.createDeparture(req.ctx, req.body),
  );
  r.get('/api/departures/:id', { schema: { tags, params: IdParams, response: { 200: Departure } } }, (req) =>
    svc.getDeparture(req.ctx, req.params.id),
  );
  r.put(
    '/api/departures/:id',
    { schema: { tags, params: IdParams, body: DepartureUpdate, response: { 200: Departure } } },
    (req) => svc.updateDeparture(req.ctx, req.params.id, req.body),
  );
}
