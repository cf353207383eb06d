import { Button, Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, useLocation, useNavigate } from 'react-router';
import { useT } from './i18n.ts';
import { SessionProvider, useSessionQuery } from './session.tsx';

// The shell (menu, drawer, dropdowns) is not needed to sign in, so it loads after.
const Shell = lazy(() => import('./Shell.tsx').then((m) => ({ default: m.Shell })));
const SignInPage = lazy(() => import('#web/features/auth/SignInPage.tsx'));
const HomePage = lazy(() => import('#web/features/home/HomePage.tsx'));
const UnitsPage = lazy(() => import('#web/features/org/UnitsPage.tsx'));
const UsersPage = lazy(() => import('#web/features/users/UsersPage.tsx'));
const GrantsPage = lazy(() => import('#web/features/users/GrantsPage.tsx'));
const AuditPage = lazy(() => import('#web/features/audit/AuditPage.tsx'));
const PlansPage = lazy(() => import('#web/features/plans/PlansPage.tsx'));
const PlanDetailPage = lazy(() => import('#web/features/plans/PlanDetailPage.tsx'));
const ReportsPage = lazy(() => import('#web/features/reports/ReportsPage.tsx'));
const ReportDetailPage = lazy(() => import('#web/features/reports/ReportDetailPage.tsx'));
const IdentityRequestsPage = lazy(() => import('#web/features/reports/IdentityRequestsPage.tsx'));
const KeysPage = lazy(() => import('#web/features/reports/KeysPage.tsx'));
const AssessmentsPage = lazy(() => import('#web/features/assessments/AssessmentsPage.tsx'));
const CampaignPage = lazy(() => import('#web/features/assessments/CampaignPage.tsx'));
const AssessmentPage = lazy(() => import('#web/features/assessments/AssessmentPage.tsx'));
const FrameworksPage = lazy(() => import('#web/features/assessments/FrameworksPage.tsx'));
const EnterprisesPage = lazy(() => import('#web/features/enterprises/EnterprisesPage.tsx'));
const ClocksPage = lazy(() => import('#web/features/clocks/ClocksPage.tsx'));
const DeclarationsPage = lazy(() => import('#web/features/declarations/DeclarationsPage.tsx'));
const DeclarationPage = lazy(() => import('#web/features/declarations/DeclarationPage.tsx'));
const HistoryPage = lazy(() => import('#web/features/declarations/HistoryPage.tsx'));

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

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: page(<SignInPage />) },
    {
      path: '/',
      element: <Protected />,
      children: [
        { index: true, element: page(<HomePage />) },
        { path: 'plans', element: page(<PlansPage />) },
        { path: 'plans/:id', element: page(<PlanDetailPage />) },
        { path: 'assessments', element: page(<AssessmentsPage />) },
        { path: 'frameworks', element: page(<FrameworksPage />) },
        { path: 'assessments/:id', element: page(<AssessmentPage />) },
        { path: 'campaigns/:id', element: page(<CampaignPage />) },
        { path: 'enterprises', element: page(<EnterprisesPage />) },
        { path: 'declarations', element: page(<DeclarationsPage />) },
        { path: 'declarations/:id', element: page(<DeclarationPage />) },
        { path: 'declarants/:id/history', element: page(<HistoryPage />) },
        { path: 'reports', element: page(<ReportsPage />) },
        { path: 'reports/:id', element: page(<ReportDetailPage />) },
        { path: 'identity-requests', element: page(<IdentityRequestsPage />) },
        { path: 'keys', element: page(<KeysPage />) },
        { path: 'units', element: page(<UnitsPage />) },
        { path: 'units/:unitId', element: page(<UnitsPage />) },
        { path: 'users', element: page(<UsersPage />) },
        { path: 'grants', element: page(<GrantsPage />) },
        { path: 'audit', element: page(<AuditPage />) },
        { path: 'clocks', element: page(<ClocksPage />) },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/app' },
);
