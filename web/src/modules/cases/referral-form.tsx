import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDate } from '../../app/format';
import { Button, RadioField, SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { usePerson } from '../people/api';
import { addReferral, type CaseDetail, type LegalBasis, type NewReferral, useAgencies } from './api';

/**
 * Refer to an agency. Sharing needs a legal basis (APPI art. 27): the person's consent, or,
 * for leads only, protection of life when consent cannot be obtained.
 */
export function ReferralForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const agencies = useAgencies();
  const person = usePerson(c.person_id && can('person:read') ? c.person_id : null);
  const consents = (person.data?.consents ?? []).filter((x) => !x.withdrawn_at);
  const [agencyId, setAgencyId] = useState('');
  const [reason, setReason] = useState('');
  const [basis, setBasis] = useState<LegalBasis>('consent');
  const [consentId, setConsentId] = useState('');
  const [saved, setSaved] = useState(false);
  const m = useMutation((body: NewReferral) => addReferral(c.id, body).then(() => true));

  if (!c.person_id) return <p className="muted">{t('referral.needsPerson')}</p>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body: NewReferral = { agency_id: agencyId, reason, legal_basis: basis };
    if (basis === 'consent') body.consent_id = consentId;
    if (await m.run(body)) {
      setSaved(true);
      setReason('');
      onDone();
    }
  }

  const bases = [
    { id: 'consent', label: t('legalBasis.consent') },
    ...(can('referral:override') ? [{ id: 'vital_interest', label: t('legalBasis.vital_interest'), hint: t('referral.vitalHint') }] : []),
  ];
  const ready = agencyId && reason.trim() && (basis !== 'consent' || consentId);
  return (
    <form className="form" onSubmit={submit}>
      <ErrorAlert error={agencies.error} />
      <SelectField
        label={t('referral.agency')}
        isRequired
        value={agencyId}
        onChange={setAgencyId}
        placeholder={t('common.choose')}
        options={(agencies.data?.items ?? []).map((a) => ({ id: a.id, label: a.name }))}
      />
      <TextInput label={t('referral.reason')} value={reason} onChange={setReason} multiline isRequired />
      <RadioField label={t('referral.legalBasis')} value={basis} onChange={(v) => setBasis(v as LegalBasis)} options={bases} isRequired />
      {basis === 'consent' &&
        (consents.length > 0 ? (
          <RadioField
            label={t('referral.consent')}
            value={consentId}
            onChange={setConsentId}
            isRequired
            options={consents.map((x) => ({ id: x.id, label: `${x.shared_with} — ${x.scope}（${formatDate(x.given_at)}）` }))}
          />
        ) : (
          <p className="alert alert--warn">{t('referral.noConsent')}</p>
        ))}
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('referral.saved')}</SuccessNote>}
      <Button type="submit" isDisabled={m.pending || !ready}>
        {t('referral.submit')}
      </Button>
    </form>
  );
}
