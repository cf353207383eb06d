import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readUpload } from '#server/http/multipart.ts';
import {
  AnswerBody,
  Assessment,
  AssessmentListItem,
  AssessmentQuery,
  Campaign,
  CampaignCreate,
  CampaignPage,
  CampaignQuery,
  Criterion,
  RankingRow,
  ReturnBody,
  ReviewBody,
  ReviewsBody,
} from '#shared/assessments/schemas.ts';
import { IdParams, uuid } from '#shared/validation.ts';
import { campaignDocx, campaignXlsx } from './export.ts';
import * as fw from './frameworks.ts';
import * as svc from './service.ts';

const AnswerParams = z.strictObject({ id: uuid(), criterionId: uuid() });

export async function assessmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];
  r.get(
    '/api/frameworks',
    {
      schema: {
        tags,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              code: z.string(),
              kind: z.string(),
              nameVi: z.string(),
              nameEn: z.string(),
              versionId: z.string(),
              version: z.number(),
              status: z.string(),
            }),
          ),
        },
      },
    },
    (req) => svc.listFrameworks(req.ctx.db),
  );
  r.get(
    '/api/framework-versions/:id/export',
    { schema: { tags, params: IdParams, querystring: z.strictObject({ format: z.enum(['json', 'xlsx']) }) } },
    async (req, reply) => {
      const json = req.query.format === 'json';
      const body = json
        ? JSON.stringify(await fw.exportData(req.ctx.db, req.params.id), null, 2)
        : await fw.exportXlsx(req.ctx.db, req.params.id);
      return reply
        .header(
          'content-type',
          json
            ? 'application/json; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="bo-tieu-chi.${req.query.format}"`)
        .send(body);
    },
  );
  r.post(
    '/api/framework-versions/:id/draft',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 201: z.object({ id: z.string(), version: z.number(), status: z.string() }) },
      },
    },
    async (req, reply) => {
      const d = await fw.newDraft(req.ctx, req.params.id);
      return reply.status(201).send({ id: d.id, version: d.version, status: d.status });
    },
  );
  r.post(
    '/api/framework-versions/:id/import',
    { schema: { tags, params: IdParams, consumes: ['multipart/form-data'] } },
    async (req) => {
      const up = await readUpload(req);
      return fw.importCriteria(req.ctx, req.params.id, up.file.content);
    },
  );
  r.post(
    '/api/framework-versions/:id/publish',
    {
      schema: { tags, params: IdParams, response: { 200: z.object({ id: z.string(), status: z.string() }) } },
    },
    (req) => fw.publishVersion(req.ctx, req.params.id),
  );
  r.get(
    '/api/framework-versions/:id/criteria',
    { schema: { tags, params: IdParams, response: { 200: z.array(Criterion) } } },
    async (req) =>
      (await svc.criteriaOf(req.ctx.db, req.params.id)).map((c) => ({ ...c, createdAt: undefined })),
  );
  r.get(
    '/api/campaigns',
    { schema: { tags, querystring: CampaignQuery, response: { 200: CampaignPage } } },
    (req) => svc.listCampaigns(req.ctx, req.query),
  );
  r.post(
    '/api/campaigns',
    { schema: { tags, body: CampaignCreate, response: { 201: z.object({ id: z.string() }) } } },
    async (req, reply) => reply.status(201).send({ id: (await svc.createCampaign(req.ctx, req.body)).id }),
  );
  r.post(
    '/api/campaigns/:id/open',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ id: z.string(), status: z.string(), selfDue: z.string() }) },
      },
    },
    async (req) => {
      const c = await svc.openCampaign(req.ctx, req.params.id);
      return { id: c.id, status: c.status, selfDue: c.selfDue };
    },
  );
  r.get('/api/campaigns/:id', { schema: { tags, params: IdParams, response: { 200: Campaign } } }, (req) =>
    svc.campaignSummary(req.ctx, req.params.id),
  );
  r.post(
    '/api/campaigns/:id/finalise',
    { schema: { tags, params: IdParams, response: { 200: Campaign } } },
    (req) => svc.finaliseCampaign(req.ctx, req.params.id),
  );
  r.post(
    '/api/campaigns/:id/publish',
    { schema: { tags, params: IdParams, response: { 200: Campaign } } },
    (req) => svc.publishCampaign(req.ctx, req.params.id),
  );
  r.get(
    '/api/assessments',
    { schema: { tags, querystring: AssessmentQuery, response: { 200: z.array(AssessmentListItem) } } },
    (req) => svc.listAssessments(req.ctx, req.query),
  );
  r.get(
    '/api/campaigns/:id/export',
    { schema: { tags, params: IdParams, querystring: z.strictObject({ format: z.enum(['xlsx', 'docx']) }) } },
    async (req, reply) => {
      const xlsx = req.query.format === 'xlsx';
      const file = xlsx
        ? await campaignXlsx(req.ctx, req.params.id)
        : await campaignDocx(req.ctx, req.params.id);
      return reply
        .header(
          'content-type',
          xlsx
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        )
        .header('content-disposition', `attachment; filename="ket-qua-danh-gia.${req.query.format}"`)
        .send(file);
    },
  );
  r.get(
    '/api/campaigns/:id/trend',
    {
      schema: {
        tags,
        params: IdParams,
        response: {
          200: z.array(
            z.object({
              year: z.number(),
              average: z.number(),
              best: z.number(),
              worst: z.number(),
              units: z.number(),
            }),
          ),
        },
      },
    },
    (req) => svc.trend(req.ctx, req.params.id),
  );
  r.get(
    '/api/campaigns/:id/ranking',
    { schema: { tags, params: IdParams, response: { 200: z.array(RankingRow) } } },
    (req) => svc.ranking(req.ctx, req.params.id),
  );
  r.get(
    '/api/assessments/:id',
    { schema: { tags, params: IdParams, response: { 200: Assessment } } },
    (req) => svc.getAssessment(req.ctx, req.params.id),
  );
  r.put(
    '/api/assessments/:id/answers/:criterionId',
    { schema: { tags, params: AnswerParams, body: AnswerBody, response: { 200: Assessment } } },
    (req) => svc.saveAnswer(req.ctx, req.params.id, req.params.criterionId, req.body),
  );
  r.post(
    '/api/assessments/:id/submit',
    { schema: { tags, params: IdParams, response: { 200: Assessment } } },
    (req) => svc.submitAssessment(req.ctx, req.params.id),
  );
  r.put(
    '/api/assessments/:id/reviews/:criterionId',
    { schema: { tags, params: AnswerParams, body: ReviewBody, response: { 200: Assessment } } },
    (req) => svc.reviewAnswer(req.ctx, req.params.id, req.params.criterionId, req.body),
  );
  r.put(
    '/api/assessments/:id/reviews',
    { schema: { tags, params: IdParams, body: ReviewsBody, response: { 200: Assessment } } },
    (req) => svc.reviewAnswers(req.ctx, req.params.id, req.body.reviews),
  );
  r.post(
    '/api/assessments/:id/return',
    { schema: { tags, params: IdParams, body: ReturnBody, response: { 200: Assessment } } },
    (req) => svc.returnAssessment(req.ctx, req.params.id, req.body.questions),
  );
  r.post(
    '/api/assessments/:id/finalise',
    { schema: { tags, params: IdParams, response: { 200: Assessment } } },
    (req) => svc.finaliseAssessment(req.ctx, req.params.id),
  );
}
