import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDate } from '../../app/format';
import { Button, SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import {
  AGREEMENT_STATUSES,
  type AgreementStatus,
  addAgreement,
  enrollmentSticker,
  setAgreementStatus,
  stickerUrl,
  useAgreements,
} from './api';

/** Watch agreements (見守り協定) with their printable stickers, and a form for a new one. */
export function AgreementsSection({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const list = useAgreements(partnerId);
  const [f, setF] = useState({ signed_on: '', scope: '', contact_person: '', renewal_due: '' });
  const [label, setLabel] = useState('');
  const set = (k: keyof typeof f) => (v: string) => setF((s) => ({ ...s, [k]: v }));
  const create = useMutation(async () => {
    await addAgreement(partnerId, {
      signed_on: f.signed_on,
      scope: f.scope.trim(),
      contact_person: f.contact_person.trim() || null,
      renewal_due: f.renewal_due || null,
    });
    setF({ signed_on: '', scope: '', contact_person: '', renewal_due: '' });
    list.reload();
  });
  // A fresh one-time enrollment code is a write: POST it, then open the PDF it returns.
  const enrollSticker = useMutation(async (id: string) => {
    const blob = await enrollmentSticker(id, label.trim() ? { label: label.trim() } : {});
    const url = URL.createObjectURL(blob);
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return true;
  });
  const setStatus = useMutation(async (id: string, status: AgreementStatus) => {
    await setAgreementStatus(id, status);
    list.reload();
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    void create.run();
  }
  const items = list.data?.items ?? [];
  return (
    <Section title={t('partners.agreements')}>
      <ErrorAlert error={list.error ?? setStatus.error ?? enrollSticker.error} />
      {items.length === 0 && list.data && <p className="muted">{t('partners.noAgreement')}</p>}
      {can('partner:write') && items.length > 0 && (
        <TextInput
          label={t('partners.stickerLabel')}
          description={t('partners.stickerLabelHint')}
          value={label}
          onChange={setLabel}
          maxLength={100}
        />
      )}
      <ul className="notif-list">
        {items.map((a) => (
          <li key={a.id} className="card">
            <h3 className="card__title">{t('partners.agreementNumber', { number: a.number })}</h3>
            <p>
              {t('partners.signedOn', { date: formatDate(a.signed_on) })} · {a.scope}
            </p>
            <p>
              {t(`partners.agreementStatuses.${a.status}`)}
              {a.renewal_due && <> · {t('partners.renewalDue', { date: formatDate(a.renewal_due) })}</>}
              {a.renewal_due_soon && <strong> · {t('partners.renewalSoon')}</strong>}
            </p>
            <div className="inline-form">
              <a className="btn btn--secondary" href={stickerUrl(a.id)} target="_blank" rel="noopener">
                {t('partners.downloadSticker')}
              </a>
              {can('partner:write') && (
                <Button variant="secondary" isDisabled={enrollSticker.pending} onPress={() => void enrollSticker.run(a.id)}>
                  {t('partners.printEnrollSticker')}
                </Button>
              )}
              {can('partner:write') && (
                <SelectField
                  label={t('partners.agreementStatus')}
                  value={a.status}
                  onChange={(v) => void setStatus.run(a.id, v as AgreementStatus)}
                  options={AGREEMENT_STATUSES.map((s) => ({ id: s, label: t(`partners.agreementStatuses.${s}`) }))}
                />
              )}
            </div>
          </li>
        ))}
      </ul>
      {can('partner:write') && (
        <form className="form" onSubmit={submit} aria-label={t('partners.newAgreement')}>
          <h3>{t('partners.newAgreement')}</h3>
          <ErrorAlert error={create.error} />
          <TextInput label={t('partners.signedOnLabel')} type="date" value={f.signed_on} onChange={set('signed_on')} isRequired />
          <TextInput label={t('partners.scope')} value={f.scope} onChange={set('scope')} isRequired multiline maxLength={1000} />
          <TextInput label={t('partners.contactPerson')} value={f.contact_person} onChange={set('contact_person')} maxLength={100} />
          <TextInput label={t('partners.renewalDueLabel')} type="date" value={f.renewal_due} onChange={set('renewal_due')} />
          <Button type="submit" isDisabled={create.pending || !f.signed_on || !f.scope.trim()}>
            {t('partners.addAgreement')}
          </Button>
        </form>
      )}
    </Section>
  );
}
