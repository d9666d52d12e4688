/** The field app and the public resident pages: shell, header, navigation and routes. */
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from './api';
import { Icon } from './components/category-icon';
import { LanguagePicker } from './components/language-picker';
import { About } from './public/about';
import { PublicReport } from './public/public-report';
import { navigate, useLocation } from './router';
import { EnrollScreen } from './screens/enroll';
import { MineScreen } from './screens/mine';
import { OutboxScreen } from './screens/outbox';
import { ReportScreen } from './screens/report';
import { type Enrollment, getEnrollment, setKv } from './store';
import { usePublicTenant } from './tenant';
import { useOnline, useOutboxDriver, useOutboxItems } from './use-outbox';

function Shell({ title, sub, nav, children }: { title: string; sub?: string | null; nav?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skip')}
      </a>
      <header className="top">
        <div className="top__brand">
          <img src="/field-icon.svg" alt="" width="40" height="40" />
          <div>
            <p className="top__title">{title}</p>
            {sub && <p className="top__sub">{sub}</p>}
          </div>
        </div>
        <LanguagePicker />
      </header>
      {nav}
      {!online && (
        <p className="offline-bar" role="status">
          <Icon name="alert" /> {t('header.offline')}
        </p>
      )}
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function NavLink({ to, current, children }: { to: string; current: string; children: ReactNode }) {
  const active = current === to;
  return (
    <li>
      <a
        href={to}
        className={`tab${active ? ' tab--active' : ''}`}
        aria-current={active ? 'page' : undefined}
        onClick={(e) => {
          e.preventDefault();
          navigate(to);
        }}
      >
        {children}
      </a>
    </li>
  );
}

function FieldApp({ pathname, search }: { pathname: string; search: URLSearchParams }) {
  const { t } = useTranslation();
  const [enrollment, setEnrollment] = useState<Enrollment | null | undefined>(undefined);
  const [revoked, setRevoked] = useState(false);
  const items = useOutboxItems();
  useOutboxDriver(!!enrollment);

  useEffect(() => {
    void getEnrollment().then((e) => setEnrollment(e ?? null));
  }, []);

  // "Who am I": refresh the partner or supporter name from the server when online.
  useEffect(() => {
    if (!enrollment || !navigator.onLine) return;
    api<Partial<Enrollment>>('/device/me')
      .then(async (me) => {
        const next = {
          ...enrollment,
          partner_name: me.partner_name ?? enrollment.partner_name,
          display_name: me.display_name ?? enrollment.display_name,
        };
        if (next.partner_name !== enrollment.partner_name || next.display_name !== enrollment.display_name) {
          await setKv('enrollment', next);
          setEnrollment(next);
        }
      })
      .catch((e: ApiError) => {
        if (e.status === 401) setRevoked(true);
      });
  }, [enrollment]);

  if (enrollment === undefined) return null;
  const sub = enrollment ? t('header.signedAs', { name: enrollment.partner_name || enrollment.display_name }) : null;
  const pending = items.filter((i) => i.state !== 'sent').length;
  const wantsEnroll = pathname.startsWith('/field/enroll');

  let screen: ReactNode;
  if (wantsEnroll || !enrollment) {
    screen = (
      <EnrollScreen
        code={wantsEnroll ? search.get('code') : null}
        needed={!enrollment && !wantsEnroll}
        onEnrolled={(e) => {
          setEnrollment(e);
          setRevoked(false);
        }}
      />
    );
  } else if (pathname === '/field/mine') screen = <MineScreen />;
  else if (pathname === '/field/outbox') screen = <OutboxScreen />;
  else screen = <ReportScreen enrollment={enrollment} />;

  const nav =
    enrollment && !wantsEnroll ? (
      <nav className="tabs" aria-label={t('nav.label')}>
        <ul>
          <NavLink to="/field/report" current={pathname === '/field' ? '/field/report' : pathname}>
            {t('nav.report')}
          </NavLink>
          <NavLink to="/field/mine" current={pathname}>
            {t('nav.mine')}
          </NavLink>
          <NavLink to="/field/outbox" current={pathname}>
            {pending ? t('nav.outboxCount', { count: pending }) : t('nav.outbox')}
          </NavLink>
        </ul>
      </nav>
    ) : null;

  return (
    <Shell title={t('app.name')} sub={sub} nav={nav}>
      {revoked && (
        <p className="msg msg--error" role="alert">
          {t('errors.unauthenticated')}
        </p>
      )}
      {screen}
    </Shell>
  );
}

function PublicPages({ slug, page, search }: { slug: string; page: string; search: URLSearchParams }) {
  const { t } = useTranslation();
  const tenant = usePublicTenant(slug);
  const title = tenant.state === 'ready' ? tenant.data.name : t('app.publicName');
  useEffect(() => {
    document.title = `${page === 'about' ? t('about.title') : t('public.title')} | ${title}`;
  }, [page, title, t]);
  const nav = (
    <nav className="tabs" aria-label={t('nav.label')}>
      <ul>
        <NavLink to={`/t/${slug}/report`} current={`/t/${slug}/${page}`}>
          {t('nav.publicReport')}
        </NavLink>
        <NavLink to={`/t/${slug}/about`} current={`/t/${slug}/${page}`}>
          {t('nav.about')}
        </NavLink>
      </ul>
    </nav>
  );
  let body: ReactNode;
  if (tenant.state === 'loading') body = <p className="muted">{t('common.loading')}</p>;
  else if (tenant.state === 'error')
    body = (
      <p className="msg msg--error" role="alert">
        {tenant.error.status === 404 ? t('public.notFound') : t('errors.network')}
      </p>
    );
  else if (page === 'about') body = <About tenant={tenant.data} />;
  else body = <PublicReport tenant={tenant.data} refCode={search.get('ref')} />;
  return (
    <Shell title={title} sub={t('app.publicName')} nav={nav}>
      {body}
    </Shell>
  );
}

export function App() {
  const { pathname, search } = useLocation();
  const m = /^\/t\/([^/]+)(?:\/([^/]*))?/.exec(pathname);
  if (m) {
    const page = m[2] === 'about' ? 'about' : 'report';
    return <PublicPages slug={decodeURIComponent(m[1]!)} page={page} search={search} />;
  }
  return <FieldApp pathname={pathname} search={search} />;
}
