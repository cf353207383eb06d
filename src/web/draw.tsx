/**
 * Pages drawn on the server (issue 17 §24, ADR 0045). A phone on a slow network shows a staff page with its
 * data before the app's code has arrived; the app then takes over the same markup (`main.tsx` hydrates).
 *
 * The page is drawn by the app's own components, routes and queries: each pass draws the page and reads,
 * through the reader's own session, the answers its queries are waiting for, until none waits. Never in the
 * browser: the build bundles this file for the server (vite.config.ts), and draws the sign-in page with it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import {
  type DehydratedState,
  dehydrate,
  type Query,
  QueryClient,
  QueryClientProvider,
} from '@tanstack/react-query';
import i18next, { type i18n } from 'i18next';
import { type ReactNode, StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouter, StaticRouterProvider } from 'react-router';
import { en, singularResources } from '#shared/i18n/en.ts';
import type { Language } from '#shared/i18n/index.ts';
import { type Breakpoint, screensOf } from '#shared/screens.ts';
import './app/i18n.ts';
import { setTransport } from './app/api.ts';
import { setServerChoices } from './app/cookies.ts';
import { basename, firstPages, preloadFirstPage, routes } from './app/router.tsx';
import { FirstScreens } from './app/screens.tsx';
import { sessionQuery } from './app/session.tsx';
import { Themed } from './app/theme.tsx';
import { PartCounter } from './components/Part.tsx';
import SignInPage from './features/auth/SignInPage.tsx';

/** Reads one of the API's answers (`/api/…`, GET) as the reader: their session, their language. */
export type ReadAsReader = (url: string) => Promise<Response>;

export interface DrawRequest {
  /** The page's address under /app, with its query: `/plans/…?tab=tasks`. */
  url: string;
  lang: Language;
  /** The widest of antd's breakpoints the reader's screen holds (`#shared/screens.ts`). */
  widest: Breakpoint;
  read: ReadAsReader;
  /** The reader's choices the page is drawn by (`#shared/choices.ts`), as their browser keeps them. */
  choices: Readonly<Record<string, string | undefined>>;
  /** Aborted once the page is sent without being drawn: no more reads or passes for it. */
  signal?: AbortSignal;
}

export interface DrawnPage {
  html: string;
  /** antd's style rules for what was drawn, as `<style>` elements. */
  styles: string;
  /** The answers the page was drawn with, for the app to start from (react-query's dehydrated state). */
  state: DehydratedState;
  /** How many parts (`Part`) the page was drawn in: it is the app's once it has taken them all over. */
  parts: number;
  /** The files of the pages' code it was drawn with (src/web/…), for the browser to run before the app. */
  files: string[];
}

/** A page whose queries still wait after this many passes is sent as it is; the app reads the rest. */
const MAX_PASSES = 4;

if (!i18next.hasResourceBundle('en', 'translation'))
  i18next.addResourceBundle('en', 'translation', { ...en, ...singularResources });

/** One translator per language: pages are drawn concurrently, and a shared one has one language. */
const readers = new Map<Language, i18n>();
for (const lang of ['vi', 'en'] as const) {
  const reader = i18next.cloneInstance({ lng: lang });
  await reader.changeLanguage(lang);
  readers.set(lang, reader);
}

// The app's requests, made while a page is drawn, are read as that page's reader (the store follows the
// drawing through its awaits). Only reads: a drawn page changes nothing.
const drawing = new AsyncLocalStorage<DrawRequest>();
setTransport((url, init) => {
  const read = drawing.getStore()?.read;
  if (!read || (init.method ?? 'GET') !== 'GET') return Promise.reject(new Error('a drawn page only reads'));
  return read(url);
});
setServerChoices((name) => drawing.getStore()?.choices[name]);

function Providers({
  lang,
  client,
  cache,
  children,
}: {
  lang: Language;
  client: QueryClient;
  cache: ReturnType<typeof createCache>;
  children: ReactNode;
}) {
  return (
    <StyleProvider cache={cache}>
      <I18nextProvider i18n={readers.get(lang)!}>
        <QueryClientProvider client={client}>
          <Themed lang={lang}>{children}</Themed>
        </QueryClientProvider>
      </I18nextProvider>
    </StyleProvider>
  );
}

/** The sign-in page, drawn once at build time (vite.config.ts): it has no data and no reader. */
export function renderSignIn(lang: Language): { html: string; styles: string } {
  const cache = createCache();
  const html = renderToString(
    <Providers lang={lang} client={new QueryClient()} cache={cache}>
      <StaticRouter location="/sign-in">
        <SignInPage />
      </StaticRouter>
    </Providers>,
  );
  return { html, styles: extractStyle(cache) };
}

const enabled = (query: Query) => {
  const on = (query.options as { enabled?: boolean | ((q: Query) => boolean) }).enabled;
  return typeof on === 'function' ? on(query) : on !== false;
};

/**
 * A staff page drawn with its data as the reader would see it, or null where the app must decide (nobody
 * fully signed in: the app sends them to sign-in; an address no route draws).
 */
export function drawPage(request: DrawRequest): Promise<DrawnPage | null> {
  return drawing.run(request, async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const path = new URL(request.url, 'http://liem').pathname;
    const [session] = await Promise.all([
      client.fetchQuery(sessionQuery).catch(() => null),
      preloadFirstPage(`${basename}${path}`, async () => undefined),
    ]);
    if (session?.stage !== 'active') return null;
    const handler = createStaticHandler(routes, { basename });
    const context = await handler.query(new Request(`http://liem${basename}${request.url}`));
    if (context instanceof Response) return null;
    const router = createStaticRouter(handler.dataRoutes, context);
    // One style cache for every pass: a rule computed once is not computed again.
    const cache = createCache();
    const asked = new Set<string>();
    for (let pass = 1; ; pass++) {
      const counter = { parts: 0 };
      const html = renderToString(
        <StrictMode>
          <Providers lang={request.lang} client={client} cache={cache}>
            <FirstScreens.Provider value={screensOf(request.widest)}>
              <PartCounter.Provider value={counter}>
                <StaticRouterProvider router={router} context={context} hydrate={false} />
              </PartCounter.Provider>
            </FirstScreens.Provider>
          </Providers>
        </StrictMode>,
      );
      const waiting = client
        .getQueryCache()
        .getAll()
        .filter((q) => q.state.status === 'pending' && !asked.has(q.queryHash) && enabled(q));
      if (request.signal?.aborted) return null;
      if (waiting.length === 0 || pass === MAX_PASSES)
        return {
          html,
          styles: extractStyle(cache),
          state: dehydrate(client),
          parts: counter.parts,
          files: firstPages(`${basename}${path}`).flatMap((p) => (p.file ? [p.file] : [])),
        };
      for (const q of waiting) asked.add(q.queryHash);
      // A refused read leaves its query in error: the page is drawn as the app would draw it, and the app
      // asks again (errors are not handed over).
      await Promise.all(waiting.map((q) => q.fetch().catch(() => undefined)));
    }
  });
}
