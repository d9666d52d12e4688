import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, RadioField, SelectField } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { CASE_STATUSES, type CaseDetail, type CaseStatus, type CaseUpdate, OUTCOMES, type Outcome, updateCase } from './api';

/** Move between open / supporting / closed; closing needs an outcome. */
export function StatusForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CaseStatus>(c.status);
  const [outcome, setOutcome] = useState(c.outcome ?? '');
  const [saved, setSaved] = useState(false);
  const m = useMutation((body: CaseUpdate) => updateCase(c.id, body).then(() => true));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body: CaseUpdate = { status };
    // The server answers `outcome` as free text; what is sent is one of OUTCOMES, from the select.
    if (status === 'closed') body.outcome = outcome as Outcome;
    if (await m.run(body)) {
      setSaved(true);
      onDone();
    }
  }
  const ready = status !== c.status && (status !== 'closed' || outcome);
  return (
    <form className="form" onSubmit={submit}>
      <RadioField
        label={t('cases.status')}
        orientation="horizontal"
        value={status}
        onChange={(v) => setStatus(v as CaseStatus)}
        options={CASE_STATUSES.map((s) => ({ id: s, label: t(`caseStatus.${s}`) }))}
      />
      {status === 'closed' && (
        <SelectField
          label={t('cases.outcome')}
          isRequired
          value={outcome}
          onChange={setOutcome}
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
