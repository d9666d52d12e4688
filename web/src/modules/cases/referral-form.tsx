import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDate } from '../../app/format';
import { DraftNote } from '../../app/ui/draft-note';
import { Button, RadioField, SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { useDraft } from '../../app/use-draft';
import { ConsentForm } from '../people/consent-form';
import { consentTargets } from '../people/person-box';
import { addReferral, type CaseDetail, type LegalBasis, type NewReferral, type ReferralCheck, useAgencies, useReferralCheck } from './api';

/**
 * Refer to an agency. Sharing needs a legal basis (APPI art. 27): the person's consent covering
 * that agency — checked live as soon as the agency is chosen, and recordable here without leaving
 * the case — or, for leads only, protection of life when consent cannot be obtained, with why.
 */
export function ReferralForm({ c, onDone, onConsentSaved }: { c: CaseDetail; onDone: () => void; onConsentSaved?: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const agencies = useAgencies();
  const draft = useDraft('case-referral', c.id, { agencyId: '', reason: '', basis: 'consent' as LegalBasis, basisReason: '' });
  const f = draft.value;
  const check = useReferralCheck(c.id, c.person_id ? f.agencyId : '');
  const [recording, setRecording] = useState(false);
  const [saved, setSaved] = useState(false);
  const m = useMutation((body: NewReferral) => addReferral(c.id, body).then(() => true));

  if (!c.person_id) return <p className="muted">{t('referral.needsPerson')}</p>;

  async function submit() {
    setSaved(false);
    const body: NewReferral = { agency_id: f.agencyId, reason: f.reason, legal_basis: f.basis };
    if (f.basis === 'vital_interest') body.legal_basis_reason = f.basisReason.trim();
    if (await m.run(body)) {
      draft.clear();
      setSaved(true);
      onDone();
    }
  }

  const bases = [
    { id: 'consent', label: t('legalBasis.consent') },
    ...(can('referral:override') ? [{ id: 'vital_interest', label: t('legalBasis.vital_interest'), hint: t('referral.vitalHint') }] : []),
  ];
  const basisOk = f.basis === 'consent' ? check.data?.may_proceed === true && check.data.agency.id === f.agencyId : !!f.basisReason.trim();
  const ready = f.agencyId && f.reason.trim() && basisOk;
  return (
    // Not a <form>: the consent form opens inside it, and forms cannot nest.
    <div className="form">
      <DraftNote draft={draft} />
      <ErrorAlert error={agencies.error} />
      <SelectField
        label={t('referral.agency')}
        isRequired
        value={f.agencyId}
        onChange={(agencyId) => {
          setRecording(false);
          draft.update({ agencyId });
        }}
        placeholder={t('common.choose')}
        options={(agencies.data?.items ?? []).map((a) => ({ id: a.id, label: a.name }))}
      />
      {f.agencyId && f.basis === 'consent' && (
        <ConsentVerdict check={check.data?.agency.id === f.agencyId ? check.data : null} loading={check.loading} />
      )}
      <ErrorAlert error={check.error} />
      {f.agencyId && f.basis === 'consent' && check.data && !check.data.may_proceed && can('person:write') && !recording && (
        <Button variant="secondary" onPress={() => setRecording(true)}>
          {t('referralCheck.recordConsent')}
        </Button>
      )}
      {recording && (
        <section className="inline-dialog" aria-labelledby="consent-inline-h">
          <h3 id="consent-inline-h" className="subhead">
            {t('referralCheck.recordTitle')}
          </h3>
          <ConsentForm
            personId={c.person_id}
            presetAgencyId={f.agencyId}
            draftKey={`referral-${c.id}`}
            onCancel={() => setRecording(false)}
            onSaved={() => {
              setRecording(false);
              check.reload();
              onConsentSaved?.();
            }}
          />
        </section>
      )}
      <TextInput label={t('referral.reason')} value={f.reason} onChange={(reason) => draft.update({ reason })} multiline isRequired />
      {bases.length > 1 && (
        <RadioField
          label={t('referral.legalBasis')}
          value={f.basis}
          onChange={(v) => draft.update({ basis: v as LegalBasis })}
          options={bases}
          isRequired
        />
      )}
      {f.basis === 'vital_interest' && (
        <TextInput
          label={t('referralCheck.basisReason')}
          description={t('referralCheck.basisReasonHint')}
          value={f.basisReason}
          onChange={(basisReason) => draft.update({ basisReason })}
          multiline
          isRequired
        />
      )}
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('referral.saved')}</SuccessNote>}
      <Button isDisabled={m.pending || !ready} onPress={() => void submit()}>
        {t('referral.submit')}
      </Button>
    </div>
  );
}

/** Says, before submit, whether the person's consent covers the agency, and if not why. */
function ConsentVerdict({ check, loading }: { check: ReferralCheck | null; loading: boolean }) {
  const { t } = useTranslation();
  if (!check) return loading ? <p className="muted consent-check">{t('referralCheck.checking')}</p> : null;
  const agency = check.agency.name;
  if (check.may_proceed && check.consent) {
    const c = check.consent;
    return (
      <div role="status" className="alert alert--success consent-check">
        <span aria-hidden="true" className="alert__icon">
          ✓
        </span>
        <span>
          {t('referralCheck.covered', { agency })}
          <span className="block muted">
            {t('referralCheck.basedOn', {
              who: consentTargets(c, t),
              date: formatDate(c.given_at),
              method: t(`consentMethod.${c.method}`, { defaultValue: '' }),
            })}
          </span>
        </span>
      </div>
    );
  }
  return (
    <div role="status" className="alert alert--warn consent-check">
      <span aria-hidden="true" className="alert__icon">
        !
      </span>
      <span>
        <strong>{t('referralCheck.stopped')}</strong> {t(`referralCheck.reason.${check.reason}`, { agency })}
        {check.consent && (
          <span className="block muted">
            {check.reason === 'expired' &&
              check.consent.expires_at &&
              t('referralCheck.expiredOn', { date: formatDate(check.consent.expires_at) })}
            {check.reason === 'withdrawn' &&
              check.consent.withdrawn_at &&
              t('referralCheck.withdrawnOn', {
                date: formatDate(check.consent.withdrawn_at),
                reason: check.consent.withdrawn_reason ?? '—',
              })}
          </span>
        )}
      </span>
    </div>
  );
}
