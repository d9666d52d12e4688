import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, PageHeading, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { type Invitation, inviteSupporter, useDevices } from './api';
import { DeviceList } from './device-list';
import { OneTimeCodeCard } from './one-time-code';

/** Supporter (見守りサポーター) invitations: each makes an account and a one-time enrollment QR code. */
export function SupportersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const devices = useDevices('supporter');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState<Invitation | null>(null);
  const invite = useMutation(async () => {
    setCode(await inviteSupporter({ display_name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) }));
    setName('');
    setEmail('');
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    void invite.run();
  }
  return (
    <>
      <PageHeading title={t('supporters.title')} />
      {can('partner:write') && (
        <Section title={t('supporters.invite')}>
          <form className="form" onSubmit={submit}>
            <ErrorAlert error={invite.error} />
            <TextInput label={t('supporters.name')} value={name} onChange={setName} isRequired maxLength={100} />
            <TextInput
              label={t('supporters.email')}
              description={t('supporters.emailHint')}
              type="email"
              inputMode="email"
              value={email}
              onChange={setEmail}
              maxLength={200}
            />
            <Button type="submit" isDisabled={invite.pending || !name.trim()}>
              {t('supporters.send')}
            </Button>
          </form>
          {code && <OneTimeCodeCard code={code} title={t('supporters.codeFor', { name: code.display_name })} />}
        </Section>
      )}
      <Section title={t('supporters.devices')}>
        <ErrorAlert error={devices.error} />
        {devices.data && <DeviceList devices={devices.data.items} onChange={devices.reload} />}
      </Section>
    </>
  );
}
