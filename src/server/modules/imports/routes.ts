import { PassThrough } from 'node:stream';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorBody, toAppError } from '#server/http/errors.ts';
import { readUpload } from '#server/http/multipart.ts';
import { importAdapter } from '#server/platform/imports.ts';
import { fieldError } from '#shared/errors.ts';
import {
  ImportPreview,
  type ImportProgress,
  ImportResult,
  importEntities,
  Mapping,
} from '#shared/imports/schemas.ts';
import { uuid } from '#shared/validation.ts';
import {
  type Attention,
  attentionKinds,
  type ImportAdapter,
  preview,
  runImport,
  template,
} from './engine.ts';

const EntityParams = z.strictObject({ entity: z.enum(importEntities) });
const TargetQuery = z.strictObject({
  planId: uuid().optional(),
  eventId: uuid().optional(),
  /** Units: where new rows without a parent are created. */
  underUnitId: uuid().optional(),
});

function parseMapping(raw: string | undefined): Mapping {
  if (raw === undefined) throw fieldError('mapping', 'field.required');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw fieldError('mapping', 'field.invalid');
  }
  const parsed = Mapping.safeParse(json);
  if (!parsed.success) throw fieldError('mapping', 'field.invalid');
  return parsed.data;
}

/** The kinds of change the user confirmed after the dry run (`confirm=move,retype`). */
function parseConfirmed(raw: string | undefined): Attention[] {
  const kinds = (raw ?? '').split(',').filter(Boolean);
  if (kinds.some((k) => !(attentionKinds as readonly string[]).includes(k)))
    throw fieldError('confirm', 'field.invalid');
  return kinds as Attention[];
}

const NDJSON = 'application/x-ndjson';

/**
 * A long import's answer as it goes (asked for with `Accept: application/x-ndjson`): one JSON line per
 * progress step (`{"progress":{phase,done,total}}`, at most every 150 ms), then the outcome as
 * `{"status":200,"body":…}` or the error the JSON answer would have given (`{"status":400,"body":…}`).
 * The user sees 100,000 rows being checked and written instead of a button spinning for 20 seconds.
 */
function streamWithProgress(
  req: FastifyRequest,
  reply: FastifyReply,
  run: (progress: (p: ImportProgress) => void) => Promise<ImportResult>,
) {
  const out = new PassThrough();
  const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
  let last: ImportProgress | null = null;
  let lastAt = 0;
  const progress = (p: ImportProgress) => {
    const now = performance.now();
    if (p.phase === last?.phase && now - lastAt < 150) return;
    last = p;
    lastAt = now;
    line({ progress: p });
  };
  run(progress)
    .then(
      (body) => line({ status: 200, body }),
      (err: unknown) => {
        const e = toAppError(err, req);
        if (e.code === 'internal') req.log.error({ err }, 'unhandled error');
        line({ status: e.status, body: errorBody(req.lang, req.id, e) });
      },
    )
    .finally(() => out.end());
  return (
    reply
      .header('content-type', `${NDJSON}; charset=utf-8`)
      .header('cache-control', 'no-store')
      // Proxies that buffer answers (nginx does by default) would hold the progress back.
      .header('x-accel-buffering', 'no')
      .send(out)
  );
}

/** Import in three steps: preview (headers, remembered or guessed mapping), dry run, commit. */
export async function importRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  r.get(
    '/api/imports/:entity/template',
    { schema: { tags, params: EntityParams, querystring: TargetQuery } },
    async (req, reply) => {
      const file = await template(
        req.ctx,
        importAdapter(req.params.entity, req.query) as ImportAdapter<unknown>,
      );
      return reply
        .header('content-type', xlsx)
        .header('content-disposition', `attachment; filename="liem-${req.params.entity}-template.xlsx"`)
        .send(file);
    },
  );

  r.post(
    '/api/imports/:entity/preview',
    {
      schema: {
        tags,
        params: EntityParams,
        querystring: TargetQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportPreview },
      },
    },
    async (req) => {
      const { file } = await readUpload(req);
      return preview(
        req.ctx,
        importAdapter(req.params.entity, req.query) as ImportAdapter<unknown>,
        file.content,
      );
    },
  );

  for (const step of ['dry-run', 'commit'] as const) {
    r.post(
      `/api/imports/:entity/${step}`,
      {
        schema: {
          tags,
          params: EntityParams,
          querystring: TargetQuery,
          consumes: ['multipart/form-data'],
          response: { 200: ImportResult },
        },
      },
      async (req, reply) => {
        const { fields, file } = await readUpload(req);
        const run = (progress?: (p: ImportProgress) => void) =>
          runImport(
            req.ctx,
            importAdapter(req.params.entity, req.query),
            file.content,
            parseMapping(fields.mapping),
            { dryRun: step === 'dry-run', progress, confirmed: parseConfirmed(fields.confirm) },
          );
        if (!req.headers.accept?.includes(NDJSON)) return run();
        return streamWithProgress(req, reply, run);
      },
    );
  }
}
