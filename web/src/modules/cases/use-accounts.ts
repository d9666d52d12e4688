import { useAuth } from '../../app/auth';
import { useApi } from '../../app/use-api';
import type { Account, Items } from '../../app/types';

/** Staff who can take cases; only for roles allowed to list accounts. */
export function useAssignableAccounts(): Account[] {
  const { can } = useAuth();
  const res = useApi<Items<Account>>(can('account:read') ? '/accounts' : null);
  return (res.data?.items ?? []).filter((a) => !a.disabled && (a.role === 'hub_staff' || a.role === 'hub_lead' || a.role === 'outreach'));
}
