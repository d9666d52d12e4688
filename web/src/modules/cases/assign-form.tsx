import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { DraftNote } from '../../app/ui/draft-note';
import { Button, SelectField } from '../../app/ui/fields';
import { ErrorAlert, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { useDraft } from '../../app/use-draft';
import { type CaseDetail, updateCase } from './api';
import { useAssignableAccounts } from './use-accounts';

/** Leads pick anyone; staff can take the case themselves. */
export function AssignForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const accounts = useAssignableAccounts();
  // '' is "unchanged": after a save the form follows the case.
  const draft = useDraft('case-assign', c.id, { assignee: '' });
  const assignee = draft.value.assignee || c.assignee_id || '';
  const [saved, setSaved] = useState(false);
  const m = useMutation((id: string) => updateCase(c.id, { assignee_id: id }).then(() => true));

  async function assign(id: string) {
    setSaved(false);
    if (await m.run(id)) {
      draft.clear();
      setSaved(true);
      onDone();
    }
  }

  return (
    <div className="form">
      <DraftNote draft={draft} />
      <p>
        {t('cases.assignee')}: <strong>{c.assignee_name ?? t('cases.unassigned')}</strong>
      </p>
      {can('case:assign') && accounts.length > 0 && (
        <div className="inline-form">
          <SelectField
            label={t('assign.pick')}
            value={assignee}
            onChange={(v) => draft.update({ assignee: v })}
            placeholder={t('common.choose')}
            options={accounts.map((a) => ({ id: a.id, label: a.display_name }))}
          />
          <Button isDisabled={!assignee || assignee === c.assignee_id || m.pending} onPress={() => void assign(assignee)}>
            {t('assign.submit')}
          </Button>
        </div>
      )}
      {me && c.assignee_id !== me.account_id && (
        <Button variant="secondary" isDisabled={m.pending} onPress={() => void assign(me.account_id)}>
          {t('assign.toMe')}
        </Button>
      )}
      <ErrorAlert error={m.error} />
      {saved && <SuccessNote>{t('assign.saved')}</SuccessNote>}
    </div>
  );
}
