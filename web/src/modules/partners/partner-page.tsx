import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { Button } from '../../app/ui/fields';
import { ErrorAlert, Facts, Loading, PageHeading, Section, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { AgreementsSection } from './agreements-section';
import { enrollPhone, type OneTimeCode, updatePartner, usePartner, usePartnerDevices } from './api';
import { ApiKeysSection } from './api-keys-section';
import { DeviceList } from './device-list';
import { OneTimeCodeCard } from './one-time-code';
import { type PartnerFields, PartnerForm } from './partner-form';

/** One partner: details, agreements and stickers, enrolled phones, Open311 API keys. */
export function PartnerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const partner = usePartner(id);
  const devices = usePartnerDevices(id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [code, setCode] = useState<OneTimeCode | null>(null);
  const save = useMutation(async (f: PartnerFields) => {
    await updatePartner(id, f);
    setEditing(false);
    setSaved(true);
    partner.reload();
    devices.reload();
  });
  const enroll = useMutation(async () => {
    setCode(await enrollPhone(id));
    devices.reload();
  });
  const p = partner.data;
  return (
    <>
      <PageHeading title={p?.name ?? t('partners.partner')} />
      <ErrorAlert error={partner.error} />
      <Loading show={partner.loading && !p} />
      {p && (
        <>
          <Section title={t('partners.details')}>
            {saved && <SuccessNote>{t('partners.saved')}</SuccessNote>}
            {editing ? (
              <>
                <ErrorAlert error={save.error} />
                <PartnerForm initial={p} submitLabel={t('partners.save')} pending={save.pending} onSubmit={(f) => void save.run(f)} />
                <Button variant="secondary" onPress={() => setEditing(false)}>
                  {t('common.cancel')}
                </Button>
              </>
            ) : (
              <>
                <Facts
                  rows={[
                    [t('partners.kind'), t(`partners.kinds.${p.kind}`, { defaultValue: p.kind })],
                    [t('partners.status'), t(`partners.statuses.${p.status}`)],
                    [t('partners.contactName'), p.contact_name],
                    [t('partners.contactPhone'), p.contact_phone],
                    [t('partners.contactEmail'), p.contact_email],
                    [t('partners.address'), p.address],
                    [t('partners.note'), p.note],
                    [t('partners.reports'), t('partners.countsAll', { reports: p.reports, useful: p.useful_reports })],
                    [
                      t('partners.lastYear'),
                      t('partners.countsAll', { reports: p.reports_last_365_days, useful: p.useful_reports_last_365_days }),
                    ],
                  ]}
                />
                {can('partner:write') && (
                  <Button
                    variant="secondary"
                    onPress={() => {
                      setSaved(false);
                      setEditing(true);
                    }}
                  >
                    {t('partners.edit')}
                  </Button>
                )}
              </>
            )}
          </Section>
          <AgreementsSection partnerId={p.id} />
          <Section title={t('partners.devices')}>
            <p className="muted">{t('partners.devicesHint')}</p>
            {can('partner:write') && p.status === 'active' && (
              <Button onPress={() => void enroll.run()} isDisabled={enroll.pending}>
                {t('partners.enrollPhone')}
              </Button>
            )}
            <ErrorAlert error={enroll.error} />
            {code && <OneTimeCodeCard code={code} title={t('partners.enrollCodeTitle')} />}
            <ErrorAlert error={devices.error} />
            {devices.data && <DeviceList devices={devices.data.items} onChange={devices.reload} />}
          </Section>
          <ApiKeysSection partnerId={p.id} canCreate={p.status === 'active'} />
        </>
      )}
    </>
  );
}
