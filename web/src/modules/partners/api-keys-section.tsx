import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { createApiKey, revokeApiKey, useApiKeys } from './api';

/** Open311 API keys: the key is shown once, right after creation. */
export function ApiKeysSection({ partnerId, canCreate }: { partnerId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const list = useApiKeys(partnerId);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(async () => {
    const k = await createApiKey(partnerId, label.trim());
    setCreated(k.key);
    setLabel('');
    list.reload();
  });
  const revoke = useMutation(async (id: string) => {
    await revokeApiKey(id);
    list.reload();
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    void create.run();
  }
  const items = list.data?.items ?? [];
  return (
    <Section title={t('partners.apiKeys')}>
      <p className="muted">{t('partners.apiKeysHint')}</p>
      <ErrorAlert error={list.error ?? revoke.error} />
      {created && (
        <div className="card" role="status">
          <p>{t('partners.keyShownOnce')}</p>
          <p>
            <code style={{ overflowWrap: 'anywhere' }}>{created}</code>
          </p>
        </div>
      )}
      {items.length === 0 && list.data && <p className="muted">{t('partners.noApiKeys')}</p>}
      <ul className="notif-list">
        {items.map((k) => (
          <li key={k.id}>
            {k.label} · {t('partners.createdAt', { at: formatDateTime(k.created_at) })}
            {k.revoked_at ? (
              <> · {t('partners.revokedAt', { at: formatDateTime(k.revoked_at) })}</>
            ) : (
              can('partner:write') && (
                <>
                  {' '}
                  <Button
                    variant="danger"
                    isDisabled={revoke.pending}
                    onPress={() => void revoke.run(k.id)}
                    aria-label={t('partners.revokeKey', { label: k.label })}
                  >
                    {t('partners.revoke')}
                  </Button>
                </>
              )
            )}
          </li>
        ))}
      </ul>
      {can('partner:write') && canCreate && (
        <form className="inline-form" onSubmit={submit}>
          <ErrorAlert error={create.error} />
          <TextInput label={t('partners.keyLabel')} value={label} onChange={setLabel} isRequired maxLength={100} />
          <Button type="submit" isDisabled={create.pending || !label.trim()}>
            {t('partners.createKey')}
          </Button>
        </form>
      )}
    </Section>
  );
}
