import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { issuesToFields } from '#server/http/errors.ts';
import { readForm } from '#server/http/multipart.ts';
import { disposition } from '#server/modules/files/routes.ts';
import * as keys from '#server/modules/keys/service.ts';
import { AppError } from '#shared/errors.ts';
import {
  AssignBody,
  Category,
  CloseBody,
  ExtendBody,
  ForwardBody,
  IdentityAccess,
  IdentityDecisionBody,
  IdentityRequest,
  IdentityRequestBody,
  IdentityRequestQuery,
  IdentityView,
  InternalReportRoute,
  InternalReportSubmit,
  KeyStatus,
  MergeBody,
  MessageBody,
  ReceivingUnit,
  RecoverBody,
  ReplaceKeysBody,
  ReportDetail,
  ReportPage,
  ReportQuery,
  reportSteps,
  ShareResult,
  StaffReportSubmit,
  StepBody,
  TaskBody,
  TaskUpdate,
  TriageBody,
} from '#shared/reports/schemas.ts';
import { IdParams, Page, pageQuery, uuid } from '#shared/validation.ts';
import * as svc from './service.ts';

const ReportFileParams = z.strictObject({ id: uuid(), fileId: uuid() });
const ClockParams = z.strictObject({ id: uuid(), clockId: uuid() });

export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  // Untimed: the officials' report form loads it, and its moment would tell who opened the form (sec23b N2).
  r.get(
    '/api/report-categories',
    { config: { untimed: true }, schema: { tags, response: { 200: z.array(Category) } } },
    (req) => svc.listCategories(req.ctx.db),
  );
  r.get(
    '/api/reports/receiving-units',
    { schema: { tags, response: { 200: z.array(ReceivingUnit) } } },
    (req) => svc.receivingUnits(req.ctx.db),
  );
  r.get(
    '/api/reports',
    { schema: { tags, querystring: ReportQuery, response: { 200: ReportPage } } },
    (req) => svc.listReports(req.ctx, req.query),
  );
  r.post(
    '/api/reports',
    {
      schema: {
        tags,
        body: StaffReportSubmit,
        response: { 201: z.object({ id: z.string(), number: z.string(), receipt: z.string() }) },
      },
    },
    async (req, reply) => {
      const out = await svc.submitReport(req.ctx, { ...req.body, files: [] });
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ id: out.id, number: out.number, receipt: out.receipt });
    },
  );
  // An official's report of corruption in their own unit (Law Art. 66; internal.ts).
  r.get(
    '/api/internal-reports/route',
    { config: { untimed: true }, schema: { tags, response: { 200: InternalReportRoute } } },
    (req) => svc.internalReportRoute(req.ctx),
  );
  r.post(
    '/api/internal-reports',
    {
      // Reports no one can trace start a clock and reach a desk each: a flood is stopped per account, in
      // memory under a process key (svc.countAttempt; accepted reports also per day, in the service) —
      // never per address, where anyone's refused requests closed an office's channel (sec23 F5, N4).
      config: { untimed: true },
      schema: {
        tags,
        description:
          'A multipart form (text fields title, description, officials, when, where, amountVnd, categoryCode, headInvolved, named, phone, consent; up to 10 files) or the same as JSON with `content` nested, without files.',
        consumes: ['multipart/form-data', 'application/json'],
        response: {
          201: z.object({ number: z.string(), receipt: z.string(), receivedBy: z.string() }),
        },
      },
    },
    async (req, reply) => {
      svc.countAttempt(req.ctx);
      const { sent, files } = req.isMultipart()
        ? await internalForm(req)
        : { sent: req.body ?? {}, files: [] };
      const parsed = InternalReportSubmit.safeParse(sent);
      if (!parsed.success)
        throw new AppError('validation', { fields: issuesToFields(parsed.error.issues, sent) });
      const out = await svc.submitInternalReport(req.ctx, parsed.data, files);
      return reply.status(201).header('cache-control', 'no-store').send(out);
    },
  );
  r.get('/api/reports/:id', { schema: { tags, params: IdParams, response: { 200: ReportDetail } } }, (req) =>
    svc.getReport(req.ctx, req.params.id),
  );
  r.post(
    '/api/reports/:id/triage',
    { schema: { tags, params: IdParams, body: TriageBody, response: { 200: ReportDetail } } },
    (req) => svc.triageReport(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/reports/:id/assign',
    { schema: { tags, params: IdParams, body: AssignBody, response: { 200: ReportDetail } } },
    (req) => svc.assignReport(req.ctx, req.params.id, req.body.handlerId),
  );
  r.post(
    '/api/reports/:id/forward',
    { schema: { tags, params: IdParams, body: ForwardBody, response: { 200: ReportDetail } } },
    (req) => svc.forwardReport(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/reports/:id/merge',
    { schema: { tags, params: IdParams, body: MergeBody, response: { 200: ReportDetail } } },
    (req) => svc.mergeReport(req.ctx, req.params.id, req.body.intoId),
  );
  r.post(
    '/api/reports/:id/messages',
    { schema: { tags, params: IdParams, body: MessageBody, response: { 200: ReportDetail } } },
    (req) => svc.addMessage(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/reports/:id/files',
    {
      schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 200: ReportDetail } },
    },
    async (req) => {
      const form = await readForm(req, svc.MAX_FILES);
      return svc.addStaffFiles(req.ctx, req.params.id, form.files);
    },
  );
  r.get(
    '/api/reports/:id/files/:fileId',
    { schema: { tags, params: ReportFileParams } },
    async (req, reply) => {
      const f = await svc.readReportFile(req.ctx, req.params.id, req.params.fileId);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', disposition(f.name))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(f.content));
    },
  );
  r.post(
    '/api/reports/:id/tasks',
    { schema: { tags, params: IdParams, body: TaskBody, response: { 200: ReportDetail } } },
    (req) => svc.addTask(req.ctx, req.params.id, req.body),
  );
  r.patch(
    '/api/report-tasks/:id',
    { schema: { tags, params: IdParams, body: TaskUpdate, response: { 200: ReportDetail } } },
    (req) => svc.updateTask(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/reports/:id/clocks/:clockId/extend',
    { schema: { tags, params: ClockParams, body: ExtendBody, response: { 200: ReportDetail } } },
    (req) => svc.extendClock(req.ctx, req.params.id, req.params.clockId, req.body.code),
  );
  r.post(
    '/api/reports/:id/clocks/:clockId/done',
    { schema: { tags, params: ClockParams, response: { 200: ReportDetail } } },
    (req) => svc.completeStep(req.ctx, req.params.id, req.params.clockId),
  );
  r.put(
    '/api/reports/:id/steps/:step',
    {
      schema: {
        tags,
        params: z.strictObject({ id: uuid(), step: z.enum(reportSteps) }),
        body: StepBody,
        response: { 200: ReportDetail },
      },
    },
    (req) => svc.recordStep(req.ctx, req.params.id, req.params.step, req.body),
  );
  r.post(
    '/api/reports/:id/close',
    { schema: { tags, params: IdParams, body: CloseBody, response: { 200: ReportDetail } } },
    (req) => svc.closeReport(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/reports/:id/identity-requests',
    { schema: { tags, params: IdParams, body: IdentityRequestBody, response: { 200: ReportDetail } } },
    (req) => svc.requestIdentity(req.ctx, req.params.id, req.body.reason),
  );
  r.get(
    '/api/reports/:id/identity',
    { schema: { tags, params: IdParams, response: { 200: IdentityView } } },
    async (req, reply) => {
      const identity = await svc.viewIdentity(req.ctx, req.params.id);
      reply.header('cache-control', 'private, no-store');
      return {
        ...identity,
        idNumber: identity.idNumber ?? null,
        phone: identity.phone ?? null,
        email: identity.email ?? null,
        address: identity.address ?? null,
      };
    },
  );
  r.get(
    '/api/identity-requests',
    { schema: { tags, querystring: IdentityRequestQuery, response: { 200: Page(IdentityRequest) } } },
    (req) => svc.listIdentityRequests(req.ctx, req.query),
  );
  r.get(
    '/api/identity-access',
    { schema: { tags, querystring: z.strictObject(pageQuery), response: { 200: Page(IdentityAccess) } } },
    (req) => svc.listIdentityAccess(req.ctx, req.query),
  );
  r.post(
    '/api/identity-requests/:id/decide',
    { schema: { tags, params: IdParams, body: IdentityDecisionBody, response: { 200: IdentityRequest } } },
    (req) => svc.decideIdentity(req.ctx, req.params.id, req.body),
  );
  r.post('/api/reports/share-keys', { schema: { tags, response: { 200: ShareResult } } }, (req) =>
    svc.shareKeys(req.ctx),
  );

  // The signed-in user's own key pair.
  r.get('/api/keys/me', { schema: { tags, response: { 200: KeyStatus } } }, (req) => keys.keyStatus(req.ctx));
  r.post(
    '/api/keys/me/recovery-key',
    { schema: { tags, response: { 200: z.object({ recoveryKey: z.string() }) } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return keys.takeRecoveryKey(req.ctx);
    },
  );
  r.post(
    '/api/keys/me/recover',
    { schema: { tags, body: RecoverBody, response: { 200: KeyStatus } } },
    (req) => keys.recoverKeys(req.ctx, req.body),
  );
  r.post(
    '/api/keys/me/replace',
    { schema: { tags, body: ReplaceKeysBody, response: { 200: KeyStatus } } },
    (req) => keys.replaceKeys(req.ctx, req.body),
  );
}

const contentFields = ['title', 'description', 'officials', 'when', 'where', 'amountVnd'] as const;
const formFields = ['headInvolved', 'categoryCode', 'named', 'phone', 'consent'] as const;

/** The staff app's form: its text fields as the schema's shape (the report's own under `content`). */
async function internalForm(req: Parameters<typeof readForm>[0]) {
  const form = await readForm(req, svc.MAX_FILES);
  const pick = (names: readonly string[]) =>
    Object.fromEntries(names.filter((n) => n in form.fields).map((n) => [n, form.fields[n]]));
  const unknown = Object.keys(form.fields).filter(
    (n) =>
      n !== 'strip' &&
      !(contentFields as readonly string[]).includes(n) &&
      !(formFields as readonly string[]).includes(n),
  );
  if (unknown.length > 0)
    throw new AppError('validation', { fields: { [unknown[0]!]: { key: 'field.unknown' } } });
  return { sent: { ...pick(formFields), content: pick(contentFields) }, files: form.files };
}
