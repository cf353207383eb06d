import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Item,
  ItemCreate,
  ItemUpdate,
  Plan,
  PlanCopy,
  PlanCreate,
  PlanGroup,
  PlanPage,
  PlanQuery,
  PlanUpdate,
  ProgressBody,
  ProgressReport,
  ReviewBody,
} from '#shared/plans/schemas.ts';
import { IdParams, Page, pageQuery, text, uuid } from '#shared/validation.ts';
import { planDocx, planXlsx } from './export.ts';
import * as svc from './service.ts';

export async function planRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  r.get('/api/plans', { schema: { tags, querystring: PlanQuery, response: { 200: PlanPage } } }, (req) =>
    svc.listPlans(req.ctx, req.query),
  );
  r.post('/api/plans', { schema: { tags, body: PlanCreate, response: { 201: Plan } } }, async (req, reply) =>
    reply.status(201).send(await svc.createPlan(req.ctx, req.body)),
  );
  r.get('/api/plans/:id', { schema: { tags, params: IdParams, response: { 200: Plan } } }, (req) =>
    svc.getPlan(req.ctx, req.params.id),
  );
  r.patch(
    '/api/plans/:id',
    { schema: { tags, params: IdParams, body: PlanUpdate, response: { 200: Plan } } },
    (req) => svc.updatePlan(req.ctx, req.params.id, req.body),
  );
  r.post('/api/plans/:id/issue', { schema: { tags, params: IdParams, response: { 200: Plan } } }, (req) =>
    svc.issuePlan(req.ctx, req.params.id),
  );
  r.post('/api/plans/:id/reopen', { schema: { tags, params: IdParams, response: { 200: Plan } } }, (req) =>
    svc.reopenPlan(req.ctx, req.params.id),
  );
  r.post(
    '/api/plans/:id/copy',
    { schema: { tags, params: IdParams, body: PlanCopy, response: { 201: Plan } } },
    async (req, reply) => reply.status(201).send(await svc.copyPlan(req.ctx, req.params.id, req.body.year)),
  );
  r.get(
    '/api/plans/:id/cascade',
    { schema: { tags, params: IdParams, response: { 200: z.array(Plan) } } },
    (req) => svc.cascadeSummary(req.ctx, req.params.id),
  );
  r.get(
    '/api/plans/:id/items',
    { schema: { tags, params: IdParams, response: { 200: z.array(Item) } } },
    (req) => svc.listItems(req.ctx, req.params.id),
  );
  r.post(
    '/api/plans/:id/items',
    { schema: { tags, params: IdParams, body: ItemCreate, response: { 201: Item } } },
    async (req, reply) => reply.status(201).send(await svc.addItem(req.ctx, req.params.id, req.body)),
  );
  r.patch(
    '/api/plan-items/:id',
    { schema: { tags, params: IdParams, body: ItemUpdate, response: { 200: Item } } },
    (req) => svc.updateItem(req.ctx, req.params.id, req.body),
  );
  r.delete(
    '/api/plan-items/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.deleteItem(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/plan-items/:id/progress',
    { schema: { tags, params: IdParams, response: { 200: z.array(ProgressReport) } } },
    (req) => svc.listReports(req.ctx, req.params.id),
  );
  r.post(
    '/api/plan-items/:id/progress',
    { schema: { tags, params: IdParams, body: ProgressBody, response: { 200: ProgressReport } } },
    (req) => svc.reportProgress(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/progress/:id/review',
    { schema: { tags, params: IdParams, body: ReviewBody, response: { 200: ProgressReport } } },
    (req) => svc.reviewProgress(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/plans/:id/heatmap',
    {
      schema: {
        tags,
        params: IdParams,
        response: {
          200: z.object({
            groups: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
            units: z.array(
              z.object({ id: z.string(), name: z.string(), progress: z.array(z.number().nullable()) }),
            ),
          }),
        },
      },
    },
    (req) => svc.heatmap(req.ctx, req.params.id),
  );
  r.get(
    '/api/plan-groups',
    {
      schema: {
        tags,
        response: {
          200: z.array(PlanGroup),
        },
      },
    },
    (req) => svc.listGroups(req.ctx.db),
  );
  r.get(
    '/api/plans/:id/export',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({
          format: z.enum(['xlsx', 'docx']),
          kind: z.enum(['plan', 'progress']).default('plan'),
        }),
      },
    },
    async (req, reply) => {
      const { format, kind } = req.query;
      const file =
        format === 'xlsx'
          ? await planXlsx(req.ctx, req.params.id)
          : await planDocx(req.ctx, req.params.id, kind);
      const type =
        format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      return reply
        .header('content-type', type)
        .header(
          'content-disposition',
          `attachment; filename="${kind === 'plan' ? 'ke-hoach' : 'bao-cao-tien-do'}.${format}"`,
        )
        .send(file);
    },
  );
  r.get(
    '/api/plan-items/deadlines',
    {
      schema: {
        tags,
        querystring: z.strictObject({
          ...pageQuery,
          state: z.enum(['overdue', 'at_risk']).optional(),
          mine: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          unitId: uuid().optional(),
          groupCode: z.string().max(40).optional(),
        }),
        response: {
          200: Page(
            z.object({
              id: z.string(),
              planId: z.string(),
              unitName: z.string(),
              content: z.string(),
              groupCode: z.string(),
              deadline: z.string(),
              progress: z.number(),
              state: z.string(),
            }),
          ),
        },
      },
    },
    (req) => svc.deadlineItems(req.ctx, req.query),
  );
  const Comment = z.object({
    id: z.string(),
    author: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
  });
  r.get(
    '/api/plan-items/:id/comments',
    { schema: { tags, params: IdParams, response: { 200: z.array(Comment) } } },
    (req) => svc.listComments(req.ctx, req.params.id),
  );
  r.post(
    '/api/plan-items/:id/comments',
    {
      schema: {
        tags,
        params: IdParams,
        body: z.strictObject({ body: text(4000) }),
        response: { 201: Comment },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addComment(req.ctx, req.params.id, req.body.body)),
  );
}
