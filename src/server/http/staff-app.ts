import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LANGUAGE_COOKIE } from '#shared/i18n/cookie.ts';
import { loadPageDrawer, type PageDrawer, pageSender } from './drawn-pages.ts';
import { registerPublic, SESSION_COOKIE } from './plugin.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const webDist = join(projectRoot, 'dist/web');
/** The server's bundle of the app's pages (`src/web/draw.tsx`), which it draws pages with. */
export const ssrDist = join(projectRoot, 'dist/web-ssr');
const STAMP = '.liem-build';

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when dist/web is missing or older than any source it is built from. */
export function webBuildStale(): boolean {
  const stamp = join(webDist, STAMP);
  if (!existsSync(stamp)) return true;
  const sources = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json']
    .map((p) => join(projectRoot, p))
    .filter(existsSync);
  return Math.max(...sources.map(newestMtime)) > statSync(stamp).mtimeMs;
}

/** Builds the staff app when needed, so `npm run demo` and `npm start` work from a fresh clone. */
export async function ensureWebBuild(log: (s: string) => void = () => {}): Promise<void> {
  if (!webBuildStale()) return;
  log('Đang xây dựng ứng dụng nghiệp vụ / building the staff app…');
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(join(webDist, STAMP), new Date().toISOString());
}

/**
 * Serves the built app at /app/: hashed assets cached for a year; a page for someone signed in drawn with
 * their data where the build made the server's bundle (`drawn-pages.ts`), else, and for every other path,
 * index.html.
 */
export async function registerStaffApp(
  app: FastifyInstance,
  dist = webDist,
  drawer: PageDrawer | undefined = undefined,
) {
  if (!existsSync(join(dist, 'index.html'))) {
    app.get('/app/*', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          'Ứng dụng nghiệp vụ chưa được xây dựng (npm run demo sẽ tự xây dựng). / The staff app is not built yet.',
        ),
    );
    return;
  }
  await registerPublic(app, async (scope) => {
    await scope.register(fastifyStatic, {
      root: dist,
      prefix: '/app/',
      index: false,
      wildcard: false,
      // The build writes .br and .gz beside each file (vite.config.ts): served as the browser accepts.
      preCompressed: true,
      setHeaders(res, path) {
        res.header(
          'cache-control',
          path.startsWith(join(dist, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    // Someone with no session at all is sent straight to sign-in (the app would send them there itself,
    // after downloading itself); a mailed reset link is opened signed in or not.
    const draw = drawer ?? (await loadPageDrawer(ssrDist));
    const sendDrawn = draw && existsSync(join(dist, 'page.html')) ? pageSender(app, draw, dist) : undefined;
    const index = async (req: FastifyRequest, reply: FastifyReply) => {
      const path = req.url.slice('/app'.length) || '/';
      const resetting = path.startsWith('/reset-password');
      if (!req.cookies[SESSION_COOKIE] && !resetting)
        return reply.redirect(`/app/sign-in?next=${encodeURIComponent(path)}`);
      if (sendDrawn && !resetting && (await sendDrawn(req, reply, path))) return reply;
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    };
    // The sign-in page already drawn in the reader's language (vite.config.ts `drawnPages`), so a slow
    // phone shows the form before the app's code arrives. With a session, the app decides (a later step).
    // Looked for once: the build's files are served as they were at start (see the assets route below).
    const drawnPages = new Set(['vi', 'en'].filter((l) => existsSync(join(dist, `sign-in.${l}.html`))));
    scope.get(
      '/app/sign-in',
      { config: { access: 'public' }, schema: { hide: true } },
      async (req, reply) => {
        const lang = req.cookies[LANGUAGE_COOKIE] === 'en' ? 'en' : 'vi';
        const file =
          !req.cookies[SESSION_COOKIE] && drawnPages.has(lang) ? `sign-in.${lang}.html` : 'index.html';
        return reply.header('cache-control', 'no-cache').header('vary', 'cookie').sendFile(file);
      },
    );
    scope.get('/app', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.redirect('/app/'),
    );
    scope.get('/app/', { config: { access: 'public' }, schema: { hide: true } }, index);
    // A missing asset is a 404, never the page: a browser given HTML for a script shows a blank app.
    // (A build made after the server started needs a restart; its new files are not served till then.)
    scope.get(
      '/app/assets/*',
      { config: { access: 'public' }, schema: { hide: true } },
      async (_req, reply) =>
        reply.code(404).header('cache-control', 'no-store').type('text/plain').send('Not found'),
    );
    scope.get('/app/*', { config: { access: 'public' }, schema: { hide: true } }, index);
  });
}
