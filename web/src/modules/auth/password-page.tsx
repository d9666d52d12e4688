import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ApiError } from '../../app/api-error';
import { homePath, useAuth } from '../../app/auth';
import { LanguageSwitch } from '../../app/language-switch';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, PageHeading, SuccessNote } from '../../app/ui/page';
import { changePassword } from './api';

/**
 * Change my password: after a login with a one-time password (nothing else works until then)
 * or from the header for anyone. The server judges the new password and explains a refusal;
 * the page checks only that it was typed the same twice.
 */
export function PasswordPage() {
  const { t } = useTranslation();
  const { me, can, logout, passwordChanged } = useAuth();
  const navigate = useNavigate();
  const required = !!me?.password_change_required;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (next !== again) {
      setError(new Error(t('password.mismatch')));
      return;
    }
    setPending(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      passwordChanged();
    } catch (err) {
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
          <PageHeading title={t('password.title')} />
          <p className="muted">{required ? t('password.requiredLead') : t('password.lead')}</p>
          {done ? (
            <>
              <SuccessNote>{t('password.done')}</SuccessNote>
              <Link to={homePath(can)} className="btn btn--primary btn--block">
                {t('password.continue')}
              </Link>
            </>
          ) : (
            <>
              <ErrorAlert error={error} />
              <form onSubmit={submit} className="form">
                <TextInput
                  label={t('password.current')}
                  type="password"
                  name="current-password"
                  autoComplete="current-password"
                  value={current}
                  onChange={setCurrent}
                  isRequired
                />
                <TextInput
                  label={t('password.new')}
                  description={t('password.rules')}
                  type="password"
                  name="new-password"
                  autoComplete="new-password"
                  value={next}
                  onChange={setNext}
                  isRequired
                />
                <TextInput
                  label={t('password.again')}
                  type="password"
                  name="new-password-again"
                  autoComplete="new-password"
                  value={again}
                  onChange={setAgain}
                  isRequired
                />
                <Button type="submit" isDisabled={pending} className="btn--block">
                  {pending ? t('password.saving') : t('password.submit')}
                </Button>
              </form>
              {required ? (
                <Button
                  variant="ghost"
                  className="btn--block"
                  onPress={async () => {
                    await logout();
                    navigate('/login');
                  }}
                >
                  {t('nav.logout')}
                </Button>
              ) : (
                <Link to={homePath(can)} className="btn btn--ghost btn--block">
                  {t('common.cancel')}
                </Link>
              )}
            </>
          )}
        </div>
      </main>
    </div>
  );
}
