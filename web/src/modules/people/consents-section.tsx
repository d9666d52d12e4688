import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDate } from '../../app/format';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { addConsent, type Consent, type NewConsent, withdrawConsent } from './api';

/** Consents to share information, the basis for referrals; withdrawn ones stay visible. */
export function ConsentsSection({ personId, consents, onChanged }: { personId: string; consents: Consent[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [sharedWith, setSharedWith] = useState('');
  const [scope, setScope] = useState('');
  const add = useMutation((body: NewConsent) => addConsent(personId, body).then(() => true));
  const withdraw = useMutation((id: string) => withdrawConsent(id).then(() => true));
  const writable = can('person:write');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await add.run({ shared_with: sharedWith, scope })) {
      setSharedWith('');
      setScope('');
      onChanged();
    }
  }

  return (
    <Section title={t('consent.title')}>
      {consents.length === 0 ? (
        <p className="muted">{t('consent.none')}</p>
      ) : (
        <ul className="consent-list">
          {consents.map((c) => (
            <li key={c.id} className={c.withdrawn_at ? 'consent consent--withdrawn' : 'consent'}>
              <div>
                <strong>{c.shared_with}</strong> — {c.scope}
                <div className="muted">
                  {t('consent.given', { date: formatDate(c.given_at) })}
                  {c.withdrawn_at && ` · ${t('consent.withdrawnOn', { date: formatDate(c.withdrawn_at) })}`}
                </div>
              </div>
              {writable && !c.withdrawn_at && (
                <Button
                  variant="secondary"
                  isDisabled={withdraw.pending}
                  aria-label={t('consent.withdrawLabel', { who: c.shared_with })}
                  onPress={async () => {
                    if (await withdraw.run(c.id)) onChanged();
                  }}
                >
                  {t('consent.withdraw')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={withdraw.error} />
      {writable && (
        <form className="form" onSubmit={submit} aria-labelledby="consent-add-h">
          <h3 id="consent-add-h" className="subhead">
            {t('consent.add')}
          </h3>
          <TextInput
            label={t('consent.sharedWith')}
            description={t('consent.sharedWithHint')}
            value={sharedWith}
            onChange={setSharedWith}
            isRequired
          />
          <TextInput label={t('consent.scope')} description={t('consent.scopeHint')} value={scope} onChange={setScope} isRequired />
          <ErrorAlert error={add.error} />
          <Button type="submit" isDisabled={add.pending || !sharedWith.trim() || !scope.trim()}>
            {t('consent.submit')}
          </Button>
        </form>
      )}
    </Section>
  );
}
