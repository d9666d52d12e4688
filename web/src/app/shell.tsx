import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { OpenAlertsBadge } from '../modules/alerts/open-alerts-badge';
import { NotificationBell } from '../modules/notifications/notification-bell';
import { useAuth } from './auth';
import { CalendarSwitch } from './calendar-switch';
import { LanguageSwitch } from './language-switch';
import { useScrollToHash } from './scroll-to-hash';
import { Button } from './ui/fields';

interface NavItem {
  to: string;
  label: string;
  permission: string;
  end?: boolean;
  badge?: ReactNode;
}

/** Page frame: skip link, banner with tenant and account, navigation by permission, main. */
export function Shell() {
  const { t } = useTranslation();
  const { me, can, logout } = useAuth();
  const navigate = useNavigate();
  useScrollToHash();
  const items: NavItem[] = [
    { to: '/today', label: t('maps.leadHome.nav'), permission: 'case:assign' },
    { to: '/triage', label: t('nav.triage'), permission: 'triage:read' },
    { to: '/alerts', label: t('nav.alerts'), permission: 'alert:read', end: false, badge: <OpenAlertsBadge /> },
    { to: '/cases', label: t('nav.cases'), permission: 'case:read', end: false },
    { to: '/people', label: t('nav.people'), permission: 'person:read', end: false },
    { to: '/concerns/new', label: t('nav.newConcern'), permission: 'concern:create' },
    { to: '/reports', label: t('nav.myReports'), permission: 'concern:read_own' },
    { to: '/kpis', label: t('nav.kpis'), permission: 'kpi:read' },
    { to: '/partners', label: t('nav.partners'), permission: 'partner:read', end: false },
    { to: '/audit', label: t('nav.audit'), permission: 'audit:read' },
    { to: '/settings/channels', label: t('nav.channels'), permission: 'channel:read' },
    { to: '/admin/accounts', label: t('paper.nav.accounts'), permission: 'account:write' },
    { to: '/admin/settings', label: t('paper.nav.settings'), permission: 'settings:write' },
  ];
  const visible = items.filter((i) => can(i.permission));

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="header">
        <div className="header__brand">
          <span className="header__logo" aria-hidden="true">
            つ
          </span>
          <span>
            <span className="header__app">{t('app.name')}</span>
            <span className="header__tenant">{me?.tenant_name}</span>
          </span>
        </div>
        <div className="header__tools">
          {can('notification:read') && <NotificationBell />}
          <LanguageSwitch />
          <CalendarSwitch />
          <span className="header__user">
            <span className="visually-hidden">{t('nav.signedInAs')}</span>
            {me?.display_name}
            <span className="header__role">{t(`roles.${me?.role}`, { defaultValue: me?.role })}</span>
          </span>
          <Link to="/password" className="btn btn--ghost">
            {t('nav.password')}
          </Link>
          <Button
            variant="ghost"
            onPress={async () => {
              await logout();
              navigate('/login');
            }}
          >
            {t('nav.logout')}
          </Button>
        </div>
      </header>
      <nav className="nav" aria-label={t('nav.label')}>
        <ul>
          {visible.map((i) => (
            <li key={i.to}>
              <NavLink to={i.to} end={i.end ?? true} className={({ isActive }) => `nav__link${isActive ? ' nav__link--active' : ''}`}>
                {i.label}
                {i.badge}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
