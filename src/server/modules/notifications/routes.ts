import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams, pageQuery } from '#shared/validation.ts';
import { listMine, markAllRead, markRead } from './service.ts';

const Notification = z.object({
  id: z.string(),
  message: z.string(),
  messageKey: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        querystring: z.strictObject({
          ...pageQuery,
          unread: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: {
          200: z.object({
            items: z.array(Notification),
            total: z.number(),
            unread: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    (req) => listMine(req.ctx, req.query),
  );
  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await markRead(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/notifications/read-all',
    { schema: { tags, response: { 204: z.null() } } },
    async (req, reply) => {
      await markAllRead(req.ctx);
      return reply.status(204).send(null);
    },
  );
}
