import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDate } from '../../app/format';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { type Consent, withdrawConsent } from './api';
import { ConsentForm } from './consent-form';
import { consentTargets } from './person-box';

/** One consent in words: whom, what, how, since when, until when, and its state. */
export function ConsentSummary({ c }: { c: Consent }) {
  const { t } = useTranslation();
  return (
    <div>
      <strong>{consentTargets(c, t)}</strong>{' '}
      <span className={`badge ${c.state === 'active' ? 'badge--success' : 'badge--warn'}`}>{t(`consentState.${c.state}`)}</span>
      <div className="muted">
        {[
          c.scope_items.length ? c.scope_items.map((s) => t(`consentScope.${s}`, { defaultValue: s })).join('・') : null,
          c.scope || null,
          c.method !== 'unknown' ? t(`consentMethod.${c.method}`, { defaultValue: c.method }) : null,
          t('consent.given', { date: formatDate(c.given_at) }),
          c.expires_at ? t('personBox.until', { date: formatDate(c.expires_at) }) : null,
          c.withdrawn_at ? t('consent.withdrawnOn', { date: formatDate(c.withdrawn_at) }) : null,
          c.withdrawn_reason ? t('consentForm.withdrawnBecause', { reason: c.withdrawn_reason }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </div>
  );
}

/** Consents to share information, the basis for referrals; expired and withdrawn ones stay visible. */
export function ConsentsSection({ personId, consents, onChanged }: { personId: string; consents: Consent[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const withdraw = useMutation((id: string) => withdrawConsent(id, reason.trim() ? { reason: reason.trim() } : {}).then(() => true));
  const writable = can('person:write');

  return (
    <Section title={t('consent.title')}>
      {consents.length === 0 ? (
        <p className="muted">{t('consent.none')}</p>
      ) : (
        <ul className="consent-list">
          {consents.map((c) => (
            <li key={c.id} className={c.state !== 'active' ? 'consent consent--withdrawn' : 'consent'}>
              <ConsentSummary c={c} />
              {writable && c.state === 'active' && withdrawing !== c.id && (
                <Button
                  variant="secondary"
                  aria-label={t('consent.withdrawLabel', { who: consentTargets(c, t) })}
                  onPress={() => setWithdrawing(c.id)}
                >
                  {t('consent.withdraw')}
                </Button>
              )}
              {withdrawing === c.id && (
                <div className="inline-dialog" role="group" aria-label={t('consent.withdrawLabel', { who: consentTargets(c, t) })}>
                  <TextInput label={t('consentForm.withdrawReason')} value={reason} onChange={setReason} />
                  <div className="inline-form">
                    <Button
                      variant="danger"
                      isDisabled={withdraw.pending}
                      onPress={async () => {
                        if (await withdraw.run(c.id)) {
                          setWithdrawing(null);
                          setReason('');
                          onChanged();
                        }
                      }}
                    >
                      {t('consentForm.withdrawSubmit')}
                    </Button>
                    <Button variant="secondary" onPress={() => setWithdrawing(null)}>
                      {t('common.cancel')}
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={withdraw.error} />
      {writable && (
        <>
          <h3 className="subhead">{t('consent.add')}</h3>
          <ConsentForm personId={personId} onSaved={onChanged} />
        </>
      )}
    </Section>
  );
}
