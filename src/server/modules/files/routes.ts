import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readUpload } from '#server/http/multipart.ts';
import { fieldError } from '#shared/errors.ts';
import { IdParams, Page, pageQuery, uuid } from '#shared/validation.ts';
import { listFiles, readFile, storeFile } from './service.ts';

const FileMeta = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});

/** RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name. */
export function disposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function fileRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['files'];

  r.post(
    '/api/files',
    { schema: { tags, consumes: ['multipart/form-data'], response: { 201: FileMeta } } },
    async (req, reply) => {
      const { fields, file } = await readUpload(req);
      const unitId = uuid().safeParse(fields.unitId);
      if (!unitId.success)
        throw fieldError('unitId', fields.unitId === undefined ? 'field.required' : 'field.uuid');
      const meta = await storeFile(req.ctx, {
        unitId: unitId.data,
        name: file.name,
        content: file.content,
      });
      return reply.status(201).send(meta);
    },
  );

  r.get(
    '/api/files',
    {
      schema: {
        tags,
        querystring: z.strictObject({ ...pageQuery, unitId: uuid().optional() }),
        response: { 200: Page(FileMeta) },
      },
    },
    (req) => listFiles(req.ctx, req.query),
  );

  r.get('/api/files/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const f = await readFile(req.ctx, req.params.id);
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', disposition(f.name))
      .header('x-content-sha256', f.sha256)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(f.content));
  });
}
