import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Calendar,
  CalendarDay,
  CalendarDayBody,
  CalendarDaysQuery,
  DueAnswer,
  DuePeriod,
  DueQuery,
  PeriodsQuery,
  Regime,
  RegimeUpdate,
  Rule,
  RuleBody,
  RuleUpdate,
} from '#shared/clocks/schemas.ts';
import { fieldError } from '#shared/errors.ts';
import { IdParams, isoDate, uuid } from '#shared/validation.ts';
import * as clocks from './service.ts';

function parseExtensions(s: string | undefined): Record<string, number> {
  if (!s) return {};
  const out: Record<string, number> = {};
  for (const part of s.split(',')) {
    const m = /^([a-z_]+):(\d{1,2})$/.exec(part.trim());
    if (!m) throw fieldError('extensions', 'field.invalid');
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

export async function clockRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clocks'];
  r.get('/api/clocks/rules', { schema: { tags, response: { 200: z.array(Rule) } } }, (req) =>
    clocks.listRules(req.ctx),
  );
  r.post(
    '/api/clocks/rules',
    { schema: { tags, body: RuleBody, response: { 201: Rule } } },
    async (req, reply) => reply.status(201).send(await clocks.createRule(req.ctx, req.body)),
  );
  r.patch(
    '/api/clocks/rules/:id',
    { schema: { tags, params: IdParams, body: RuleUpdate, response: { 200: Rule } } },
    (req) => clocks.updateRule(req.ctx, req.params.id, req.body),
  );
  r.get('/api/clocks/regimes', { schema: { tags, response: { 200: z.array(Regime) } } }, (req) =>
    clocks.listRegimes(req.ctx.db),
  );
  r.patch(
    '/api/clocks/regimes/:id',
    { schema: { tags, params: IdParams, body: RegimeUpdate, response: { 200: Regime } } },
    (req) => clocks.updateRegime(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/clocks/periods',
    { schema: { tags, querystring: PeriodsQuery, response: { 200: z.array(DuePeriod) } } },
    (req) => clocks.reportingPeriods(req.ctx.db, req.query.year),
  );
  r.get('/api/clocks/due', { schema: { tags, querystring: DueQuery, response: { 200: DueAnswer } } }, (req) =>
    clocks.computeDue(req.ctx.db, req.query.code, req.query.start, parseExtensions(req.query.extensions)),
  );
  r.get('/api/clocks/calendars', { schema: { tags, response: { 200: z.array(Calendar) } } }, (req) =>
    clocks.getCalendars(req.ctx.db),
  );
  r.get(
    '/api/clocks/calendars/:id/days',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: CalendarDaysQuery,
        response: { 200: z.array(CalendarDay) },
      },
    },
    (req) => clocks.listDays(req.ctx.db, req.params.id, req.query.year),
  );
  r.put(
    '/api/clocks/calendars/:id/days',
    { schema: { tags, params: IdParams, body: CalendarDayBody, response: { 200: CalendarDay } } },
    (req) => clocks.putDay(req.ctx, req.params.id, req.body),
  );
  r.delete(
    '/api/clocks/calendars/:id/days/:date',
    {
      schema: { tags, params: z.strictObject({ id: uuid(), date: isoDate() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await clocks.deleteDay(req.ctx, req.params.id, req.params.date);
      return reply.status(204).send(null);
    },
  );
}
