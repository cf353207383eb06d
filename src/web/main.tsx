import './app/i18n.ts';
import './styles.css';
import {
  type DehydratedState,
  hydrate,
  type Query,
  QueryClient,
  QueryClientProvider,
} from '@tanstack/react-query';
import i18next from 'i18next';
import { StrictMode, startTransition, useEffect } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { asBreakpoint, SCREEN_COOKIE, screensOf, widestAt } from '#shared/screens.ts';
import { ApiError, onSessionLost, setCsrf } from './app/api.ts';
import { moveStoredChoices, tellServer } from './app/cookies.ts';
import { changeLanguage, useT } from './app/i18n.ts';
import { basename, preloadFirstPage, routes } from './app/router.tsx';
import { FirstScreens } from './app/screens.tsx';
import { type Session, sessionQuery } from './app/session.tsx';
import { Themed } from './app/theme.tsx';
import { keepTyped } from './app/typed.ts';
import { takeOverParts } from './components/Part.tsx';

// A page the server drew with the reader's data (`draw.tsx`, ADR 0045) comes with the answers it was drawn
// with: the app starts from them, draws the same and takes the page over without asking again.
const drawnState = document.getElementById('liem-drawn');
const drawnAt = Date.now();
/** Not asked again on mount: an answer the page came with, unchanged and not made stale since. */
const cameWithPage = (q: Query) =>
  q.state.dataUpdatedAt === drawnAt && !q.state.isInvalidated && Date.now() - drawnAt < 60_000;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500 && err.status !== 0) && count < 2,
      refetchOnWindowFocus: false,
      refetchOnMount: (q) => !cameWithPage(q as Query),
    },
  },
});
if (drawnState) {
  const state = JSON.parse(drawnState.textContent ?? '{}') as DehydratedState;
  // Answered now, as far as this browser's clock is concerned (the server's may differ).
  for (const q of state.queries) q.state.dataUpdatedAt = drawnAt;
  hydrate(queryClient, state);
  const session = queryClient.getQueryData<Session>(sessionQuery.queryKey);
  if (session) setCsrf(session.csrfToken);
}
const firstScreens = screensOf(asBreakpoint(drawnState?.dataset.widest) ?? 'xs');

moveStoredChoices();
// The server draws the next page for this screen's width (`#shared/screens.ts`).
const tellWidth = () => tellServer(SCREEN_COOKIE, widestAt(window.innerWidth));
tellWidth();
window.addEventListener('resize', tellWidth, { passive: true });

const router = createBrowserRouter(routes, { basename });

const firstPage = preloadFirstPage(window.location.pathname, () => queryClient.prefetchQuery(sessionQuery));

// A lost session anywhere sends the user to sign-in, then back to where they were.
onSessionLost((code) => {
  const here = window.location.pathname.replace(/^\/app/, '') + window.location.search;
  queryClient.setQueryData(['session'], null);
  void router.navigate(
    `/sign-in?next=${encodeURIComponent(here || '/')}${code === 'session_expired' ? '&expired=1' : ''}`,
    { replace: true },
  );
});

function Root() {
  const { lang } = useT();
  // A drawn page is the app's once all its parts are hydrated (the benchmark and the journeys wait for this;
  // a click in a part not yet taken over does nothing).
  useEffect(() => {
    takeOverParts(Number(drawnState?.dataset.parts ?? 0), () => {
      delete document.getElementById('root')?.dataset.drawn;
    });
  }, []);
  return (
    <Themed lang={lang}>
      <FirstScreens.Provider value={drawnState ? firstScreens : {}}>
        <RouterProvider router={router} />
      </FirstScreens.Provider>
    </Themed>
  );
}

// A table wider than the screen scrolls sideways; keyboard users must be able to focus that region to
// scroll it (WCAG 2.1.1). antd does not expose the scroll container, so every one gets tabindex here.
new MutationObserver(() => {
  for (const el of document.querySelectorAll<HTMLElement>(
    '.ant-table-content:not([tabindex]), .ant-table-body:not([tabindex])',
  ))
    el.tabIndex = 0;
}).observe(document.body, { childList: true, subtree: true });

// A page the server sent already drawn (the sign-in page, `draw.tsx`) stays on screen until the app
// has what it needs to draw the same (its code and who is signed in): no blank or spinner in between.
// What was typed into it meanwhile is carried over; it is taken over in one synchronous step, so that
// nothing typed between reading it and replacing it is lost.
const container = document.getElementById('root')!;
const app = (
  <StrictMode>
    <I18nextProvider i18n={i18next}>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>
);
// The first render waits for the first page's code and the session: drawn earlier, the page would show a
// Suspense fallback, and React holds back the content that replaces a fallback for up to 300 ms (its
// reveal throttle), while the page's own queries cannot start until that content is committed.
await firstPage.catch(() => undefined);
if (container.dataset.prerendered) {
  const lang = container.dataset.switchLang;
  if (lang === 'en' || lang === 'vi') await changeLanguage(lang);
  keepTyped(container);
  const root = createRoot(container);
  flushSync(() => root.render(app));
  // The page is the app's from here on (boot.js stops holding forms back; the benchmark waits for this).
  delete container.dataset.prerendered;
} else if (drawnState) {
  // Hydrated in a transition too: React checks the drawn page in slices, answering input between them.
  startTransition(() => {
    hydrateRoot(container, app);
  });
} else {
  // In a transition React draws the first page in slices, answering input between them, instead of in
  // one task of a few hundred milliseconds (Lighthouse's total blocking time).
  const root = createRoot(container);
  startTransition(() => root.render(app));
}
