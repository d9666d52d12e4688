import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { ApiError } from '../../app/api-error';
import { homePath, useAuth } from '../../app/auth';
import { LanguageSwitch } from '../../app/language-switch';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, PageHeading } from '../../app/ui/page';

export function LoginPage() {
  const { t } = useTranslation();
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // The municipality is asked for only when the server says the email is in several (409 tenant_required).
  const [tenant, setTenant] = useState('');
  const [askTenant, setAskTenant] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  // Where the person was when the session ended (RequireSession passes it): the page, and its
  // forms' drafts, come back after login — also when this page re-renders logged in first.
  const from = (location.state as { from?: string } | null)?.from;
  const back = from && from !== '/login' ? from : null;
  if (me) return <Navigate to={back && !me.password_change_required ? back : '/'} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const m = await login(email, password, askTenant ? tenant.trim().toLowerCase() : undefined);
      const home = homePath((p) => m.permissions.includes(p), m.password_change_required);
      navigate(back && !m.password_change_required ? back : home, { replace: true });
    } catch (err) {
      if ((err as ApiError).code === 'tenant_required') setAskTenant(true);
      setError(err as ApiError);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="login">
      <header className="login__top">
        <span className="header__app">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="login__main">
        <div className="card login__card">
          <PageHeading title={t('login.title')} />
          <p className="muted">{t('login.lead')}</p>
          <ErrorAlert error={error} />
          <form onSubmit={submit} className="form">
            <TextInput
              label={t('login.email')}
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              isRequired
            />
            <TextInput
              label={t('login.password')}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              isRequired
            />
            {askTenant && (
              <TextInput
                label={t('login.tenant')}
                description={t('login.tenantHint')}
                name="tenant"
                autoComplete="organization"
                value={tenant}
                onChange={setTenant}
                isRequired
                autoFocus
              />
            )}
            <Button type="submit" isDisabled={pending} className="btn--block">
              {pending ? t('login.signingIn') : t('login.submit')}
            </Button>
          </form>
        </div>
      </main>
    </div>
  );
}
