import './app/i18n.ts';
import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { StrictMode, startTransition } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError, onSessionLost } from './app/api.ts';
import { changeLanguage, useT } from './app/i18n.ts';
import { preloadFirstPage, router } from './app/router.tsx';
import { sessionQuery } from './app/session.tsx';
import { Themed } from './app/theme.tsx';
import { keepTyped } from './app/typed.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500 && err.status !== 0) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

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
  return (
    <Themed lang={lang}>
      <RouterProvider router={router} />
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

// A page the server sent already drawn (the sign-in page, `prerender.tsx`) stays on screen until the app
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
const root = createRoot(container);
// The first render waits for the first page's code and the session: drawn earlier, the page would show a
// Suspense fallback, and React holds back the content that replaces a fallback for up to 300 ms (its
// reveal throttle), while the page's own queries cannot start until that content is committed.
await firstPage.catch(() => undefined);
if (container.dataset.prerendered) {
  const lang = container.dataset.switchLang;
  if (lang === 'en' || lang === 'vi') await changeLanguage(lang);
  keepTyped(container);
  flushSync(() => root.render(app));
  // The page is the app's from here on (boot.js stops holding forms back; the benchmark waits for this).
  delete container.dataset.prerendered;
} else {
  // In a transition React draws the first page in slices, answering input between them, instead of in
  // one task of a few hundred milliseconds (Lighthouse's total blocking time).
  startTransition(() => root.render(app));
}
