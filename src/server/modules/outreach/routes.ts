import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AttendeeList,
  Coverage,
  OutreachCreate,
  OutreachEvent,
  OutreachPage,
  OutreachQuery,
  OutreachUpdate,
  StaffCountBody,
} from '#shared/outreach/schemas.ts';
import { IdParams, uuid } from '#shared/validation.ts';
import { listAttendees } from './attendees.ts';
import * as svc from './service.ts';

const tags = ['outreach'];

export async function outreachRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/outreach',
    { schema: { tags, querystring: OutreachQuery, response: { 200: OutreachPage } } },
    (req) => svc.listEvents(req.ctx, req.query),
  );
  r.post(
    '/api/outreach',
    { schema: { tags, body: OutreachCreate, response: { 200: z.object({ id: z.string() }) } } },
    (req) => svc.createEvent(req.ctx, req.body),
  );
  r.get(
    '/api/outreach/coverage',
    {
      schema: {
        tags,
        querystring: z.strictObject({
          year: z.coerce.number().int().min(2000).max(2100),
          unitId: uuid().optional(),
        }),
        response: { 200: Coverage },
      },
    },
    (req) => svc.coverage(req.ctx, req.query.year, req.query.unitId),
  );
  r.put(
    '/api/outreach/staff',
    { schema: { tags, body: StaffCountBody, response: { 200: z.object({ ok: z.literal(true) }) } } },
    (req) => svc.stateStaffCount(req.ctx, req.body),
  );
  r.get(
    '/api/outreach/:id',
    { schema: { tags, params: IdParams, response: { 200: OutreachEvent } } },
    (req) => svc.getEvent(req.ctx, req.params.id),
  );
  r.get(
    '/api/outreach/:id/attendees',
    { schema: { tags, params: IdParams, response: { 200: AttendeeList } } },
    (req) => listAttendees(req.ctx, req.params.id),
  );
  r.put(
    '/api/outreach/:id',
    { schema: { tags, params: IdParams, body: OutreachUpdate, response: { 200: OutreachEvent } } },
    (req) => svc.updateEvent(req.ctx, req.params.id, req.body),
  );
}
