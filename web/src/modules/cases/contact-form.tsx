import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, toLocalInput } from '../../app/format';
import { Button, CheckboxField, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { addContact, CONTACT_METHODS, type ContactMethod, type NewContact } from './api';

/** Record a visit or call; the first one that reached the person (or settled things) is the first contact. */
export function ContactForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<ContactMethod>('visit');
  const [reached, setReached] = useState(false);
  const [settled, setSettled] = useState(false);
  // The input shows whole minutes; left untouched it means "now", sent to the second so a
  // contact right after receipt is not rounded to before it.
  const [defaultAt, setDefaultAt] = useState(() => toLocalInput(new Date()));
  const [occurredAt, setOccurredAt] = useState(defaultAt);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const m = useMutation((body: NewContact) => addContact(caseId, body).then(() => true));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const at = occurredAt === defaultAt ? new Date().toISOString() : fromLocalInput(occurredAt);
    if (await m.run({ method, reached, settled, occurred_at: at, note })) {
      setSaved(true);
      setNote('');
      setReached(false);
      setSettled(false);
      const now = toLocalInput(new Date());
      setDefaultAt(now);
      setOccurredAt(now);
      onDone();
    }
  }

  return (
    <form className="form" onSubmit={submit}>
      <RadioField
        label={t('contact.method')}
        orientation="horizontal"
        value={method}
        onChange={(v) => setMethod(v as ContactMethod)}
        options={CONTACT_METHODS.map((x) => ({ id: x, label: t(`contactMethod.${x}`) }))}
      />
      <CheckboxField isSelected={reached} onChange={setReached} description={t('contact.reachedHint')}>
        {t('contact.reached')}
      </CheckboxField>
      <CheckboxField isSelected={settled} onChange={setSettled} description={t('contact.settledHint')}>
        {t('contact.settled')}
      </CheckboxField>
      <TextInput label={t('contact.occurredAt')} type="datetime-local" value={occurredAt} onChange={setOccurredAt} isRequired />
      <TextInput label={t('contact.note')} value={note} onChange={setNote} multiline />
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('contact.saved')}</SuccessNote>}
      <Button type="submit" isDisabled={m.pending}>
        {t('contact.submit')}
      </Button>
    </form>
  );
}
