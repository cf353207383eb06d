import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { vnToday } from '#server/clock.ts';
import { readUpload } from '#server/http/multipart.ts';
import { disposition } from '#server/modules/files/routes.ts';
import {
  CandidateChange,
  CandidateQuery,
  CaseOpen,
  CaseStep,
  caseStatuses,
  Declaration,
  DeclarationListItem,
  DeclarationParameter,
  DeclarationSave,
  DeclarationStart,
  DeclarationVersion,
  DrawBody,
  IdsBody,
  LotteryRecordSchema,
  MyDeclarations,
  PaperImportQuery,
  PaperImportResult,
  ParameterVersionBody,
  PersonHistory,
  Plan,
  PlanCreate,
  PlanDetail,
  Publication,
  PublicationCreate,
  PublicationListItem,
  ReceivedQuery,
  RequestAnswer,
  RequestCreate,
  ReturnBody,
  RiskPage,
  RiskQuery,
  RiskRule,
  RiskRuleChange,
  Roster,
  RosterAdd,
  RosterChange,
  RosterQuery,
  Round,
  RoundOpen,
  VerificationCase,
  VerificationRequest,
} from '#shared/declarations/schemas.ts';
import { IdParams, isoDate, uuid } from '#shared/validation.ts';
import * as filing from './filing.ts';
import { importPaper, paperTemplate } from './paper.ts';
import * as risk from './risk.ts';
import * as roster from './roster.ts';
import * as svc from './service.ts';
import * as verification from './verification.ts';

export async function declarationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['declarations'];
  // Reference data every signed-in user may read: the thresholds a declaration of a date is judged by.
  r.get(
    '/api/declarations/parameters',
    {
      schema: {
        tags,
        querystring: z.strictObject({ on: isoDate().optional(), history: z.enum(['true']).optional() }),
        response: { 200: z.array(DeclarationParameter) },
      },
    },
    (req) =>
      req.query.history
        ? svc.parameterHistory(req.ctx.db)
        : svc.parametersOn(req.ctx.db, req.query.on ?? vnToday(req.ctx.clock.now())),
  );
  r.post(
    '/api/declarations/parameters',
    { schema: { tags, body: ParameterVersionBody, response: { 201: DeclarationParameter } } },
    async (req, reply) => reply.status(201).send(await svc.createParameterVersion(req.ctx, req.body)),
  );

  // The yearly round and its roster (control agency; the units' organising officers).
  r.get('/api/declaration-rounds', { schema: { tags, response: { 200: z.array(Round) } } }, (req) =>
    roster.listRounds(req.ctx),
  );
  r.post(
    '/api/declaration-rounds',
    { schema: { tags, body: RoundOpen, response: { 201: Round } } },
    async (req, reply) => reply.status(201).send(await roster.openRound(req.ctx, req.body)),
  );
  r.get(
    '/api/declaration-rounds/:id/roster',
    { schema: { tags, params: IdParams, querystring: RosterQuery, response: { 200: Roster } } },
    (req) => roster.roster(req.ctx, req.params.id, req.query.unitId),
  );
  r.post(
    '/api/declaration-rounds/:id/roster',
    { schema: { tags, params: IdParams, body: RosterAdd, response: { 201: z.object({ id: z.string() }) } } },
    async (req, reply) => reply.status(201).send(await roster.addToRoster(req.ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/declaration-rounds/:id/roster/refresh',
    {
      schema: {
        tags,
        params: IdParams,
        body: RosterQuery,
        response: { 200: z.object({ added: z.number() }) },
      },
    },
    (req) => roster.refreshRoster(req.ctx, req.params.id, req.body.unitId),
  );
  r.post(
    '/api/declaration-rounds/:id/roster/send',
    {
      schema: {
        tags,
        params: IdParams,
        body: RosterQuery,
        response: { 200: z.object({ sentAt: z.string(), declarants: z.number() }) },
      },
    },
    (req) => roster.sendRoster(req.ctx, req.params.id, req.body.unitId),
  );
  r.patch(
    '/api/declaration-roster/:id',
    {
      schema: { tags, params: IdParams, body: RosterChange, response: { 200: z.object({ id: z.string() }) } },
    },
    (req) => roster.changeRosterEntry(req.ctx, req.params.id, req.body),
  );

  // Declaring (the declarant's own) and receiving (officer, control agency).
  r.get('/api/declarations/mine', { schema: { tags, response: { 200: MyDeclarations } } }, (req) =>
    filing.myDeclarations(req.ctx),
  );
  r.post(
    '/api/declarations',
    { schema: { tags, body: DeclarationStart, response: { 201: z.object({ id: z.string() }) } } },
    async (req, reply) => reply.status(201).send(await filing.startDeclaration(req.ctx, req.body)),
  );
  r.get(
    '/api/declarations',
    { schema: { tags, querystring: ReceivedQuery, response: { 200: z.array(DeclarationListItem) } } },
    (req) => filing.listReceived(req.ctx, req.query),
  );
  r.get(
    '/api/declarations/:id',
    { schema: { tags, params: IdParams, response: { 200: Declaration } } },
    (req) => filing.getDeclaration(req.ctx, req.params.id),
  );
  r.get('/api/declarations/:id/docx', { schema: { tags, params: IdParams } }, async (req, reply) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', 'attachment; filename="ban-ke-khai.docx"')
      .send(await filing.printDeclaration(req.ctx, req.params.id, 'docx')),
  );
  r.get('/api/declarations/:id/pdf', { schema: { tags, params: IdParams } }, async (req, reply) =>
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', 'attachment; filename="ban-ke-khai.pdf"')
      .send(await filing.printDeclaration(req.ctx, req.params.id, 'pdf')),
  );
  r.post(
    '/api/declarations/:id/signed',
    { schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 200: Declaration } } },
    async (req) => {
      // Who may, and whether it can be signed now, before the body is read (review R11).
      await filing.signable(req.ctx, req.params.id);
      const { file } = await readUpload(req);
      return filing.uploadSigned(req.ctx, req.params.id, file);
    },
  );
  r.get('/api/declarations/:id/signed', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const scan = await filing.readSigned(req.ctx, req.params.id);
    return reply
      .header('content-type', scan.mime)
      .header('content-disposition', disposition(scan.name))
      .send(Buffer.from(scan.content));
  });
  r.put(
    '/api/declarations/:id',
    { schema: { tags, params: IdParams, body: DeclarationSave, response: { 200: Declaration } } },
    (req) => filing.saveDeclaration(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/declarations/:id/submit',
    { schema: { tags, params: IdParams, body: DeclarationVersion, response: { 200: Declaration } } },
    (req) => filing.submitDeclaration(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/declarations/:id/return',
    { schema: { tags, params: IdParams, body: ReturnBody, response: { 200: Declaration } } },
    (req) => filing.returnDeclaration(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/declarations/:id/accept',
    { schema: { tags, params: IdParams, response: { 200: Declaration } } },
    (req) => filing.acceptDeclaration(req.ctx, req.params.id),
  );
  r.post(
    '/api/declarations/hand-over',
    {
      schema: {
        tags,
        body: IdsBody,
        response: { 200: z.object({ handedOver: z.number(), publicationDueOn: z.string() }) },
      },
    },
    (req) => filing.handOver(req.ctx, req.body),
  );
  r.post(
    '/api/declarations/acknowledge',
    { schema: { tags, body: IdsBody, response: { 200: z.object({ acknowledged: z.number() }) } } },
    (req) => filing.acknowledge(req.ctx, req.body),
  );

  // The control agency: verification plans and their lottery, verifications, the risk ranking.
  r.get('/api/verification-plans', { schema: { tags, response: { 200: z.array(Plan) } } }, (req) =>
    verification.listPlans(req.ctx),
  );
  r.post(
    '/api/verification-plans',
    { schema: { tags, body: PlanCreate, response: { 201: Plan } } },
    async (req, reply) => reply.status(201).send(await verification.createPlan(req.ctx, req.body)),
  );
  r.get(
    '/api/verification-plans/:id',
    { schema: { tags, params: IdParams, querystring: CandidateQuery, response: { 200: PlanDetail } } },
    (req) => verification.getPlan(req.ctx, req.params.id, req.query),
  );
  r.delete('/api/verification-plans/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await verification.deletePlan(req.ctx, req.params.id);
    return reply.status(204).send();
  });
  r.patch(
    '/api/verification-candidates/:id',
    { schema: { tags, params: IdParams, body: CandidateChange, response: { 200: PlanDetail } } },
    (req) => verification.changeCandidate(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/verification-plans/:id/commit',
    { schema: { tags, params: IdParams, response: { 200: Plan } } },
    (req) => verification.commitPlan(req.ctx, req.params.id),
  );
  r.post(
    '/api/verification-plans/:id/draw',
    { schema: { tags, params: IdParams, body: DrawBody, response: { 200: Plan } } },
    (req) => verification.drawPlan(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/verification-plans/:id/record',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({ download: z.enum(['1']).optional() }),
        response: { 200: LotteryRecordSchema },
      },
    },
    async (req, reply) => {
      const record = await verification.planRecord(req.ctx, req.params.id);
      if (req.query.download)
        reply.header(
          'content-disposition',
          `attachment; filename="boc-tham-${record.inputs.plan.year}-${req.params.id.slice(0, 8)}.json"`,
        );
      return record;
    },
  );
  r.get('/api/verification-plans/:id/minutes', { schema: { tags, params: IdParams } }, async (req, reply) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', 'attachment; filename="bien-ban-boc-tham.docx"')
      .send(await verification.drawMinutesDocx(req.ctx, req.params.id)),
  );
  r.get(
    '/api/verification-cases/:id/document',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({ kind: z.enum(verification.verificationDocuments) }),
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename="${req.query.kind === 'decision' ? 'quyet-dinh-xac-minh' : 'ket-luan-xac-minh'}.docx"`,
        )
        .send(await verification.verificationDocx(req.ctx, req.params.id, req.query.kind)),
  );
  r.get(
    '/api/verification-cases',
    {
      schema: {
        tags,
        querystring: z.strictObject({ status: z.enum(caseStatuses).optional(), userId: uuid().optional() }),
        response: { 200: z.array(VerificationCase) },
      },
    },
    (req) => verification.listCases(req.ctx, req.query),
  );
  r.post(
    '/api/verification-cases',
    { schema: { tags, body: CaseOpen, response: { 201: VerificationCase } } },
    async (req, reply) => reply.status(201).send(await verification.openCase(req.ctx, req.body)),
  );
  r.get(
    '/api/verification-cases/:id',
    { schema: { tags, params: IdParams, response: { 200: VerificationCase } } },
    (req) => verification.getCase(req.ctx, req.params.id),
  );
  r.post(
    '/api/verification-cases/:id/steps',
    { schema: { tags, params: IdParams, body: CaseStep, response: { 200: VerificationCase } } },
    (req) => verification.stepCase(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/verification-cases/:id/requests',
    { schema: { tags, params: IdParams, body: RequestCreate, response: { 201: VerificationRequest } } },
    async (req, reply) =>
      reply.status(201).send(await verification.requestInformation(req.ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/verification-requests/:id/answer',
    { schema: { tags, params: IdParams, body: RequestAnswer, response: { 200: VerificationRequest } } },
    (req) => verification.answerRequest(req.ctx, req.params.id, req.body),
  );

  r.get(
    '/api/declaration-risks',
    { schema: { tags, querystring: RiskQuery, response: { 200: RiskPage } } },
    (req) => risk.riskList(req.ctx, req.query),
  );
  r.post(
    '/api/declaration-risks/rank',
    {
      schema: {
        tags,
        body: z.strictObject({ year: z.number().int().min(2020).max(2100) }),
        response: { 200: z.object({ ranked: z.number() }) },
      },
    },
    (req) => risk.rankYear(req.ctx, req.body.year),
  );
  r.get('/api/risk-rules', { schema: { tags, response: { 200: z.array(RiskRule) } } }, (req) =>
    risk.listRiskRules(req.ctx),
  );
  r.put(
    '/api/risk-rules/:code',
    {
      schema: {
        tags,
        params: z.strictObject({ code: z.string().regex(/^[a-z_]{1,60}$/) }),
        body: RiskRuleChange,
        response: { 200: RiskRule },
      },
    },
    (req) => risk.changeRiskRule(req.ctx, req.params.code, req.body),
  );
  r.get(
    '/api/declarants/:id/history',
    { schema: { tags, params: IdParams, response: { 200: PersonHistory } } },
    (req) => risk.personHistory(req.ctx, req.params.id),
  );

  // Paper declarations entered by the unit's organising officer: the workbook, then check or enter.
  r.get('/api/declarations/paper-template', { schema: { tags } }, async (req, reply) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="liem-ban-ke-khai-giay.xlsx"')
      .send(await paperTemplate(req.ctx)),
  );
  r.post(
    '/api/declarations/paper',
    {
      schema: {
        tags,
        querystring: PaperImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: PaperImportResult },
      },
    },
    async (req) => {
      const { file } = await readUpload(req);
      return importPaper(req.ctx, file.content, { dryRun: req.query.dryRun === 'true' });
    },
  );

  // Publication at the workplace (the unit's organising officer): the list and the minutes as Word.
  r.get(
    '/api/declaration-publications',
    { schema: { tags, response: { 200: z.array(PublicationListItem) } } },
    (req) => filing.listPublications(req.ctx),
  );
  r.post(
    '/api/declaration-publications',
    { schema: { tags, body: PublicationCreate, response: { 201: Publication } } },
    async (req, reply) => reply.status(201).send(await filing.publish(req.ctx, req.body)),
  );
  r.get(
    '/api/declaration-publications/:id',
    { schema: { tags, params: IdParams, response: { 200: Publication } } },
    (req) => filing.getPublication(req.ctx, req.params.id),
  );
  r.get(
    '/api/declaration-publications/:id/docx',
    { schema: { tags, params: IdParams } },
    async (req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', 'attachment; filename="bien-ban-cong-khai.docx"')
        .send(await filing.publicationDocx(req.ctx, req.params.id)),
  );
  r.get(
    '/api/declaration-publications/:id/copies',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({ format: z.enum(['pdf', 'docx']).default('pdf') }),
      },
    },
    async (req, reply) =>
      reply
        .header(
          'content-type',
          req.query.format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        )
        .header('content-disposition', `attachment; filename="ban-cong-khai.${req.query.format}"`)
        .send(await filing.publicationCopies(req.ctx, req.params.id, req.query.format)),
  );
}
