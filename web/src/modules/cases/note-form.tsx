import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { addNote } from './api';

export function NoteForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [saved, setSaved] = useState(false);
  const m = useMutation((b: string) => addNote(caseId, b).then(() => true));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (await m.run(body)) {
      setBody('');
      setSaved(true);
      onDone();
    }
  }
  return (
    <form className="form" onSubmit={submit}>
      <TextInput label={t('note.body')} value={body} onChange={setBody} multiline isRequired />
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('note.saved')}</SuccessNote>}
      <Button type="submit" isDisabled={m.pending || !body.trim()}>
        {t('note.submit')}
      </Button>
    </form>
  );
}
