import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { AccountsPage } from '../modules/admin/accounts-page';
import { AuditPage } from '../modules/admin/audit-page';
import { SettingsPage } from '../modules/admin/settings-page';
import { AlertPage } from '../modules/alerts/alert-page';
import { AlertsPage } from '../modules/alerts/alerts-page';
import { LoginPage } from '../modules/auth/login-page';
import { PasswordPage } from '../modules/auth/password-page';
import { CaseListPage } from '../modules/cases/case-list-page';
import { CasePage } from '../modules/cases/case-page';
import { CasePrintPage } from '../modules/cases/case-print-page';
import { ConcernPage } from '../modules/concerns/concern-page';
import { MyReportsPage } from '../modules/concerns/my-reports-page';
import { NewConcernPage } from '../modules/concerns/new-concern-page';
import { TriagePage } from '../modules/concerns/triage-page';
import { ChannelsPage } from '../modules/notifications/channels-panel';
import { PartnerPage } from '../modules/partners/partner-page';
import { PartnersPage } from '../modules/partners/partners-page';
import { SupportersPage } from '../modules/partners/supporters-page';
import { PeopleSearchPage } from '../modules/people/people-search-page';
import { PersonPage } from '../modules/people/person-page';
import { homePath, useAuth } from './auth';
import { LeadHomePage } from './lead-home-page';
import { Shell } from './shell';
import { Loading, PageHeading } from './ui/page';

// Charts are heavy and only for KPI readers: load them on first visit.
const KpiPage = lazy(() => import('../modules/kpis/kpi-page').then((m) => ({ default: m.KpiPage })));

function RequireSession({ children }: { children: ReactNode }) {
  const { me, checking } = useAuth();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // A one-time password opens only the page that replaces it (the server answers 403 to all else).
  if (me.password_change_required && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <>{children}</>;
}

function Allow({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <NoAccess />;
}

function NoAccess() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('nav.noAccessTitle')} />
      <p>{t('nav.noAccess')}</p>
    </>
  );
}

function Home() {
  const { can } = useAuth();
  return <Navigate to={homePath(can)} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return <PageHeading title={t('nav.notFound')} />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/password',
    element: (
      <RequireSession>
        <PasswordPage />
      </RequireSession>
    ),
  },
  // Paper layouts: outside the console frame, so nothing but the document prints.
  {
    path: '/cases/:id/print',
    element: (
      <RequireSession>
        <Allow permission="case:read">
          <CasePrintPage />
        </Allow>
      </RequireSession>
    ),
  },
  {
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Home /> },
      {
        path: 'today',
        element: (
          <Allow permission="case:assign">
            <LeadHomePage />
          </Allow>
        ),
      },
      {
        path: 'triage',
        element: (
          <Allow permission="triage:read">
            <TriagePage />
          </Allow>
        ),
      },
      {
        path: 'concerns/new',
        element: (
          <Allow permission="concern:create">
            <NewConcernPage />
          </Allow>
        ),
      },
      {
        path: 'concerns/:id',
        element: (
          <Allow permission="concern:read">
            <ConcernPage />
          </Allow>
        ),
      },
      {
        path: 'reports',
        element: (
          <Allow permission="concern:read_own">
            <MyReportsPage />
          </Allow>
        ),
      },
      {
        path: 'cases',
        element: (
          <Allow permission="case:read">
            <CaseListPage />
          </Allow>
        ),
      },
      {
        path: 'cases/:id',
        element: (
          <Allow permission="case:read">
            <CasePage />
          </Allow>
        ),
      },
      {
        path: 'people',
        element: (
          <Allow permission="person:read">
            <PeopleSearchPage />
          </Allow>
        ),
      },
      {
        path: 'people/:id',
        element: (
          <Allow permission="person:read">
            <PersonPage />
          </Allow>
        ),
      },
      {
        path: 'kpis',
        element: (
          <Allow permission="kpi:read">
            <Suspense fallback={<Loading />}>
              <KpiPage />
            </Suspense>
          </Allow>
        ),
      },
      {
        path: 'partners',
        element: (
          <Allow permission="partner:read">
            <PartnersPage />
          </Allow>
        ),
      },
      {
        path: 'partners/:id',
        element: (
          <Allow permission="partner:read">
            <PartnerPage />
          </Allow>
        ),
      },
      {
        path: 'supporters',
        element: (
          <Allow permission="partner:read">
            <SupportersPage />
          </Allow>
        ),
      },
      {
        path: 'alerts',
        element: (
          <Allow permission="alert:read">
            <AlertsPage />
          </Allow>
        ),
      },
      {
        path: 'alerts/:id',
        element: (
          <Allow permission="alert:read">
            <AlertPage />
          </Allow>
        ),
      },
      {
        path: 'audit',
        element: (
          <Allow permission="audit:read">
            <AuditPage />
          </Allow>
        ),
      },
      {
        path: 'settings/channels',
        element: (
          <Allow permission="channel:read">
            <ChannelsPage />
          </Allow>
        ),
      },
      {
        path: 'admin/accounts',
        element: (
          <Allow permission="account:write">
            <AccountsPage />
          </Allow>
        ),
      },
      {
        path: 'admin/settings',
        element: (
          <Allow permission="settings:write">
            <SettingsPage />
          </Allow>
        ),
      },
      { path: 'no-access', element: <NoAccess /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
