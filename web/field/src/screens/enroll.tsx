/** Enrollment: the QR link /field/enroll?code=… posts the code at once; a code can also be typed. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../api';
import { Icon } from '../components/category-icon';
import { PageTitle } from '../components/page-title';
import { errorText } from '../errors';
import { navigate } from '../router';
import { type Enrollment, setKv } from '../store';

export function EnrollScreen({
  code: initial,
  onEnrolled,
  needed,
}: {
  code: string | null;
  onEnrolled: (e: Enrollment) => void;
  needed: boolean;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initial ?? '');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const auto = useRef(false);

  const enroll = async (c: string, l: string) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api<Enrollment>('/enroll', {
        method: 'POST',
        auth: false,
        body: { code: c.trim(), ...(l.trim() ? { label: l.trim() } : {}) },
      });
      await setKv('enrollment', res);
      onEnrolled(res);
      navigate('/field/report', { replace: true });
    } catch (err) {
      const e = err as ApiError;
      setError(
        e.status === 0
          ? t('enroll.errorOffline')
          : e.status === 400 || e.status === 404 || e.status === 410
            ? t('enroll.errorInvalid')
            : errorText(t, e),
      );
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: enrol once with the code from the link, not again when the handler is re-created
  useEffect(() => {
    if (initial && !auto.current) {
      auto.current = true;
      void enroll(initial, '');
    }
  }, [initial]);

  return (
    <section>
      <PageTitle>{t('enroll.title')}</PageTitle>
      {needed && <p className="msg msg--info">{t('enroll.needed')}</p>}
      <p className="lead">{t('enroll.lead')}</p>
      <div role="status">{busy && <p className="msg msg--info">{t('enroll.working')}</p>}</div>
      {error && (
        <p className="msg msg--error" role="alert">
          <Icon name="alert" /> {error}
        </p>
      )}
      <form
        className="report-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) void enroll(code, label);
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="enroll-code">
            {t('enroll.code')}
          </label>
          <input
            id="enroll-code"
            className="input"
            value={code}
            autoComplete="one-time-code"
            autoCapitalize="off"
            spellCheck={false}
            required
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="enroll-label">
            {t('enroll.label')} <span className="opt">{t('common.optional')}</span>
          </label>
          <p id="enroll-label-hint" className="hint">
            {t('enroll.labelHint')}
          </p>
          <input
            id="enroll-label"
            className="input"
            value={label}
            maxLength={100}
            aria-describedby="enroll-label-hint"
            onChange={(e) => setLabel(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn--primary btn--big" disabled={busy || !code.trim()}>
          {t('enroll.submit')}
        </button>
      </form>
    </section>
  );
}
