import { Button, Result, Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { matchPath, Navigate, type RouteObject, useLocation, useNavigate } from 'react-router';
import { type LazyPage, lazyPage } from '#web/app/feature.ts';
import { features } from '#web/features/index.ts';
import { useT } from './i18n.ts';
import { navEntryOf, navVisible } from './nav.ts';
import { SessionProvider, useSession, useSessionQuery } from './session.tsx';

// The shell (menu, drawer, dropdowns) is not needed to sign in, so it loads after.
const Shell = lazyPage(() => import('./Shell.tsx').then((m) => ({ default: m.Shell })));
const SignInPage = lazyPage(() => import('#web/features/auth/SignInPage.tsx'));
const ResetPasswordPage = lazyPage(() => import('#web/features/auth/ResetPasswordPage.tsx'));

/**
 * Starts, at once, what the first page will ask for one after another: who is signed in, the shell and
 * the page's own code. Without it each waited for the one before (four round trips before any content).
 */
export function preloadFirstPage(
  pathname: string,
  prefetchSession: () => Promise<unknown>,
): Promise<unknown> {
  return Promise.all([prefetchSession(), ...firstPages(pathname).map((p) => p.preload())]);
}

/** The pages' code the first page is drawn with: the shell and the page, or a page of its own. */
export function firstPages(pathname: string): LazyPage[] {
  const path = pathname.replace(/^\/app(?=\/|$)/, '') || '/';
  if (matchPath('/sign-in', path)) return [SignInPage];
  if (matchPath('/reset-password', path)) return [ResetPasswordPage];
  const route = features
    .flatMap((f) => f.routes)
    .find((r) => matchPath({ path: `/${r.path}`, end: true }, path));
  return route ? [Shell, route.page] : [Shell];
}

const loading = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

const page = (el: ReactNode) => <Suspense fallback={loading}>{el}</Suspense>;

/** Pages behind sign-in: anyone not fully signed in goes to /sign-in and comes back afterwards. */
function Protected() {
  const { data: session, isLoading } = useSessionQuery();
  const location = useLocation();
  if (isLoading) return loading;
  if (session?.stage !== 'active') {
    return (
      <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  }
  return (
    <SessionProvider session={session}>
      <Suspense fallback={loading}>
        <Shell />
      </Suspense>
    </SessionProvider>
  );
}

/**
 * A page of a register the user has no part in (its sidebar entry is not theirs), typed by hand: the 404
 * page, as for any address that is not theirs, rather than the page's frame saying "no data" (rev28).
 * The API answers 404 to its requests either way; this only spares the empty frame.
 */
function ForUser({ path, children }: { path: string; children: ReactNode }) {
  const { session, canAnywhere } = useSession();
  const entry = navEntryOf(path);
  if (
    entry &&
    !navVisible(
      entry,
      canAnywhere,
      session.grants.map((g) => g.role),
    )
  )
    return <NotFound />;
  return children;
}

function NotFound() {
  const { t } = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('ui.common.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('ui.common.backHome')}
        </Button>
      }
    />
  );
}

/**
 * The app's routes: the browser's router is made of them (`main.tsx`), and so is the server's when it draws a
 * page (`draw.tsx`), so both draw the same markup.
 */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: page(<SignInPage />) },
  // Opened from a mailed link, signed in or not.
  { path: '/reset-password', element: page(<ResetPasswordPage />) },
  {
    path: '/',
    element: <Protected />,
    children: [
      ...features.flatMap((f) =>
        f.routes.map(({ path, page: Page }) =>
          path === ''
            ? { index: true, element: page(<Page />) }
            : {
                path,
                element: <ForUser path={path}>{page(<Page />)}</ForUser>,
              },
        ),
      ),
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const basename = '/app';
