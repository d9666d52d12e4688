import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DraftNote } from '../../app/ui/draft-note';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { useDraft } from '../../app/use-draft';
import { addNote } from './api';

export function NoteForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const draft = useDraft('case-note', caseId, { body: '' });
  const [saved, setSaved] = useState(false);
  const m = useMutation((b: string) => addNote(caseId, b).then(() => true));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (await m.run(draft.value.body)) {
      draft.clear();
      setSaved(true);
      onDone();
    }
  }
  return (
    <form className="form" onSubmit={submit}>
      <DraftNote draft={draft} />
      <TextInput label={t('note.body')} value={draft.value.body} onChange={(body) => draft.update({ body })} multiline isRequired />
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('note.saved')}</SuccessNote>}
      <Button type="submit" isDisabled={m.pending || !draft.value.body.trim()}>
        {t('note.submit')}
      </Button>
    </form>
  );
}
