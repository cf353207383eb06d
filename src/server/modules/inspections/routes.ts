import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Conclude,
  Decide,
  Extend,
  InspectionCancel,
  InspectionCreate,
  InspectionDetail,
  InspectionPage,
  InspectionQuery,
  inspectionDocuments,
  Plan,
  PlanApprove,
  PlanCreate,
  PlanDetail,
  RecheckBody,
  RecommendationDetail,
  RecommendationPage,
  RecommendationQuery,
  RecommendationsIssue,
  RecommendationUpdateBody,
  SignedBody,
  StepBody,
} from '#shared/inspections/schemas.ts';
import { IdParams } from '#shared/validation.ts';
import { inspectionDocx } from './documents.ts';
import * as svc from './service.ts';

const tags = ['inspections'];
const fileNames = {
  decision: 'quyet-dinh-thanh-tra',
  minutes: 'bien-ban-cong-bo-quyet-dinh-thanh-tra',
  conclusion: 'ket-luan-thanh-tra',
} as const;
const Created = z.object({ id: z.string() });

export async function inspectionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/inspection-plans',
    {
      schema: {
        tags,
        querystring: z.strictObject({ year: z.coerce.number().int().min(2020).max(2100).optional() }),
        response: { 200: z.array(Plan) },
      },
    },
    (req) => svc.listPlans(req.ctx, req.query.year),
  );
  r.post('/api/inspection-plans', { schema: { tags, body: PlanCreate, response: { 200: Created } } }, (req) =>
    svc.createPlan(req.ctx, req.body),
  );
  r.get(
    '/api/inspection-plans/:id',
    { schema: { tags, params: IdParams, response: { 200: PlanDetail } } },
    (req) => svc.getPlan(req.ctx, req.params.id),
  );
  r.post(
    '/api/inspection-plans/:id/approve',
    { schema: { tags, params: IdParams, body: PlanApprove, response: { 200: PlanDetail } } },
    (req) => svc.approvePlan(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/inspections',
    { schema: { tags, querystring: InspectionQuery, response: { 200: InspectionPage } } },
    (req) => svc.listInspections(req.ctx, req.query),
  );
  r.post(
    '/api/inspections',
    { schema: { tags, body: InspectionCreate, response: { 200: Created } } },
    (req) => svc.addInspection(req.ctx, req.body),
  );
  r.get(
    '/api/inspections/:id',
    { schema: { tags, params: IdParams, response: { 200: InspectionDetail } } },
    (req) => svc.getInspection(req.ctx, req.params.id),
  );
  r.post(
    '/api/inspections/:id/cancel',
    { schema: { tags, params: IdParams, body: InspectionCancel, response: { 200: InspectionDetail } } },
    (req) => svc.cancelInspection(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/decide',
    { schema: { tags, params: IdParams, body: Decide, response: { 200: InspectionDetail } } },
    (req) => svc.decide(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/steps',
    { schema: { tags, params: IdParams, body: StepBody, response: { 200: InspectionDetail } } },
    (req) => svc.recordStep(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/extend',
    { schema: { tags, params: IdParams, body: Extend, response: { 200: InspectionDetail } } },
    (req) => svc.extendOnSite(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/conclude',
    { schema: { tags, params: IdParams, body: Conclude, response: { 200: InspectionDetail } } },
    (req) => svc.conclude(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/inspections/:id/document',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({ kind: z.enum(inspectionDocuments) }),
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="${fileNames[req.query.kind]}.docx"`)
        .send(await inspectionDocx(req.ctx, req.params.id, req.query.kind)),
  );
  r.post(
    '/api/inspections/:id/signed',
    { schema: { tags, params: IdParams, body: SignedBody, response: { 200: InspectionDetail } } },
    (req) => svc.fileSigned(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/rechecks',
    { schema: { tags, params: IdParams, body: RecheckBody, response: { 200: InspectionDetail } } },
    (req) => svc.recheck(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/recommendations',
    {
      schema: {
        tags,
        body: RecommendationsIssue,
        response: { 200: z.object({ ids: z.array(z.string()) }) },
      },
    },
    (req) => svc.issueRecommendations(req.ctx, req.body),
  );
  r.get(
    '/api/recommendations',
    { schema: { tags, querystring: RecommendationQuery, response: { 200: RecommendationPage } } },
    (req) => svc.listRecommendations(req.ctx, req.query),
  );
  r.get(
    '/api/recommendations/:id',
    { schema: { tags, params: IdParams, response: { 200: RecommendationDetail } } },
    (req) => svc.getRecommendation(req.ctx, req.params.id),
  );
  r.post(
    '/api/recommendations/:id/updates',
    {
      schema: {
        tags,
        params: IdParams,
        body: RecommendationUpdateBody,
        response: { 200: RecommendationDetail },
      },
    },
    (req) => svc.updateRecommendation(req.ctx, req.params.id, req.body),
  );
}
