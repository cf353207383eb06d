import './app/i18n.ts';
import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import i18next from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError, onSessionLost } from './app/api.ts';
import { useT } from './app/i18n.ts';
import { preloadFirstPage, router } from './app/router.tsx';
import { sessionQuery } from './app/session.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500 && err.status !== 0) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

preloadFirstPage(window.location.pathname, () => queryClient.prefetchQuery(sessionQuery));

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
    <ConfigProvider
      locale={lang === 'vi' ? viVN : enUS}
      theme={{
        token: {
          colorPrimary: '#0b5cad',
          colorLink: '#0b5cad',
          colorInfo: '#0b5cad',
          // antd's default secondary greys are below WCAG AA contrast on white.
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
          colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
          colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
          colorError: '#c62828',
          // A lighter dimming behind drawers and dialogs keeps the page behind them readable (and AA).
          colorBgMask: 'rgba(0, 0, 0, 0.25)',
          fontFamily: '"Noto Sans", system-ui, sans-serif',
          borderRadius: 6,
        },
        components: {
          // Tag text in the preset colours is too light for AA; darker text on the same tint.
          Tag: { defaultColor: 'rgba(0, 0, 0, 0.85)' },
        },
      }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18next}>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
