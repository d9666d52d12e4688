/**
 * /t/{slug}/report: anyone can report a worry about a neighbour, anonymously or with a callback
 * contact. `?ref=` carries the sticker code of the partner whose QR was scanned.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, type PublicTenant } from '../api';
import { Icon } from '../components/category-icon';
import { PageTitle } from '../components/page-title';
import { type ReportDraft, ReportForm } from '../components/report-form';
import { errorText } from '../errors';
import { uuid } from '../store';
import { Emergency, HubPhones } from './about';

export function PublicReport({ tenant, refCode }: { tenant: PublicTenant; refCode: string | null }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'anonymous' | 'contact'>('anonymous');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; text: string } | null>(null);
  const [done, setDone] = useState<{ reference: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  // One key per report, kept across retries of the same report.
  const key = useRef<string | null>(null);

  const submit = async (d: ReportDraft) => {
    setBusy(true);
    setError(null);
    key.current ??= uuid();
    const contact = [name.trim(), phone.trim()].filter(Boolean).join(' / ');
    try {
      const res = await api<{ reference: string }>(`/public/tenants/${encodeURIComponent(tenant.slug)}/concerns`, {
        method: 'POST',
        auth: false,
        headers: { 'Idempotency-Key': key.current },
        body: {
          ...d.body,
          anonymous: mode === 'anonymous',
          ...(mode === 'contact' && contact ? { callback_contact: contact } : {}),
          ...(refCode ? { ref: refCode } : {}),
        },
      });
      key.current = null;
      setDone(res);
      window.scrollTo(0, 0);
    } catch (err) {
      const e = err as ApiError;
      setError({ code: e.code, text: e.status === 429 ? t('public.rateLimited') : e.status === 0 ? t('public.offline') : errorText(t, e) });
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section>
        <PageTitle>{t('public.sentTitle')}</PageTitle>
        <div className="panel panel--ok" role="status">
          <p className="panel__title">
            <Icon name="check" /> {t('public.reference')}: <strong className="ref">{done.reference}</strong>
          </p>
          <p>{t('public.referenceHint')}</p>
        </div>
        <h2 className="section-title">{t('about.title')}</h2>
        <ol className="steps">
          <li>{t('public.next1')}</li>
          <li>{t('public.next2')}</li>
          <li>{t('public.next3')}</li>
        </ol>
        <Emergency />
        <div className="btn-col">
          <a className="btn btn--secondary" href={`/t/${tenant.slug}/about`}>
            {t('public.aboutLink')}
          </a>
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => {
              setDone(null);
              setFormKey((k) => k + 1);
            }}
          >
            {t('public.another')}
          </button>
        </div>
      </section>
    );
  }

  const extra = (
    <fieldset className="field">
      <legend className="field__label">{t('public.contact')}</legend>
      <div className="choice-col">
        <label className="choice">
          <input type="radio" name="contact" checked={mode === 'anonymous'} onChange={() => setMode('anonymous')} />{' '}
          <span>{t('public.anonymous')}</span>
        </label>
        <label className="choice">
          <input type="radio" name="contact" checked={mode === 'contact'} onChange={() => setMode('contact')} />{' '}
          <span>{t('public.withContact')}</span>
        </label>
      </div>
      {mode === 'contact' && (
        <div className="contact-fields">
          <p id="contact-hint" className="hint">
            {t('public.contactHint')}
          </p>
          <label className="field__sublabel" htmlFor="c-name">
            {t('public.name')}
          </label>
          <input
            id="c-name"
            className="input"
            autoComplete="name"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            aria-describedby="contact-hint"
          />
          <label className="field__sublabel" htmlFor="c-phone">
            {t('public.phone')}
          </label>
          <input
            id="c-phone"
            className="input"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            value={phone}
            maxLength={40}
            onChange={(e) => setPhone(e.target.value)}
            aria-describedby="contact-hint"
          />
        </div>
      )}
      {error && (
        <div className="msg msg--error msg--stack" role="alert">
          <p>
            <Icon name="alert" /> {error.text}
          </p>
          {error.code === 'rate_limited' && <HubPhones tenant={tenant} />}
        </div>
      )}
    </fieldset>
  );

  return (
    <section>
      <PageTitle>{t('public.title')}</PageTitle>
      <p className="lead">{t('public.lead')}</p>
      {refCode && <p className="msg msg--info">{t('public.refNote', { ref: refCode })}</p>}
      <p className="emergency-line">
        <Icon name="phone" /> {t('emergency.short')}
      </p>
      <ReportForm
        key={formKey}
        categories={tenant.categories}
        tenant={tenant}
        allowPhoto={false}
        busy={busy}
        extra={extra}
        onSubmit={submit}
      />
      <p>
        <a href={`/t/${tenant.slug}/about`}>{t('public.aboutLink')}</a>
      </p>
    </section>
  );
}
