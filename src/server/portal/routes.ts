import type { FastifyInstance } from 'fastify';
import { type Language, pickLanguage } from '#shared/i18n/index.ts';

const copy: Record<Language, { title: string; lead: string; api: string }> = {
  vi: {
    title: 'Liêm — Phòng, chống tham nhũng, tiêu cực',
    lead: 'Cổng thông tin dành cho người dân và ứng dụng nghiệp vụ của cán bộ đang được xây dựng; giao diện lập trình (API) đã sẵn sàng.',
    api: 'Tài liệu API',
  },
  en: {
    title: 'Liêm — Preventing and combating corruption',
    lead: 'The citizen portal and the staff application are being built; the API is ready.',
    api: 'API documentation',
  },
};

/** The public front page: server-rendered, no JavaScript, no third-party resource, no cookie. */
export async function portalRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const q = req.query as { lang?: string };
    const lang: Language =
      q.lang === 'en' || q.lang === 'vi' ? q.lang : pickLanguage(req.headers['accept-language']);
    const c = copy[lang];
    const other = lang === 'vi' ? 'en' : 'vi';
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${c.title}</title>
<style>body{font-family:system-ui,"Noto Sans",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}a{color:#0b5cad}h1{font-size:1.6rem}</style>
</head><body><main><h1>${c.title}</h1><p>${c.lead}</p>
<p><a href="/api/docs">${c.api}</a> · <a href="/?lang=${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a></p>
</main></body></html>`);
  });
}
