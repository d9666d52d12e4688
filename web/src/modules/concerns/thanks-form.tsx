import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { thankReporter } from './api';

/** The hub thanks the reporter; they see the message in their "my reports" (and nothing else). */
export function ThanksForm({ concernId, current }: { concernId: string; current: string | null }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState(current ?? t('thanks.default'));
  const [sent, setSent] = useState<string | null>(current);
  const m = useMutation(async (text: string) => {
    await thankReporter(concernId, text);
    return text;
  });
  return (
    <Section title={t('thanks.title')}>
      <p className="muted">{t('thanks.lead')}</p>
      <ErrorAlert error={m.error} />
      {sent && <SuccessNote>{t('thanks.sent', { message: sent })}</SuccessNote>}
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          const done = await m.run(message.trim());
          if (done) setSent(done);
        }}
      >
        <TextInput label={t('thanks.message')} value={message} onChange={setMessage} multiline isRequired />
        <Button type="submit" isDisabled={m.pending || !message.trim()}>
          {t('thanks.submit')}
        </Button>
      </form>
    </Section>
  );
}
