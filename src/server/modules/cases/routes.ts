import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CaseCreate,
  CaseDetail,
  CaseMove,
  CasePage,
  CaseQuery,
  CaseUpdate,
  Dashboard,
  DashboardQuery,
  PaymentCreate,
  PersonBody,
  RecoveryDecide,
  RecoveryItemCreate,
  RecoveryTotals,
  ReferralCreate,
  ReferralEvent,
  ReportToCase,
} from '#shared/cases/schemas.ts';
import { IdParams, uuid } from '#shared/validation.ts';
import { dashboard } from './dashboard.ts';
import * as fromReport from './from-report.ts';
import * as recovery from './recovery.ts';
import * as referrals from './referrals.ts';
import * as svc from './service.ts';

const tags = ['cases'];
const Created = z.object({ id: z.string() });
const ReportCase = z.object({
  case: z.object({ number: z.string(), joinedOn: z.string() }).nullable(),
});

export async function caseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/cases', { schema: { tags, querystring: CaseQuery, response: { 200: CasePage } } }, (req) =>
    svc.listCases(req.ctx, req.query),
  );
  r.post('/api/cases', { schema: { tags, body: CaseCreate, response: { 200: Created } } }, (req) =>
    svc.createCase(req.ctx, req.body),
  );
  r.get(
    '/api/cases/dashboard',
    { schema: { tags, querystring: DashboardQuery, response: { 200: Dashboard } } },
    (req) => dashboard(req.ctx, req.query.year),
  );
  r.get(
    '/api/cases/recovery-totals',
    { schema: { tags, querystring: DashboardQuery, response: { 200: RecoveryTotals } } },
    (req) => recovery.recoveryTotals(req.ctx, req.query.year),
  );
  r.get('/api/cases/:id', { schema: { tags, params: IdParams, response: { 200: CaseDetail } } }, (req) =>
    svc.getCase(req.ctx, req.params.id),
  );
  r.post(
    '/api/cases/:id/update',
    { schema: { tags, params: IdParams, body: CaseUpdate, response: { 200: CaseDetail } } },
    (req) => svc.updateCase(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/cases/:id/move',
    { schema: { tags, params: IdParams, body: CaseMove, response: { 200: CaseDetail } } },
    (req) => svc.moveCase(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/cases/:id/persons',
    { schema: { tags, params: IdParams, body: PersonBody, response: { 200: CaseDetail } } },
    (req) => svc.addPerson(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/cases/:id/persons/:personId',
    {
      schema: {
        tags,
        params: z.strictObject({ id: uuid(), personId: uuid() }),
        body: PersonBody,
        response: { 200: CaseDetail },
      },
    },
    (req) => svc.updatePerson(req.ctx, req.params.id, req.params.personId, req.body),
  );
  r.post(
    '/api/cases/:id/referrals',
    { schema: { tags, params: IdParams, body: ReferralCreate, response: { 200: CaseDetail } } },
    (req) => referrals.addReferral(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/referrals/:id/events',
    { schema: { tags, params: IdParams, body: ReferralEvent, response: { 200: CaseDetail } } },
    (req) => referrals.recordReferralEvent(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/cases/:id/recovery',
    { schema: { tags, params: IdParams, body: RecoveryItemCreate, response: { 200: CaseDetail } } },
    (req) => recovery.addRecoveryItem(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/recovery-items/:id/decide',
    { schema: { tags, params: IdParams, body: RecoveryDecide, response: { 200: CaseDetail } } },
    (req) => recovery.decideRecovery(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/recovery-items/:id/payments',
    { schema: { tags, params: IdParams, body: PaymentCreate, response: { 200: CaseDetail } } },
    (req) => recovery.addPayment(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/reports/:id/case',
    { schema: { tags, params: IdParams, response: { 200: ReportCase } } },
    (req) => fromReport.reportCase(req.ctx, req.params.id),
  );
  r.post(
    '/api/reports/:id/case',
    { schema: { tags, params: IdParams, body: ReportToCase, response: { 200: ReportCase } } },
    (req) => fromReport.openCaseFromReport(req.ctx, req.params.id, req.body),
  );
}
