import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { SelectField } from '../../app/ui/fields';
import { useAssignableAccounts } from './use-accounts';

/**
 * Who takes the case, chosen at triage (optional): a lead picks anyone who takes cases, staff may
 * take it themselves (handing it to someone else is the lead's call, as on the case page).
 */
export function AssigneeField({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const accounts = useAssignableAccounts();
  if (!me || !can('case:write')) return null;
  const options = can('case:assign') && accounts.length > 0 ? accounts.map((a) => ({ id: a.id, label: a.display_name })) : [];
  const mine = { id: me.account_id, label: t('assignField.me', { name: me.display_name }) };
  return (
    <SelectField
      label={t('assignField.label')}
      description={t('assignField.hint')}
      value={value}
      onChange={onChange}
      options={[{ id: '', label: t('cases.unassigned') }, mine, ...options.filter((o) => o.id !== me.account_id)]}
    />
  );
}
