import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { DraftNote } from '../../app/ui/draft-note';
import { Button, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { useDraft } from '../../app/use-draft';
import { useUrgencyTargets } from '../concerns/categories';
import { type CaseDetail, type CaseUpdate, URGENCIES, type Urgency, updateCase } from './api';

/**
 * Raise or lower the urgency after triage, with a reason. The first-contact deadline is
 * recomputed from receipt (覚知) with the tenant's targets — shown before saving — and the change
 * goes into the timeline.
 */
export function UrgencyForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const targets = useUrgencyTargets();
  // '' is "unchanged": after a save the form follows the case's new urgency.
  const draft = useDraft('case-urgency', c.id, { urgency: '' as Urgency | '', reason: '' });
  const urgency = draft.value.urgency || c.urgency;
  const { reason } = draft.value;
  const [saved, setSaved] = useState(false);
  const m = useMutation((body: CaseUpdate) => updateCase(c.id, body).then(() => true));
  const newDue = new Date(Date.parse(c.received_at) + targets[urgency] * 3_600_000).toISOString();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (await m.run({ urgency, urgency_reason: reason.trim() })) {
      draft.clear();
      setSaved(true);
      onDone();
    }
  }
  const ready = urgency !== c.urgency && !!reason.trim();
  return (
    <form className="form" onSubmit={submit}>
      <DraftNote draft={draft} />
      <RadioField
        label={t('urgencyChange.label')}
        value={urgency}
        onChange={(v) => draft.update({ urgency: v as Urgency })}
        isRequired
        options={URGENCIES.map((u) => ({
          id: u,
          label: u === c.urgency ? t('urgencyChange.current', { urgency: t(`urgency.${u}`) }) : t(`urgency.${u}`),
          hint: t(`urgencyHint.${u}`),
        }))}
      />
      {urgency !== c.urgency && !c.first_contact_at && (
        <p className="alert alert--warn" role="status">
          {t('urgencyChange.newDue', { due: formatDateTime(newDue), previous: formatDateTime(c.first_contact_due_at) })}
        </p>
      )}
      <TextInput
        label={t('urgencyChange.reason')}
        description={t('urgencyChange.reasonHint')}
        value={reason}
        onChange={(v) => draft.update({ reason: v })}
        multiline
        isRequired
      />
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('urgencyChange.saved')}</SuccessNote>}
      <Button type="submit" isDisabled={m.pending || !ready}>
        {t('urgencyChange.submit')}
      </Button>
    </form>
  );
}
