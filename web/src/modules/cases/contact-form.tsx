import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, toLocalInput } from '../../app/format';
import { DraftNote } from '../../app/ui/draft-note';
import { Button, CheckboxField, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { useDraft } from '../../app/use-draft';
import { addContact, CONTACT_METHODS, type ContactMethod, type NewContact } from './api';

/** Record a visit or call; the first one that reached the person (or settled things) is the first contact. */
export function ContactForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  // occurredAt '' means "now": the input shows the current minute, and the contact is sent to the
  // second so one right after receipt is not rounded to before it. A typed time is kept in the draft.
  const draft = useDraft('case-contact', caseId, {
    method: 'visit' as ContactMethod,
    reached: false,
    settled: false,
    occurredAt: '',
    note: '',
  });
  const f = draft.value;
  const [defaultAt, setDefaultAt] = useState(() => toLocalInput(new Date()));
  const [saved, setSaved] = useState(false);
  const m = useMutation((body: NewContact) => addContact(caseId, body).then(() => true));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const at = f.occurredAt && f.occurredAt !== defaultAt ? fromLocalInput(f.occurredAt) : new Date().toISOString();
    if (await m.run({ method: f.method, reached: f.reached, settled: f.settled, occurred_at: at, note: f.note })) {
      setSaved(true);
      draft.clear();
      setDefaultAt(toLocalInput(new Date()));
      onDone();
    }
  }

  return (
    <form className="form" onSubmit={submit}>
      <DraftNote draft={draft} />
      <RadioField
        label={t('contact.method')}
        orientation="horizontal"
        value={f.method}
        onChange={(v) => draft.update({ method: v as ContactMethod })}
        options={CONTACT_METHODS.map((x) => ({ id: x, label: t(`contactMethod.${x}`) }))}
      />
      <CheckboxField isSelected={f.reached} onChange={(reached) => draft.update({ reached })} description={t('contact.reachedHint')}>
        {t('contact.reached')}
      </CheckboxField>
      <CheckboxField isSelected={f.settled} onChange={(settled) => draft.update({ settled })} description={t('contact.settledHint')}>
        {t('contact.settled')}
      </CheckboxField>
      <TextInput
        label={t('contact.occurredAt')}
        type="datetime-local"
        value={f.occurredAt || defaultAt}
        onChange={(occurredAt) => draft.update({ occurredAt })}
        isRequired
      />
      <TextInput label={t('contact.note')} value={f.note} onChange={(note) => draft.update({ note })} multiline />
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('contact.saved')}</SuccessNote>}
      <Button type="submit" isDisabled={m.pending}>
        {t('contact.submit')}
      </Button>
    </form>
  );
}
