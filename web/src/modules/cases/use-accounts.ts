import { useAuth } from '../../app/auth';
import { type Account, useAccounts } from '../auth/api';

/** Staff who can take cases; only for roles allowed to list accounts. */
export function useAssignableAccounts(): Account[] {
  const { can } = useAuth();
  const res = useAccounts(can('account:read'));
  return (res.data?.items ?? []).filter((a) => !a.disabled && (a.role === 'hub_staff' || a.role === 'hub_lead' || a.role === 'outreach'));
}
