/** The field app's report screen: every report goes through the outbox, online or not. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/category-icon';
import { EmergencyLine } from '../components/emergency-line';
import { PageTitle } from '../components/page-title';
import { type ReportDraft, ReportForm } from '../components/report-form';
import { navigate } from '../router';
import { type Enrollment, getOutbox, type OutboxItem } from '../store';
import { useDeviceCategories, usePublicTenant } from '../tenant';
import { enqueue } from '../use-outbox';

export function ReportScreen({ enrollment }: { enrollment: Enrollment }) {
  const { t } = useTranslation();
  const cats = useDeviceCategories();
  const tenant = usePublicTenant(enrollment.tenant_slug);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<OutboxItem | null>(null);
  const [formKey, setFormKey] = useState(0);

  const submit = async (d: ReportDraft) => {
    setBusy(true);
    try {
      const item = await enqueue(d.body, d.photo);
      setDone((await getOutbox(item.id)) ?? item);
    } finally {
      setBusy(false);
    }
  };

  const categories = cats.state === 'ready' ? cats.data : tenant.state === 'ready' ? tenant.data.categories : null;

  if (done) {
    const sent = done.state === 'sent';
    return (
      <section>
        <PageTitle>{t('report.title')}</PageTitle>
        <div className={`panel ${sent ? 'panel--ok' : 'panel--info'}`} role="status">
          <p className="panel__title">
            <Icon name={sent ? 'check' : 'clock'} /> {sent ? t('report.sent', { reference: done.reference }) : t('report.queued')}
          </p>
          {sent && <p>{t('report.sentLead')}</p>}
        </div>
        <div className="btn-col">
          <button
            type="button"
            className="btn btn--primary btn--big"
            onClick={() => {
              setDone(null);
              setFormKey((k) => k + 1);
            }}
          >
            {t('report.another')}
          </button>
          {!sent && (
            <button type="button" className="btn btn--secondary" onClick={() => navigate('/field/outbox')}>
              {t('report.seeOutbox')}
            </button>
          )}
        </div>
      </section>
    );
  }

  return (
    <section>
      <PageTitle>{t('report.title')}</PageTitle>
      <EmergencyLine />
      {categories ? (
        <ReportForm
          key={formKey}
          categories={categories}
          tenant={tenant.state === 'ready' ? tenant.data : null}
          allowPhoto
          busy={busy}
          onSubmit={submit}
        />
      ) : cats.state === 'error' && tenant.state === 'error' ? (
        <p className="msg msg--error" role="alert">
          <Icon name="alert" /> {t('errors.network')}
        </p>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
