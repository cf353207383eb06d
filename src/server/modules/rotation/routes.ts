import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Assignment,
  AssignmentCreate,
  AssignmentEdit,
  AssignmentEnd,
  AssignmentPage,
  AssignmentQuery,
  DeferralCreate,
  DuePage,
  DueQuery,
  ItemRecord,
  PlanDraftEdit,
  PlanItemAdd,
  PlanItemChange,
  PlanStep,
  PlanVersion,
  PositionPeriod,
  RotationPlan,
  RotationPlanCreate,
  RotationPlanDetail,
  RotationPosition,
} from '#shared/rotation/schemas.ts';
import { IdParams } from '#shared/validation.ts';
import * as svc from './service.ts';

const tags = ['rotation'];
const Created = z.object({ id: z.string() });

export async function rotationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/rotation/positions',
    { schema: { tags, response: { 200: z.array(RotationPosition) } } },
    (req) => svc.listPositions(req.ctx),
  );
  r.put(
    '/api/rotation/positions/:code',
    {
      schema: {
        tags,
        params: z.strictObject({ code: z.string().max(60) }),
        body: PositionPeriod,
        response: { 200: RotationPosition },
      },
    },
    (req) => svc.setPositionPeriod(req.ctx, req.params.code, req.body.periodYears),
  );
  r.get(
    '/api/rotation/assignments',
    { schema: { tags, querystring: AssignmentQuery, response: { 200: AssignmentPage } } },
    (req) => svc.listAssignments(req.ctx, req.query),
  );
  r.post(
    '/api/rotation/assignments',
    { schema: { tags, body: AssignmentCreate, response: { 200: Created } } },
    (req) => svc.createAssignment(req.ctx, req.body),
  );
  r.get(
    '/api/rotation/assignments/:id',
    { schema: { tags, params: IdParams, response: { 200: Assignment } } },
    (req) => svc.getAssignment(req.ctx, req.params.id),
  );
  r.put(
    '/api/rotation/assignments/:id',
    { schema: { tags, params: IdParams, body: AssignmentEdit, response: { 200: Assignment } } },
    (req) => svc.correctAssignment(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/rotation/assignments/:id/deferrals',
    { schema: { tags, params: IdParams, body: DeferralCreate, response: { 200: Assignment } } },
    (req) => svc.addDeferral(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/rotation/assignments/:id/end',
    { schema: { tags, params: IdParams, body: AssignmentEnd, response: { 200: Assignment } } },
    (req) => svc.endAssignment(req.ctx, req.params.id, req.body),
  );
  r.get('/api/rotation/due', { schema: { tags, querystring: DueQuery, response: { 200: DuePage } } }, (req) =>
    svc.dueList(req.ctx, req.query),
  );
  r.get(
    '/api/rotation/plans',
    {
      schema: {
        tags,
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.array(RotationPlan) },
      },
    },
    (req) => svc.listPlans(req.ctx, req.query.year),
  );
  r.post(
    '/api/rotation/plans',
    { schema: { tags, body: RotationPlanCreate, response: { 200: Created } } },
    (req) => svc.createPlan(req.ctx, req.body),
  );
  r.get(
    '/api/rotation/plans/:id',
    { schema: { tags, params: IdParams, response: { 200: RotationPlanDetail } } },
    (req) => svc.getPlan(req.ctx, req.params.id),
  );
  r.post(
    '/api/rotation/plans/:id/items',
    { schema: { tags, params: IdParams, body: PlanItemAdd, response: { 200: RotationPlanDetail } } },
    (req) => svc.addPlanItem(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/rotation/plans/:id/steps',
    { schema: { tags, params: IdParams, body: PlanStep, response: { 200: RotationPlanDetail } } },
    (req) => svc.planStep(req.ctx, req.params.id, req.body),
  );
  r.put(
    '/api/rotation/plans/:id',
    { schema: { tags, params: IdParams, body: PlanDraftEdit, response: { 200: RotationPlanDetail } } },
    (req) => svc.updatePlanDraft(req.ctx, req.params.id, req.body),
  );
  r.put(
    '/api/rotation/plan-items/:id',
    { schema: { tags, params: IdParams, body: PlanItemChange, response: { 200: RotationPlanDetail } } },
    (req) => svc.changePlanItem(req.ctx, req.params.id, req.body),
  );
  r.delete(
    '/api/rotation/plan-items/:id',
    { schema: { tags, params: IdParams, querystring: PlanVersion, response: { 200: RotationPlanDetail } } },
    (req) => svc.removePlanItem(req.ctx, req.params.id, req.query.version),
  );
  r.post(
    '/api/rotation/plan-items/:id',
    { schema: { tags, params: IdParams, body: ItemRecord, response: { 200: RotationPlanDetail } } },
    (req) => svc.recordItem(req.ctx, req.params.id, req.body),
  );
}
