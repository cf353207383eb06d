import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DRAWN_BY } from '#shared/choices.ts';
import { LANGUAGE_COOKIE } from '#shared/i18n/cookie.ts';
import { asBreakpoint, guessWidest, SCREEN_COOKIE } from '#shared/screens.ts';
import type { DrawnPage, DrawRequest } from '#web/draw.tsx';

/** Draws a staff page for a reader (`src/web/draw.tsx`, bundled for the server by the build). */
export type PageDrawer = (request: DrawRequest) => Promise<DrawnPage | null>;

/** Longer than this and the app draws the page itself, as it did before pages were drawn here. */
const DRAW_TIMEOUT_MS = 3000;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The server's bundle of `draw.tsx`, where the build made one (`dist/web-ssr`, vite.config.ts). */
export async function loadPageDrawer(ssrDir: string): Promise<PageDrawer | undefined> {
  const file = join(ssrDir, 'draw.js');
  if (!existsSync(file)) return undefined;
  const { drawPage } = (await import(pathToFileURL(file).href)) as typeof import('#web/draw.tsx');
  return drawPage;
}

/**
 * Sends a staff page drawn with the reader's data (issue 17 §24, ADR 0045), or answers false where the
 * app must draw it itself (no page drawn in time, nobody fully signed in, an address no route draws).
 *
 * The page's reads go through the app's own routes with the reader's own cookie (`inject`): the same
 * access, scope and audit as the browser's requests, which the app then does not repeat.
 */
export function pageSender(app: FastifyInstance, draw: PageDrawer, dist: string) {
  // The frame the build wrote (vite.config.ts `drawnPages`): read once, like the build's other files.
  const frame = readFileSync(join(dist, 'page.html'), 'utf8');
  // Each page's code beyond what every page loads, in the order boot.js runs it (vite.config.ts).
  const scriptsFile = join(dist, 'page-scripts.json');
  const scriptsOf: Record<string, string[]> = existsSync(scriptsFile)
    ? JSON.parse(readFileSync(scriptsFile, 'utf8'))
    : {};
  return async (req: FastifyRequest, reply: FastifyReply, url: string): Promise<boolean> => {
    const lang = req.cookies[LANGUAGE_COOKIE] === 'en' ? 'en' : 'vi';
    const widest = asBreakpoint(req.cookies[SCREEN_COOKIE]) ?? guessWidest(req.headers['user-agent']);
    // Once the page has gone undrawn (too slow), its drawing stops: no read is made twice.
    const abandon = new AbortController();
    const read = async (path: string) => {
      abandon.signal.throwIfAborted();
      const res = await app.inject({
        method: 'GET',
        url: path,
        headers: { cookie: req.headers.cookie ?? '', 'accept-language': lang },
        remoteAddress: req.ip,
      });
      return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode });
    };
    let timer: NodeJS.Timeout | undefined;
    const drawn = await Promise.race([
      draw({
        url,
        lang,
        widest,
        read,
        choices: Object.fromEntries(DRAWN_BY.map((n) => [n, req.cookies[n]])),
        signal: abandon.signal,
      }),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => {
          abandon.abort();
          resolve(null);
        }, DRAW_TIMEOUT_MS);
      }),
    ])
      .catch((err: unknown) => {
        // The code's fault, never the reader's data: the error's kind and where, not its message.
        req.log.warn(
          { code: 'page_not_drawn', error: err instanceof Error ? err.name : typeof err },
          'page not drawn',
        );
        return null;
      })
      .finally(() => clearTimeout(timer));
    if (!drawn) return false;
    // One pass over the frame: what is put in is never searched again (a reader's text may hold anything).
    const page = frame.replace(/<html lang="vi">|<!--liem:(head|root|state)-->/g, (_m, part?: string) => {
      if (part === 'head')
        return (
          drawn.styles +
          [...new Set(drawn.files.flatMap((f) => scriptsOf[f] ?? []))]
            .map((src) => `<meta name="liem-preload" content="${src}">`)
            .join('')
        );
      if (part === 'root') return drawn.html;
      if (part === 'state')
        return `<script type="application/json" id="liem-drawn" data-widest="${widest}" data-parts="${drawn.parts}">${JSON.stringify(
          drawn.state,
        ).replace(/</g, '\\u003c')}</script>`;
      return `<html lang="${lang}">`;
    });
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const [encoding, body] = /\bbr\b/.test(accepts)
      ? ['br', await brotli(page, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })]
      : /\bgzip\b/.test(accepts)
        ? ['gzip', await gzipped(page)]
        : [undefined, Buffer.from(page)];
    if (encoding) reply.header('content-encoding', encoding);
    // The reader's own data: never kept by a browser or anything between.
    await reply
      .header('cache-control', 'no-store')
      .header('vary', 'cookie, accept-encoding')
      .type('text/html; charset=utf-8')
      .send(body);
    return true;
  };
}
