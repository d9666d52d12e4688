import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DraftNote } from '../../app/ui/draft-note';
import { Button, RadioField, SelectField } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { useDraft } from '../../app/use-draft';
import { CASE_STATUSES, type CaseDetail, type CaseStatus, type CaseUpdate, OUTCOMES, type Outcome, updateCase } from './api';

/** Move between open / supporting / closed; closing needs an outcome. */
export function StatusForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  // '' is "unchanged": after a save the form follows the case.
  const draft = useDraft('case-status', c.id, { status: '' as CaseStatus | '', outcome: '' });
  const status = draft.value.status || c.status;
  const outcome = draft.value.outcome || c.outcome || '';
  const [saved, setSaved] = useState(false);
  const m = useMutation((body: CaseUpdate) => updateCase(c.id, body).then(() => true));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body: CaseUpdate = { status };
    // The server answers `outcome` as free text; what is sent is one of OUTCOMES, from the select.
    if (status === 'closed') body.outcome = outcome as Outcome;
    if (await m.run(body)) {
      draft.clear();
      setSaved(true);
      onDone();
    }
  }
  const ready = status !== c.status && (status !== 'closed' || outcome);
  return (
    <form className="form" onSubmit={submit}>
      <DraftNote draft={draft} />
      <RadioField
        label={t('cases.status')}
        orientation="horizontal"
        value={status}
        onChange={(v) => draft.update({ status: v as CaseStatus })}
        options={CASE_STATUSES.map((s) => ({ id: s, label: t(`caseStatus.${s}`) }))}
      />
      {status === 'closed' && (
        <SelectField
          label={t('cases.outcome')}
          isRequired
          value={outcome}
          onChange={(v) => draft.update({ outcome: v })}
          placeholder={t('common.choose')}
          options={OUTCOMES.map((o) => ({ id: o, label: t(`outcome.${o}`) }))}
        />
      )}
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('status.saved')}</SuccessNote>}
      <Button type="submit" variant={status === 'closed' ? 'danger' : 'primary'} isDisabled={m.pending || !ready}>
        {status === 'closed' ? t('status.close') : t('status.submit')}
      </Button>
    </form>
  );
}
